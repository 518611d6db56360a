/*
 * check_authority.c: who may hold what.
 *
 * Priorities stay below the root server's. Untyped memory (the power to make any kernel
 * object) goes to memory_manager alone, and ASID control (the power to make address
 * spaces) to process_manager alone. A connection joins different components, each once.
 * A fault handler is another component. A shared region has at least two members and
 * at least one writer. A client never outranks its server: a high-priority client
 * blocked on a low-priority server would wait for every thread in between.
 */
#include <string.h>

#include "check.h"

static void check_thread(const struct sd_thread *t, struct diag *diag)
{
    bool max_given = sd_given(t->max.pos);
    if (t->priority.value > SD_MAX_PRIORITY) {
        diag_error(diag, t->priority.pos, "priority %llu is above %u (255 is the root "
                   "server's)", (unsigned long long)t->priority.value, SD_MAX_PRIORITY);
    }
    if (max_given && t->max.value > SD_MAX_PRIORITY) {
        diag_error(diag, t->max.pos, "max %llu is above %u", (unsigned long long)t->max.value,
                   SD_MAX_PRIORITY);
    } else if (max_given && t->priority.value <= SD_MAX_PRIORITY &&
               t->priority.value > t->max.value) {
        diag_error(diag, t->priority.pos, "priority %llu is above the thread's max %llu",
                   (unsigned long long)t->priority.value, (unsigned long long)t->max.value);
    }
}

/* A power only one named component may hold (untyped, asid_control). */
struct power {
    const char *keyword;
    const char *holder;            /* the only component that may hold it */
    const struct sd_component *first;
};

static void check_power(struct power *power, const struct sd_component *c, struct sd_pos at,
                        struct diag *diag)
{
    if (!sd_given(at)) {
        return;
    }
    if (strcmp(c->name.text, power->holder) != 0) {
        diag_error(diag, at, "only %s may hold %s, not %s", power->holder, power->keyword,
                   c->name.text);
    } else if (power->first != NULL) {
        diag_error(diag, at, "%s given to two components (also line %u)", power->keyword,
                   (unsigned)power->first->name.pos.line);
    } else {
        power->first = c;
    }
}

static void check_components(const struct sd_system *sys, struct diag *diag)
{
    struct power untyped = {"untyped", "memory_manager", NULL};
    struct power asid = {"asid_control", "process_manager", NULL};
    for (unsigned i = 0; i < sys->component_count; i++) {
        const struct sd_component *c = &sys->components[i];
        for (unsigned t = 0; t < c->thread_count; t++) {
            check_thread(&c->threads[t], diag);
        }
        check_power(&untyped, c, c->untyped, diag);
        check_power(&asid, c, c->asid_control, diag);
        if (sd_given(c->fault.pos) && strcmp(c->fault.text, c->name.text) == 0) {
            diag_error(diag, c->fault.pos, "component '%s' cannot be its own fault handler",
                       c->name.text);
        }
    }
}

/* --- connections -------------------------------------------------------------------- */

/* Each member once, and the server or waiter is not a member too. */
static void check_members(const struct sd_system *sys, const struct sd_connection *c,
                          struct diag *diag)
{
    const struct sd_party *parties = sd_parties(sys, c);
    const char *kind = sd_connection_keyword(c->kind);
    bool self = false;
    for (unsigned i = 0; i < c->party_count; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (strcmp(parties[i].name.text, parties[j].name.text) == 0) {
                diag_error(diag, parties[i].name.pos, "%s listed twice in %s '%s'",
                           parties[i].name.text, kind, c->name.text);
                break;
            }
        }
        self = self || (c->kind != SD_SHARED &&
                        strcmp(parties[i].name.text, c->target.name.text) == 0);
    }
    if (self) {
        diag_error(diag, c->target.name.pos, "%s cannot %s itself (%s '%s')",
                   c->target.name.text, c->kind == SD_RPC ? "call" : "signal", kind,
                   c->name.text);
    }
}

static void check_shared(const struct sd_system *sys, const struct sd_connection *c,
                         struct diag *diag)
{
    const struct sd_party *parties = sd_parties(sys, c);
    bool writer = false;
    for (unsigned i = 0; i < c->party_count; i++) {
        writer = writer || parties[i].rights == SD_RIGHTS_RW;
    }
    if (c->party_count < 2) {
        diag_error(diag, c->name.pos, "shared '%s' has only one component", c->name.text);
    }
    if (!writer) {
        diag_error(diag, c->name.pos, "shared '%s': no component may write it", c->name.text);
    }
}

/* The highest priority of any of the component's threads. */
static uint64_t top_priority(const struct sd_component *c)
{
    uint64_t top = 0;
    for (unsigned i = 0; i < c->thread_count; i++) {
        top = c->threads[i].priority.value > top ? c->threads[i].priority.value : top;
    }
    return top;
}

static void check_rpc_priorities(const struct sd_system *sys, const struct sd_connection *c,
                                 struct diag *diag)
{
    if (c->target.component == SD_NONE) {
        return;
    }
    const struct sd_component *server = &sys->components[c->target.component];
    const struct sd_party *parties = sd_parties(sys, c);
    for (unsigned i = 0; i < c->party_count; i++) {
        if (parties[i].component == SD_NONE || parties[i].component == c->target.component) {
            continue;
        }
        const struct sd_component *client = &sys->components[parties[i].component];
        if (server->thread_count > 0 && top_priority(client) > top_priority(server)) {
            diag_error(diag, parties[i].name.pos, "rpc '%s': client %s (priority %llu) "
                       "outranks server %s (priority %llu)", c->name.text, client->name.text,
                       (unsigned long long)top_priority(client), server->name.text,
                       (unsigned long long)top_priority(server));
        }
    }
}

void check_authority(const struct sd_system *sys, struct diag *diag)
{
    check_components(sys, diag);
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *c = &sys->connections[i];
        check_members(sys, c, diag);
        if (c->kind == SD_SHARED) {
            check_shared(sys, c, diag);
        } else if (c->kind == SD_RPC) {
            check_rpc_priorities(sys, c, diag);
        }
    }
}
