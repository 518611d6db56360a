/*
 * check_cycles.c: rpc calls that can go round in a circle.
 *
 * A client blocks in Call until its server replies, so if a calls b and b (directly or
 * through others) calls a, each can end up waiting for the other: a deadlock. The calls
 * form a graph, components as nodes and one edge from each client to its server; a
 * depth-first search from every component in description order finds each edge that
 * leads back to a component still on the search path, and reports the path from there
 * round to itself, named in call order. Self-calls are refused by check_authority.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

enum visit_state { UNSEEN = 0, ON_PATH, DONE };

struct search {
    const struct sd_system *sys;
    struct diag *diag;
    unsigned char state[SD_MAX_COMPONENTS];
    unsigned path[SD_MAX_COMPONENTS];
    unsigned depth;
};

/* Names the cycle from the path entry of `back` to the top of the path and round. */
static void report_cycle(struct search *s, unsigned back, const struct sd_party *call)
{
    char cycle[DIAG_MESSAGE_MAX - 64];
    size_t used = 0;
    unsigned start = 0;
    while (s->path[start] != back) {
        start++;
    }
    for (unsigned i = start; i < s->depth && used < sizeof(cycle); i++) {
        used += (size_t)snprintf(cycle + used, sizeof(cycle) - used, "%s -> ",
                                 s->sys->components[s->path[i]].name.text);
    }
    if (used < sizeof(cycle)) {
        snprintf(cycle + used, sizeof(cycle) - used, "%s", s->sys->components[back].name.text);
    }
    diag_error(s->diag, call->name.pos, "rpc cycle can deadlock: %s", cycle);
}

static void visit(struct search *s, unsigned client)
{
    const struct sd_system *sys = s->sys;
    s->state[client] = ON_PATH;
    s->path[s->depth++] = client;
    for (unsigned i = 0; i < sys->connection_count; i++) {
        const struct sd_connection *c = &sys->connections[i];
        const struct sd_party *parties = sd_parties(sys, c);
        int server = c->target.component;
        for (unsigned j = 0; c->kind == SD_RPC && j < c->party_count; j++) {
            if (parties[j].component != (int)client || server == SD_NONE ||
                server == (int)client) {
                continue;
            }
            if (s->state[server] == ON_PATH) {
                report_cycle(s, (unsigned)server, &parties[j]);
            } else if (s->state[server] == UNSEEN) {
                visit(s, (unsigned)server);
            }
        }
    }
    s->depth--;
    s->state[client] = DONE;
}

void check_cycles(const struct sd_system *sys, struct diag *diag)
{
    struct search s;
    memset(&s, 0, sizeof(s));
    s.sys = sys;
    s.diag = diag;
    for (unsigned i = 0; i < sys->component_count; i++) {
        if (s.state[i] == UNSEEN) {
            visit(&s, i);
        }
    }
}
