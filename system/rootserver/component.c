/*
 * component.c: one component, exactly as the boot plan describes it.
 *
 * In order: find and check its image; size its CNode (the plan's capabilities, then room
 * for every frame and page table of its own, which it holds too: see rootserver.h); make
 * its CNode (guarded so a cptr is a slot number), VSpace (with an ASID) and TCBs; load
 * the image; map its regions (configuring each thread when its IPC buffer is mapped);
 * place its capabilities; set up its threads, left stopped until every component is
 * built.
 */
#include "rootserver.h"

#include "cairn_space.h"
#include "cairn_vspace.h"
#include "cpio_newc.h"
#include "elf.h"
#include "fmt.h"

#define PAGE CAIRN_PAGE_SIZE

struct build {
    struct rootserver *rs;
    const struct bootplan_component *c;
    cairn_cptr_t cnode, vspace;
    unsigned radix;
    struct cairn_space space;
    struct elf_image elf;
    const uint8_t *image;
};

static cairn_cptr_t scratch;   /* one slot of ours, reused for each frame in flight */
static cairn_cptr_t scratch2;  /* another, for an IRQ handler being set up */

static const char *name_of(const struct build *b)
{
    return bootplan_string(&b->rs->plan, b->c->name);
}

static enum cairn_error failed(const struct build *b, const char *step, enum cairn_error err)
{
    cairn_printf("rootserver: component '%s': %s failed (error %d)\n", name_of(b), step, err);
    return err;
}

static enum cairn_error find_image(struct build *b)
{
    char file[CPIO_NAME_MAX + 1];
    fmt_snprintf(file, sizeof(file), "%s.elf", bootplan_string(&b->rs->plan, b->c->image));
    struct cpio_entry entry;
    int found = cpio_find(b->rs->archive, b->rs->archive_bytes, file, &entry);
    if (found != CPIO_OK) {
        cairn_printf("rootserver: %s: %s\n", file, cpio_strerror(found));
        return CAIRN_E_FAILED_LOOKUP;
    }
    int parsed = elf_parse(entry.data, entry.size, BOOTPLAN_WINDOW_BASE, &b->elf);
    if (parsed != ELF_OK) {
        cairn_printf("rootserver: %s: %s\n", file, elf_strerror(parsed));
        return CAIRN_E_INVALID_ARGUMENT;
    }
    b->image = entry.data;
    return CAIRN_OK;
}

/* Pages the component's own frames cover: image segments and every region. */
static uint64_t own_pages(const struct build *b)
{
    uint64_t pages = 0;
    for (unsigned i = 0; i < b->elf.segment_count; i++) {
        const struct elf_segment *s = &b->elf.segments[i];
        pages += ((s->vaddr + s->memsz + PAGE - 1) / PAGE) - s->vaddr / PAGE;
    }
    for (uint32_t m = 0; m < b->c->mapping_count; m++) {
        pages += b->rs->plan.mappings[b->c->first_mapping + m].size / PAGE;
    }
    return pages;
}

/* Frames and page tables of its own: each 2 MiB of pages needs a table at most, plus
 * the tables above (a bound; far fewer in practice). */
static uint64_t own_objects(const struct build *b)
{
    uint64_t pages = own_pages(b);
    return pages + 2 * (pages / 512 + 2) + 2;
}

/* The first slot for its own frames and tables (and kept TCBs and IPC buffers): after
 * its planned capabilities; for the untyped holder, below the untyped range if they all
 * fit there, else after it. */
static uint64_t own_first_slot(const struct build *b)
{
    uint64_t first = BOOTPLAN_SLOT_FIRST_FREE;
    if (b->c->cap_count > 0) {
        uint64_t last = b->rs->plan.caps[b->c->first_cap + b->c->cap_count - 1].slot;
        first = last + 1 > first ? last + 1 : first;
    }
    uint64_t end = first + own_objects(b) + 2 * b->c->thread_count;
    if ((b->c->flags & BOOTPLAN_COMPONENT_UNTYPED) && end > BOOTPLAN_SLOT_UNTYPED_FIRST) {
        first = first > (1u << BOOTPLAN_UNTYPED_RADIX) ? first : 1u << BOOTPLAN_UNTYPED_RADIX;
    }
    return first;
}

