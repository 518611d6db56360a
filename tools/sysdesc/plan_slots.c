/*
 * plan_slots.c: a component's CSpace, slot by slot.
 *
 * Slots 1 to 5 are fixed (bootplan.h). From slot 8: the TCBs of its other threads, then
 * its end of each rpc and notify in description order (for an rpc with `signals`, a
 * client's call capability is followed by its wait capability, a server's receive
 * capability by one signal capability per client, in the order listed), the receive side of its fault
 * endpoint when it handles others' faults, the notification its IRQs signal and its IRQ
 * handlers in statement order, ASID control, and for a component that may `inspect`
 * a read-only capability to every other component's CNode, in description order. The CNode gets the smallest radix that holds them; the untyped holder's gets
 * 256 slots, the upper half left for the untyped capabilities.
 *
 * Rights: a client's endpoint can send and grant a reply (so Call works); a signaller's
 * notification can only signal; servers and waiters only receive. Only the server of an
 * rpc marked `grant` gets the grant right on its endpoint, so that its replies may carry
 * capabilities to its clients (the kernel follows the receiver's grant, as seL4 does);
 * no other capability moves between components at run time.
 */
#include "plan.h"

#define RIGHTS_OWN (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE)
#define RIGHTS_CALL (CAIRN_RIGHT_WRITE | CAIRN_RIGHT_GRANT_REPLY)
#define RIGHTS_SIGNAL CAIRN_RIGHT_WRITE
#define RIGHTS_RECEIVE CAIRN_RIGHT_READ
#define RIGHTS_INSPECT CAIRN_RIGHT_READ   /* a CNode without write: read, never change */
#define RIGHTS_NONE 0u                    /* an IRQ handler: the kernel makes it with none */

struct slots {
    struct plan *plan;
    unsigned component;
    uint32_t next;                 /* the next free slot from BOOTPLAN_SLOT_FIRST_FREE */
};

static void add_cap(struct slots *s, uint32_t slot, struct plan_cap cap)
{
    cap.slot = slot;
    s->plan->caps[s->plan->cap_count++] = cap;
}

static void add_next(struct slots *s, struct plan_cap cap)
{
    add_cap(s, s->next++, cap);
}

static void add_fixed(struct slots *s)
{
    const struct sd_system *sys = s->plan->sys;
    const struct plan_component *pc = &s->plan->components[s->component];
    uint32_t thread = pc->first_thread, self = s->component;
    add_cap(s, BOOTPLAN_SLOT_TCB, (struct plan_cap){0, BOOTPLAN_CAP_TCB, RIGHTS_OWN, thread,
            0, PLAN_SRC_FIXED, 0, 0});
    add_cap(s, BOOTPLAN_SLOT_CNODE, (struct plan_cap){0, BOOTPLAN_CAP_CNODE, RIGHTS_OWN, self,
            0, PLAN_SRC_FIXED, 0, 0});
    add_cap(s, BOOTPLAN_SLOT_VSPACE, (struct plan_cap){0, BOOTPLAN_CAP_VSPACE, RIGHTS_OWN,
            self, 0, PLAN_SRC_FIXED, 0, 0});
    add_cap(s, BOOTPLAN_SLOT_IPC_BUFFER, (struct plan_cap){0, BOOTPLAN_CAP_IPC_BUFFER,
            RIGHTS_OWN, thread, 0, PLAN_SRC_FIXED, 0, 0});
    int handler = sys->components[self].fault_handler;
    if (handler != SD_NONE) {
        uint32_t endpoint = (uint32_t)s->plan->components[handler].fault_object;
        add_cap(s, BOOTPLAN_SLOT_FAULT, (struct plan_cap){0, BOOTPLAN_CAP_ENDPOINT,
                RIGHTS_CALL, endpoint, plan_fault_badge(sys, self), PLAN_SRC_FIXED, 0, 0});
    }
}

static void add_threads(struct slots *s)
{
    const struct sd_component *c = &s->plan->sys->components[s->component];
    uint32_t first = s->plan->components[s->component].first_thread;
    for (unsigned i = 1; i < c->thread_count; i++) {
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_TCB, RIGHTS_OWN, first + i, 0,
                 PLAN_SRC_THREAD, i, 0});
    }
}

/* The server of rpc i with `signals`: a signal capability for each client's notification. */
static void add_signals_server(struct slots *s, unsigned i)
{
    const struct sd_connection *conn = &s->plan->sys->connections[i];
    for (unsigned j = 0; j < conn->party_count; j++) {
        uint32_t object = (uint32_t)s->plan->signal_objects[i] + j;
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_NOTIFICATION, RIGHTS_SIGNAL, object,
                 plan_signals_badge(), PLAN_SRC_SIGNAL, i, j});
    }
}

