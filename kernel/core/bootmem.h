/*
 * bootmem.h: the kernel's memory during boot, and the untyped list it leaves behind.
 *
 * At boot the kernel knows which RAM is free (the device tree's memory minus what
 * firmware and the kernel image occupy) and takes pages from it for the root task's
 * objects. When boot is done, everything still free is cut into untyped regions and
 * handed to the root task; from then on the kernel allocates nothing by itself.
 */
#ifndef CAIRN_KERNEL_BOOTMEM_H
#define CAIRN_KERNEL_BOOTMEM_H

#include <stdint.h>

#include "abi/bootinfo.h"
#include "fdt.h"

/* The memory figures boot reports, in bytes. */
struct bootmem_stats {
    uint64_t ram;           /* all RAM the device tree describes */
    uint64_t firmware;      /* RAM in firmware-reserved ranges */
    uint64_t kernel_image;  /* the kernel's text, data and bss */
    uint64_t boot_objects;  /* regions taken with bootmem_alloc_region */
};

/*
 * Starts boot memory: RAM from platform minus its reserved ranges, minus the kernel
 * image from kernel_base to image_end (physical). Panics if the set overflows.
 */
void bootmem_init(const struct platform_info *platform, uint64_t kernel_base,
                  uint64_t kernel_end, uint64_t image_end);

/* Takes a naturally aligned region of 2^bits bytes; returns its physical address or 0. */
uint64_t bootmem_alloc_region(unsigned bits);

/* Gives [base, end) back to free memory (used for the embedded image once loaded). */
void bootmem_release(uint64_t base, uint64_t end);

/* Ends boot allocation: fills info's untyped list with all free memory. */
void bootmem_finish(struct cairn_bootinfo *info);

/* Appends device untyped regions covering each device's pages to info's list. */
void bootmem_add_devices(const struct platform_info *platform, struct cairn_bootinfo *info);

const struct bootmem_stats *bootmem_stats(void);

#endif
