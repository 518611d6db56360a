/*
 * invocation.h: the labels of every object invocation, with its arguments and errors.
 *
 * An invocation is a Call (or Send) on a capability: the message label picks the
 * operation, message words carry the arguments (MRn below), extra capabilities carry
 * capability arguments (CAPn). Results come back as message words. "index, depth"
 * address a slot relative to a CNode capability, exactly as in seL4. Every error a
 * label can return is listed; the conformance suite (tests/kernel) has a case for each.
 *
 * CNode capabilities and the write right: a CNode capability without CAIRN_RIGHT_WRITE is
 * *inspect-only*. It answers CAIRN_CNODE_DESCRIBE and nothing else: every other CNode
 * label on it, and its use as a source or destination root, a retype destination or a
 * thread's CSpace, is INVALID_CAPABILITY; a cptr walk stops at it with FAILED_LOOKUP
 * (CAIRN_LOOKUP_INSPECT_ONLY), so its holder can never invoke what the CNode holds.
 */
#ifndef CAIRN_ABI_INVOCATION_H
#define CAIRN_ABI_INVOCATION_H

#include <stdint.h>

enum cairn_invocation_label {
    CAIRN_INVALID_INVOCATION = 0,

    /* MR0 type, MR1 size_bits, MR2 index, MR3 depth, MR4 offset, MR5 count; CAP0 dest root.
     * Makes `count` objects in slots offset..offset+count-1 of the CNode at (index, depth).
     * Errors: TRUNCATED_MESSAGE, INVALID_ARGUMENT (type), RANGE (size_bits, count, offset),
     * FAILED_LOOKUP (dest CNode), INVALID_CAPABILITY (CAP0 or the dest CNode inspect-only),
     * DELETE_FIRST (a slot is full), NOT_ENOUGH_MEMORY. */
    CAIRN_UNTYPED_RETYPE = 1,
    /* Replies MR0 free bytes, MR1 size_bits, MR2 physical address, MR3 is_device. */
    CAIRN_UNTYPED_DESCRIBE = 2,

    /* MR0 index, MR1 depth. Deletes every capability derived from the one there. */
    CAIRN_CNODE_REVOKE = 10,
    /* MR0 index, MR1 depth. Empties the slot; the last capability destroys its object. */
    CAIRN_CNODE_DELETE = 11,
    /* MR0 index, MR1 depth. Cancels pending sends carrying that badged endpoint's badge. */
    CAIRN_CNODE_CANCEL_BADGED_SENDS = 12,
    /* MR0 dest index, MR1 dest depth, MR2 src index, MR3 src depth, MR4 rights; CAP0 src root. */
    CAIRN_CNODE_COPY = 13,
    /* As COPY, then MR5 badge (endpoints, notifications) or guard (CNodes). */
    CAIRN_CNODE_MINT = 14,
    /* MR0 dest index, MR1 dest depth, MR2 src index, MR3 src depth; CAP0 src root. */
    CAIRN_CNODE_MOVE = 15,
    /* As MOVE, then MR4 badge or guard: move and set the badge in one step. */
    CAIRN_CNODE_MUTATE = 16,
    /* MR0 dest index, MR1 dest depth, MR2 dest badge, MR3 pivot index, MR4 pivot depth,
     * MR5 pivot badge, MR6 src index, MR7 src depth; CAP0 pivot root, CAP1 src root.
     * src -> pivot -> dest, atomically (dest may equal src: a swap). */
    CAIRN_CNODE_ROTATE = 17,
    /* MR0 index, MR1 depth. Moves the caller's reply capability into the slot. */
    CAIRN_CNODE_SAVE_CALLER = 18,
    /* MR0 index, MR1 depth; the only label an inspect-only CNode capability answers. Replies
     * CAIRN_CAP_DESCRIPTION_WORDS words, struct cairn_cap_description below (words 4.. in
     * the IPC buffer). The walk to the slot starts at the invoked CNode whatever its
     * rights, and stops at inspect-only CNodes below it as every walk does.
     * Errors: TRUNCATED_MESSAGE (2 words), RANGE (depth 1..64), FAILED_LOOKUP. */
    CAIRN_CNODE_DESCRIBE = 19,

