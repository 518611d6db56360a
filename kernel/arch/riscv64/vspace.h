/*
 * vspace.h: Sv39 address spaces for user threads.
 *
 * A VSpace is a three-level page table whose root also holds the kernel window (root
 * slots 256..511, copied from the kernel's own table), so the kernel keeps running
 * when it switches satp to a thread's root. At boot, page-table pages come from boot
 * memory (vspace_map_page); afterwards user space maps page-table and frame objects
 * itself through the invocations in kernel/object/frame.c, which find an entry here
 * first (vspace_find_*) and then fill it (vspace_set_*), so that only the decode step
 * can fail.
 *
 * A mapping is recorded in the capability that made it, as (ASID, vaddr): frames and
 * page tables keep vaddr + 1 in cap.data (0 = unmapped) and the ASID in cap.aux.
 */
#ifndef CAIRN_ARCH_VSPACE_H
#define CAIRN_ARCH_VSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "csr.h"
#include "memory.h"

#define VM_READ 1u
#define VM_WRITE 2u
#define VM_EXEC 4u

typedef uint64_t pte_t;

/* Returns the physical address of a zeroed 4 KiB page, or 0 when none is left. */
typedef uint64_t (*page_alloc_fn)(void);

/* Removes the identity mapping boot.S needed to turn paging on. */
void vspace_drop_boot_identity_map(void);

/* Copies the kernel window into the (zeroed) root table at root_paddr. */
void vspace_copy_kernel_window(uint64_t root_paddr);

/*
 * Maps the 4 KiB page at vaddr (user half, page aligned) to paddr with rights
 * (VM_READ/WRITE/EXEC, never WRITE with EXEC), allocating intermediate tables.
 * Returns false when an allocation fails or vaddr is already mapped. Boot only.
 */
bool vspace_map_page(uint64_t root, uint64_t vaddr, uint64_t paddr, unsigned rights,
                     page_alloc_fn alloc);

/*
 * Translates a user address: true, with *paddr set, when vaddr is mapped for user
 * access with at least `rights`. Never faults, whatever vaddr is.
 */
bool vspace_translate(uint64_t root, uint64_t vaddr, unsigned rights, uint64_t *paddr);

/* The kernel's own root table (boot.S): the top half of every address space. */
extern pte_t kernel_root_table[];

/* ---- entries for the invocations ------------------------------------------------ */

/* Levels of an Sv39 walk: the root is level 2; a level-1 leaf maps 2 MiB, level 0 4 KiB. */
#define VSPACE_LEVEL_2M 1u
#define VSPACE_LEVEL_4K 0u

enum vspace_slot_state {
    VSPACE_SLOT_FREE,            /* entry is empty and may be filled */
    VSPACE_SLOT_MISSING_TABLE,   /* the walk met an empty entry above the level wanted */
    VSPACE_SLOT_OCCUPIED,        /* a mapping or a table is there already */
};

struct vspace_slot {
    enum vspace_slot_state state;
    pte_t *entry;          /* FREE: the entry to fill */
    unsigned level;        /* the level of the entry where the walk stopped */
    unsigned bits_left;    /* address bits that entry still had to translate: 12 + 9 * level */
};

/*
 * Finds the entry that maps vaddr (below CAIRN_USER_VADDR_TOP, aligned to the level)
 * at `level` (VSPACE_LEVEL_4K or _2M) in the VSpace rooted at root. Never allocates.
 */
struct vspace_slot vspace_find_leaf_slot(uint64_t root, uint64_t vaddr, unsigned level);

/*
 * Finds where a page table for vaddr goes: the first empty entry on the way down
 * (level 2 for a level-1 table, level 1 for a level-0 table); OCCUPIED when both levels
 * exist already or a leaf is in the way.
 */
struct vspace_slot vspace_find_table_slot(uint64_t root, uint64_t vaddr);

/* Fills a FREE slot for vaddr in the address space `asid` with a user leaf for paddr
 * (VM_* rights, never empty), then flushes that page from the TLB. */
void vspace_set_leaf(struct vspace_slot slot, uint64_t paddr, unsigned rights, uint64_t vaddr,
                     unsigned asid);

/* Empties the table at table_paddr, puts it in a FREE slot of the address space `asid`,
 * then flushes that address space from the TLB. */
void vspace_set_table(struct vspace_slot slot, uint64_t table_paddr, unsigned asid);

/* The first address the table put in slot translates (vaddr rounded down to its reach). */
uint64_t vspace_table_base(struct vspace_slot slot, uint64_t vaddr);

/* ---- ASIDs ------------------------------------------------------------------------
 * ASIDs name address spaces inside capabilities (cap.aux), so a mapping can be removed
 * from wherever it is even after other capabilities have changed. The value kept is
 * the ASID with a generation above VSPACE_ASID_BITS that changes each time the ASID
 * is freed: a capability that outlives its address space never matches a new one
 * that got the same number. The ASIDs come in pools of VSPACE_POOL_ASIDS: pool 0 is
 * the kernel's (the root task's ASID comes from it), ASID control hands out the
 * others, and a pool's ASIDs go when its last capability does.
 */
