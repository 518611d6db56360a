/*
 * objects.c: the kernel objects the system's connections are made of.
 *
 * One endpoint per rpc connection and per fault handler, one notification per notify
 * connection and per component with IRQs, and the frames of every shared region. The
 * frames go in a CNode of their own (made from our region, so it goes back with it): our
 * 256 slots would not hold a large region's pages. Components get badged copies, or
 * mapped copies, of all of these; the originals go when we do.
 */
#include "rootserver.h"

#define PAGE CAIRN_PAGE_SIZE

static uint64_t shared_pages(const struct rootserver *rs)
{
    uint64_t pages = 0;
    for (uint32_t i = 0; i < rs->plan.object_count; i++) {
        if (rs->plan.objects[i].kind == BOOTPLAN_OBJECT_SHARED) {
            pages += rs->plan.objects[i].size / PAGE;
        }
    }
    return pages;
}

/* The CNode for the shared frames: guarded so that a frame's index is its cptr there. */
static enum cairn_error make_frames_cnode(struct rootserver *rs, uint64_t pages)
{
    unsigned radix = 1;
    while ((1ull << radix) < pages) {
        radix++;
    }
    cairn_cptr_t raw = slots_take(), cnode = slots_take();
    if (raw == 0 || cnode == 0 || radix > 16) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    enum cairn_error err = cairn_untyped_retype(CAIRN_CAP_INIT_UNTYPED, CAIRN_OBJECT_CNODE,
                                                radix, ROOT, 0, 0, raw, 1);
    if (err == CAIRN_E_NOT_ENOUGH_MEMORY) {
        err = memory_make_at(rs, CAIRN_OBJECT_CNODE, radix, raw);   /* our region is full */
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_mutate(ROOT, cnode, CAIRN_WORD_BITS, ROOT, raw, CAIRN_WORD_BITS,
                                 cairn_cnode_guard(0, CAIRN_WORD_BITS - radix));
    }
    slots_give_back(raw);
    rs->shared_frames = cnode;
    return err;
}

/* A region's frames at [*next, *next + pages) of the frames CNode; returns the first. */
static enum cairn_error make_shared(struct rootserver *rs, uint64_t bytes, uint64_t *next,
                                    cairn_cptr_t *first)
{
    *first = *next;
    enum cairn_error err = CAIRN_OK;
    for (uint64_t done = 0; err == CAIRN_OK && done < bytes; done += PAGE) {
        err = memory_make_in(rs, CAIRN_OBJECT_FRAME_4K, 0, rs->shared_frames, (*next)++);
    }
    return err;
}

enum cairn_error objects_create(struct rootserver *rs)
{
    uint64_t pages = shared_pages(rs), next_frame = 0;
    if (pages > 0 && make_frames_cnode(rs, pages) != CAIRN_OK) {
        cairn_printf("rootserver: cannot make a CNode for %lu shared pages\n", pages);
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < rs->plan.object_count; i++) {
        const struct bootplan_object *o = &rs->plan.objects[i];
        cairn_cptr_t slot = 0;
        switch (o->kind) {
        case BOOTPLAN_OBJECT_ENDPOINT:
        case BOOTPLAN_OBJECT_FAULT_ENDPOINT:
            slot = memory_make(rs, CAIRN_OBJECT_ENDPOINT, 0);
            break;
        case BOOTPLAN_OBJECT_NOTIFICATION:
        case BOOTPLAN_OBJECT_IRQ_NOTIFICATION:
            slot = memory_make(rs, CAIRN_OBJECT_NOTIFICATION, 0);
            break;
        case BOOTPLAN_OBJECT_SHARED:   /* its index in the frames CNode (may be 0) */
            if (make_shared(rs, o->size, &next_frame, &rs->object_slots[i]) != CAIRN_OK) {
                cairn_printf("rootserver: cannot make shared region '%s'\n",
                             bootplan_string(&rs->plan, o->name));
                return CAIRN_E_NOT_ENOUGH_MEMORY;
            }
            continue;
        default:
            break;   /* bootplan_open accepts no other kind */
        }
        if (slot == 0) {
            cairn_printf("rootserver: cannot make object '%s'\n",
                         bootplan_string(&rs->plan, o->name));
            return CAIRN_E_NOT_ENOUGH_MEMORY;
        }
        rs->object_slots[i] = slot;
    }
    return CAIRN_OK;
}