    /* MR0 suspend source (0/1), MR1 count (1..32). Replies count registers: word 0 is
     * the pc, word i (1..31) is register xi. Errors: RANGE (count). */
    CAIRN_TCB_READ_REGISTERS = 30,
    /* MR0 resume target (0/1), MR1 count (1..32), MR2.. registers in the order above.
     * A target waiting in a system call abandons it (it is left inactive unless resumed).
     * Errors: RANGE (count), TRUNCATED_MESSAGE, ILLEGAL_OPERATION (the caller itself). */
    CAIRN_TCB_WRITE_REGISTERS = 31,
    /* MR0 fault endpoint cptr, MR1 CSpace root guard data, MR2 IPC buffer address;
     * CAP0 CSpace root (CNode), CAP1 VSpace root (page table), CAP2 IPC buffer frame.
     * An inspect-only CSpace root is INVALID_CAPABILITY (here and in SET_SPACE). */
    CAIRN_TCB_CONFIGURE = 32,
    /* MR0 priority; CAP0 the authority TCB (its maximum controlled priority bounds it). */
    CAIRN_TCB_SET_PRIORITY = 33,
    /* MR0 maximum controlled priority; CAP0 the authority TCB. */
    CAIRN_TCB_SET_MC_PRIORITY = 34,
    /* MR0 IPC buffer address; CAP0 its frame (or none with address 0). */
    CAIRN_TCB_SET_IPC_BUFFER = 35,
    /* MR0 fault endpoint cptr, MR1 CSpace root guard data; CAP0 CSpace, CAP1 VSpace. */
    CAIRN_TCB_SET_SPACE = 36,
    CAIRN_TCB_SUSPEND = 37,
    CAIRN_TCB_RESUME = 38,
    /* CAP0 the notification to bind. */
    CAIRN_TCB_BIND_NOTIFICATION = 39,
    CAIRN_TCB_UNBIND_NOTIFICATION = 40,
    /* MR0..MR2: up to 23 name bytes, little-endian, NUL-padded (debug output only). */
    CAIRN_TCB_SET_NAME = 41,

    /* A VSpace root is a page table with an ASID (CAIRN_ASID_POOL_ASSIGN). A CAP0 that is
     * none is INVALID_CAPABILITY (no detail words). A missing page table on the way to an
     * address is FAILED_LOOKUP: MR0 0, MR1 CAIRN_LOOKUP_MISSING_CAPABILITY, MR2 the address
     * bits left where the walk stopped: 30 (no level-1 table), 21 (no level-0 table). */

