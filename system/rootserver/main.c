/*
 * main.c: Cairn's root server, the first user-mode program.
 *
 * It checks the boot info, prints the system's banner, and - when the boot image carries
 * a boot archive - builds the system its boot plan describes (see rootserver.h), starts
 * it and stops for good. Without an archive it halts the machine (status 0) after the
 * banner: a kernel-only image.
 */
#include "rootserver.h"

#include "abi/version.h"
#include "cpio_newc.h"
#include "cstring.h"

#define MAX_PLAN_BYTES (64u << 10)
/* What the analyser allows (tools/sysdesc/model.h): 256 connections and a fault endpoint
 * and an IRQ notification per component; 64 components of up to 16 threads. */
#define MAX_OBJECTS (256u + 2 * 64u)
#define MAX_COMPONENTS 64u
#define MAX_THREADS (64u * 16u)

static uint64_t plan_copy[MAX_PLAN_BYTES / 8];   /* the plan, 8-byte aligned */
static cairn_cptr_t object_slots[MAX_OBJECTS], component_cnodes[MAX_COMPONENTS],
    component_vspaces[MAX_COMPONENTS], thread_tcbs[MAX_THREADS];

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

/* What the RAM untypeds (not ours) have left, asked of the kernel. */
static uint64_t untyped_free_now(const struct cairn_bootinfo *info)
{
    uint64_t total = 0;
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        struct cairn_untyped_info u;
        if (!info->untyped[i].is_device &&
            cairn_untyped_describe(CAIRN_CAP_FIRST_UNTYPED + i, &u) == CAIRN_OK) {
            total += u.free_bytes;
        }
    }
    return total;
}

static void banner(const struct cairn_bootinfo *info, uint64_t entered)
{
    uint64_t regions;
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
}

/* Finds bootplan.bin in the archive, copies it (aligned) and validates it. */
static bool open_plan(struct rootserver *rs)
{
    struct cpio_entry entry;
    int found = cpio_find(rs->archive, rs->archive_bytes, "bootplan.bin", &entry);
    if (found != CPIO_OK || entry.size > sizeof(plan_copy)) {
        cairn_printf("rootserver: bootplan.bin: %s\n",
                     found != CPIO_OK ? cpio_strerror(found) : "too large");
        return false;
    }
    memcpy(plan_copy, entry.data, entry.size);
    int opened = bootplan_open(plan_copy, entry.size, &rs->plan);
    if (opened != BOOTPLAN_OK) {
        cairn_printf("rootserver: bootplan.bin: %s (record %u)\n", bootplan_strerror(opened),
                     rs->plan.error_record);
        return false;
    }
    if (rs->plan.object_count > MAX_OBJECTS || rs->plan.component_count > MAX_COMPONENTS ||
        rs->plan.thread_count > MAX_THREADS) {
        cairn_printf("rootserver: the plan is larger than this root server builds\n");
        return false;
    }
    return true;
}

/* Whether some component may inspect the others (BOOTPLAN_CAP_INSPECT). */
static bool any_inspector(const struct bootplan *plan)
{
    for (uint32_t i = 0; i < plan->cap_count; i++) {
        if (plan->caps[i].kind == BOOTPLAN_CAP_INSPECT) {
            return true;
        }
    }
    return false;
}

static enum cairn_error build_system(struct rootserver *rs)
{
    rs->keep_cnodes = any_inspector(&rs->plan);
    enum cairn_error err = objects_create(rs);
    if (err == CAIRN_OK) {
        err = memory_cut_device_frames(rs);
    }
    for (uint32_t c = 0; err == CAIRN_OK && c < rs->plan.component_count; c++) {
        struct component_summary s;
        uint64_t free_before = untyped_free_now(rs->info);
        err = component_build(rs, c, &s);
        if (err == CAIRN_OK) {
            const struct bootplan_component *comp = &rs->plan.components[c];
            cairn_printf("rootserver: %-16s %2u thread(s), %3u frames, %2u page tables, CNode "
                         "of %3u slots: %3lu KiB\n",
                         bootplan_string(&rs->plan, comp->name), comp->thread_count, s.frames,
                         s.tables, s.slots, (free_before - untyped_free_now(rs->info)) >> 10);
        }
    }
    return err == CAIRN_OK && rs->keep_cnodes ? component_place_inspect(rs) : err;
}

int main(const struct cairn_bootinfo *info)
{
    uint64_t entered = cairn_start_instret;
    if (info->magic != CAIRN_BOOTINFO_MAGIC || info->abi_version != CAIRN_ABI_VERSION ||
        info->untyped_count > CAIRN_MAX_UNTYPED) {
        cairn_printf("root task: boot info is not what this build expects\n");
        return 1;
    }
    banner(info, entered);
    if (info->archive_bytes == 0) {
        cairn_printf("root task: no boot archive, so no services to start; halting\n");
        return 0;
    }
    struct rootserver rs = {
        .info = info, .archive = (const void *)info->archive_vaddr,
        .archive_bytes = info->archive_bytes, .object_slots = object_slots,
        .component_cnodes = component_cnodes, .component_vspaces = component_vspaces,
        .thread_tcbs = thread_tcbs,
    };
    slots_init(info);
    uint64_t free_before = untyped_free_now(info);
    if (!open_plan(&rs) || build_system(&rs) != CAIRN_OK) {
        cairn_printf("rootserver: the system could not be built; halting\n");
        return 1;
    }
    uint64_t used = free_before - untyped_free_now(info);
    if (handover(&rs) != CAIRN_OK) {
        cairn_printf("rootserver: handing over failed; halting\n");
        return 1;
    }
    cairn_printf("rootserver: %u components, %u threads started; their objects took %lu KiB; "
                 "the root server stops\n", rs.plan.component_count, rs.plan.thread_count,
                 used >> 10);
    for (;;) {
        cairn_tcb_suspend(CAIRN_CAP_INIT_TCB);
    }
}
