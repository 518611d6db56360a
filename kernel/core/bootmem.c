/*
 * bootmem.c: boot-time page allocation over a region set, then the untyped hand-over.
 *
 * RAM beyond the kernel window (see memory.h) cannot be reached by the kernel, so it
 * is left out, and boot says so.
 */
#include "bootmem.h"

#include "console.h"
#include "memory.h"
#include "panic.h"
#include "region.h"

/* Below a page nothing useful fits; 2^38 bytes is the whole user half of Sv39. */
#define UNTYPED_MIN_BITS CAIRN_PAGE_BITS
#define UNTYPED_MAX_BITS 38

static struct region_set free_memory;
static struct bootmem_stats stats;
static int finished;

static void remove_or_panic(uint64_t base, uint64_t end)
{
    if (!region_remove(&free_memory, base, end)) {
        panic("bootmem: too many free-memory fragments removing [0x%lx, 0x%lx)", base, end);
    }
}

static void add_ram(const struct fdt_range *m)
{
    uint64_t end = m->base + m->size;
    if (end < m->base || end > KERNEL_WINDOW_PHYS_END) {
        kprintf("bootmem: RAM above 0x%lx is outside the kernel window; not used\n",
                (uint64_t)KERNEL_WINDOW_PHYS_END);
        end = KERNEL_WINDOW_PHYS_END;
    }
    if (m->base < end && !region_add(&free_memory, m->base, end)) {
        panic("bootmem: too many memory ranges");
    }
}

void bootmem_init(const struct platform_info *platform, uint64_t kernel_base,
                  uint64_t kernel_end, uint64_t image_end)
{
    for (unsigned i = 0; i < platform->memory_count; i++) {
        add_ram(&platform->memory[i]);
    }
    stats.ram = region_total(&free_memory);
    for (unsigned i = 0; i < platform->reserved_count; i++) {
        const struct fdt_range *r = &platform->reserved[i];
        uint64_t before = region_total(&free_memory);
        uint64_t end = r->base + r->size < r->base ? UINT64_MAX : r->base + r->size;
        remove_or_panic(r->base, end);
        stats.firmware += before - region_total(&free_memory);
    }
    remove_or_panic(kernel_base, image_end);
    stats.kernel_image = kernel_end - kernel_base;
    region_align(&free_memory, CAIRN_PAGE_SIZE);
}

uint64_t bootmem_alloc_region(unsigned bits)
{
    kassert(!finished);
    uint64_t base = region_take(&free_memory, 1ull << bits, 1ull << bits);
    if (base != 0) {
        stats.boot_objects += 1ull << bits;
    }
    return base;
}

void bootmem_release(uint64_t base, uint64_t end)
{
    kassert(!finished);
    if (!region_add(&free_memory, base, end)) {
        panic("bootmem: too many fragments releasing [0x%lx, 0x%lx)", base, end);
    }
}

static void add_untyped_of_kind(struct cairn_bootinfo *info, uint64_t base, unsigned size_bits,
                                bool device)
{
    if (info->untyped_count == CAIRN_MAX_UNTYPED) {
        if (!device) {
            info->untyped_lost_bytes += 1ull << size_bits;
        }
        return;
    }
    info->untyped[info->untyped_count++] = (struct cairn_untyped_desc){
        .paddr = base, .size_bits = (uint8_t)size_bits, .is_device = device,
    };
}

static void add_untyped(void *context, uint64_t base, unsigned size_bits)
{
    add_untyped_of_kind(context, base, size_bits, false);
}

static void add_device_untyped(void *context, uint64_t base, unsigned size_bits)
{
    add_untyped_of_kind(context, base, size_bits, true);
}

void bootmem_add_devices(const struct platform_info *platform, struct cairn_bootinfo *info)
{
    struct region_set devices = {0};
    for (unsigned i = 0; i < platform->device_count; i++) {
        const struct fdt_range *d = &platform->devices[i];
        uint64_t base = d->base & ~(CAIRN_PAGE_SIZE - 1);
        uint64_t end = (d->base + d->size + CAIRN_PAGE_SIZE - 1) & ~(CAIRN_PAGE_SIZE - 1);
        if (end > base && base >= CAIRN_PAGE_SIZE && end <= KERNEL_WINDOW_PHYS_END) {
            region_add(&devices, base, end);
        }
    }
    /* Never RAM or the kernel's own devices: only what the device tree lists above. */
    region_split_untyped(&devices, CAIRN_PAGE_BITS, UNTYPED_MAX_BITS, add_device_untyped, info);
}

void bootmem_finish(struct cairn_bootinfo *info)
{
    kassert(!finished);
    finished = 1;
    info->untyped_count = 0;
    info->untyped_lost_bytes = region_split_untyped(&free_memory, UNTYPED_MIN_BITS,
                                                    UNTYPED_MAX_BITS, add_untyped, info);
}

const struct bootmem_stats *bootmem_stats(void)
{
    return &stats;
}