/* The radix: the plan's, or more to hold its own objects after its capabilities. */
static unsigned choose_radix(const struct build *b, uint64_t *frames_and_tables)
{
    *frames_and_tables = own_objects(b);
    uint64_t needed = own_first_slot(b) + *frames_and_tables + 2 * b->c->thread_count;
    unsigned radix = b->c->cnode_radix;
    while ((1ull << radix) < needed) {
        radix++;
    }
    return radix;
}

static enum cairn_error make_cnode(struct build *b)
{
    cairn_cptr_t raw = memory_make(b->rs, CAIRN_OBJECT_CNODE, b->radix);
    b->cnode = slots_take();
    if (raw == 0 || b->cnode == 0) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    b->rs->component_cnodes[b->c - b->rs->plan.components] = b->cnode;
    enum cairn_error err = cairn_cnode_mutate(ROOT, b->cnode, CAIRN_WORD_BITS, ROOT, raw,
                                              CAIRN_WORD_BITS,
                                              cairn_cnode_guard(0, CAIRN_WORD_BITS - b->radix));
    slots_give_back(raw);   /* the mutate moved its capability out */
    return err;
}

/* An ASID for the VSpace: from our newest pool, or a new pool when that one is full. */
static enum cairn_error make_vspace(struct build *b)
{
    struct rootserver *rs = b->rs;
    b->vspace = memory_make(rs, CAIRN_OBJECT_PAGE_TABLE, 0);
    if (b->vspace == 0) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    rs->component_vspaces[b->c - rs->plan.components] = b->vspace;
    enum cairn_error err = rs->asid_pool_count > 0
        ? cairn_asid_pool_assign(rs->asid_pools[rs->asid_pool_count - 1], b->vspace)
        : CAIRN_E_NOT_ENOUGH_MEMORY;
    if (err == CAIRN_OK) {
        return CAIRN_OK;
    }
    cairn_cptr_t memory = memory_make(rs, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS);
    cairn_cptr_t pool = slots_take();
    if (memory == 0 || pool == 0 || rs->asid_pool_count == sizeof(rs->asid_pools) /
                                                         sizeof(rs->asid_pools[0])) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, memory, ROOT, pool,
                                       CAIRN_WORD_BITS);
    if (err == CAIRN_OK) {
        rs->asid_pools[rs->asid_pool_count++] = pool;
        err = cairn_asid_pool_assign(pool, b->vspace);
    }
    return err;
}

static enum cairn_error make_threads(struct build *b)
{
    for (uint32_t t = 0; t < b->c->thread_count; t++) {
        cairn_cptr_t tcb = memory_make(b->rs, CAIRN_OBJECT_TCB, 0);
        if (tcb == 0) {
            return CAIRN_E_NOT_ENOUGH_MEMORY;
        }
        b->rs->thread_tcbs[b->c->first_thread + t] = tcb;
    }
    return CAIRN_OK;
}

/* The slot the plan gives a capability of `kind` to `object`, or 0 when it gives none. */
static uint32_t planned_slot(const struct build *b, unsigned kind, uint32_t object)
{
    for (uint32_t i = 0; i < b->c->cap_count; i++) {
        const struct bootplan_cap *cap = &b->rs->plan.caps[b->c->first_cap + i];
        if (cap->kind == kind && cap->object == object) {
            return cap->slot;
        }
    }
    return 0;
}

/* Moves our capability in `from` to the planned slot, or keeps it with its own objects;
 * the slot it lands in goes to *slot. */
