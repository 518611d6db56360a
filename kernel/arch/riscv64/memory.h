/*
 * memory.h: the kernel's virtual memory layout on Sv39.
 *
 * The kernel runs in the top half of every address space. Its window maps physical
 * address p at KERNEL_WINDOW_BASE + p with 1 GiB pages: the first two gigabytes
 * (devices) read/write, the next KERNEL_WINDOW_RAM_GIB gigabytes (RAM from 0x80000000)
 * read/write/execute. User space owns the whole lower half.
 */
#ifndef CAIRN_ARCH_MEMORY_H
#define CAIRN_ARCH_MEMORY_H

#define KERNEL_WINDOW_BASE 0xffffffc000000000
#define KERNEL_WINDOW_RAM_GIB 6
#define KERNEL_WINDOW_ROOT_INDEX 256   /* the root page-table slot of physical address 0 */

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void *phys_to_virt(uint64_t paddr)
{
    return (void *)(uintptr_t)(paddr + KERNEL_WINDOW_BASE);
}

static inline uint64_t virt_to_phys(const void *vaddr)
{
    return (uint64_t)(uintptr_t)vaddr - KERNEL_WINDOW_BASE;
}

/* The highest physical address + 1 the window covers. */
#define KERNEL_WINDOW_PHYS_END ((2ull + KERNEL_WINDOW_RAM_GIB) << 30)
#endif

#endif
