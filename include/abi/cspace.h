/*
 * cspace.h: the root task's initial CSpace, slot by slot.
 *
 * The kernel fills these slots of the root task's root CNode at boot. The untyped
 * capabilities follow from CAIRN_CAP_FIRST_UNTYPED; struct cairn_bootinfo says how
 * many there are and describes each. Slots after them are empty and the root task's
 * to use. Written once here; both the kernel and user code use these names.
 */
#ifndef CAIRN_ABI_CSPACE_H
#define CAIRN_ABI_CSPACE_H

enum cairn_initial_slot {
    CAIRN_CAP_NULL = 0,            /* always empty: cptr 0 names no capability */
    CAIRN_CAP_INIT_TCB = 1,        /* the root task's own thread */
    CAIRN_CAP_INIT_CNODE = 2,      /* its root CNode (this CNode) */
    CAIRN_CAP_INIT_VSPACE = 3,     /* its VSpace root page table */
    CAIRN_CAP_IRQ_CONTROL = 4,     /* authority to make IRQ handler capabilities */
    CAIRN_CAP_ASID_CONTROL = 5,    /* authority to make ASID pools */
    CAIRN_CAP_INIT_ASID_POOL = 6,  /* reserved for the pool holding the root task's ASID
                                      (empty until ASID pools are implemented) */
    CAIRN_CAP_BOOTINFO_FRAME = 7,  /* the frame holding struct cairn_bootinfo */
    CAIRN_CAP_INIT_IPC_BUFFER = 8, /* the root task's IPC buffer frame */
    CAIRN_CAP_INIT_UNTYPED = 9,    /* the untyped all of the above were made from:
                                      revoking it gives the root task's memory back */
    CAIRN_CAP_FIRST_UNTYPED = 10,  /* then one capability per free untyped region */
};

/* The root CNode has 1 << CAIRN_ROOT_CNODE_RADIX slots and a zero guard that fills the
 * rest of the word, so with depth CAIRN_WORD_BITS a slot's cptr is its slot number. */
#define CAIRN_ROOT_CNODE_RADIX 8

#endif
