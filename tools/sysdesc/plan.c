/*
 * plan.c: the plan's kernel objects and badges, and the order in which the plan is built.
 *
 * Objects: one per connection in description order (so connection i is object i), then
 * one fault endpoint per component that handles another's faults, in component order,
 * then one notification per component with IRQs (its IRQ handlers signal it, bit i for
 * its i-th IRQ, with BOOTPLAN_SIGNAL_FLAG), in component order, then for each rpc with
 * `signals` one notification per client, in the order listed (the server signals it
 * with bit 0 and BOOTPLAN_SIGNAL_FLAG).
 * Badges: rpc clients get 1, 2, ... in the order listed; notify signallers get bit 0,
 * bit 1, ..., each with BOOTPLAN_SIGNAL_FLAG (so a server whose thread has a notification
 * bound tells a signal from a client's call by the badge the kernel gives, which no
 * client can forge); a component with a fault handler gets 1, 2, ... in component order
 * among the components sharing that handler. A receiver tells its senders apart by the
 * badge.
 */
#include "plan.h"

#include <string.h>

uint64_t plan_rpc_badge(unsigned client)
{
    return (uint64_t)client + 1;
}

uint64_t plan_notify_badge(unsigned signaller)
{
    return BOOTPLAN_SIGNAL_FLAG | 1ull << signaller;
}

uint64_t plan_irq_badge(unsigned i)
{
    return BOOTPLAN_SIGNAL_FLAG | 1ull << i;
}

uint64_t plan_signals_badge(void)
{
    return BOOTPLAN_SIGNAL_FLAG | 1;
}

uint64_t plan_fault_badge(const struct sd_system *sys, unsigned faulter)
{
    int handler = sys->components[faulter].fault_handler;
    uint64_t badge = 1;
    for (unsigned i = 0; i < faulter; i++) {
        badge += sys->components[i].fault_handler == handler;
    }
    return badge;
}

static uint8_t object_kind(enum sd_connection_kind kind)
{
    switch (kind) {
    case SD_RPC:
        return BOOTPLAN_OBJECT_ENDPOINT;
    case SD_NOTIFY:
        return BOOTPLAN_OBJECT_NOTIFICATION;
    case SD_SHARED:
        return BOOTPLAN_OBJECT_SHARED;
    }
    return 0;
}

static bool handles_faults(const struct sd_system *sys, unsigned component)
{
    for (unsigned i = 0; i < sys->component_count; i++) {
        if (sys->components[i].fault_handler == (int)component) {
            return true;
        }
    }
    return false;
}

/* One notification per client of each rpc with `signals`. */
static void plan_signal_objects(struct plan *plan)
{
    const struct sd_system *sys = plan->sys;
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *c = &sys->connections[i];
        plan->signal_objects[i] = SD_NONE;
        if (c->kind != SD_RPC || !(c->options & SD_RPC_SIGNALS)) {
            continue;
        }
        plan->signal_objects[i] = (int)plan->object_count;
        for (unsigned j = 0; j < c->party_count; j++) {
            plan->objects[plan->object_count++] = (struct plan_object){
                .kind = BOOTPLAN_OBJECT_NOTIFICATION,
                .name = c->name.text,
            };
        }
    }
}

static void plan_objects(struct plan *plan)
{
    const struct sd_system *sys = plan->sys;
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *c = &sys->connections[i];
        plan->objects[plan->object_count++] = (struct plan_object){
            .kind = object_kind(c->kind),
            .name = c->name.text,
            .size = c->kind == SD_SHARED ? c->size.value : 0,
        };
    }
    for (unsigned i = 0; i < sys->component_count; i++) {
        plan->components[i].fault_object = SD_NONE;
        if (handles_faults(sys, i)) {
            plan->components[i].fault_object = (int)plan->object_count;
            plan->objects[plan->object_count++] = (struct plan_object){
                .kind = BOOTPLAN_OBJECT_FAULT_ENDPOINT,
                .name = sys->components[i].name.text,
            };
        }
    }
    for (unsigned i = 0; i < sys->component_count; i++) {
        plan->components[i].irq_object = SD_NONE;
        if (sys->components[i].irq_count > 0) {
            plan->components[i].irq_object = (int)plan->object_count;
            plan->objects[plan->object_count++] = (struct plan_object){
                .kind = BOOTPLAN_OBJECT_IRQ_NOTIFICATION,
                .name = sys->components[i].name.text,
            };
        }
    }
    plan_signal_objects(plan);
}

/* Global thread indices: components' threads one after the other. */
static void plan_threads(struct plan *plan)
{
    const struct sd_system *sys = plan->sys;
    for (unsigned c = 0; c < sys->component_count; c++) {
        plan->components[c].first_thread = plan->thread_count;
        for (unsigned t = 0; t < sys->components[c].thread_count; t++) {
            plan->threads[plan->thread_count++] = (struct plan_thread){c, t, 0, 0, 0};
        }
    }
}

void plan_build(const struct sd_system *sys, struct plan *plan)
{
    memset(plan, 0, sizeof(*plan));
    plan->sys = sys;
    plan_objects(plan);
    plan_threads(plan);
    for (unsigned c = 0; c < sys->component_count; c++) {
        plan->components[c].fits = plan_layout(plan, c);
        plan_slots(plan, c);
    }
}
