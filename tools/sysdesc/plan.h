/*
 * plan.h: what the root server will build, worked out from a checked description.
 *
 * The plan decides everything the description leaves implicit: the kernel objects
 * (one endpoint per rpc, one notification per notify, frames per shared region, one
 * fault endpoint per fault handler, one notification per client of an rpc with
 * `signals`), each component's virtual layout (plan_layout.c)
 * and its CSpace, slot by slot (plan_slots.c). plan_encode.c writes it as the binary
 * boot plan (lib/bootplan/include/bootplan.h), caps_header.c as C headers. The kinds
 * and slot numbers are bootplan.h's, so the tool and the root server share one
 * definition.
 */
#ifndef SYSDESC_PLAN_H
#define SYSDESC_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "bootplan.h"
#include "model.h"

/* Upper bounds that follow from the model's limits. */
#define PLAN_MAX_OBJECTS (SD_MAX_CONNECTIONS + 2 * SD_MAX_COMPONENTS + SD_MAX_PARTIES)
#define PLAN_MAX_THREADS (SD_MAX_COMPONENTS * SD_MAX_THREADS)
#define PLAN_MAX_REGIONS (SD_MAX_COMPONENTS * (2 * SD_MAX_THREADS + 1 + SD_MAX_MMIO) + \
                          SD_MAX_PARTIES)
#define PLAN_MAX_CAPS (SD_MAX_COMPONENTS * (BOOTPLAN_SLOT_FIRST_FREE + SD_MAX_THREADS + 2 + \
                                            SD_MAX_IRQS) + 3 * SD_MAX_PARTIES + SD_MAX_CONNECTIONS + \
                       SD_MAX_COMPONENTS * SD_MAX_COMPONENTS)

struct plan_object {
    uint8_t kind;                  /* enum bootplan_object_kind */
    const char *name;              /* the connection's, or the fault handler's */
    uint64_t size;                 /* shared regions */
};

/* One mapped region of a component. */
struct plan_region {
    uint8_t kind;                  /* enum bootplan_mapping_kind */
    uint8_t rights;                /* CAIRN_RIGHT_* */
    uint32_t object;               /* a global thread index or an object index, by kind */
    const char *name;              /* the thread, "heap", or the region's name */
    uint64_t vaddr;
    uint64_t size;                 /* page-rounded */
    uint64_t paddr;                /* mmio */
};

/* Where a capability came from: what caps_header.c names it after. */
enum plan_cap_source {
    PLAN_SRC_FIXED,                /* slots 1 to 5 */
    PLAN_SRC_THREAD,               /* the TCB of thread `index` of the component */
    PLAN_SRC_CONNECTION,           /* connection `index` (rpc or notify) */
    PLAN_SRC_FAULTS,               /* the receive side of its own fault endpoint */
    PLAN_SRC_IRQ,
    PLAN_SRC_IRQ_NOTIFICATION,     /* the notification its IRQs signal (to wait on) */
    PLAN_SRC_ASID_CONTROL,
    PLAN_SRC_SIGNALS,              /* a client's wait side of rpc `index`'s signals */
    PLAN_SRC_SIGNAL,               /* the server's signal to client `client` of rpc `index` */
    PLAN_SRC_INSPECT,              /* a read-only view of component `index`'s CNode */
};

struct plan_cap {
    uint32_t slot;
    uint8_t kind;                  /* enum bootplan_cap_kind */
    uint8_t rights;                /* CAIRN_RIGHT_* */
    uint32_t object;               /* see enum bootplan_cap_kind */
    uint64_t badge;
    enum plan_cap_source source;
    unsigned index;                /* thread or connection index, by source */
    unsigned client;               /* PLAN_SRC_SIGNAL: the client's place in the rpc */
};

struct plan_thread {
    unsigned component;
    unsigned index;                /* in its component */
    uint64_t stack_vaddr;
    uint64_t stack_size;
    uint64_t ipc_buffer_vaddr;
};

struct plan_component {
    unsigned first_thread;         /* global index of its first thread */
    unsigned first_region, region_count;
    unsigned first_cap, cap_count;
    uint8_t cnode_radix;
    int fault_object;              /* its fault endpoint (as a handler), or SD_NONE */
    int irq_object;                /* the notification its IRQs signal, or SD_NONE */
    uint64_t fault_badge;          /* the badge of its own slot-5 capability, or 0 */
    bool fits;                     /* its regions fit below BOOTPLAN_WINDOW_TOP */
};

struct plan {
    const struct sd_system *sys;
    unsigned object_count;
    struct plan_object objects[PLAN_MAX_OBJECTS];
    unsigned thread_count;
    struct plan_thread threads[PLAN_MAX_THREADS];
    unsigned region_count;
    struct plan_region regions[PLAN_MAX_REGIONS];
    unsigned cap_count;
    struct plan_cap caps[PLAN_MAX_CAPS];
    struct plan_component components[SD_MAX_COMPONENTS];
    int signal_objects[SD_MAX_CONNECTIONS]; /* rpc with signals: the first client's
                                               notification (one per client), or SD_NONE */
};

/*
 * Works out the plan of a description that passed check_system. It cannot fail, but a
 * plan is only sound when check_plan (check_plan.c) finds nothing wrong with it: a
 * component's regions may not fit (plan_component.fits), or a component may need more
 * slots than its CNode may have.
 */
void plan_build(const struct sd_system *sys, struct plan *plan);

/* The rpc badge of client i (0-based) and the notify badge of signaller i. */
uint64_t plan_rpc_badge(unsigned client);
uint64_t plan_notify_badge(unsigned signaller);

/* The badge IRQ number i (0-based, statement order) of a component signals with. */
uint64_t plan_irq_badge(unsigned i);

/* The badge a server signals a client of an rpc with `signals` with. */
uint64_t plan_signals_badge(void);

/* The fault badge component `faulter` uses towards its handler: 1, 2, ... in
 * description order among the handler's faulters. */
uint64_t plan_fault_badge(const struct sd_system *sys, unsigned faulter);

/* The object index of connection i (objects are made in connection order first). */
static inline unsigned plan_connection_object(unsigned connection)
{
    return connection;
}

/* Lays out the component's regions (plan_layout.c); false when they do not fit. */
bool plan_layout(struct plan *plan, unsigned component);

/* Fills the component's CSpace (plan_slots.c). */
void plan_slots(struct plan *plan, unsigned component);

#endif
