/*
 * bootplan.c: the validating reader of the boot plan (format in bootplan.h).
 *
 * Freestanding and allocation-free, so the root server can run it on the plan before
 * trusting any field, and the host tests and the fuzzer can run it on anything. It
 * checks in the order a careless reader would go wrong: the header, then that every
 * section lies inside the file, then each kind of record on its own (strings
 * terminated, kinds known, reserved fields zero), then every index against the
 * section it points into, and last the rules that span records: each component's
 * threads, mappings and caps form a contiguous group, mappings do not overlap, caps
 * are sorted by slot with the fixed slots in place. Sizes are added only after a
 * comparison that rules out overflow.
 */
#include "bootplan.h"

#include <stdbool.h>

#define PAGE CAIRN_PAGE_SIZE

static const uint32_t record_sizes[BOOTPLAN_SECTION_COUNT] = {
    [BOOTPLAN_COMPONENTS] = sizeof(struct bootplan_component),
    [BOOTPLAN_THREADS] = sizeof(struct bootplan_thread),
    [BOOTPLAN_OBJECTS] = sizeof(struct bootplan_object),
    [BOOTPLAN_MAPPINGS] = sizeof(struct bootplan_mapping),
    [BOOTPLAN_CAPS] = sizeof(struct bootplan_cap),
    [BOOTPLAN_STRINGS] = 1,
};

/* Records an error and the record at fault; returns the error for `return fail(...)`. */
static int fail(struct bootplan *plan, int error, uint32_t record)
{
    plan->error_record = record;
    return error;
}

static bool page_aligned(uint64_t v)
{
    return v % PAGE == 0;
}

/* [first, first + count) lies inside [0, total). */
static bool range_inside(uint32_t first, uint32_t count, uint32_t total)
{
    return first <= total && count <= total - first;
}

static bool string_ok(const struct bootplan *plan, uint32_t offset)
{
    return offset < plan->strings_size && plan->strings[offset] != '\0';
}

/* --- header and sections ------------------------------------------------------------ */

static int check_header(const struct bootplan_header *h, size_t size)
{
    if (h->magic != BOOTPLAN_MAGIC) {
        return BOOTPLAN_E_MAGIC;
    }
    if (h->version != BOOTPLAN_VERSION) {
        return BOOTPLAN_E_VERSION;
    }
    if (h->header_size != sizeof(*h) || h->reserved != 0 || h->total_size != size ||
        size > BOOTPLAN_MAX_SIZE) {
        return BOOTPLAN_E_HEADER;
    }
    return BOOTPLAN_OK;
}

/* Sections are aligned, in order, and inside the file; fills the views. */
static int check_sections(const uint8_t *base, struct bootplan *plan)
{
    const struct bootplan_header *h = plan->header;
    uint64_t end = sizeof(*h);
    for (uint32_t i = 0; i < BOOTPLAN_SECTION_COUNT; i++) {
        const struct bootplan_section *s = &h->sections[i];
        uint64_t bytes = (uint64_t)s->count * record_sizes[i];
        if (s->offset % BOOTPLAN_ALIGN != 0 || s->offset < end || s->offset > h->total_size ||
            bytes > h->total_size - (uint64_t)s->offset) {
            return fail(plan, BOOTPLAN_E_SECTION, i);
        }
        end = s->offset + bytes;
    }
    const struct bootplan_section *s = h->sections;
    plan->components = (const void *)(base + s[BOOTPLAN_COMPONENTS].offset);
    plan->component_count = s[BOOTPLAN_COMPONENTS].count;
    plan->threads = (const void *)(base + s[BOOTPLAN_THREADS].offset);
    plan->thread_count = s[BOOTPLAN_THREADS].count;
    plan->objects = (const void *)(base + s[BOOTPLAN_OBJECTS].offset);
    plan->object_count = s[BOOTPLAN_OBJECTS].count;
    plan->mappings = (const void *)(base + s[BOOTPLAN_MAPPINGS].offset);
    plan->mapping_count = s[BOOTPLAN_MAPPINGS].count;
    plan->caps = (const void *)(base + s[BOOTPLAN_CAPS].offset);
    plan->cap_count = s[BOOTPLAN_CAPS].count;
    plan->strings = (const char *)(base + s[BOOTPLAN_STRINGS].offset);
    plan->strings_size = s[BOOTPLAN_STRINGS].count;
    if (plan->component_count == 0 || plan->component_count > BOOTPLAN_MAX_COMPONENTS ||
        plan->object_count > BOOTPLAN_MAX_OBJECTS) {
        return fail(plan, BOOTPLAN_E_SECTION, BOOTPLAN_COMPONENTS);
    }
    if (plan->strings_size == 0 || plan->strings[plan->strings_size - 1] != '\0') {
        return fail(plan, BOOTPLAN_E_STRING, 0);
    }
    return BOOTPLAN_OK;
}

