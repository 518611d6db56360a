/*
 * parse_connection.c: the three connection statements.
 *
 *   rpc     NAME: CLIENT[, CLIENT...] -> SERVER [OPTION...]
 *   notify  NAME: SIGNALLER[, SIGNALLER...] -> WAITER
 *   shared  NAME SIZE: COMPONENT RIGHTS[, COMPONENT RIGHTS...]
 *
 * The members go to the system's shared pool of parties; a connection keeps the range.
 * An rpc's options are words after the server, each a flag from rpc_options (each at
 * most once): `grant` lets the server pass capabilities to its clients in replies;
 * `signals` gives each client a notification of its own the server may signal.
 */
#include <stdio.h>
#include <string.h>

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
    return parser_take_name(p, what, &c->target.name);
}

static const struct {
    const char *word;
    unsigned flag;
} rpc_options[] = {
    {"grant", SD_RPC_GRANT},
    {"signals", SD_RPC_SIGNALS},
};

/* The flag of the option word tok names, or 0. */
static unsigned rpc_option_flag(const struct lex_token *tok)
{
    for (size_t i = 0; i < sizeof(rpc_options) / sizeof(rpc_options[0]); i++) {
        const char *word = rpc_options[i].word;
        if (strlen(word) == tok->length && memcmp(word, tok->text, tok->length) == 0) {
            return rpc_options[i].flag;
        }
    }
    return 0;
}

/* The option words after an rpc's server, to the end of the line. */
static bool parse_rpc_options(struct parser *p, struct sd_connection *c)
{
    while (p->tok.kind == LEX_NAME) {
        unsigned flag = rpc_option_flag(&p->tok);
        int length = (int)p->tok.length;
        if (flag == 0) {
            diag_error(p->diag, p->tok.pos, "unknown rpc option '%.*s'", length, p->tok.text);
            return false;
        }
        if (c->options & flag) {
            diag_error(p->diag, p->tok.pos, "rpc option '%.*s' given twice", length,
                       p->tok.text);
            return false;
        }
        c->options |= flag;
        parser_advance(p);
    }
    return true;
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
    if (!parse_connection_head(p, &c) || !parse_parties(p, &c) ||
        (kind == SD_RPC && !parse_rpc_options(p, &c))) {
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
