/*
 * report.c: the authority report: who can call, signal, map, or handle what.
 *
 * One line per authority, "HOLDER  VERB  WHAT", for example
 *
 *   uart_driver     maps  0x10000000..0x100000ff rw  (regs)
 *   debug_console   calls uart_driver (rpc console, badge 1)
 *   memory_manager  gives capabilities to its clients (rpc memory)
 *
 * Lines come in the order of the statements that grant them; one statement granting
 * several (an rpc with three clients) gives its lines in the order listed. Stacks,
 * heaps and a component's own objects are not in it: they give no power over others.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "report.h"

#define REPORT_LINE_MAX 512

struct report_line {
    uint32_t line;                 /* the granting statement's line */
    unsigned seq;                  /* order of finding: keeps the sort stable */
    char holder[SD_NAME_MAX + 1];
    char text[REPORT_LINE_MAX];
};

struct report {
    struct report_line *lines;
    unsigned count;
};

static void add_line(struct report *r, uint32_t line, const char *holder, const char *format,
                     ...) __attribute__((format(printf, 4, 5)));

static void add_line(struct report *r, uint32_t line, const char *holder, const char *format,
                     ...)
{
    struct report_line *l = &r->lines[r->count];
    l->line = line;
    l->seq = r->count++;
    snprintf(l->holder, sizeof(l->holder), "%s", holder);
    va_list args;
    va_start(args, format);
    vsnprintf(l->text, sizeof(l->text), format, args);
    va_end(args);
}

static void report_mmio(struct report *r, const struct sd_component *c, const struct sd_mmio *m)
{
    add_line(r, m->name.pos.line, c->name.text, "maps  0x%llx..0x%llx %-2s  (%s)",
             (unsigned long long)m->addr.value,
             (unsigned long long)(m->addr.value + (m->size.value - 1)),
             sd_rights_text(m->rights), m->name.text);
}

static void report_component(struct report *r, const struct sd_system *sys, unsigned i)
{
    const struct sd_component *c = &sys->components[i];
    if (sd_given(c->untyped)) {
        add_line(r, c->untyped.line, c->name.text, "creates kernel objects (all untyped memory)");
    }
    if (sd_given(c->asid_control)) {
        add_line(r, c->asid_control.line, c->name.text, "creates address spaces (asid control)");
    }
    if (sd_given(c->inspect)) {
        add_line(r, c->inspect.line, c->name.text,
                 "reads every component's capabilities (inspect, read-only)");
    }
    for (unsigned m = 0; m < c->mmio_count; m++) {
        report_mmio(r, c, &c->mmio[m]);
    }
    for (unsigned q = 0; q < c->irq_count; q++) {
        add_line(r, c->irqs[q].number.pos.line, c->name.text, "holds irq %llu",
                 (unsigned long long)c->irqs[q].number.value);
    }
    if (c->fault_handler != SD_NONE) {
        add_line(r, c->fault.pos.line, c->fault.text, "handles faults of %s (badge %llu)",
                 c->name.text, (unsigned long long)plan_fault_badge(sys, i));
    }
}

/* "a maps  shared x rw; b maps it r; c maps it r" */
static void report_shared(struct report *r, const struct sd_system *sys,
                          const struct sd_connection *c)
{
    const struct sd_party *parties = sd_parties(sys, c);
    char text[REPORT_LINE_MAX];
    size_t used = (size_t)snprintf(text, sizeof(text), "maps  shared %s %s", c->name.text,
                                   sd_rights_text(parties[0].rights));
    for (unsigned i = 1; i < c->party_count && used < sizeof(text); i++) {
        used += (size_t)snprintf(text + used, sizeof(text) - used, "; %s maps it %s",
                                 parties[i].name.text, sd_rights_text(parties[i].rights));
    }
    add_line(r, c->keyword.line, parties[0].name.text, "%s", text);
}

static void report_connection(struct report *r, const struct sd_system *sys,
                              const struct sd_connection *c)
{
    const struct sd_party *parties = sd_parties(sys, c);
    if (c->kind == SD_SHARED) {
        report_shared(r, sys, c);
        return;
    }
    if (c->kind == SD_RPC && (c->options & SD_RPC_GRANT)) {
        add_line(r, c->keyword.line, c->target.name.text,
                 "gives capabilities to its clients (rpc %s)", c->name.text);
    }
    for (unsigned i = 0; i < c->party_count; i++) {
        if (c->kind == SD_RPC) {
            add_line(r, c->keyword.line, parties[i].name.text, "calls %s (rpc %s, badge %llu)",
                     c->target.name.text, c->name.text,
                     (unsigned long long)plan_rpc_badge(i));
            if ((c->options & SD_RPC_SIGNALS)) {
                add_line(r, c->keyword.line, c->target.name.text,
                         "signals %s (rpc %s signals)", parties[i].name.text, c->name.text);
            }
        } else {
            add_line(r, c->keyword.line, parties[i].name.text, "signals %s (notify %s, bit %u)",
                     c->target.name.text, c->name.text, i);
        }
    }
}

static int line_order(const void *a, const void *b)
{
    const struct report_line *x = a, *y = b;
    if (x->line != y->line) {
        return x->line < y->line ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static unsigned holder_width(const struct sd_system *sys)
{
    size_t width = 0;
    for (unsigned i = 0; i < sys->component_count; i++) {
        size_t n = strlen(sys->components[i].name.text);
        width = n > width ? n : width;
    }
    return (unsigned)width + 2;
}

bool report_write(const struct sd_system *sys, FILE *out)
{
    unsigned most = sys->component_count * (2 + SD_MAX_MMIO + SD_MAX_IRQS + 1) +
                    sys->party_count + sys->connection_count;
    struct report r = {calloc(most + 1, sizeof(struct report_line)), 0};
    if (r.lines == NULL) {
        return false;
    }
    for (unsigned i = 0; i < sys->component_count; i++) {
        report_component(&r, sys, i);
    }
    for (unsigned i = 0; i < sys->connection_count; i++) {
        report_connection(&r, sys, &sys->connections[i]);
    }
    qsort(r.lines, r.count, sizeof(r.lines[0]), line_order);
    int width = (int)holder_width(sys);
    for (unsigned i = 0; i < r.count; i++) {
        fprintf(out, "%-*s%s\n", width, r.lines[i].holder, r.lines[i].text);
    }
    free(r.lines);
    return true;
}
