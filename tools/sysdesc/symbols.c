/*
 * symbols.c: naming a component's capabilities and badges for its generated header.
 */
#include "symbols.h"

#include <stdio.h>

const char *symbol_make(char *out, size_t size, const char *prefix, const char *name,
                        const char *suffix)
{
    size_t at = (size_t)snprintf(out, size, "%s", prefix);
    for (const char *p = name; *p != '\0' && at + 1 < size; p++) {
        out[at++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    }
    if (at < size) {
        snprintf(out + at, size - at, "%s", suffix);
    }
    return out;
}

static const char *fixed_cap_name(uint32_t slot)
{
    switch (slot) {
    case BOOTPLAN_SLOT_TCB:
        return "CAP_SELF_TCB";
    case BOOTPLAN_SLOT_CNODE:
        return "CAP_SELF_CNODE";
    case BOOTPLAN_SLOT_VSPACE:
        return "CAP_SELF_VSPACE";
    case BOOTPLAN_SLOT_IPC_BUFFER:
        return "CAP_SELF_IPC_BUFFER";
    default:
        return "CAP_FAULT_ENDPOINT";
    }
}

const char *symbol_cap(const struct plan *plan, unsigned c, const struct plan_cap *cap,
                       char *out, size_t size)
{
    const struct sd_system *sys = plan->sys;
    const struct sd_component *comp = &sys->components[c];
    switch (cap->source) {
    case PLAN_SRC_FIXED:
        return symbol_make(out, size, fixed_cap_name(cap->slot), "", "");
    case PLAN_SRC_THREAD:
        return symbol_make(out, size, "CAP_TCB_", comp->threads[cap->index].name.text, "");
    case PLAN_SRC_CONNECTION: {
        const struct sd_connection *conn = &sys->connections[cap->index];
        return symbol_make(out, size, conn->kind == SD_RPC ? "CAP_RPC_" : "CAP_NOTIFY_",
                           conn->name.text, "");
    }
    case PLAN_SRC_FAULTS:
        return symbol_make(out, size, "CAP_FAULTS", "", "");
    case PLAN_SRC_IRQ:
        snprintf(out, size, "CAP_IRQ_%llu", (unsigned long long)cap->object);
        return out;
    case PLAN_SRC_IRQ_NOTIFICATION:
        return symbol_make(out, size, "CAP_IRQ_NOTIFICATION", "", "");
    case PLAN_SRC_ASID_CONTROL:
        return symbol_make(out, size, "CAP_ASID_CONTROL", "", "");
    case PLAN_SRC_SIGNALS:
        return symbol_make(out, size, "CAP_SIGNALS_", sys->connections[cap->index].name.text,
                           "");
    case PLAN_SRC_SIGNAL:
        return symbol_signal_cap(sys, cap->index, cap->client, out, size);
    case PLAN_SRC_INSPECT:
        return symbol_make(out, size, "CAP_INSPECT_", sys->components[cap->index].name.text,
                           "");
    }
    return "";
}

const char *symbol_signal_cap(const struct sd_system *sys, unsigned connection,
                              unsigned client, char *out, size_t size)
{
    const struct sd_connection *conn = &sys->connections[connection];
    char prefix[SYMBOL_MAX];
    symbol_make(prefix, sizeof(prefix), "CAP_SIGNAL_", conn->name.text, "_");
    return symbol_make(out, size, prefix, sd_parties(sys, conn)[client].name.text, "");
}

/* BADGE_<WHAT>_<VIA>_<SENDER>, or BADGE_<WHAT>_<SENDER> without a connection. */
static void add_badge(struct symbol_badge *b, const char *what, const char *via,
                      const struct sd_name *sender, uint64_t value)
{
    char prefix[SYMBOL_MAX];
    char kind[16];
    symbol_make(kind, sizeof(kind), "BADGE_", what, "_");
    symbol_make(prefix, sizeof(prefix), kind, via, via[0] != '\0' ? "_" : "");
    symbol_make(b->name, sizeof(b->name), prefix, sender->text, "");
    b->value = value;
    b->pos = sender->pos;
    b->what = what;
    b->via = via;
    b->sender = sender->text;
}

/* The badges of the rpc and notify connections c receives on. */
static unsigned connection_badges(const struct sd_system *sys, unsigned c,
                                  struct symbol_badge *out)
{
    unsigned count = 0;
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *conn = &sys->connections[i];
        if (conn->kind == SD_SHARED || conn->target.component != (int)c) {
            continue;
        }
        const struct sd_party *parties = sd_parties(sys, conn);
        bool rpc = conn->kind == SD_RPC;
        for (unsigned j = 0; j < conn->party_count; j++) {
            add_badge(&out[count++], sd_connection_keyword(conn->kind), conn->name.text,
                      &parties[j].name, rpc ? plan_rpc_badge(j) : plan_notify_badge(j));
        }
    }
    return count;
}

unsigned symbol_badges(const struct plan *plan, unsigned c, struct symbol_badge *out)
{
    const struct sd_system *sys = plan->sys;
    unsigned count = connection_badges(sys, c, out);
    for (unsigned i = 0; i < sys->component_count; i++) {
        if (sys->components[i].fault_handler == (int)c) {
            add_badge(&out[count++], "fault", "", &sys->components[i].name,
                      plan_fault_badge(sys, i));
        }
    }
    return count;
}
