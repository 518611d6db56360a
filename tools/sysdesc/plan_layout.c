/*
 * plan_layout.c: where each region of a component goes in its address space.
 *
 * The image lives below BOOTPLAN_WINDOW_BASE. From there up, with the page at the base
 * left unmapped: each thread's stack and then its IPC buffer (in thread order), the heap,
 * the shared regions (in description order) and the MMIO regions (in statement order),
 * each followed by one unmapped guard page, so running off any region faults instead of
 * writing into the next. Stacks grow down into the guard page below them.
 */
#include "plan.h"

#define PAGE ((uint64_t)SD_PAGE_SIZE)

struct cursor {
    uint64_t next;                 /* where the next region goes */
    bool fits;
};

/* Places one region of `size` bytes (rounded up to pages) at the cursor. */
static uint64_t place(struct plan *plan, struct cursor *at, struct plan_region region,
                      uint64_t size)
{
    uint64_t pages = size / PAGE + (size % PAGE != 0);
    if (!at->fits || at->next > BOOTPLAN_WINDOW_TOP ||
        pages > (BOOTPLAN_WINDOW_TOP - at->next) / PAGE) {
        at->fits = false;
        return 0;
    }
    region.vaddr = at->next;
    region.size = pages * PAGE;
    plan->regions[plan->region_count++] = region;
    at->next += region.size + PAGE;
    return region.vaddr;
}

static void place_threads(struct plan *plan, unsigned component, struct cursor *at)
{
    const struct sd_component *c = &plan->sys->components[component];
    unsigned first = plan->components[component].first_thread;
    uint8_t rw = CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE;
    for (unsigned i = 0; i < c->thread_count; i++) {
        struct plan_thread *t = &plan->threads[first + i];
        const char *name = c->threads[i].name.text;
        t->stack_size = sd_thread_stack(&c->threads[i]);
        t->stack_vaddr = place(plan, at, (struct plan_region){BOOTPLAN_MAP_STACK, rw,
                               first + i, name, 0, 0, 0}, t->stack_size);
        t->ipc_buffer_vaddr = place(plan, at, (struct plan_region){BOOTPLAN_MAP_IPC_BUFFER,
                                    rw, first + i, name, 0, 0, 0}, PAGE);
    }
}

static uint8_t mapping_rights(unsigned rights)
{
    return rights == SD_RIGHTS_RW ? CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE : CAIRN_RIGHT_READ;
}

/* The shared regions the component is a member of, in description order. */
static void place_shared(struct plan *plan, unsigned component, struct cursor *at)
{
    const struct sd_system *sys = plan->sys;
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *conn = &sys->connections[i];
        const struct sd_party *parties = sd_parties(sys, conn);
        for (unsigned j = 0; conn->kind == SD_SHARED && j < conn->party_count; j++) {
            if (parties[j].component == (int)component) {
                place(plan, at, (struct plan_region){BOOTPLAN_MAP_SHARED,
                      mapping_rights(parties[j].rights), plan_connection_object(i),
                      conn->name.text, 0, 0, 0}, conn->size.value);
            }
        }
    }
}

static void place_mmio(struct plan *plan, unsigned component, struct cursor *at)
{
    const struct sd_component *c = &plan->sys->components[component];
    for (unsigned i = 0; i < c->mmio_count; i++) {
        const struct sd_mmio *m = &c->mmio[i];
        place(plan, at, (struct plan_region){BOOTPLAN_MAP_MMIO, mapping_rights(m->rights), 0,
              m->name.text, 0, 0, m->addr.value}, m->size.value);
    }
}

bool plan_layout(struct plan *plan, unsigned component)
{
    const struct sd_component *c = &plan->sys->components[component];
    struct plan_component *pc = &plan->components[component];
    struct cursor at = {BOOTPLAN_WINDOW_BASE + PAGE, true};
    pc->first_region = plan->region_count;
    place_threads(plan, component, &at);
    if (sd_given(c->heap.pos)) {
        place(plan, &at, (struct plan_region){BOOTPLAN_MAP_HEAP,
              CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE, 0, "heap", 0, 0, 0}, c->heap.value);
    }
    place_shared(plan, component, &at);
    place_mmio(plan, component, &at);
    pc->region_count = plan->region_count - pc->first_region;
    return at.fits;
}
