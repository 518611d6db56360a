/*
 * caps_header.c: writing NAME_caps.h (see caps_header.h; names from symbols.c).
 */
#include "caps_header.h"

#include <stdlib.h>

#include "symbols.h"

static void define(FILE *out, const char *name, const char *value, const char *comment)
{
    if (comment[0] != '\0') {
        fprintf(out, "#define %-31s %-12s /* %s */\n", name, value, comment);
    } else {
        fprintf(out, "#define %-31s %s\n", name, value);
    }
}

static void define_number(FILE *out, const char *name, unsigned long long value,
                          const char *comment)
{
    char text[32];
    snprintf(text, sizeof(text), "%llu", value);
    define(out, name, text, comment);
}

static void define_address(FILE *out, const char *name, uint64_t value)
{
    char text[32];
    snprintf(text, sizeof(text), "0x%llxul", (unsigned long long)value);
    define(out, name, text, "");
}

/* --- capabilities ------------------------------------------------------------------- */

static void describe_connection(const struct plan *plan, unsigned c, const struct plan_cap *cap,
                                char *out, size_t size)
{
    const struct sd_system *sys = plan->sys;
    const struct sd_connection *conn = &sys->connections[cap->index];
    const char *kind = sd_connection_keyword(conn->kind);
    if (conn->target.component == (int)c) {
        snprintf(out, size, "%s %s: %s", kind, conn->name.text,
                 conn->kind == SD_RPC ? "receive calls" : "wait for signals");
    } else if (conn->kind == SD_RPC) {
        snprintf(out, size, "rpc %s: call %s, badge %llu", conn->name.text,
                 conn->target.name.text, (unsigned long long)cap->badge);
    } else {
        snprintf(out, size, "notify %s: signal %s, badge 0x%llx", conn->name.text,
                 conn->target.name.text, (unsigned long long)cap->badge);
    }
}

static void describe_fixed(const struct sd_component *comp, const struct plan_cap *cap,
                           char *out, size_t size)
{
    const char *first = comp->threads[0].name.text;
    switch (cap->slot) {
    case BOOTPLAN_SLOT_TCB:
        snprintf(out, size, "the TCB of thread %s", first);
        return;
    case BOOTPLAN_SLOT_CNODE:
        snprintf(out, size, "this CNode");
        return;
    case BOOTPLAN_SLOT_VSPACE:
        snprintf(out, size, "this address space's root page table");
        return;
    case BOOTPLAN_SLOT_IPC_BUFFER:
        snprintf(out, size, "the IPC buffer frame of thread %s", first);
        return;
    default:
        snprintf(out, size, "faults go to %s, badge %llu", comp->fault.text,
                 (unsigned long long)cap->badge);
        return;
    }
}

static void describe_cap(const struct plan *plan, unsigned c, const struct plan_cap *cap,
                         char *out, size_t size)
{
    const struct sd_component *comp = &plan->sys->components[c];
    switch (cap->source) {
    case PLAN_SRC_FIXED:
        describe_fixed(comp, cap, out, size);
        return;
    case PLAN_SRC_THREAD:
        snprintf(out, size, "the TCB of thread %s", comp->threads[cap->index].name.text);
        return;
    case PLAN_SRC_CONNECTION:
        describe_connection(plan, c, cap, out, size);
        return;
    case PLAN_SRC_FAULTS:
        snprintf(out, size, "receive the faults of others (BADGE_FAULT_*)");
        return;
    case PLAN_SRC_IRQ:
        snprintf(out, size, "the handler of irq %llu", (unsigned long long)cap->object);
        return;
    case PLAN_SRC_IRQ_NOTIFICATION:
        snprintf(out, size, "wait for its irqs (BADGE_IRQ_*), bound to thread %s",
                 comp->threads[0].name.text);
        return;
    case PLAN_SRC_ASID_CONTROL:
        snprintf(out, size, "make address spaces");
        return;
    case PLAN_SRC_SIGNALS:
        snprintf(out, size, "rpc %s: wait for %s's signals",
                 plan->sys->connections[cap->index].name.text,
                 plan->sys->connections[cap->index].target.name.text);
        return;
    case PLAN_SRC_INSPECT:
        snprintf(out, size, "read the capabilities of %s",
                 plan->sys->components[cap->index].name.text);
        return;
    case PLAN_SRC_SIGNAL:
        snprintf(out, size, "rpc %s: signal the client with badge %llu",
                 plan->sys->connections[cap->index].name.text,
                 (unsigned long long)plan_rpc_badge(cap->client));
        return;
    }
}

