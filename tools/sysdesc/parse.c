/*
 * parse.c: the top level of the description, blocks, and the steps that take one
 * token each. The grammar, one statement per line:
 *
 *   platform NAME {            ram, device           (parse_platform.c)
 *   component NAME {           image, thread, heap, mmio, irq, fault, untyped,
 *                              asid_control          (parse_component.c)
 *   rpc | notify NAME: A, B -> C
 *   shared NAME SIZE: A RIGHTS, B RIGHTS             (parse_connection.c)
 */
#include "parse.h"

#include <stdio.h>
#include <string.h>

#include "parser.h"

void parser_advance(struct parser *p)
{
    p->tok = lex_next(&p->lx);
}

bool parser_at_line_end(const struct parser *p)
{
    return p->tok.kind == LEX_NEWLINE || p->tok.kind == LEX_END;
}

void parser_expected(struct parser *p, const char *what)
{
    if (p->tok.kind == LEX_ERROR) {
        return;   /* the lexer said what is wrong with it */
    }
    if (parser_at_line_end(p)) {
        diag_error(p->diag, p->tok.pos, "missing %s", what);
    } else {
        char shown[64];
        diag_error(p->diag, p->tok.pos, "expected %s, found %s", what,
                   lex_describe(&p->tok, shown, sizeof(shown)));
    }
}

void parser_skip_line(struct parser *p)
{
    if (!parser_at_line_end(p)) {
        lex_skip_line(&p->lx);
        parser_advance(p);
    }
    if (p->tok.kind == LEX_NEWLINE) {
        parser_advance(p);
    }
}

void parser_end_statement(struct parser *p)
{
    if (!parser_at_line_end(p) && p->tok.kind != LEX_ERROR) {
        char shown[64];
        diag_error(p->diag, p->tok.pos, "extra argument %s",
                   lex_describe(&p->tok, shown, sizeof(shown)));
    }
    parser_skip_line(p);
}

bool parser_take_name(struct parser *p, const char *what, struct sd_name *out)
{
    if (p->tok.kind != LEX_NAME) {
        parser_expected(p, what);
        return false;
    }
    memcpy(out->text, p->tok.text, p->tok.length);
    out->text[p->tok.length] = '\0';
    out->pos = p->tok.pos;
    parser_advance(p);
    return true;
}

bool parser_take_keyword(struct parser *p, const char *word)
{
    if (!lex_is(&p->tok, word)) {
        char what[48];
        snprintf(what, sizeof(what), "'%s'", word);
        parser_expected(p, what);
        return false;
    }
    parser_advance(p);
    return true;
}

static bool take_number_token(struct parser *p, const char *what, struct sd_number *out,
                              bool size_allowed)
{
    if (p->tok.kind != LEX_NUMBER || (p->tok.suffixed && !size_allowed)) {
        parser_expected(p, what);
        return false;
    }
    out->value = p->tok.value;
    out->pos = p->tok.pos;
    parser_advance(p);
    return true;
}

bool parser_take_number(struct parser *p, const char *what, struct sd_number *out)
{
    return take_number_token(p, what, out, false);
}

bool parser_take_size(struct parser *p, const char *what, struct sd_number *out)
{
    return take_number_token(p, what, out, true);
}

bool parser_take_punct(struct parser *p, enum lex_kind kind, const char *what)
{
    if (p->tok.kind != kind) {
        parser_expected(p, what);
        return false;
    }
    parser_advance(p);
    return true;
}

static bool only_rights_letters(const struct lex_token *t)
{
    for (uint32_t i = 0; i < t->length; i++) {
        if (t->text[i] != 'r' && t->text[i] != 'w' && t->text[i] != 'x') {
            return false;
        }
    }
    return true;
}

static bool has_letter(const struct lex_token *t, char letter)
{
    return memchr(t->text, letter, t->length) != NULL;
}

/* A word of r, w and x that is not r or rw gets a message saying why. */
static void bad_rights(struct parser *p)
{
    char shown[64];
    const char *why = "write r or rw";
    if (has_letter(&p->tok, 'x')) {
        why = "executable mappings cannot be declared";
    } else if (!has_letter(&p->tok, 'r')) {
        why = "'w' without 'r' (a writer can always read on RISC-V)";
    }
    diag_error(p->diag, p->tok.pos, "bad rights %s: %s",
               lex_describe(&p->tok, shown, sizeof(shown)), why);
}

