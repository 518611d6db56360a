/*
 * main.c: Cairn's root task, the first user-mode program.
 *
 * Today it checks the boot info the kernel handed over and prints the system's
 * banner: version, RAM, kernel size and free untyped memory. (Later it instantiates
 * the static system description and gives its memory back.) Its exit status is the
 * halt status: 0 when the boot info was sound.
 */
#include "abi/version.h"
#include "cairn.h"

/* Free RAM in untyped regions (device regions are not memory), and how many regions. */
static uint64_t free_untyped_bytes(const struct cairn_bootinfo *info, uint64_t *regions)
{
    uint64_t total = 0;
    *regions = 0;
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        if (!info->untyped[i].is_device) {
            total += 1ull << info->untyped[i].size_bits;
            (*regions)++;
        }
    }
    return total;
}

int main(const struct cairn_bootinfo *info)
{
    uint64_t entered = cairn_start_instret;
    uint64_t regions;
    if (info->magic != CAIRN_BOOTINFO_MAGIC || info->abi_version != CAIRN_ABI_VERSION ||
        info->untyped_count > CAIRN_MAX_UNTYPED) {
        cairn_printf("root task: boot info is not what this build expects\n");
        return 1;
    }
    cairn_printf("\n"
                 "Cairn %s: a capability OS for embedded ML (kernel %s)\n"
                 "  RAM seen          %lu KiB\n"
                 "  kernel size       %lu KiB (text, data, bss)\n"
                 "  root task objects %lu KiB\n"
                 "  free untyped      %lu KiB in %lu regions\n"
                 "  boot              %lu instructions from kernel entry to root task\n",
                 CAIRN_VERSION_STRING, info->kernel_version, info->ram_bytes >> 10,
                 info->kernel_image_bytes >> 10, info->kernel_boot_bytes >> 10,
                 free_untyped_bytes(info, &regions) >> 10, regions,
                 entered - info->boot_instret);
    cairn_printf("root task: no services to start yet; halting\n");
    return 0;
}
