/*
 * cap_builders.h: capabilities made by hand for the CSpace host tests.
 */
#ifndef CAIRN_TEST_CAP_BUILDERS_H
#define CAIRN_TEST_CAP_BUILDERS_H

#include <stdint.h>

#include "cap.h"
#include "cdt.h"

/* A CNode capability over slots: radix, then guard_bits of guard above it. */
static inline struct cap cnode_cap(struct cte *slots, unsigned radix, unsigned guard_bits,
                                   uint64_t guard)
{
    return (struct cap){.type = CAP_CNODE, .rights = CAIRN_RIGHTS_ALL,
                        .size_bits = (uint8_t)radix, .guard_bits = (uint8_t)guard_bits,
                        .object = (uint64_t)(uintptr_t)slots, .data = guard};
}

/* An endpoint capability (only its type matters to a lookup). */
static inline struct cap endpoint_cap(uint64_t object)
{
    return (struct cap){.type = CAP_ENDPOINT, .rights = CAIRN_RIGHTS_ALL, .object = object};
}

#endif
