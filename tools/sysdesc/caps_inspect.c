/*
 * caps_inspect.c: the inspection tables of a component that may `inspect`
 * (lib/bootplan/include/inspect_table.h), written into its generated header.
 *
 * They are data, not only names, so they are guarded: the one file that defines
 * SYSDESC_INSPECT_TABLES before including the header gets them.
 */
#include "caps_header.h"
#include "symbols.h"

static void write_component_caps(const struct plan *plan, unsigned c, FILE *out)
{
    const struct plan_component *pc = &plan->components[c];
    char name[SYMBOL_MAX];
    for (unsigned i = 0; i < pc->cap_count; i++) {
        const struct plan_cap *cap = &plan->caps[pc->first_cap + i];
        fprintf(out, "    {%u, %u, 0x%x, 0x%llxull, \"%s\"},\n", cap->slot, cap->kind,
                cap->rights, (unsigned long long)cap->badge,
                symbol_cap(plan, c, cap, name, sizeof(name)));
    }
}

/* The inspector's slot of component c's CNode (its own: slot 2). */
static uint32_t cnode_slot(const struct plan *plan, unsigned inspector, unsigned c)
{
    const struct plan_component *pc = &plan->components[inspector];
    for (unsigned i = 0; i < pc->cap_count; i++) {
        const struct plan_cap *cap = &plan->caps[pc->first_cap + i];
        if (cap->source == PLAN_SRC_INSPECT && cap->index == c) {
            return cap->slot;
        }
    }
    return BOOTPLAN_SLOT_CNODE;
}

void caps_inspect_write(const struct plan *plan, unsigned inspector, FILE *out)
{
    const struct sd_system *sys = plan->sys;
    fprintf(out, "\n/* Every component's capabilities as described, for inspection. */\n"
                 "#define INSPECT_COMPONENTS %u\n#ifdef SYSDESC_INSPECT_TABLES\n"
                 "#include \"inspect_table.h\"\n"
                 "static const struct inspect_cap inspect_caps[] = {\n",
            sys->component_count);
    for (unsigned c = 0; c < sys->component_count; c++) {
        write_component_caps(plan, c, out);
    }
    fprintf(out, "};\nstatic const struct inspect_component inspect_components[] = {\n");
    unsigned first = 0;
    for (unsigned c = 0; c < sys->component_count; c++) {
        fprintf(out, "    {\"%s\", %u, %s, %u, %u},\n", sys->components[c].name.text,
                cnode_slot(plan, inspector, c),
                sd_given(sys->components[c].untyped) ? "true" : "false", first,
                plan->components[c].cap_count);
        first += plan->components[c].cap_count;
    }
    fprintf(out, "};\n#endif\n");
}
