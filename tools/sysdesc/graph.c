/*
 * graph.c: the authority graph in Graphviz's dot language (`make graph` renders it).
 *
 * Components are boxes labelled with their priority and what they hold alone: untyped
 * memory, ASID control, device registers, IRQs. Edges go from the holder of a
 * capability to what it reaches: rpc calls solid (labelled with the rpc and the badge;
 * an rpc whose server may pass capabilities back, `grant`, has a diamond at its tail),
 * notifications dashed, faults bold red to the handler; a shared region is a note
 * joined by dotted lines labelled with each member's rights. Node names are prefixed
 * (c_ components, s_ shared regions) since the two kinds of name may coincide.
 */
#include <stdint.h>

#include "plan.h"
#include "report.h"

static uint64_t top_priority(const struct sd_component *c)
{
    uint64_t top = 0;
    for (unsigned i = 0; i < c->thread_count; i++) {
        top = c->threads[i].priority.value > top ? c->threads[i].priority.value : top;
    }
    return top;
}

static void graph_component(const struct sd_component *c, FILE *out)
{
    fprintf(out, "    c_%s [label=\"%s\\npriority %llu", c->name.text, c->name.text,
            (unsigned long long)top_priority(c));
    if (sd_given(c->untyped)) {
        fprintf(out, "\\nuntyped memory");
    }
    if (sd_given(c->asid_control)) {
        fprintf(out, "\\nasid control");
    }
    if (sd_given(c->inspect)) {
        fprintf(out, "\\ninspects all capabilities");
    }
    for (unsigned i = 0; i < c->mmio_count; i++) {
        const struct sd_mmio *m = &c->mmio[i];
        fprintf(out, "\\nmmio %s 0x%llx %s", m->name.text, (unsigned long long)m->addr.value,
                sd_rights_text(m->rights));
    }
    for (unsigned i = 0; i < c->irq_count; i++) {
        fprintf(out, "\\nirq %llu", (unsigned long long)c->irqs[i].number.value);
    }
    fprintf(out, "\"];\n");
}

static void graph_connection(const struct sd_system *sys, const struct sd_connection *c,
                             FILE *out)
{
    const struct sd_party *parties = sd_parties(sys, c);
    if (c->kind == SD_SHARED) {
        char size[32];
        fprintf(out, "    s_%s [shape=note, style=\"\", label=\"%s\\n%s\"];\n", c->name.text,
                c->name.text, sd_size_text(c->size.value, size, sizeof(size)));
    }
    for (unsigned i = 0; i < c->party_count; i++) {
        const char *from = parties[i].name.text;
        if (c->kind == SD_RPC) {
            bool grant = (c->options & SD_RPC_GRANT) != 0;
            fprintf(out, "    c_%s -> c_%s [label=\"%s (%llu)%s\"%s];\n", from,
                    c->target.name.text, c->name.text, (unsigned long long)plan_rpc_badge(i),
                    grant ? "\\ngrant" : "", grant ? ", dir=both, arrowtail=odiamond" : "");
            if (c->options & SD_RPC_SIGNALS) {
                fprintf(out, "    c_%s -> c_%s [style=dashed, label=\"%s signals\"];\n",
                        c->target.name.text, from, c->name.text);
            }
        } else if (c->kind == SD_NOTIFY) {
            fprintf(out, "    c_%s -> c_%s [style=dashed, label=\"%s (bit %u)\"];\n", from,
                    c->target.name.text, c->name.text, i);
        } else {
            fprintf(out, "    c_%s -> s_%s [style=dotted, arrowhead=none, label=\"%s\"];\n",
                    from, c->name.text, sd_rights_text(parties[i].rights));
        }
    }
}

void graph_write(const struct sd_system *sys, FILE *out)
{
    fprintf(out, "digraph system {\n"
                 "    graph [rankdir=LR, fontname=\"Helvetica\"];\n"
                 "    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n"
                 "    edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (unsigned i = 0; i < sys->component_count; i++) {
        graph_component(&sys->components[i], out);
    }
    for (unsigned i = 0; i < sys->connection_count; i++) {
        graph_connection(sys, &sys->connections[i], out);
    }
    for (unsigned i = 0; i < sys->component_count; i++) {
        const struct sd_component *c = &sys->components[i];
        if (c->fault_handler != SD_NONE) {
            fprintf(out, "    c_%s -> c_%s [style=bold, color=red, label=\"faults\"];\n",
                    c->name.text, c->fault.text);
        }
    }
    fprintf(out, "}\n");
}