    /* MR0 vaddr, MR1 rights (CAIRN_RIGHT_READ/WRITE/EXECUTE); CAP0 VSpace root. Maps a 4 KiB
     * frame at level 0 or a 2 MiB one at level 1, with the rights asked for that the
     * capability has (write implies read). One mapping per frame capability: copy it to map
     * the frame again; deleting a mapped capability, final or not, unmaps it.
     * Errors: TRUNCATED_MESSAGE (2 words, 1 cap); ILLEGAL_OPERATION (this capability is
     * mapped already); INVALID_CAPABILITY (CAP0, or the capability has none of the rights);
     * INVALID_ARGUMENT(0) (the frame would reach CAIRN_USER_VADDR_TOP); ALIGNMENT (vaddr
     * not aligned to the frame size); INVALID_ARGUMENT(1) (no rights, bits other than
     * R/W/X, or write with execute); FAILED_LOOKUP (a page table is missing); DELETE_FIRST
     * (vaddr is mapped: a page, a larger page, or for a 2 MiB frame a page table). */
    CAIRN_FRAME_MAP = 50,
    /* Removes this capability's own mapping, if it still has one. No errors. */
    CAIRN_FRAME_UNMAP = 51,
    /* Replies MR0 physical address. No errors. */
    CAIRN_FRAME_GET_ADDRESS = 52,
    /* MR0 vaddr; CAP0 VSpace root. Puts the table, emptied, in the first missing level on
     * the way to vaddr: in the root (a level-1 table, 1 GiB) or in a level-1 table (level 0,
     * 2 MiB). Copies made afterwards share the one mapping; the last capability to go
     * removes it. Errors: TRUNCATED_MESSAGE (1 word, 1 cap); ILLEGAL_OPERATION (the table
     * is a VSpace root or mapped already); REVOKE_FIRST (other capabilities to the table
     * exist); INVALID_CAPABILITY (CAP0); INVALID_ARGUMENT(0) (vaddr at or above
     * CAIRN_USER_VADDR_TOP); DELETE_FIRST (both levels exist, or a page covers vaddr). */
    CAIRN_PAGE_TABLE_MAP = 53,
    /* Takes the table out of its parent (nothing happens if it is not mapped), and with it
     * everything mapped through it. Errors: ILLEGAL_OPERATION (a VSpace root: delete it),
     * REVOKE_FIRST (the table is mapped and other capabilities to it exist). */
    CAIRN_PAGE_TABLE_UNMAP = 54,
    /* MR0 index, MR1 depth; CAP0 untyped (exactly CAIRN_ASID_POOL_BITS), CAP1 dest root.
     * The whole untyped becomes a pool of 64 ASIDs; when the pool's last capability goes,
     * its VSpaces lose their ASIDs and every mapping. Errors: TRUNCATED_MESSAGE (2 words,
     * 2 caps); INVALID_CAPABILITY (CAP0 is no 4 KiB RAM untyped, CAP1 inspect-only);
     * REVOKE_FIRST (objects were made from it); RANGE, FAILED_LOOKUP (dest slot);
     * DELETE_FIRST (dest slot full, or all pools taken). */
    CAIRN_ASID_CONTROL_MAKE_POOL = 55,
    /* CAP0 the page table to make a VSpace root: its user half is emptied and the kernel
     * window copied in. Deleting its last capability frees the ASID. Errors:
     * TRUNCATED_MESSAGE; INVALID_CAPABILITY (not a page table); ILLEGAL_OPERATION (mapped,
     * or a root already); DELETE_FIRST (the pool has no free ASID). */
    CAIRN_ASID_POOL_ASSIGN = 56,

    /* MR0 irq, MR1 index, MR2 depth; CAP0 dest root (INVALID_CAPABILITY if inspect-only). */
    CAIRN_IRQ_CONTROL_GET = 60,
    CAIRN_IRQ_HANDLER_ACK = 61,
    /* CAP0 the notification to signal. */
    CAIRN_IRQ_HANDLER_SET_NOTIFICATION = 62,
    CAIRN_IRQ_HANDLER_CLEAR = 63,
};

/* The reply of CAIRN_CNODE_DESCRIBE, word i being field i. Fields that do not apply to the
 * capability's type are 0; an empty slot is all 0 (type CAIRN_CAP_TYPE_NULL). */
struct cairn_cap_description {
    uint64_t type;        /* enum cairn_cap_type */
    uint64_t rights;      /* CAIRN_RIGHT_* */
    uint64_t object;      /* the object's identity, its physical address (untyped: the
                           * region's; reply: the caller's TCB); 0 for IRQ handlers (see
                           * number) and the control capabilities (there is one of each) */
    uint64_t size_bits;   /* log2 of the object's bytes; a CNode's radix (2^radix slots) */
    uint64_t badge;       /* endpoint, notification: the badge (0: unbadged) */
    uint64_t guard;       /* CNode: the guard value ... */
    uint64_t guard_bits;  /* ... and how many cptr bits it takes */
    uint64_t flags;       /* CAIRN_DESCRIBE_* below */
    uint64_t vaddr;       /* frame, page table with CAIRN_DESCRIBE_MAPPED: where */
    uint64_t free_bytes;  /* untyped: bytes not yet retyped */
    uint64_t number;      /* IRQ handler: its IRQ; ASID pool: the pool's number */
};

#define CAIRN_DESCRIBE_MAPPED (1u << 0)       /* frame, page table: this capability's mapping
                                                 (its VSpace may have gone since) */
#define CAIRN_DESCRIBE_DEVICE (1u << 1)       /* untyped: device memory */
#define CAIRN_DESCRIBE_VSPACE_ROOT (1u << 2)  /* page table: it has an ASID */
#define CAIRN_CAP_DESCRIPTION_WORDS 11

_Static_assert(sizeof(struct cairn_cap_description) == CAIRN_CAP_DESCRIPTION_WORDS * 8,
               "a description is whole words with no padding");

#endif