/* --- records on their own ----------------------------------------------------------- */

static int check_object(const struct bootplan *plan, const struct bootplan_object *o)
{
    if (!string_ok(plan, o->name)) {
        return BOOTPLAN_E_STRING;
    }
    if (o->reserved[0] != 0 || o->reserved[1] != 0 || o->reserved[2] != 0) {
        return BOOTPLAN_E_OBJECT;
    }
    switch (o->kind) {
    case BOOTPLAN_OBJECT_ENDPOINT:
    case BOOTPLAN_OBJECT_NOTIFICATION:
    case BOOTPLAN_OBJECT_FAULT_ENDPOINT:
    case BOOTPLAN_OBJECT_IRQ_NOTIFICATION:
        return o->size == 0 ? BOOTPLAN_OK : BOOTPLAN_E_OBJECT;
    case BOOTPLAN_OBJECT_SHARED:
        return o->size != 0 && page_aligned(o->size) && o->size < BOOTPLAN_WINDOW_TOP
                   ? BOOTPLAN_OK : BOOTPLAN_E_OBJECT;
    default:
        return BOOTPLAN_E_OBJECT;
    }
}

static int check_objects(struct bootplan *plan)
{
    for (uint32_t i = 0; i < plan->object_count; i++) {
        int err = check_object(plan, &plan->objects[i]);
        if (err != BOOTPLAN_OK) {
            return fail(plan, err, i);
        }
    }
    return BOOTPLAN_OK;
}

/* The component's own fields and that its groups are the next ones in each section. */
static int check_component(const struct bootplan *plan, uint32_t index,
                           const uint32_t next[3])
{
    const struct bootplan_component *c = &plan->components[index];
    if (!string_ok(plan, c->name) || !string_ok(plan, c->image)) {
        return BOOTPLAN_E_STRING;
    }
    bool untyped = (c->flags & BOOTPLAN_COMPONENT_UNTYPED) != 0;
    bool fault_ok = c->fault_handler == BOOTPLAN_NO_COMPONENT ||
                    (c->fault_handler < plan->component_count && c->fault_handler != index);
    if (c->first_thread != next[0] || c->first_mapping != next[1] || c->first_cap != next[2] ||
        c->thread_count == 0 || c->thread_count > BOOTPLAN_MAX_THREADS_PER_COMPONENT ||
        c->mapping_count > BOOTPLAN_MAX_MAPPINGS_PER_COMPONENT ||
        c->cap_count > BOOTPLAN_MAX_CAPS_PER_COMPONENT ||
        !range_inside(c->first_thread, c->thread_count, plan->thread_count) ||
        !range_inside(c->first_mapping, c->mapping_count, plan->mapping_count) ||
        !range_inside(c->first_cap, c->cap_count, plan->cap_count) ||
        c->cnode_radix < BOOTPLAN_MIN_RADIX || c->cnode_radix > CAIRN_CNODE_MAX_RADIX ||
        (untyped && c->cnode_radix < BOOTPLAN_UNTYPED_RADIX) ||
        (c->flags & ~BOOTPLAN_COMPONENT_UNTYPED) != 0 || !fault_ok || c->reserved != 0) {
        return BOOTPLAN_E_COMPONENT;
    }
    return BOOTPLAN_OK;
}

