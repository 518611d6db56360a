/*
 * cap.h: what a capability is inside the kernel.
 *
 * A capability names one object and what its holder may do with it. The struct keeps
 * seL4's information in plain fields rather than packed bit fields, so every field
 * reads as what it is: the type, rights, a size, a guard, and the object's kernel
 * address, plus one type-specific word (a badge, a guard value, a mapping address or
 * an untyped region's watermark).
 */
#ifndef CAIRN_KERNEL_CAP_H
#define CAIRN_KERNEL_CAP_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/object.h"

/* The ABI's numbering, so a debug identify call can report the type as it is. */
enum cap_type {
    CAP_NULL = CAIRN_CAP_TYPE_NULL,
    CAP_UNTYPED = CAIRN_CAP_TYPE_UNTYPED,
    CAP_CNODE = CAIRN_CAP_TYPE_CNODE,
    CAP_TCB = CAIRN_CAP_TYPE_TCB,
    CAP_ENDPOINT = CAIRN_CAP_TYPE_ENDPOINT,
    CAP_NOTIFICATION = CAIRN_CAP_TYPE_NOTIFICATION,
    CAP_REPLY = CAIRN_CAP_TYPE_REPLY,
    CAP_FRAME = CAIRN_CAP_TYPE_FRAME,
    CAP_PAGE_TABLE = CAIRN_CAP_TYPE_PAGE_TABLE,
    CAP_ASID_CONTROL = CAIRN_CAP_TYPE_ASID_CONTROL,
    CAP_ASID_POOL = CAIRN_CAP_TYPE_ASID_POOL,
    CAP_IRQ_CONTROL = CAIRN_CAP_TYPE_IRQ_CONTROL,
    CAP_IRQ_HANDLER = CAIRN_CAP_TYPE_IRQ_HANDLER,
    CAP_ZOMBIE = CAIRN_CAP_TYPE_ZOMBIE,   /* a CNode or TCB being emptied by a delete */
    CAP_TYPE_COUNT = CAIRN_CAP_TYPE_COUNT,
};

struct cap {
    uint8_t type;        /* enum cap_type */
    uint8_t rights;      /* CAIRN_RIGHT_*; a zombie keeps its object's cap type here */
    uint8_t size_bits;   /* untyped: region size; CNode: radix; frame: page size */
    uint8_t guard_bits;  /* CNode: how many cptr bits the guard takes */
    uint32_t aux;        /* frame: ASID it is mapped in; IRQ handler: the IRQ number;
                            untyped: 1 for device memory; zombie: first slot to scan */
    uint64_t object;     /* kernel address of the object (untyped: of the region) */
    uint64_t data;       /* endpoint, notification: badge; CNode: guard value;
                            frame, page table: mapped virtual address + 1 (0 = unmapped),
                            with aux the ASID (and its generation) it is mapped in;
                            ASID pool: aux is the pool number;
                            untyped: bytes already retyped (the watermark);
                            zombie: the slot of the zombie above, or 0 */
};

static inline struct cap cap_null(void)
{
    return (struct cap){.type = CAP_NULL};
}

static inline bool cap_is_null(const struct cap *c)
{
    return c->type == CAP_NULL;
}

/* A name for messages: "untyped", "cnode", ... */
const char *cap_type_name(unsigned type);

/* True when a and b name the same object (not the same rights or badge). */
bool cap_same_object(const struct cap *a, const struct cap *b);

/* The size of the object the capability names, in bytes (untyped: its region). */
uint64_t cap_object_size(const struct cap *c);

#endif
