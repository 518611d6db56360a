/*
 * cspace.h: finding a capability slot from a capability address (cptr) and a depth.
 *
 * Exactly seL4's rule: starting at a CNode capability, take the CNode's guard bits from
 * the top of the remaining address and compare them with its guard, then take radix bits
 * as the slot index. If bits remain and the slot holds another CNode capability, go on
 * there. A lookup for a slot operation must use up exactly `depth` bits; the lookup of
 * an invoked capability may stop early at the first slot that is not a CNode.
 *
 * Cairn's one addition: a walk goes on only through CNode capabilities with the write
 * right. Bits left at an inspect-only one (no write) fail with LOOKUP_INSPECT_ONLY, so
 * holding one lets a thread describe that CNode's slots but never invoke what they hold.
 * The root is the caller's to check: DESCRIBE walks from an inspect-only CNode.
 */
#ifndef CAIRN_KERNEL_CSPACE_H
#define CAIRN_KERNEL_CSPACE_H

#include <stdint.h>

#include "abi/error.h"
#include "cdt.h"

/* The ABI's lookup failures (abi/error.h), plus success. */
enum lookup_failure {
    LOOKUP_OK = 0,
    LOOKUP_INVALID_ROOT = CAIRN_LOOKUP_INVALID_ROOT,
    LOOKUP_MISSING_CAPABILITY = CAIRN_LOOKUP_MISSING_CAPABILITY,
    LOOKUP_DEPTH_MISMATCH = CAIRN_LOOKUP_DEPTH_MISMATCH,
    LOOKUP_GUARD_MISMATCH = CAIRN_LOOKUP_GUARD_MISMATCH,
    LOOKUP_INSPECT_ONLY = CAIRN_LOOKUP_INSPECT_ONLY,
};

/* True for a CNode capability a walk may go through and slot operations may use. */
static inline bool cap_is_writable_cnode(const struct cap *c)
{
    return c->type == CAP_CNODE && (c->rights & CAIRN_RIGHT_WRITE) != 0;
}

struct lookup_result {
    struct cte *slot;      /* the slot found (0 on failure) */
    unsigned failure;      /* enum lookup_failure */
    unsigned bits_left;    /* address bits not yet used when the walk stopped */
};

/* Resolves up to depth (1..64) bits of cptr starting at root; see above. */
struct lookup_result cspace_resolve(const struct cap *root, uint64_t cptr, unsigned depth);

/* A slot for a CNode operation: all depth bits must be used. depth must be 1..64. */
struct lookup_result cspace_lookup_slot(const struct cap *root, uint64_t cptr, unsigned depth);

/* The slot of an invoked capability: a full-word lookup that may stop early. */
struct lookup_result cspace_lookup_cap(const struct cap *root, uint64_t cptr);

/*
 * For the IPC fastpath: the slot cspace_lookup_cap finds for cptr, or 0 when that lookup
 * fails (the general path then reports exactly why). A tighter form of cspace_resolve,
 * which stays the reference (tests/host/test_cspace.c checks they agree on random
 * CSpaces): per level, the top `bits` bits of cptr hold the guard, then the index.
 */
static inline __attribute__((always_inline)) const struct cte *
cspace_lookup_cap_fast(const struct cap *node, uint64_t cptr)
{
    if (node->type != CAP_CNODE) {
        return 0;
    }
    unsigned bits = CAIRN_WORD_BITS;
    for (;;) {
        unsigned level = node->guard_bits + node->size_bits;
        if (level == 0 || level > bits) {
            return 0;
        }
        unsigned below = bits - level;   /* < 64: a level takes at least one bit */
        uint64_t chunk = cptr >> below;  /* the guard, then the index */
        if (chunk >> node->size_bits != node->data) {
            return 0;
        }
        const struct cte *slot = (const struct cte *)(uintptr_t)node->object +
                                 (chunk & ((1ull << node->size_bits) - 1));
        if (below == 0 || slot->cap.type != CAP_CNODE) {
            return slot;   /* bits may be left: like cspace_lookup_cap, stop at a leaf */
        }
        if ((slot->cap.rights & CAIRN_RIGHT_WRITE) == 0) {
            return 0;      /* inspect-only: no walk goes through it */
        }
        cptr &= (1ull << below) - 1;
        bits = below;
        node = &slot->cap;
    }
}

#endif