/* Every component, then that the groups cover each section exactly. */
static int check_components(struct bootplan *plan)
{
    uint32_t next[3] = {0, 0, 0};
    uint32_t untyped_holders = 0;
    for (uint32_t i = 0; i < plan->component_count; i++) {
        int err = check_component(plan, i, next);
        if (err != BOOTPLAN_OK) {
            return fail(plan, err, i);
        }
        const struct bootplan_component *c = &plan->components[i];
        next[0] += c->thread_count;
        next[1] += c->mapping_count;
        next[2] += c->cap_count;
        untyped_holders += c->flags & BOOTPLAN_COMPONENT_UNTYPED;
        if (untyped_holders > 1) {
            return fail(plan, BOOTPLAN_E_COMPONENT, i);
        }
    }
    if (next[0] != plan->thread_count || next[1] != plan->mapping_count ||
        next[2] != plan->cap_count) {
        return fail(plan, BOOTPLAN_E_COMPONENT, plan->component_count);
    }
    return BOOTPLAN_OK;
}

static int check_thread(const struct bootplan *plan, const struct bootplan_thread *t,
                        uint32_t component, uint32_t index)
{
    if (!string_ok(plan, t->name)) {
        return BOOTPLAN_E_STRING;
    }
    uint32_t reserved = 0;
    for (unsigned i = 0; i < sizeof(t->reserved); i++) {
        reserved |= t->reserved[i];
    }
    if (t->component != component || t->index != index || t->priority > t->max_priority ||
        t->max_priority > BOOTPLAN_MAX_PRIORITY || reserved != 0) {
        return BOOTPLAN_E_THREAD;
    }
    return BOOTPLAN_OK;   /* the addresses are checked with the mappings */
}

static int check_threads(struct bootplan *plan)
{
    for (uint32_t c = 0; c < plan->component_count; c++) {
        const struct bootplan_component *comp = &plan->components[c];
        for (uint32_t i = 0; i < comp->thread_count; i++) {
            uint32_t t = comp->first_thread + i;
            int err = check_thread(plan, &plan->threads[t], c, i);
            if (err != BOOTPLAN_OK) {
                return fail(plan, err, t);
            }
        }
    }
    return BOOTPLAN_OK;
}

/* --- mappings ----------------------------------------------------------------------- */

static bool object_is(const struct bootplan *plan, uint32_t object, uint8_t kind)
{
    return object < plan->object_count && plan->objects[object].kind == kind;
}

static bool thread_of(const struct bootplan_component *c, uint32_t thread)
{
    return thread >= c->first_thread && thread - c->first_thread < c->thread_count;
}

/* A stack or IPC buffer belongs to a thread of this component, placed where the
 * thread's record says. */
static bool thread_mapping_ok(const struct bootplan *plan, const struct bootplan_component *c,
                              const struct bootplan_mapping *m)
{
    if (!thread_of(c, m->object) || m->paddr != 0) {
        return false;
    }
    const struct bootplan_thread *t = &plan->threads[m->object];
    if (m->kind == BOOTPLAN_MAP_STACK) {
        return t->stack_vaddr == m->vaddr && t->stack_size == m->size;
    }
    return t->ipc_buffer_vaddr == m->vaddr && m->size == PAGE;
}

/* A mapping's object and physical address are what its kind says. */
static bool mapping_backing_ok(const struct bootplan *plan, const struct bootplan_component *c,
                               const struct bootplan_mapping *m)
{
    switch (m->kind) {
    case BOOTPLAN_MAP_STACK:
    case BOOTPLAN_MAP_IPC_BUFFER:
        return thread_mapping_ok(plan, c, m);
    case BOOTPLAN_MAP_HEAP:
        return m->object == 0 && m->paddr == 0;
    case BOOTPLAN_MAP_SHARED:
        return object_is(plan, m->object, BOOTPLAN_OBJECT_SHARED) && m->paddr == 0 &&
               plan->objects[m->object].size == m->size;
    case BOOTPLAN_MAP_MMIO:
        return m->object == 0 && page_aligned(m->paddr) && m->size <= UINT64_MAX - m->paddr;
    default:
        return false;
    }
}

