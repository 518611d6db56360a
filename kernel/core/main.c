/*
 * main.c: kernel_main, the boot sequence after boot.S has turned paging on.
 *
 * Read the device tree, learn the console and exit device, work out free memory,
 * start the tick, build the root task from the embedded image, give the image's pages
 * back, turn all remaining RAM into untyped regions listed in the root task's boot
 * info, and run it. See docs/boot.md for the whole path.
 */
#include "abi/version.h"
#include "bootmem.h"
#include "console.h"
#include "csr.h"
#include "fdt.h"
#include "machine.h"
#include "memory.h"
#include "monitor.h"
#include "panic.h"
#include "plic.h"
#include "roottask.h"
#include "sched.h"
#include "timer.h"
#include "trap.h"
#include "vspace.h"

/* QEMU reserves 1 MiB for the device tree; real ones are far smaller. */
#define DTB_MAX_SIZE (1u << 20)

/* Symbols from kernel.ld (virtual addresses in the kernel window). */
extern char __kernel_start[], __kernel_end[], __rootimage_start[], __rootimage_end[],
    __archive_start[], __archive_end[];
extern char __image_end[];

void kernel_main(uint64_t hart, uint64_t dtb_paddr, uint64_t boot_instret);

static void read_device_tree(uint64_t dtb_paddr, struct platform_info *platform)
{
    if (dtb_paddr % 8 != 0 || dtb_paddr >= KERNEL_WINDOW_PHYS_END - DTB_MAX_SIZE) {
        panic("device tree address 0x%lx is misaligned or outside the kernel window", dtb_paddr);
    }
    int err = fdt_parse(phys_to_virt(dtb_paddr), DTB_MAX_SIZE, platform);
    if (err != FDT_OK) {
        panic("device tree at 0x%lx: %s", dtb_paddr, fdt_strerror(err));
    }
    machine_set_exit_device(platform->test_base);
    if (platform->uart_base != 0) {
        console_use_uart(platform->uart_base);
        monitor_set_console_irq(platform->uart_irq);
    }
}

static void print_platform(const struct platform_info *p)
{
    for (unsigned i = 0; i < p->memory_count; i++) {
        kprintf("  memory   0x%lx..0x%lx (%lu KiB)\n", p->memory[i].base,
                p->memory[i].base + p->memory[i].size, p->memory[i].size >> 10);
    }
    for (unsigned i = 0; i < p->reserved_count; i++) {
        kprintf("  reserved 0x%lx..0x%lx\n", p->reserved[i].base,
                p->reserved[i].base + p->reserved[i].size);
    }
    kprintf("  uart 0x%lx irq %u, plic 0x%lx (%u sources), exit device 0x%lx, timebase %u Hz\n",
            p->uart_base, p->uart_irq, p->plic_base, p->plic_sources, p->test_base,
            p->timebase_hz);
}

static void fill_bootinfo(struct cairn_bootinfo *info, uint64_t boot_instret)
{
    const struct bootmem_stats *s = bootmem_stats();
    info->magic = CAIRN_BOOTINFO_MAGIC;
    info->abi_version = CAIRN_ABI_VERSION;
    const char *version = CAIRN_VERSION_STRING;
    for (unsigned i = 0; version[i] != '\0' && i + 1 < CAIRN_VERSION_LEN; i++) {
        info->kernel_version[i] = version[i];
    }
    info->ram_bytes = s->ram;
    info->firmware_bytes = s->firmware;
    info->kernel_image_bytes = s->kernel_image;
    info->kernel_boot_bytes = s->boot_objects;
    info->boot_instret = boot_instret;
}

static void print_memory(const struct cairn_bootinfo *info)
{
    uint64_t free_bytes = 0, device_bytes = 0, ram_regions = 0;
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        uint64_t bytes = 1ull << info->untyped[i].size_bits;
        if (info->untyped[i].is_device) {
            device_bytes += bytes;
        } else {
            free_bytes += bytes;
            ram_regions++;
        }
    }
    kprintf("memory: RAM %lu KiB, firmware %lu KiB, kernel image %lu KiB, "
            "root task objects %lu KiB, free untyped %lu KiB in %lu regions "
            "(+%lu KiB of devices)\n",
            info->ram_bytes >> 10, info->firmware_bytes >> 10, info->kernel_image_bytes >> 10,
            info->kernel_boot_bytes >> 10, free_bytes >> 10, ram_regions, device_bytes >> 10);
    if (info->untyped_lost_bytes != 0) {
        kprintf("memory: %lu bytes of free RAM not listed (fragments or list full)\n",
                info->untyped_lost_bytes);
    }
}

void kernel_main(uint64_t hart, uint64_t dtb_paddr, uint64_t boot_instret)
{
    vspace_drop_boot_identity_map();
    unsigned asid_bits = vspace_probe_asids();
    trap_init();
    struct platform_info platform;
    read_device_tree(dtb_paddr, &platform);
    kprintf("Cairn kernel %s on hart %lu, device tree at 0x%lx\n", CAIRN_VERSION_STRING, hart,
            dtb_paddr);
    print_platform(&platform);
    kprintf("  mmu      Sv39, %u ASID bits: %s\n", asid_bits,
            asid_bits >= VSPACE_ASID_BITS ? "TLB entries tagged, switches flush nothing"
                                          : "too few, every switch flushes the TLB");

    bootmem_init(&platform, virt_to_phys(__kernel_start), virt_to_phys(__kernel_end),
                 virt_to_phys(__image_end));
    timer_init(platform.timebase_hz);
    plic_init(platform.plic_base, platform.plic_sources, hart);
    /* User threads may read cycle, time and instret (for timing and `make bench`). */
    csr_write(scounteren, SCOUNTEREN_CY | SCOUNTEREN_TM | SCOUNTEREN_IR);

    const struct roottask_images images = {
        .elf = __rootimage_start,
        .elf_bytes = (uintptr_t)__rootimage_end - (uintptr_t)__rootimage_start,
        .archive = __archive_start,
        .archive_bytes = (uintptr_t)__archive_end - (uintptr_t)__archive_start,
    };
    struct cairn_bootinfo *info = roottask_create(&images);
    bootmem_release(virt_to_phys(__kernel_end), virt_to_phys(__image_end));
    fill_bootinfo(info, boot_instret);
    bootmem_finish(info);
    bootmem_add_devices(&platform, info);
    print_memory(info);
    roottask_start(info);
    sched_run();
}
