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

/* Makes a new root table holding the kernel window. Returns its physical address or 0. */
uint64_t vspace_create(page_alloc_fn alloc);

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

/* Switches the hart to the address space with this root. */
void vspace_activate(uint64_t root);

#endif