#define VSPACE_ASID_BITS 10
#define VSPACE_ASID_COUNT (1u << VSPACE_ASID_BITS)
#define VSPACE_POOL_ASIDS 64
#define VSPACE_POOL_COUNT (VSPACE_ASID_COUNT / VSPACE_POOL_ASIDS)

/*
 * The hardware sees the same ASIDs (without the generation) in satp: TLB entries are
 * tagged with them, so switching address spaces flushes nothing, and a change to one
 * address space flushes only its own entries ("TLB shootdown by ASID"). A root without an
 * ASID - the kernel's own table - runs as ASID 0, flushed whenever it is switched to; so
 * does everything on a hart with fewer than VSPACE_ASID_BITS ASID bits.
 */

/* Finds how many ASID bits the hart has (at boot) and returns that number. */
unsigned vspace_probe_asids(void);

/* ASID -> physical address of its root table; 0 for a free ASID (and for ASID 0). */
extern uint64_t vspace_asid_roots[VSPACE_ASID_COUNT];

/* The hardware ASID of the address space rooted at root, or 0 (none, or no ASIDs),
 * found by a search. */
unsigned vspace_find_hardware_asid(uint64_t root);

/* True when the ASID hint is right for root (root's ASID, never for the kernel's table). */
static inline bool vspace_asid_hint_holds(uint64_t root, unsigned hint)
{
    return root != 0 && vspace_asid_roots[hint % VSPACE_ASID_COUNT] == root;
}

/* The same, `hint` when it still holds (the common case: no search). */
static inline unsigned vspace_hardware_asid(uint64_t root, unsigned hint)
{
    return vspace_asid_hint_holds(root, hint) ? hint % VSPACE_ASID_COUNT
                                               : vspace_find_hardware_asid(root);
}

/*
 * Switches the hart to the address space with this root (0: the kernel's table alone).
 * asid_hint is the ASID vspace_hardware_asid gave for it before; it is checked (an ASID
 * can be freed and given to another root at any time), and a stale hint only costs a
 * TLB flush, never correctness. Inline and without calls: every switch between threads
 * runs it, the IPC fastpath included.
 */
static inline __attribute__((always_inline)) void vspace_activate(uint64_t root,
                                                                 unsigned asid_hint)
{
    unsigned asid = vspace_asid_hint_holds(root, asid_hint) ? asid_hint % VSPACE_ASID_COUNT : 0;
    uint64_t table = root != 0 ? root : virt_to_phys(kernel_root_table);
    uint64_t satp = SATP_MODE_SV39 | (uint64_t)asid << SATP_ASID_SHIFT | table >> CAIRN_PAGE_BITS;
    if (csr_read(satp) != satp) {
        csr_write(satp, satp);
        if (asid == 0) {
            sfence_vma_all();   /* ASID 0 is shared by every root without one */
        }
    }
}

/* Gives the VSpace whose root table is at root_paddr an ASID of pool 0 (at boot);
 * returns it (with its generation), or 0 if none is left. */
unsigned vspace_assign_asid(uint64_t root_paddr);

/* A pool nobody holds (1..VSPACE_POOL_COUNT-1), or 0 when all are taken. */
unsigned vspace_free_pool(void);

/* Marks a pool vspace_free_pool returned as held. */
void vspace_claim_pool(unsigned pool);

/* A free ASID of a held pool, or 0 when the pool is full. */
unsigned vspace_pool_free_asid(unsigned pool);

/*
 * Makes the page table at root_paddr the VSpace root of a free ASID that
 * vspace_pool_free_asid returned: empties its user half, copies the kernel window in.
 */
void vspace_bind_asid(unsigned asid, uint64_t root_paddr);

struct cap;

/* The ASID (with generation) of the page table a capability names, or 0 if it is no root. */
unsigned vspace_root_asid(const struct cap *table);

/* True when the page table a capability names is a VSpace root (it has an ASID). */
bool vspace_is_root(const struct cap *table);

/* Removes the mapping a frame capability records, if it is still there; the cap is unchanged. */
void vspace_unmap_frame(const struct cap *frame);

/* Removes the mapping a page-table capability records, if it is still there. */
void vspace_unmap_table(const struct cap *table);

/*
 * A page-table object's last capability is going: its mapping (if any) is removed, and
 * if it is a VSpace root, its ASID is freed.
 */
void vspace_forget_root(const struct cap *table);

/*
 * An ASID pool's last capability is going: every VSpace root in it loses its ASID and
 * its user half (threads still running there fault; nothing stays mapped that a frame's
 * deletion could no longer find), and the pool is free again.
 */
void vspace_forget_pool(const struct cap *pool);

#endif