/* This component's end of rpc or notify connection i, if it has one. */
static void add_connection(struct slots *s, unsigned i)
{
    const struct sd_system *sys = s->plan->sys;
    const struct sd_connection *conn = &sys->connections[i];
    uint8_t kind = conn->kind == SD_RPC ? BOOTPLAN_CAP_ENDPOINT : BOOTPLAN_CAP_NOTIFICATION;
    uint32_t object = plan_connection_object(i);
    int signals = s->plan->signal_objects[i];
    if (conn->target.component == (int)s->component) {
        uint8_t rights = RIGHTS_RECEIVE | (conn->options & SD_RPC_GRANT ? CAIRN_RIGHT_GRANT : 0);
        add_next(s, (struct plan_cap){0, kind, rights, object, 0, PLAN_SRC_CONNECTION, i, 0});
        if (signals != SD_NONE) {
            add_signals_server(s, i);
        }
        return;
    }
    const struct sd_party *parties = sd_parties(sys, conn);
    for (unsigned j = 0; j < conn->party_count; j++) {
        if (parties[j].component != (int)s->component) {
            continue;
        }
        bool rpc = conn->kind == SD_RPC;
        add_next(s, (struct plan_cap){0, kind, rpc ? RIGHTS_CALL : RIGHTS_SIGNAL, object,
                 rpc ? plan_rpc_badge(j) : plan_notify_badge(j), PLAN_SRC_CONNECTION, i, 0});
        if (signals != SD_NONE) {
            add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_NOTIFICATION, RIGHTS_RECEIVE,
                     (uint32_t)signals + j, 0, PLAN_SRC_SIGNALS, i, 0});
        }
    }
}

static void add_authority(struct slots *s)
{
    const struct sd_component *c = &s->plan->sys->components[s->component];
    int faults = s->plan->components[s->component].fault_object;
    if (faults != SD_NONE) {
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_ENDPOINT, RIGHTS_RECEIVE,
                 (uint32_t)faults, 0, PLAN_SRC_FAULTS, 0, 0});
    }
    int irqs = s->plan->components[s->component].irq_object;
    if (irqs != SD_NONE) {
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_NOTIFICATION, RIGHTS_RECEIVE,
                 (uint32_t)irqs, 0, PLAN_SRC_IRQ_NOTIFICATION, 0, 0});
    }
    for (unsigned i = 0; i < c->irq_count; i++) {
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_IRQ_HANDLER, RIGHTS_NONE,
                 (uint32_t)c->irqs[i].number.value, plan_irq_badge(i), PLAN_SRC_IRQ, i, 0});
    }
    if (sd_given(c->asid_control)) {
        add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_ASID_CONTROL, RIGHTS_OWN, 0, 0,
                 PLAN_SRC_ASID_CONTROL, 0, 0});
    }
    for (unsigned i = 0; sd_given(c->inspect) && i < s->plan->sys->component_count; i++) {
        if (i != s->component) {
            add_next(s, (struct plan_cap){0, BOOTPLAN_CAP_INSPECT, RIGHTS_INSPECT, i, 0,
                     PLAN_SRC_INSPECT, i, 0});
        }
    }
}

/* The smallest radix whose CNode has a slot `highest`. */
static uint8_t radix_for(uint32_t highest, bool untyped)
{
    uint8_t radix = BOOTPLAN_MIN_RADIX;
    while ((1u << radix) <= highest) {
        radix++;
    }
    return untyped && radix < BOOTPLAN_UNTYPED_RADIX ? BOOTPLAN_UNTYPED_RADIX : radix;
}

void plan_slots(struct plan *plan, unsigned component)
{
    const struct sd_system *sys = plan->sys;
    struct plan_component *pc = &plan->components[component];
    struct slots s = {plan, component, BOOTPLAN_SLOT_FIRST_FREE};
    pc->first_cap = plan->cap_count;
    add_fixed(&s);
    add_threads(&s);
    for (unsigned i = 0; i < sys->connection_count; i++) {
        if (sys->connections[i].kind != SD_SHARED) {
            add_connection(&s, i);
        }
    }
    add_authority(&s);
    pc->cap_count = plan->cap_count - pc->first_cap;
    pc->fault_badge = sys->components[component].fault_handler == SD_NONE
                          ? 0 : plan_fault_badge(sys, component);
    pc->cnode_radix = radix_for(s.next - 1, sd_given(sys->components[component].untyped));
}
