/*
 * vspace.h: Sv39 address spaces for user threads.
 *
 * A VSpace is a three-level page table whose root also holds the kernel window (root
 * slots 256..511, copied from the kernel's own table), so the kernel keeps running
 * when it switches satp to a thread's root. Page-table pages come from a caller's
 * allocator: at boot that is boot memory; later, untyped objects.
 */
#ifndef CAIRN_ARCH_VSPACE_H
#define CAIRN_ARCH_VSPACE_H

#include <stdbool.h>
#include <stdint.h>

#define VM_READ 1u
#define VM_WRITE 2u
#define VM_EXEC 4u

/* Returns the physical address of a zeroed 4 KiB page, or 0 when none is left. */
typedef uint64_t (*page_alloc_fn)(void);

/* Removes the identity mapping boot.S needed to turn paging on. */
void vspace_drop_boot_identity_map(void);

/* Copies the kernel window into the (zeroed) root table at root_paddr. */
void vspace_copy_kernel_window(uint64_t root_paddr);

/*
 * Maps the 4 KiB page at vaddr (user half, page aligned) to paddr with rights
 * (VM_READ/WRITE/EXEC, never WRITE with EXEC), allocating intermediate tables.
 * Returns false when an allocation fails or vaddr is already mapped.
 */
bool vspace_map_page(uint64_t root, uint64_t vaddr, uint64_t paddr, unsigned rights,
                     page_alloc_fn alloc);

/*
 * Translates a user address: true, with *paddr set, when vaddr is mapped for user
 * access with at least `rights`. Never faults, whatever vaddr is.
 */
bool vspace_translate(uint64_t root, uint64_t vaddr, unsigned rights, uint64_t *paddr);

/* Switches the hart to the address space with this root (0: the kernel's own table). */
void vspace_activate(uint64_t root);

/*
 * ASIDs name address spaces inside frame capabilities (cap.aux), so a frame can be
 * unmapped from wherever it is mapped even after other capabilities have changed.
 */
#define VSPACE_ASID_COUNT 256

/* Gives the VSpace whose root table is at root_paddr an ASID; returns it, or 0 if none left. */
unsigned vspace_assign_asid(uint64_t root_paddr);

struct cap;

/* Removes the mapping a frame capability records (cap.data = vaddr + 1, cap.aux = ASID). */
void vspace_unmap_frame(const struct cap *frame);

/* True when the page table a capability names is a VSpace root (it has an ASID). */
bool vspace_is_root(const struct cap *table);

/* A page-table object is going away: if it is a VSpace root, its ASID is freed. */
void vspace_forget_root(const struct cap *table);

#endif