/* For a server of an rpc with signals: where its signal capabilities start, and how
 * many there are, so that it finds a client's as FIRST + badge - 1. */
static void write_signals_range(const struct plan *plan, const struct plan_cap *cap, FILE *out)
{
    const struct sd_connection *conn = &plan->sys->connections[cap->index];
    char name[SYMBOL_MAX];
    define_number(out, symbol_make(name, sizeof(name), "CAP_SIGNAL_", conn->name.text,
                                   "_FIRST"),
                  cap->slot, "the client with badge b: FIRST + b - 1");
    define_number(out, symbol_make(name, sizeof(name), "SIGNAL_", conn->name.text, "_CLIENTS"),
                  conn->party_count, "");
}

static void write_caps(const struct plan *plan, unsigned c, FILE *out)
{
    const struct plan_component *pc = &plan->components[c];
    const struct sd_component *comp = &plan->sys->components[c];
    char name[SYMBOL_MAX], comment[2 * SYMBOL_MAX];
    fprintf(out, "/* Capabilities: the slot of each in this component's CNode. */\n");
    for (unsigned i = 0; i < pc->cap_count; i++) {
        const struct plan_cap *cap = &plan->caps[pc->first_cap + i];
        describe_cap(plan, c, cap, comment, sizeof(comment));
        define_number(out, symbol_cap(plan, c, cap, name, sizeof(name)), cap->slot, comment);
        if (cap->source == PLAN_SRC_SIGNAL && cap->client == 0) {
            write_signals_range(plan, cap, out);
        }
    }
    define(out, symbol_make(name, sizeof(name), "CAP_TCB_", comp->threads[0].name.text, ""),
           "CAP_SELF_TCB", "");
    define_number(out, "CNODE_RADIX", pc->cnode_radix,
                  "at least 1 << radix slots (the root server adds room for its pages)");
    if (sd_given(comp->untyped)) {
        define_number(out, "CAP_UNTYPED_FIRST", BOOTPLAN_SLOT_UNTYPED_FIRST,
                      "untyped memory from here on");
        define_number(out, "CAP_UNTYPED_SLOTS", BOOTPLAN_UNTYPED_SLOTS, "at most this many");
    }
}

/* The badge each of its IRQs signals its IRQ notification with. */
static void write_irq_badges(const struct plan *plan, unsigned c, FILE *out)
{
    const struct sd_component *comp = &plan->sys->components[c];
    char name[SYMBOL_MAX], value[32];
    for (unsigned i = 0; i < comp->irq_count; i++) {
        snprintf(name, sizeof(name), "BADGE_IRQ_%llu",
                 (unsigned long long)comp->irqs[i].number.value);
        snprintf(value, sizeof(value), "0x%llxull", (unsigned long long)plan_irq_badge(i));
        define(out, name, value, "irq, on CAP_IRQ_NOTIFICATION");
    }
}

