/*
 * plan_encode.h: writing a plan as the binary boot plan (bootplan.h).
 */
#ifndef SYSDESC_PLAN_ENCODE_H
#define SYSDESC_PLAN_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

struct plan_bytes {
    uint8_t *data;                 /* malloc'd, 8-byte aligned: the caller frees it */
    size_t size;
};

/* Encodes a sound plan (check_plan found nothing). Returns false only when out of memory. */
bool plan_encode(const struct plan *plan, struct plan_bytes *out);

#endif
