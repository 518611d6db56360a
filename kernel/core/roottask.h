/*
 * roottask.h: building the first user thread from the ELF image inside the kernel.
 */
#ifndef CAIRN_KERNEL_ROOTTASK_H
#define CAIRN_KERNEL_ROOTTASK_H

#include <stddef.h>

#include "abi/bootinfo.h"

/* What the boot image holds for the root task: its ELF, and the boot archive (may be empty). */
struct roottask_images {
    const void *elf;
    size_t elf_bytes;
    const void *archive;
    size_t archive_bytes;
};

/*
 * Builds the root task from its ELF: every object it needs (CNode, TCB, page tables,
 * frames, boot info, IPC buffer, a read-only copy of the archive) is carved from one
 * untyped region taken from boot memory, whose capability the root task receives in
 * CAIRN_CAP_INIT_UNTYPED: revoking it later gives all of that memory back. Returns the
 * boot-info page (archive fields filled) for the caller to complete. Panics, naming the
 * problem, when the image is invalid or memory runs out: without a root task there is
 * no system.
 */
struct cairn_bootinfo *roottask_create(const struct roottask_images *images);

/* Gives the root task one capability per untyped region in info, and starts it. */
void roottask_start(const struct cairn_bootinfo *info);

#endif