static enum cairn_error place(struct build *b, cairn_cptr_t from, unsigned kind,
                              uint32_t object, uint64_t *slot)
{
    uint32_t planned = planned_slot(b, kind, object);
    if (planned == 0) {
        return cairn_space_keep(&b->space, from, slot);
    }
    *slot = planned;
    return cairn_cnode_move(b->cnode, planned, CAIRN_WORD_BITS, ROOT, from, CAIRN_WORD_BITS);
}

/* The thread's IPC buffer page, then the thread's spaces and buffer. */
static enum cairn_error map_ipc_buffer(struct build *b, const struct bootplan_mapping *m)
{
    const struct bootplan_thread *t = &b->rs->plan.threads[m->object];
    uint64_t slot;
    cairn_cptr_t fault = b->c->fault_handler != BOOTPLAN_NO_COMPONENT ? BOOTPLAN_SLOT_FAULT : 0;
    enum cairn_error err = cairn_space_map_scratch(&b->space, m->vaddr, m->rights);
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(b->rs->thread_tcbs[m->object], fault, b->cnode,
                                  cairn_cnode_guard(0, CAIRN_WORD_BITS - b->radix), b->vspace,
                                  t->ipc_buffer_vaddr, scratch);
    }
    if (err == CAIRN_OK) {
        err = place(b, scratch, BOOTPLAN_CAP_IPC_BUFFER, m->object, &slot);
    }
    return err;
}

/* A copy of the frame capability at `frame` in CNode `from` (ours, or the shared frames')
 * that carries only the mapping's rights, mapped at vaddr and kept by the component: it
 * can never map that frame with more (say, write a region it is given read-only). */
static enum cairn_error map_copy(struct build *b, cairn_cptr_t from, uint64_t frame,
                                 uint64_t vaddr, unsigned rights)
{
    uint64_t slot;
    enum cairn_error err = cairn_cnode_copy(ROOT, scratch, CAIRN_WORD_BITS, from, frame,
                                            CAIRN_WORD_BITS, rights);
    if (err == CAIRN_OK) {
        err = cairn_frame_map(scratch, b->vspace, vaddr, rights);
    }
    if (err == CAIRN_OK) {
        err = cairn_space_keep(&b->space, scratch, &slot);
    }
    return err;
}

static enum cairn_error map_shared(struct build *b, const struct bootplan_mapping *m)
{
    cairn_cptr_t first = b->rs->object_slots[m->object];
    enum cairn_error err = CAIRN_OK;
    for (uint64_t i = 0; err == CAIRN_OK && i < m->size / PAGE; i++) {
        err = map_copy(b, b->rs->shared_frames, first + i, m->vaddr + i * PAGE, m->rights);
    }
    return err;
}

static enum cairn_error map_mmio(struct build *b, const struct bootplan_mapping *m)
{
    enum cairn_error err = CAIRN_OK;
    for (uint64_t i = 0; err == CAIRN_OK && i < m->size / PAGE; i++) {
        cairn_cptr_t frame = memory_device_frame_slot(b->rs, m->paddr + i * PAGE);
        err = frame == 0 ? CAIRN_E_FAILED_LOOKUP
                         : map_copy(b, ROOT, frame, m->vaddr + i * PAGE, m->rights);
    }
    return err;
}

static enum cairn_error map_regions(struct build *b)
{
    enum cairn_error err = CAIRN_OK;
    for (uint32_t i = 0; err == CAIRN_OK && i < b->c->mapping_count; i++) {
        const struct bootplan_mapping *m = &b->rs->plan.mappings[b->c->first_mapping + i];
        switch (m->kind) {
        case BOOTPLAN_MAP_STACK:
        case BOOTPLAN_MAP_HEAP:
            err = cairn_space_map_zeroed(&b->space, m->vaddr, (unsigned)(m->size / PAGE),
                                         m->rights);
            break;
        case BOOTPLAN_MAP_IPC_BUFFER:
            err = map_ipc_buffer(b, m);
            break;
        case BOOTPLAN_MAP_SHARED:
            err = map_shared(b, m);
            break;
        case BOOTPLAN_MAP_MMIO:
            err = map_mmio(b, m);
            break;
        default:
            err = CAIRN_E_INVALID_ARGUMENT;   /* bootplan_open accepts no other kind */
        }
    }
    return err;
}