bool parser_take_rights(struct parser *p, unsigned *rights)
{
    if (lex_is(&p->tok, "r") || lex_is(&p->tok, "rw")) {
        *rights = p->tok.length == 1 ? SD_RIGHTS_R : SD_RIGHTS_RW;
        parser_advance(p);
        return true;
    }
    if (p->tok.kind == LEX_NAME && only_rights_letters(&p->tok)) {
        bad_rights(p);
    } else {
        parser_expected(p, "rights (r or rw)");
    }
    return false;
}

void parser_second(struct parser *p, const char *keyword, struct sd_pos first)
{
    diag_error(p->diag, p->tok.pos, "second %s statement (the first is at line %u)", keyword,
               (unsigned)first.line);
}

static bool is_top_keyword(const struct lex_token *t)
{
    return lex_is(t, "platform") || lex_is(t, "component") || lex_is(t, "rpc") ||
           lex_is(t, "notify") || lex_is(t, "shared");
}

/* The header's `{` and the end of its line; a missing brace is reported and assumed. */
static struct sd_pos block_open(struct parser *p)
{
    struct sd_pos open = p->tok.pos;
    if (!parser_take_punct(p, LEX_LBRACE, "'{'")) {
        parser_skip_line(p);
        return open;
    }
    parser_end_statement(p);
    return open;
}

bool parser_broken_head_opens_block(struct parser *p)
{
    bool opens = p->tok.kind == LEX_LBRACE || lex_line_ends_with(&p->lx, '{');
    parser_skip_line(p);
    return opens;
}

void parser_block(struct parser *p, const char *kind, const struct sd_name *name,
                  void (*body)(struct parser *p, void *block), void *block, bool head_ok)
{
    struct sd_pos open = head_ok ? block_open(p) : name->pos;
    for (;;) {
        if (p->tok.kind == LEX_END) {
            diag_error(p->diag, open, "'{' of %s '%s' is never closed", kind, name->text);
            return;
        }
        if (p->tok.kind == LEX_NEWLINE) {
            parser_advance(p);
        } else if (p->tok.kind == LEX_RBRACE) {
            parser_advance(p);
            parser_end_statement(p);
            return;
        } else if (is_top_keyword(&p->tok)) {
            /* Statements of the top level never start inside a block. */
            diag_error(p->diag, p->tok.pos, "missing '}' before this statement (%s '%s' "
                       "opened at line %u)", kind, name->text, (unsigned)open.line);
            return;
        } else {
            body(p, block);
        }
    }
}

static void parse_statement(struct parser *p)
{
    char shown[64];
    if (lex_is(&p->tok, "platform")) {
        parse_platform(p);
    } else if (lex_is(&p->tok, "component")) {
        parse_component(p);
    } else if (lex_is(&p->tok, "rpc")) {
        parse_connection(p, SD_RPC);
    } else if (lex_is(&p->tok, "notify")) {
        parse_connection(p, SD_NOTIFY);
    } else if (lex_is(&p->tok, "shared")) {
        parse_connection(p, SD_SHARED);
    } else if (p->tok.kind == LEX_NAME) {
        diag_error(p->diag, p->tok.pos, "unknown statement %s",
                   lex_describe(&p->tok, shown, sizeof(shown)));
        parser_skip_line(p);
    } else {
        parser_expected(p, "a statement");
        parser_skip_line(p);
    }
}

bool parse_description(const char *src, size_t size, struct sd_system *sys, struct diag *diag)
{
    struct parser parser;
    struct parser *p = &parser;
    unsigned found_before = diag->found;
    memset(p, 0, sizeof(*p));
    memset(sys, 0, sizeof(*sys));
    p->sys = sys;
    p->diag = diag;
    lex_init(&p->lx, src, size, diag);
    parser_advance(p);
    while (p->tok.kind != LEX_END) {
        if (p->tok.kind == LEX_NEWLINE) {
            parser_advance(p);
        } else {
            parse_statement(p);
        }
    }
    return diag->found == found_before;
}
