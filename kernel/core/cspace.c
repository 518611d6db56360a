/*
 * cspace.c: the CNode walk. Bit arithmetic only; shifts are kept below 64 so nothing
 * is undefined whatever the cptr, depth, guard or radix.
 */
#include "cspace.h"

#include "abi/object.h"

/* The width bits of value just below bit position `end` (end <= 64, width <= end). */
static uint64_t bits_below(uint64_t value, unsigned end, unsigned width)
{
    if (width == 0) {
        return 0;
    }
    uint64_t shifted = end - width >= 64 ? 0 : value >> (end - width);
    return width >= 64 ? shifted : shifted & ((1ull << width) - 1);
}

static struct lookup_result failed(unsigned failure, unsigned bits_left)
{
    return (struct lookup_result){.slot = 0, .failure = failure, .bits_left = bits_left};
}

struct lookup_result cspace_resolve(const struct cap *root, uint64_t cptr, unsigned depth)
{
    const struct cap *node = root;
    unsigned bits = depth;
    if (node->type != CAP_CNODE) {
        return failed(LOOKUP_INVALID_ROOT, bits);
    }
    for (;;) {
        unsigned radix = node->size_bits;
        unsigned guard_bits = node->guard_bits;
        unsigned level = radix + guard_bits;
        if (guard_bits > bits || bits_below(cptr, bits, guard_bits) != node->data) {
            return failed(LOOKUP_GUARD_MISMATCH, bits);
        }
        if (level > bits || level == 0) {
            return failed(LOOKUP_DEPTH_MISMATCH, bits);
        }
        struct cte *slots = (struct cte *)(uintptr_t)node->object;
        struct cte *slot = &slots[bits_below(cptr, bits - guard_bits, radix)];
        bits -= level;
        if (bits == 0 || slot->cap.type != CAP_CNODE) {
            return (struct lookup_result){.slot = slot, .failure = LOOKUP_OK, .bits_left = bits};
        }
        node = &slot->cap;
    }
}

struct lookup_result cspace_lookup_slot(const struct cap *root, uint64_t cptr, unsigned depth)
{
    struct lookup_result r = cspace_resolve(root, cptr, depth);
    if (r.failure == LOOKUP_OK && r.bits_left != 0) {
        return failed(LOOKUP_DEPTH_MISMATCH, r.bits_left);
    }
    return r;
}

struct lookup_result cspace_lookup_cap(const struct cap *root, uint64_t cptr)
{
    return cspace_resolve(root, cptr, CAIRN_WORD_BITS);
}