/* Our slot of the component's IRQ notification (bootplan_open made sure a component
 * with IRQ handlers has exactly one), or 0. */
static cairn_cptr_t irq_notification(const struct build *b)
{
    for (uint32_t i = 0; i < b->c->cap_count; i++) {
        const struct bootplan_cap *cap = &b->rs->plan.caps[b->c->first_cap + i];
        if (cap->kind == BOOTPLAN_CAP_NOTIFICATION &&
            b->rs->plan.objects[cap->object].kind == BOOTPLAN_OBJECT_IRQ_NOTIFICATION) {
            return b->rs->object_slots[cap->object];
        }
    }
    return 0;
}

/* The handler is made and pointed at the IRQ notification (with this IRQ's badge) here,
 * then moved to the component: it can only wait for and acknowledge its interrupt. */
static enum cairn_error place_irq_handler(struct build *b, const struct bootplan_cap *cap)
{
    const unsigned depth = CAIRN_WORD_BITS;
    enum cairn_error err = cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, cap->object, ROOT,
                                                 scratch2, depth);
    if (err == CAIRN_OK) {
        err = cairn_cnode_mint(ROOT, scratch, depth, ROOT, irq_notification(b), depth,
                               CAIRN_RIGHT_WRITE, cap->badge);
    }
    if (err == CAIRN_OK) {
        err = cairn_irq_handler_set_notification(scratch2, scratch);
        cairn_cnode_delete(ROOT, scratch, depth);
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_move(b->cnode, cap->slot, depth, ROOT, scratch2, depth);
    }
    return err;
}

/* A component with IRQs has its IRQ notification bound to its first thread, so a signal
 * also ends that thread's receive on an endpoint (a driver serving calls). */
static enum cairn_error bind_irq_notification(struct build *b)
{
    cairn_cptr_t notification = irq_notification(b);
    if (notification == 0) {
        return CAIRN_OK;
    }
    return cairn_tcb_bind_notification(b->rs->thread_tcbs[b->c->first_thread], notification);
}

static enum cairn_error place_cap(struct build *b, const struct bootplan_cap *cap)
{
    const unsigned depth = CAIRN_WORD_BITS;
    switch (cap->kind) {
    case BOOTPLAN_CAP_TCB:
        return cairn_cnode_copy(b->cnode, cap->slot, depth, ROOT,
                                b->rs->thread_tcbs[cap->object], depth, cap->rights);
    case BOOTPLAN_CAP_CNODE:
        return cairn_cnode_copy(b->cnode, cap->slot, depth, ROOT, b->cnode, depth, cap->rights);
    case BOOTPLAN_CAP_VSPACE:
        return cairn_cnode_copy(b->cnode, cap->slot, depth, ROOT, b->vspace, depth, cap->rights);
    case BOOTPLAN_CAP_IPC_BUFFER:
        return CAIRN_OK;   /* placed with its mapping */
    case BOOTPLAN_CAP_ENDPOINT:
    case BOOTPLAN_CAP_NOTIFICATION:
        return cairn_cnode_mint(b->cnode, cap->slot, depth, ROOT,
                                b->rs->object_slots[cap->object], depth, cap->rights,
                                cap->badge);
    case BOOTPLAN_CAP_IRQ_HANDLER:
        return place_irq_handler(b, cap);
    case BOOTPLAN_CAP_ASID_CONTROL:
        return cairn_cnode_copy(b->cnode, cap->slot, depth, ROOT, CAIRN_CAP_ASID_CONTROL, depth,
                                cap->rights);
    case BOOTPLAN_CAP_INSPECT:
        return CAIRN_OK;   /* once every CNode exists: component_place_inspect */
    default:
        return CAIRN_E_INVALID_ARGUMENT;
    }
}

