/*
 * cspace.c: the CNode walk. Bit arithmetic only; shifts are kept below 64 so nothing
 * is undefined whatever the cptr, depth, guard or radix.
 *
 * The arithmetic of one level lives in cspace_step, a pure function whose ACSL contract
 * `make prove` checks with Frama-C's WP: no runtime error for any input, a slot index
 * inside the CNode, and fewer bits left after every successful level (so the walk ends).
 */
#include "cspace.h"

#include "abi/object.h"

/* The width bits of value just below bit position `end` (end <= 64, width <= end). */
/*@ requires end <= 64 && width <= end;
    assigns \nothing;
    ensures width < 64 ==> \result < (1 << width);
*/
static uint64_t bits_below(uint64_t value, unsigned end, unsigned width)
{
    if (width == 0) {
        return 0;
    }
    uint64_t shifted = end - width >= 64 ? 0 : value >> (end - width);
    return width >= 64 ? shifted : shifted % (1ull << width);
}

/* One level of the walk, as pure arithmetic. */
struct cspace_step {
    unsigned failure;      /* LOOKUP_OK, LOOKUP_GUARD_MISMATCH or LOOKUP_DEPTH_MISMATCH */
    uint64_t index;        /* the slot, when LOOKUP_OK: always < 1 << radix */
    unsigned bits_left;    /* bits after this level (unchanged on failure) */
};

/* What a CNode with this radix, guard size and guard does with the top `bits` bits of
 * cptr that are left (bits <= 64). Static, so it is inlined into the walk. */
/*@ requires bits <= 64 && radix <= 255 && guard_bits <= 255;
    assigns \nothing;
    ensures \result.failure == LOOKUP_OK || \result.failure == LOOKUP_GUARD_MISMATCH ||
            \result.failure == LOOKUP_DEPTH_MISMATCH;
    ensures \result.failure == LOOKUP_OK ==>
            \result.index < (1 << radix) && \result.bits_left < bits &&
            \result.bits_left == bits - radix - guard_bits;
    ensures \result.failure != LOOKUP_OK ==> \result.bits_left == bits;
*/
static struct cspace_step cspace_step(uint64_t cptr, unsigned bits, unsigned radix,
                                      unsigned guard_bits, uint64_t guard)
{
    struct cspace_step step = {.failure = LOOKUP_GUARD_MISMATCH, .index = 0, .bits_left = bits};
    if (guard_bits > bits || bits_below(cptr, bits, guard_bits) != guard) {
        return step;
    }
    if (radix + guard_bits > bits || radix + guard_bits == 0) {
        step.failure = LOOKUP_DEPTH_MISMATCH;
        return step;
    }
    step.index = bits_below(cptr, bits - guard_bits, radix);
    step.bits_left = bits - radix - guard_bits;
    step.failure = LOOKUP_OK;
    return step;
}

/*@ assigns \nothing; */
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
        struct cspace_step step = cspace_step(cptr, bits, node->size_bits, node->guard_bits,
                                              node->data);
        if (step.failure != LOOKUP_OK) {
            return failed(step.failure, bits);
        }
        struct cte *slot = (struct cte *)(uintptr_t)node->object + step.index;
        bits = step.bits_left;
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