static bool write_badges(const struct plan *plan, unsigned c, FILE *out)
{
    struct symbol_badge *badges = malloc(SYMBOL_MAX_BADGES * sizeof(*badges));
    if (badges == NULL) {
        return false;
    }
    unsigned count = symbol_badges(plan, c, badges);
    if (count > 0) {
        fprintf(out, "\n/* Badges: who sent what this component receives. */\n");
    }
    char value[32], comment[2 * SYMBOL_MAX];
    for (unsigned i = 0; i < count; i++) {
        snprintf(value, sizeof(value), "0x%llxull", (unsigned long long)badges[i].value);
        snprintf(comment, sizeof(comment), "%s%s%s from %s", badges[i].what,
                 badges[i].via[0] != '\0' ? " " : "", badges[i].via, badges[i].sender);
        define(out, badges[i].name, value, comment);
    }
    free(badges);
    write_irq_badges(plan, c, out);
    return true;
}

/* --- threads and regions ------------------------------------------------------------ */

static void write_threads(const struct plan *plan, unsigned c, FILE *out)
{
    const struct sd_component *comp = &plan->sys->components[c];
    char name[SYMBOL_MAX];
    fprintf(out, "\n/* Threads: each starts at the entry point with a0 = its index. */\n");
    for (unsigned i = 0; i < comp->thread_count; i++) {
        const struct sd_thread *t = &comp->threads[i];
        char comment[64];
        snprintf(comment, sizeof(comment), "priority %llu, max %llu",
                 (unsigned long long)t->priority.value, (unsigned long long)sd_thread_max(t));
        define_number(out, symbol_make(name, sizeof(name), "THREAD_", t->name.text, ""), i,
                      comment);
    }
}

static const char *region_prefix(uint8_t kind)
{
    switch (kind) {
    case BOOTPLAN_MAP_STACK:
        return "STACK_";
    case BOOTPLAN_MAP_IPC_BUFFER:
        return "IPC_BUFFER_";
    case BOOTPLAN_MAP_SHARED:
        return "SHARED_";
    case BOOTPLAN_MAP_MMIO:
        return "MMIO_";
    default:
        return "";
    }
}

static void write_region(const struct plan_region *r, FILE *out)
{
    char base[SYMBOL_MAX], name[SYMBOL_MAX];
    if (r->kind == BOOTPLAN_MAP_HEAP) {
        snprintf(base, sizeof(base), "HEAP");
    } else {
        symbol_make(base, sizeof(base), region_prefix(r->kind), r->name, "");
    }
    define_address(out, symbol_make(name, sizeof(name), base, "", "_VADDR"), r->vaddr);
    define_address(out, symbol_make(name, sizeof(name), base, "", "_SIZE"), r->size);
    if (r->kind == BOOTPLAN_MAP_STACK) {
        define_address(out, symbol_make(name, sizeof(name), base, "", "_TOP"),
                       r->vaddr + r->size);
    }
}

static void write_regions(const struct plan *plan, unsigned c, FILE *out)
{
    const struct plan_component *pc = &plan->components[c];
    fprintf(out, "\n/* Regions: virtual address and size in bytes (whole pages), each "
                 "followed by an\n * unmapped guard page. */\n");
    for (unsigned i = 0; i < pc->region_count; i++) {
        write_region(&plan->regions[pc->first_region + i], out);
    }
}

bool caps_header_write(const struct plan *plan, unsigned c, const char *source, FILE *out)
{
    const char *name = plan->sys->components[c].name.text;
    char guard[SYMBOL_MAX];
    symbol_make(guard, sizeof(guard), "SYSDESC_", name, "_CAPS_H");
    fprintf(out, "/*\n * %s_caps.h: the capabilities and regions of component %s.\n"
                 " * Generated by sysdesc from %s: do not edit.\n *\n"
                 " * A capability's cptr is its slot (the CNode's guard fills the rest of the "
                 "word).\n */\n#ifndef %s\n#define %s\n\n", name, name, source, guard, guard);
    write_caps(plan, c, out);
    if (!write_badges(plan, c, out)) {
        return false;
    }
    write_threads(plan, c, out);
    write_regions(plan, c, out);
    if (sd_given(plan->sys->components[c].inspect)) {
        caps_inspect_write(plan, c, out);
    }
    fprintf(out, "\n#endif\n");
    return true;
}