static enum cairn_error place_caps(struct build *b)
{
    enum cairn_error err = CAIRN_OK;
    for (uint32_t i = 0; err == CAIRN_OK && i < b->c->cap_count; i++) {
        err = place_cap(b, &b->rs->plan.caps[b->c->first_cap + i]);
    }
    return err == CAIRN_OK ? bind_irq_notification(b) : err;
}

/* The slot of the thread's own TCB capability in its component: the plan's, or one kept
 * with the component's own objects when the plan gives none. */
static enum cairn_error own_tcb_slot(struct build *b, uint32_t thread, uint64_t *slot)
{
    *slot = planned_slot(b, BOOTPLAN_CAP_TCB, thread);
    if (*slot != 0) {
        return CAIRN_OK;
    }
    enum cairn_error err = cairn_cnode_copy(ROOT, scratch, CAIRN_WORD_BITS, ROOT,
                                            b->rs->thread_tcbs[thread], CAIRN_WORD_BITS,
                                            CAIRN_RIGHTS_ALL);
    return err == CAIRN_OK ? cairn_space_keep(&b->space, scratch, slot) : err;
}

/* Priorities, name and first registers of one thread (it starts later). */
static enum cairn_error set_up_thread(struct build *b, uint32_t thread)
{
    const struct bootplan_thread *t = &b->rs->plan.threads[thread];
    cairn_cptr_t tcb = b->rs->thread_tcbs[thread];
    uint64_t own_slot;
    enum cairn_error err = own_tcb_slot(b, thread, &own_slot);
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_mc_priority(tcb, CAIRN_CAP_INIT_TCB, t->max_priority);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(tcb, CAIRN_CAP_INIT_TCB, t->priority);
    }
    if (err == CAIRN_OK) {   /* "component", or "component.thread" for the others */
        char name[64];
        fmt_snprintf(name, sizeof(name), t->index == 0 ? "%s" : "%s.%s",
                     bootplan_string(&b->rs->plan, b->c->name),
                     bootplan_string(&b->rs->plan, t->name));
        err = cairn_tcb_set_name(tcb, name);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    /* a2 of the untyped holder's first thread: how many untyped capabilities it gets. */
    bool holder = (b->c->flags & BOOTPLAN_COMPONENT_UNTYPED) && t->index == 0;
    const uint64_t regs[13] = {[0] = b->elf.entry, [2] = t->stack_vaddr + t->stack_size,
                               [4] = t->ipc_buffer_vaddr, [10] = t->index, [11] = own_slot,
                               [12] = holder ? b->rs->info->untyped_count + 1 : 0};
    return cairn_tcb_write_registers(tcb, false, 13, regs);
}

static enum cairn_error set_up_threads(struct build *b)
{
    enum cairn_error err = CAIRN_OK;
    for (uint32_t i = 0; err == CAIRN_OK && i < b->c->thread_count; i++) {
        err = set_up_thread(b, b->c->first_thread + i);
    }
    return err;
}

/* Drops one of our capabilities (the component holds its own) and frees the slot. */
static enum cairn_error let_go(cairn_cptr_t ours)
{
    enum cairn_error err = cairn_cnode_delete(ROOT, ours, CAIRN_WORD_BITS);
    slots_give_back(ours);
    return err;
}

/* Resumes its threads (they cannot run before we stop: every priority of theirs is below
 * ours) and drops our capabilities to its TCBs, VSpace and - unless it holds untyped
 * memory, which we still hand it, or some component inspects others, which needs every
 * CNode at the end - CNode, so our 256 slots serve any number of components. */
static enum cairn_error start_and_let_go(struct build *b)
{
    enum cairn_error err = CAIRN_OK;
    for (uint32_t i = 0; err == CAIRN_OK && i < b->c->thread_count; i++) {
        cairn_cptr_t tcb = b->rs->thread_tcbs[b->c->first_thread + i];
        err = cairn_tcb_resume(tcb);
        if (err == CAIRN_OK) {
            err = let_go(tcb);
        }
    }
    if (err == CAIRN_OK) {
        err = let_go(b->vspace);
    }
    if (err == CAIRN_OK && !(b->c->flags & BOOTPLAN_COMPONENT_UNTYPED) &&
        !b->rs->keep_cnodes) {
        err = let_go(b->cnode);
    }
    return err;
}

