/*
 * parse_connection.c: the three connection statements.
 *
 *   rpc     NAME: CLIENT[, CLIENT...] -> SERVER [OPTION...]
 *   notify  NAME: SIGNALLER[, SIGNALLER...] -> WAITER
 *   shared  NAME SIZE: COMPONENT RIGHTS[, COMPONENT RIGHTS...]
 *
 * The members go to the system's shared pool of parties; a connection keeps the range.
 */
#include <stdio.h>

#include "parser.h"

/* Appends one member to the pool; false (reported) when a limit is reached. */
static bool add_party(struct parser *p, struct sd_connection *c, const struct sd_party *party)
{
    struct sd_system *sys = p->sys;
    if (c->party_count == SD_MAX_PARTIES_PER_CONNECTION) {
        diag_error(p->diag, party->name.pos, "too many members in %s '%s' (at most %u)",
                   sd_connection_keyword(c->kind), c->name.text,
                   SD_MAX_PARTIES_PER_CONNECTION);
        return false;
    }
    if (sys->party_count == SD_MAX_PARTIES) {
        diag_error(p->diag, party->name.pos,
                   "too many connection members in the description (at most %u)",
                   SD_MAX_PARTIES);
        return false;
    }
    sys->parties[sys->party_count++] = *party;
    c->party_count++;
    return true;
}

/* One member: a component name, and for shared regions its rights. */
static bool parse_party(struct parser *p, struct sd_connection *c)
{
    struct sd_party party = {.component = SD_NONE};
    if (!parser_take_name(p, "a component name", &party.name)) {
        return false;
    }
    if (c->kind == SD_SHARED && !parser_take_rights(p, &party.rights)) {
        return false;
    }
    return add_party(p, c, &party);
}

/* The words after an rpc's server. `signals`: the server may signal each client (one
 * notification per client, for completions such as a timer's). */
static bool parse_rpc_options(struct parser *p, struct sd_connection *c)
{
    while (p->tok.kind == LEX_NAME) {
        if (!lex_is(&p->tok, "signals")) {
            diag_error(p->diag, p->tok.pos, "unknown rpc option '%.*s'", (int)p->tok.length,
                       p->tok.text);
            return false;
        }
        if (sd_given(c->signals)) {
            diag_error(p->diag, p->tok.pos, "rpc option 'signals' given twice");
            return false;
        }
        c->signals = p->tok.pos;
        parser_advance(p);
    }
    return true;
}

/* The member list after the colon, up to the arrow (rpc, notify) or the line's end. */
static bool parse_parties(struct parser *p, struct sd_connection *c)
{
    c->first_party = p->sys->party_count;
    for (;;) {
        if (!parse_party(p, c)) {
            return false;
        }
        if (p->tok.kind != LEX_COMMA) {
            break;
        }
        parser_advance(p);
    }
    if (c->kind == SD_SHARED) {
        return true;
    }
    if (p->tok.kind != LEX_ARROW) {
        parser_expected(p, "',' or '->'");
        return false;
    }
    parser_advance(p);
    const char *what = c->kind == SD_RPC ? "a server component" : "a waiting component";
    c->target.component = SD_NONE;
    if (!parser_take_name(p, what, &c->target.name)) {
        return false;
    }
    return c->kind != SD_RPC || parse_rpc_options(p, c);
}

static bool parse_connection_head(struct parser *p, struct sd_connection *c)
{
    if (!parser_take_name(p, "a connection name", &c->name)) {
        return false;
    }
    if (c->kind == SD_SHARED && !parser_take_size(p, "a size", &c->size)) {
        return false;
    }
    return parser_take_punct(p, LEX_COLON, "':'");
}

void parse_connection(struct parser *p, enum sd_connection_kind kind)
{
    struct sd_system *sys = p->sys;
    struct sd_connection c = {.kind = kind, .keyword = p->tok.pos};
    parser_advance(p);
    unsigned parties_before = sys->party_count;
    if (!parse_connection_head(p, &c) || !parse_parties(p, &c)) {
        sys->party_count = parties_before;   /* forget the members of a broken line */
        parser_skip_line(p);
        return;
    }
    if (sys->connection_count == SD_MAX_CONNECTIONS) {
        diag_error(p->diag, c.name.pos, "too many connections (at most %u)",
                   SD_MAX_CONNECTIONS);
        sys->party_count = parties_before;
    } else {
        sys->connections[sys->connection_count++] = c;
    }
    parser_end_statement(p);
}