static int check_mapping(const struct bootplan *plan, const struct bootplan_component *c,
                         const struct bootplan_mapping *m)
{
    if (!string_ok(plan, m->name)) {
        return BOOTPLAN_E_STRING;
    }
    bool rights_ok = m->rights == CAIRN_RIGHT_READ ||
                     m->rights == (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    bool range_ok = page_aligned(m->vaddr) && page_aligned(m->size) && m->size != 0 &&
                    m->vaddr >= BOOTPLAN_WINDOW_BASE && m->vaddr < BOOTPLAN_WINDOW_TOP &&
                    m->size <= BOOTPLAN_WINDOW_TOP - m->vaddr;
    if (!rights_ok || !range_ok || m->reserved != 0 || m->reserved2 != 0 ||
        !mapping_backing_ok(plan, c, m)) {
        return BOOTPLAN_E_MAPPING;
    }
    return BOOTPLAN_OK;
}

static bool mappings_overlap(const struct bootplan_mapping *a, const struct bootplan_mapping *b)
{
    return a->vaddr < b->vaddr + b->size && b->vaddr < a->vaddr + a->size;
}

/* Each thread has exactly one stack and one IPC buffer: as many of each as threads, each
 * matching its thread, none overlapping (so no thread is counted twice). */
static int check_component_mappings(struct bootplan *plan, const struct bootplan_component *c)
{
    uint32_t stacks = 0, ipc_buffers = 0;
    for (uint32_t i = 0; i < c->mapping_count; i++) {
        uint32_t index = c->first_mapping + i;
        const struct bootplan_mapping *m = &plan->mappings[index];
        int err = check_mapping(plan, c, m);
        if (err != BOOTPLAN_OK) {
            return fail(plan, err, index);
        }
        for (uint32_t j = 0; j < i; j++) {
            if (mappings_overlap(m, &plan->mappings[c->first_mapping + j])) {
                return fail(plan, BOOTPLAN_E_OVERLAP, index);
            }
        }
        stacks += m->kind == BOOTPLAN_MAP_STACK;
        ipc_buffers += m->kind == BOOTPLAN_MAP_IPC_BUFFER;
    }
    if (stacks != c->thread_count || ipc_buffers != c->thread_count) {
        return fail(plan, BOOTPLAN_E_MAPPING, c->first_mapping);
    }
    return BOOTPLAN_OK;
}

/* --- capabilities ------------------------------------------------------------------- */

static bool cap_object_ok(const struct bootplan *plan, uint32_t component,
                          const struct bootplan_cap *cap)
{
    const struct bootplan_component *c = &plan->components[component];
    switch (cap->kind) {
    case BOOTPLAN_CAP_TCB:
    case BOOTPLAN_CAP_IPC_BUFFER:
        return thread_of(c, cap->object) && cap->badge == 0;
    case BOOTPLAN_CAP_CNODE:
    case BOOTPLAN_CAP_VSPACE:
        return cap->object == component && cap->badge == 0;
    case BOOTPLAN_CAP_ENDPOINT:
        return object_is(plan, cap->object, BOOTPLAN_OBJECT_ENDPOINT) ||
               object_is(plan, cap->object, BOOTPLAN_OBJECT_FAULT_ENDPOINT);
    case BOOTPLAN_CAP_NOTIFICATION:
        return object_is(plan, cap->object, BOOTPLAN_OBJECT_NOTIFICATION) ||
               (object_is(plan, cap->object, BOOTPLAN_OBJECT_IRQ_NOTIFICATION) &&
                cap->badge == 0);
    case BOOTPLAN_CAP_IRQ_HANDLER:
        return cap->object >= 1 && cap->object <= BOOTPLAN_MAX_IRQ &&
               (cap->badge & BOOTPLAN_SIGNAL_FLAG) != 0;
    case BOOTPLAN_CAP_ASID_CONTROL:
        return cap->object == 0 && cap->badge == 0;
    case BOOTPLAN_CAP_INSPECT:
        return cap->object < plan->component_count && cap->object != component &&
               cap->rights == CAIRN_RIGHT_READ && cap->badge == 0;
    default:
        return false;
    }
}

/* What the fixed slot must hold, or 0 when the slot is not a fixed one. */
static uint8_t fixed_slot_kind(uint32_t slot)
{
    static const uint8_t kinds[BOOTPLAN_SLOT_FAULT + 1] = {
        [BOOTPLAN_SLOT_TCB] = BOOTPLAN_CAP_TCB,
        [BOOTPLAN_SLOT_CNODE] = BOOTPLAN_CAP_CNODE,
        [BOOTPLAN_SLOT_VSPACE] = BOOTPLAN_CAP_VSPACE,
        [BOOTPLAN_SLOT_IPC_BUFFER] = BOOTPLAN_CAP_IPC_BUFFER,
        [BOOTPLAN_SLOT_FAULT] = BOOTPLAN_CAP_ENDPOINT,
    };
    return slot <= BOOTPLAN_SLOT_FAULT ? kinds[slot] : 0;
}

/* The slot is inside the CNode, allowed, and holds what a fixed slot must. */
static bool cap_slot_ok(const struct bootplan *plan, uint32_t component,
                        const struct bootplan_cap *cap)
{
    const struct bootplan_component *c = &plan->components[component];
    bool untyped = (c->flags & BOOTPLAN_COMPONENT_UNTYPED) != 0;
    if (cap->slot == 0 || cap->slot >= (1u << c->cnode_radix) ||
        (cap->slot < BOOTPLAN_SLOT_FIRST_FREE && fixed_slot_kind(cap->slot) != cap->kind) ||
        (untyped && cap->slot >= BOOTPLAN_SLOT_UNTYPED_FIRST)) {
        return false;
    }
    switch (cap->slot) {
    case BOOTPLAN_SLOT_TCB:
    case BOOTPLAN_SLOT_IPC_BUFFER:
        return cap->object == c->first_thread;     /* the first thread's */
    case BOOTPLAN_SLOT_FAULT:
        return c->fault_handler != BOOTPLAN_NO_COMPONENT && cap->badge != 0 &&
               object_is(plan, cap->object, BOOTPLAN_OBJECT_FAULT_ENDPOINT);
    default:
        return true;
    }
}

/* Slots 1 to 4 are always there, and 5 exactly when the component has a fault handler. */
static bool fixed_slots_present(const struct bootplan *plan, const struct bootplan_component *c)
{
    uint32_t fixed = c->fault_handler == BOOTPLAN_NO_COMPONENT ? 4 : 5;
    if (c->cap_count < fixed) {
        return false;
    }
    for (uint32_t i = 0; i < fixed; i++) {
        if (plan->caps[c->first_cap + i].slot != i + 1) {
            return false;
        }
    }
    return true;
}

/* A component with IRQ handlers has exactly one IRQ notification for them to signal. */
static int check_irq_notification(struct bootplan *plan, const struct bootplan_component *c)
{
    uint32_t handlers = 0, notifications = 0;
    for (uint32_t i = 0; i < c->cap_count; i++) {
        const struct bootplan_cap *cap = &plan->caps[c->first_cap + i];
        handlers += cap->kind == BOOTPLAN_CAP_IRQ_HANDLER;
        notifications += cap->kind == BOOTPLAN_CAP_NOTIFICATION &&
                         object_is(plan, cap->object, BOOTPLAN_OBJECT_IRQ_NOTIFICATION);
    }
    if (notifications > 1 || (handlers > 0 && notifications == 0)) {
        return fail(plan, BOOTPLAN_E_CAP, c->first_cap);
    }
    return BOOTPLAN_OK;
}

static int check_component_caps(struct bootplan *plan, uint32_t component)
{
    const struct bootplan_component *c = &plan->components[component];
    for (uint32_t i = 0; i < c->cap_count; i++) {
        uint32_t index = c->first_cap + i;
        const struct bootplan_cap *cap = &plan->caps[index];
        if ((cap->rights & ~CAIRN_RIGHTS_ALL) != 0 || cap->reserved != 0 ||
            cap->reserved2 != 0 || !cap_object_ok(plan, component, cap)) {
            return fail(plan, BOOTPLAN_E_CAP, index);
        }
        /* Sorted by slot, strictly: no slot is used twice. */
        if (!cap_slot_ok(plan, component, cap) ||
            (i > 0 && cap->slot <= plan->caps[index - 1].slot)) {
            return fail(plan, BOOTPLAN_E_SLOT, index);
        }
    }
    if (!fixed_slots_present(plan, c)) {
        return fail(plan, BOOTPLAN_E_SLOT, c->first_cap);
    }
    return check_irq_notification(plan, c);
}

/* One handler per IRQ and one ASID control capability in the whole system: the kernel
 * hands each out only once. */
static int check_unique_caps(struct bootplan *plan)
{
    uint32_t asid_controls = 0;
    for (uint32_t i = 0; i < plan->cap_count; i++) {
        const struct bootplan_cap *cap = &plan->caps[i];
        asid_controls += cap->kind == BOOTPLAN_CAP_ASID_CONTROL;
        if (asid_controls > 1) {
            return fail(plan, BOOTPLAN_E_CAP, i);
        }
        for (uint32_t j = 0; cap->kind == BOOTPLAN_CAP_IRQ_HANDLER && j < i; j++) {
            if (plan->caps[j].kind == BOOTPLAN_CAP_IRQ_HANDLER &&
                plan->caps[j].object == cap->object) {
                return fail(plan, BOOTPLAN_E_CAP, i);
            }
        }
    }
    return BOOTPLAN_OK;
}

static int check_groups(struct bootplan *plan)
{
    for (uint32_t c = 0; c < plan->component_count; c++) {
        int err = check_component_mappings(plan, &plan->components[c]);
        if (err == BOOTPLAN_OK) {
            err = check_component_caps(plan, c);
        }
        if (err != BOOTPLAN_OK) {
            return err;
        }
    }
    return check_unique_caps(plan);
}

/* --- the entry points --------------------------------------------------------------- */

int bootplan_open(const void *data, size_t size, struct bootplan *out)
{
    out->error_record = 0;
    if ((uintptr_t)data % BOOTPLAN_ALIGN != 0) {
        return BOOTPLAN_E_ALIGN;
    }
    if (size < sizeof(struct bootplan_header)) {
        return BOOTPLAN_E_TRUNCATED;
    }
    out->header = data;
    int err = check_header(out->header, size);
    if (err == BOOTPLAN_OK) {
        err = check_sections(data, out);
    }
    if (err == BOOTPLAN_OK) {
        err = check_objects(out);
    }
    if (err == BOOTPLAN_OK) {
        err = check_components(out);
    }
    if (err == BOOTPLAN_OK) {
        err = check_threads(out);
    }
    if (err == BOOTPLAN_OK) {
        err = check_groups(out);
    }
    return err;
}

const char *bootplan_string(const struct bootplan *plan, uint32_t offset)
{
    return offset < plan->strings_size ? plan->strings + offset : "";
}

const char *bootplan_strerror(int error)
{
    static const char *const messages[] = {
        "ok",
        "data not 8-byte aligned",
        "truncated",
        "bad magic (not a boot plan)",
        "unknown version",
        "bad header",
        "bad section table",
        "bad string",
        "bad component record",
        "bad thread record",
        "bad object record",
        "bad mapping record",
        "overlapping mappings",
        "bad capability record",
        "bad capability slot",
    };
    /* Range-check before negating: -INT_MIN does not exist. */
    if (error > 0 || error < BOOTPLAN_E_SLOT) {
        return "unknown boot plan error";
    }
    return messages[-error];
}
