/*
 * memory.c: the root server's slots and its untyped memory.
 *
 * Our CNode's free slots are handed out in order and never reused: the root server
 * makes a bounded number of objects (a few per component and connection) and then
 * stops. Objects come from RAM untypeds other than CAIRN_CAP_INIT_UNTYPED, the region
 * our own objects live in and which is reclaimed after us; the first untyped with room
 * is used, in the order the boot info lists them.
 */
#include "rootserver.h"

static cairn_cptr_t next_slot, slot_end;
static cairn_cptr_t returned[1u << CAIRN_ROOT_CNODE_RADIX];   /* slots given back, a stack */
static unsigned returned_count;

void slots_init(const struct cairn_bootinfo *info)
{
    next_slot = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    slot_end = 1u << CAIRN_ROOT_CNODE_RADIX;
}

void slots_give_back(cairn_cptr_t slot)
{
    if (returned_count < sizeof(returned) / sizeof(returned[0])) {
        returned[returned_count++] = slot;
    }
}

cairn_cptr_t slots_take(void)
{
    if (returned_count > 0) {
        return returned[--returned_count];
    }
    if (next_slot >= slot_end) {
        cairn_printf("rootserver: out of slots in its own CNode\n");
        return 0;
    }
    return next_slot++;
}

static bool usable_ram(const struct cairn_bootinfo *info, uint64_t i)
{
    return !info->untyped[i].is_device;
}

enum cairn_error memory_make_at(struct rootserver *rs, unsigned type, unsigned size_bits,
                                cairn_cptr_t slot)
{
    return memory_make_in(rs, type, size_bits, ROOT, slot);
}

enum cairn_error memory_make_in(struct rootserver *rs, unsigned type, unsigned size_bits,
                                cairn_cptr_t cnode, uint64_t slot)
{
    enum cairn_error err = CAIRN_E_NOT_ENOUGH_MEMORY;
    for (uint64_t i = 0; i < rs->info->untyped_count; i++) {
        if (!usable_ram(rs->info, i)) {
            continue;
        }
        err = cairn_untyped_retype(CAIRN_CAP_FIRST_UNTYPED + i, type, size_bits, cnode, 0, 0,
                                   slot, 1);
        if (err != CAIRN_E_NOT_ENOUGH_MEMORY) {
            break;
        }
    }
    if (err != CAIRN_OK) {
        cairn_printf("rootserver: cannot make an object of type %u (size %u): error %d\n",
                     type, size_bits, err);
    }
    return err;
}

cairn_cptr_t memory_make(struct rootserver *rs, unsigned type, unsigned size_bits)
{
    cairn_cptr_t slot = slots_take();
    if (slot == 0 || memory_make_at(rs, type, size_bits, slot) != CAIRN_OK) {
        return 0;
    }
    return slot;
}

cairn_cptr_t memory_untyped_for(struct rootserver *rs, uint64_t bytes)
{
    for (uint64_t i = 0; i < rs->info->untyped_count; i++) {
        struct cairn_untyped_info u;
        cairn_cptr_t cap = CAIRN_CAP_FIRST_UNTYPED + i;
        if (usable_ram(rs->info, i) && cairn_untyped_describe(cap, &u) == CAIRN_OK &&
            u.free_bytes >= bytes) {
            return cap;
        }
    }
    cairn_printf("rootserver: no untyped region has %lu bytes free\n", bytes);
    return 0;
}

/* The device untyped whose region holds paddr, or 0. */
static cairn_cptr_t device_untyped(const struct cairn_bootinfo *info, uint64_t paddr,
                                   uint64_t *base)
{
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        const struct cairn_untyped_desc *u = &info->untyped[i];
        if (u->is_device && paddr >= u->paddr && paddr - u->paddr < 1ull << u->size_bits) {
            *base = u->paddr;
            return CAIRN_CAP_FIRST_UNTYPED + i;
        }
    }
    return 0;
}

static enum cairn_error device_frame(struct rootserver *rs, uint64_t paddr, cairn_cptr_t slot)
{
    uint64_t base = 0;
    cairn_cptr_t untyped = device_untyped(rs->info, paddr, &base);
    struct cairn_untyped_info u;
    if (untyped == 0 || cairn_untyped_describe(untyped, &u) != CAIRN_OK) {
        cairn_printf("rootserver: no device memory at 0x%lx\n", paddr);
        return CAIRN_E_INVALID_ARGUMENT;
    }
    uint64_t next = base + (1ull << u.size_bits) - u.free_bytes;   /* where retype cuts next */
    if (next > paddr) {
        cairn_printf("rootserver: device frame 0x%lx is taken already\n", paddr);
        return CAIRN_E_INVALID_ARGUMENT;
    }
    /* Frames before paddr are cut and kept (in slots that go with us): deleting them
     * would give the untyped no children and start it again from its base. */
    enum cairn_error err = CAIRN_OK;
    for (; err == CAIRN_OK && next < paddr; next += CAIRN_PAGE_SIZE) {
        cairn_cptr_t skipped = slots_take();
        err = skipped == 0 ? CAIRN_E_NOT_ENOUGH_MEMORY
                           : cairn_untyped_retype(untyped, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0,
                                                  0, skipped, 1);
    }
    if (err == CAIRN_OK) {
        err = cairn_untyped_retype(untyped, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0, slot, 1);
    }
    return err;
}

/* Every page of every MMIO mapping, sorted, each once. */
static bool collect_device_pages(struct rootserver *rs)
{
    struct device_frame *f = rs->device_frames;
    unsigned n = 0;
    for (uint32_t i = 0; i < rs->plan.mapping_count; i++) {
        const struct bootplan_mapping *m = &rs->plan.mappings[i];
        for (uint64_t at = 0; m->kind == BOOTPLAN_MAP_MMIO && at < m->size;
             at += CAIRN_PAGE_SIZE) {
            uint64_t paddr = m->paddr + at;
            unsigned j = n;
            while (j > 0 && f[j - 1].paddr > paddr) {   /* insertion sort: few pages */
                j--;
            }
            if (j > 0 && f[j - 1].paddr == paddr) {
                continue;   /* the analyser refuses pages claimed twice; once is enough */
            }
            if (n == MAX_DEVICE_FRAMES) {
                cairn_printf("rootserver: more than %u device pages\n", MAX_DEVICE_FRAMES);
                return false;
            }
            for (unsigned k = n; k > j; k--) {
                f[k] = f[k - 1];
            }
            f[j] = (struct device_frame){.paddr = paddr};
            n++;
        }
    }
    rs->device_frame_count = n;
    return true;
}

enum cairn_error memory_cut_device_frames(struct rootserver *rs)
{
    if (!collect_device_pages(rs)) {
        return CAIRN_E_RANGE;
    }
    enum cairn_error err = CAIRN_OK;
    for (unsigned i = 0; err == CAIRN_OK && i < rs->device_frame_count; i++) {
        rs->device_frames[i].slot = slots_take();
        err = rs->device_frames[i].slot == 0
                  ? CAIRN_E_NOT_ENOUGH_MEMORY
                  : device_frame(rs, rs->device_frames[i].paddr, rs->device_frames[i].slot);
    }
    return err;
}

cairn_cptr_t memory_device_frame_slot(const struct rootserver *rs, uint64_t paddr)
{
    for (unsigned i = 0; i < rs->device_frame_count; i++) {
        if (rs->device_frames[i].paddr == paddr) {
            return rs->device_frames[i].slot;
        }
    }
    return 0;
}
