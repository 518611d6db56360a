/*
 * check_plan.c: the rules only the plan shows (see check.h).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "symbols.h"

static void check_fits(const struct plan *plan, unsigned c, struct diag *diag)
{
    const struct sd_component *comp = &plan->sys->components[c];
    if (!plan->components[c].fits) {
        diag_error(diag, comp->name.pos, "the regions of component '%s' do not fit below "
                   "0x%lx", comp->name.text, BOOTPLAN_WINDOW_TOP);
    }
}

/* The untyped holder's own capabilities must stay below the untyped slots. */
static void check_untyped_slots(const struct plan *plan, unsigned c, struct diag *diag)
{
    const struct sd_component *comp = &plan->sys->components[c];
    const struct plan_component *pc = &plan->components[c];
    if (!sd_given(comp->untyped) || pc->cap_count == 0) {
        return;
    }
    uint32_t highest = plan->caps[pc->first_cap + pc->cap_count - 1].slot;
    if (highest >= BOOTPLAN_SLOT_UNTYPED_FIRST) {
        diag_error(diag, comp->untyped, "component '%s' needs capability slots up to %u, but "
                   "slots %u..%u are for its untyped memory", comp->name.text,
                   (unsigned)highest, BOOTPLAN_SLOT_UNTYPED_FIRST,
                   BOOTPLAN_SLOT_UNTYPED_FIRST + BOOTPLAN_UNTYPED_SLOTS - 1);
    }
}

static void check_badge_names(const struct plan *plan, unsigned c, struct symbol_badge *badges,
                              struct diag *diag)
{
    unsigned count = symbol_badges(plan, c, badges);
    for (unsigned i = 0; i < count; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (strcmp(badges[i].name, badges[j].name) != 0) {
                continue;
            }
            diag_error(diag, badges[i].pos, "badge name %s in %s_caps.h would stand for two "
                       "badges (%s '%s' from %s, and %s '%s' from %s on line %u); rename one",
                       badges[i].name, plan->sys->components[c].name.text, badges[i].what,
                       badges[i].via, badges[i].sender, badges[j].what, badges[j].via,
                       badges[j].sender, (unsigned)badges[j].pos.line);
            break;
        }
    }
}

/* Where a capability comes from in the description, for a message about it. */
static struct sd_pos cap_pos(const struct plan *plan, unsigned c, const struct plan_cap *cap)
{
    bool connection = cap->source == PLAN_SRC_CONNECTION || cap->source == PLAN_SRC_SIGNAL ||
                      cap->source == PLAN_SRC_SIGNALS;
    return connection ? plan->sys->connections[cap->index].name.pos
                      : plan->sys->components[c].name.pos;
}

/* The names component c's header gives its capabilities, into names (two per capability
 * at most: its own, and CAP_SIGNAL_<RPC>_FIRST beside a server's first signal one). */
static unsigned cap_names(const struct plan *plan, unsigned c, char (*names)[SYMBOL_MAX],
                          struct sd_pos *pos)
{
    const struct plan_component *pc = &plan->components[c];
    unsigned count = 0;
    for (unsigned i = 0; i < pc->cap_count; i++) {
        const struct plan_cap *cap = &plan->caps[pc->first_cap + i];
        pos[count] = cap_pos(plan, c, cap);
        symbol_cap(plan, c, cap, names[count++], SYMBOL_MAX);
        if (cap->source == PLAN_SRC_SIGNAL && cap->client == 0) {
            pos[count] = pos[count - 1];
            symbol_make(names[count++], SYMBOL_MAX, "CAP_SIGNAL_",
                        plan->sys->connections[cap->index].name.text, "_FIRST");
        }
    }
    return count;
}

/* Two capabilities under one name (CAP_SIGNAL_T_FIRST for a client called `first`, or
 * rpc t with client a_b beside rpc t_a with client b) would not compile, or worse. */
static void check_cap_names(const struct plan *plan, unsigned c, struct diag *diag)
{
    unsigned most = 2 * plan->components[c].cap_count;
    char (*names)[SYMBOL_MAX] = malloc((most + 1) * SYMBOL_MAX);
    struct sd_pos *pos = malloc((most + 1) * sizeof(*pos));
    unsigned count = names != NULL && pos != NULL ? cap_names(plan, c, names, pos) : 0;
    for (unsigned i = 0; i < count; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (strcmp(names[i], names[j]) == 0) {
                diag_error(diag, pos[i], "capability name %s in %s_caps.h would stand for "
                           "two capabilities (the other from line %u); rename one", names[i],
                           plan->sys->components[c].name.text, (unsigned)pos[j].line);
                break;
            }
        }
    }
    free(names);
    free(pos);
}

bool check_plan(const struct plan *plan, struct diag *diag)
{
    unsigned found_before = diag->found;
    struct symbol_badge *badges = malloc(SYMBOL_MAX_BADGES * sizeof(*badges));
    if (badges == NULL) {
        diag_error(diag, (struct sd_pos){1, 1}, "out of memory");
        return false;
    }
    for (unsigned c = 0; c < plan->sys->component_count; c++) {
        check_fits(plan, c, diag);
        check_untyped_slots(plan, c, diag);
        check_badge_names(plan, c, badges, diag);
        check_cap_names(plan, c, diag);
    }
    free(badges);
    return diag->found == found_before;
}
