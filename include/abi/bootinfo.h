/*
 * bootinfo.h: what the kernel tells the root task at start, and where the root task lives.
 *
 * The kernel maps one read-only page holding struct cairn_bootinfo into the root task and
 * passes its address in a0. It lists every untyped memory region the kernel left free,
 * so the root task can account for all of RAM, and where the boot archive is: a blob the
 * build put in the boot image beside the root task (the system's component images and
 * boot plan), copied into the root task's own pages so it goes when they do. The layout constants below place the
 * root task's stack and boot-info page; both sides read them from here.
 */
#ifndef CAIRN_ABI_BOOTINFO_H
#define CAIRN_ABI_BOOTINFO_H

#include <stdint.h>

#define CAIRN_PAGE_BITS 12
#define CAIRN_PAGE_SIZE (1ul << CAIRN_PAGE_BITS)

/* User virtual addresses are [0, CAIRN_USER_VADDR_TOP): the lower half of Sv39. */
#define CAIRN_USER_VADDR_TOP (1ul << 38)

/* Where the kernel maps the root task's boot-info page, IPC buffer and stack. */
#define CAIRN_ROOT_BOOTINFO_VADDR 0x7fff0000ul
/* Where it maps the boot archive (read-only), if the boot image has one, and its limit. */
#define CAIRN_ROOT_ARCHIVE_VADDR 0x20000000ul
#define CAIRN_ROOT_ARCHIVE_MAX (64ul << 20)
#define CAIRN_ROOT_IPC_BUFFER_VADDR 0x7fff2000ul
#define CAIRN_ROOT_STACK_TOP 0x7ffe0000ul
#define CAIRN_ROOT_STACK_PAGES 4

#define CAIRN_BOOTINFO_MAGIC 0x4e524143u /* "CARN" in memory order */
#define CAIRN_ABI_VERSION 3u
#define CAIRN_MAX_UNTYPED 96
#define CAIRN_VERSION_LEN 16

/* One power-of-two sized, naturally aligned region of free physical memory. */
struct cairn_untyped_desc {
    uint64_t paddr;     /* physical base address, aligned to 1 << size_bits */
    uint8_t size_bits;  /* the region holds 1 << size_bits bytes */
    uint8_t is_device;  /* 1 for device memory (not RAM); 0 for RAM */
    uint8_t padding[6];
};

struct cairn_bootinfo {
    uint32_t magic;                        /* CAIRN_BOOTINFO_MAGIC */
    uint32_t abi_version;                  /* CAIRN_ABI_VERSION */
    char kernel_version[CAIRN_VERSION_LEN]; /* NUL-terminated, e.g. "0.1.0" */
    uint64_t ram_bytes;          /* all RAM the device tree describes */
    uint64_t firmware_bytes;     /* RAM reserved by firmware (OpenSBI) and the device tree */
    uint64_t kernel_image_bytes; /* the kernel's text, data and bss */
    uint64_t kernel_boot_bytes;  /* the root task's untyped (CAIRN_CAP_INIT_UNTYPED): all its
                                    objects were made from it, the rest of it is free */
    uint64_t boot_instret;       /* instret read at the kernel's first instruction */
    uint64_t untyped_lost_bytes; /* free RAM that did not fit in the untyped list (normally 0) */
    uint64_t archive_vaddr;      /* the boot archive (the system's images and boot plan), */
    uint64_t archive_bytes;      /*   mapped read-only; 0 bytes when the image has none */
    uint64_t untyped_count;      /* entries used in untyped[]; entry i's capability is
                                    in slot CAIRN_CAP_FIRST_UNTYPED + i */
    struct cairn_untyped_desc untyped[CAIRN_MAX_UNTYPED];
};

_Static_assert(sizeof(struct cairn_untyped_desc) == 16, "untyped descriptor is 16 bytes");
_Static_assert(sizeof(struct cairn_bootinfo) <= CAIRN_PAGE_SIZE, "boot info fits one page");
_Static_assert(CAIRN_ROOT_BOOTINFO_VADDR % CAIRN_PAGE_SIZE == 0, "boot info page aligned");
_Static_assert(CAIRN_ROOT_STACK_TOP % CAIRN_PAGE_SIZE == 0, "stack top page aligned");
_Static_assert(CAIRN_ROOT_STACK_TOP < CAIRN_ROOT_BOOTINFO_VADDR, "stack below boot info");
_Static_assert(CAIRN_ROOT_ARCHIVE_VADDR + CAIRN_ROOT_ARCHIVE_MAX <=
               CAIRN_ROOT_STACK_TOP - (CAIRN_ROOT_STACK_PAGES + 1) * CAIRN_PAGE_SIZE,
               "the archive ends below the stack and its guard page");
_Static_assert(CAIRN_ROOT_IPC_BUFFER_VADDR > CAIRN_ROOT_BOOTINFO_VADDR + CAIRN_PAGE_SIZE,
               "an unmapped page between boot info and IPC buffer");

#endif
