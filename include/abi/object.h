/*
 * object.h: kernel object types and their sizes, as user space names them in retype.
 *
 * Every kernel object lives in memory retyped from an untyped region; its size in bytes
 * is 1 << (its *_BITS). Objects are naturally aligned, so a size is also an alignment.
 */
#ifndef CAIRN_ABI_OBJECT_H
#define CAIRN_ABI_OBJECT_H

enum cairn_object_type {
    CAIRN_OBJECT_UNTYPED = 0,       /* size_bits chosen by the caller */
    CAIRN_OBJECT_TCB = 1,
    CAIRN_OBJECT_ENDPOINT = 2,
    CAIRN_OBJECT_NOTIFICATION = 3,
    CAIRN_OBJECT_CNODE = 4,         /* size_bits = radix: 1 << radix slots */
    CAIRN_OBJECT_FRAME_4K = 5,
    CAIRN_OBJECT_FRAME_2M = 6,
    CAIRN_OBJECT_PAGE_TABLE = 7,    /* one Sv39 table: a VSpace root or an inner level */
    CAIRN_OBJECT_TYPE_COUNT = 8,
};

#define CAIRN_TCB_BITS 10
#define CAIRN_ENDPOINT_BITS 4
#define CAIRN_NOTIFICATION_BITS 6
#define CAIRN_SLOT_BITS 6            /* one CNode slot (a capability and its tree links) */
#define CAIRN_FRAME_4K_BITS 12
#define CAIRN_FRAME_2M_BITS 21
#define CAIRN_PAGE_TABLE_BITS 12
#define CAIRN_ASID_POOL_BITS 12

#define CAIRN_UNTYPED_MIN_BITS 4
#define CAIRN_UNTYPED_MAX_BITS 38
#define CAIRN_CNODE_MIN_RADIX 1
#define CAIRN_CNODE_MAX_RADIX 16   /* 4 MiB: bounds the time one CNode takes to destroy */

/* Capability types, as CAIRN_SYS_DEBUG_CAP_IDENTIFY reports them. */
enum cairn_cap_type {
    CAIRN_CAP_TYPE_NULL = 0,
    CAIRN_CAP_TYPE_UNTYPED = 1,
    CAIRN_CAP_TYPE_CNODE = 2,
    CAIRN_CAP_TYPE_TCB = 3,
    CAIRN_CAP_TYPE_ENDPOINT = 4,
    CAIRN_CAP_TYPE_NOTIFICATION = 5,
    CAIRN_CAP_TYPE_REPLY = 6,
    CAIRN_CAP_TYPE_FRAME = 7,
    CAIRN_CAP_TYPE_PAGE_TABLE = 8,
    CAIRN_CAP_TYPE_ASID_CONTROL = 9,
    CAIRN_CAP_TYPE_ASID_POOL = 10,
    CAIRN_CAP_TYPE_IRQ_CONTROL = 11,
    CAIRN_CAP_TYPE_IRQ_HANDLER = 12,
    CAIRN_CAP_TYPE_ZOMBIE = 13,       /* only ever seen inside the kernel */
    CAIRN_CAP_TYPE_COUNT = 14,
};

/* A capability address: resolved through CNodes, most significant bits first. */
typedef unsigned long cairn_cptr_t;
#define CAIRN_WORD_BITS 64

/* Access rights on capabilities, one set of bits for every type (the copy/mint mask).
 * Endpoints and notifications use write (send), read (receive) and the grants; frames
 * use read, write and execute (a mapping never gets write and execute together). */
#define CAIRN_RIGHT_WRITE (1u << 0)
#define CAIRN_RIGHT_READ (1u << 1)
#define CAIRN_RIGHT_GRANT (1u << 2)
#define CAIRN_RIGHT_GRANT_REPLY (1u << 3)
#define CAIRN_RIGHT_EXECUTE (1u << 4)
#define CAIRN_RIGHTS_ALL 0x1fu

#endif
