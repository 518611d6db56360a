/*
 * roottask.h: building the first user thread from the ELF image inside the kernel.
 */
#ifndef CAIRN_KERNEL_ROOTTASK_H
#define CAIRN_KERNEL_ROOTTASK_H

#include <stddef.h>

#include "abi/bootinfo.h"

/*
 * Validates the ELF at image (size bytes), builds its address space from boot memory
 * (segments, stack, boot-info page), and makes its thread runnable. Returns the boot-info
 * page (through the kernel window) for the caller to fill. Panics, naming the problem,
 * when the image is invalid or memory runs out: without a root task there is no system.
 */
struct cairn_bootinfo *roottask_create(const void *image, size_t size);

#endif