/* Read-only copies of other components' CNodes for those that may inspect them. */
static enum cairn_error place_inspect_caps(struct rootserver *rs, unsigned c)
{
    const struct bootplan_component *comp = &rs->plan.components[c];
    enum cairn_error err = CAIRN_OK;
    for (uint32_t i = 0; err == CAIRN_OK && i < comp->cap_count; i++) {
        const struct bootplan_cap *cap = &rs->plan.caps[comp->first_cap + i];
        if (cap->kind == BOOTPLAN_CAP_INSPECT) {
            err = cairn_cnode_copy(rs->component_cnodes[c], cap->slot, CAIRN_WORD_BITS, ROOT,
                                   rs->component_cnodes[cap->object], CAIRN_WORD_BITS,
                                   cap->rights);
        }
    }
    return err;
}

enum cairn_error component_place_inspect(struct rootserver *rs)
{
    enum cairn_error err = CAIRN_OK;
    for (uint32_t c = 0; err == CAIRN_OK && c < rs->plan.component_count; c++) {
        err = place_inspect_caps(rs, c);
    }
    for (uint32_t c = 0; err == CAIRN_OK && c < rs->plan.component_count; c++) {
        if (!(rs->plan.components[c].flags & BOOTPLAN_COMPONENT_UNTYPED)) {
            err = let_go(rs->component_cnodes[c]);
        }
    }
    return err;
}

static enum cairn_error make_objects(struct build *b, uint64_t *frames_and_tables)
{
    b->radix = choose_radix(b, frames_and_tables);
    enum cairn_error err = make_cnode(b);
    if (err == CAIRN_OK) {
        err = make_vspace(b);
    }
    if (err == CAIRN_OK) {
        err = make_threads(b);
    }
    return err;
}

static enum cairn_error load(struct build *b, uint64_t frames_and_tables)
{
    b->space = (struct cairn_space){
        .untyped = memory_untyped_for(b->rs, frames_and_tables * PAGE),
        .vspace = b->vspace, .cnode = b->cnode, .cnode_depth = CAIRN_WORD_BITS,
        .next_slot = own_first_slot(b), .slot_limit = 1ull << b->radix, .scratch = scratch,
        .spare = scratch2,
        .window = WINDOW,
    };
    if (b->space.untyped == 0) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    return cairn_space_load_elf(&b->space, &b->elf, b->image);
}

enum cairn_error component_build(struct rootserver *rs, unsigned index,
                                 struct component_summary *summary)
{
    struct build b = {.rs = rs, .c = &rs->plan.components[index]};
    uint64_t frames_and_tables = 0;
    if (scratch == 0) {
        scratch = slots_take();
        scratch2 = slots_take();
    }
    enum cairn_error err = find_image(&b);
    if (err != CAIRN_OK) {
        return failed(&b, "finding its image", err);
    }
    if ((err = make_objects(&b, &frames_and_tables)) != CAIRN_OK) {
        return failed(&b, "making its CNode, VSpace and threads", err);
    }
    if ((err = load(&b, frames_and_tables)) != CAIRN_OK) {
        return failed(&b, "loading its image", err);
    }
    if ((err = map_regions(&b)) != CAIRN_OK) {
        return failed(&b, "mapping its regions", err);
    }
    if ((err = place_caps(&b)) != CAIRN_OK) {
        return failed(&b, "placing its capabilities", err);
    }
    if ((err = set_up_threads(&b)) != CAIRN_OK) {
        return failed(&b, "setting up its threads", err);
    }
    if ((err = start_and_let_go(&b)) != CAIRN_OK) {
        return failed(&b, "starting its threads", err);
    }
    *summary = (struct component_summary){b.space.frames, b.space.tables, 1u << b.radix};
    return CAIRN_OK;
}
