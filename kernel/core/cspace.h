/*
 * cspace.h: finding a capability slot from a capability address (cptr) and a depth.
 *
 * Exactly seL4's rule: starting at a CNode capability, take the CNode's guard bits from
 * the top of the remaining address and compare them with its guard, then take radix bits
 * as the slot index. If bits remain and the slot holds another CNode capability, go on
 * there. A lookup for a slot operation must use up exactly `depth` bits; the lookup of
 * an invoked capability may stop early at the first slot that is not a CNode.
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
};

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

#endif
