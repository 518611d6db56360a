/*
 * parser.h: the parser's state and the token-taking steps its files share
 * (parse.c: the top level and blocks; parse_platform.c, parse_component.c,
 * parse_connection.c: one kind of statement each).
 *
 * Every statement function ends its line: it either reaches the end of the line and
 * calls parser_end_statement(), or reports an error and calls parser_skip_line(). So
 * after an error the next statement starts cleanly on the next line.
 */
#ifndef SYSDESC_PARSER_H
#define SYSDESC_PARSER_H

#include <stdbool.h>

#include "diag.h"
#include "lex.h"
#include "model.h"

struct parser {
    struct lexer lx;
    struct lex_token tok;          /* the current token */
    struct sd_system *sys;
    struct diag *diag;
    struct sd_component scratch;   /* where a component past the limit is parsed */
    struct sd_platform scratch_platform;
};

void parser_advance(struct parser *p);

/* The current token ends the line (a newline or the end of the file). */
bool parser_at_line_end(const struct parser *p);

/* Reports that what was expected at the current token: "missing WHAT" at the end of
 * a line, "expected WHAT, found TOKEN" elsewhere (nothing after a lexer error). */
void parser_expected(struct parser *p, const char *what);

/* Skips the rest of the line, newline included, without reporting anything. */
void parser_skip_line(struct parser *p);

/* Ends a statement: an error for anything left on the line, then the next line. */
void parser_end_statement(struct parser *p);

/* Each take_ step consumes one token of the right kind and returns true, or reports
 * parser_expected(what) and returns false. */
bool parser_take_name(struct parser *p, const char *what, struct sd_name *out);
bool parser_take_keyword(struct parser *p, const char *word);
bool parser_take_number(struct parser *p, const char *what, struct sd_number *out);
bool parser_take_size(struct parser *p, const char *what, struct sd_number *out);
bool parser_take_punct(struct parser *p, enum lex_kind kind, const char *what);
bool parser_take_rights(struct parser *p, unsigned *rights);

/* A block `KEYWORD NAME {` ... `}`: reads body lines with body() until the closing
 * brace. kind names the block in messages ("component", "platform"). head_ok: the
 * current token should be the '{'; false: the head was broken and is already skipped. */
void parser_block(struct parser *p, const char *kind, const struct sd_name *name,
                  void (*body)(struct parser *p, void *block), void *block, bool head_ok);

/* After an error in a block's head: skips the rest of the head line and says whether it
 * opened a block anyway (the current token is '{' or the line ends with one), so the
 * body can be read for its own errors. */
bool parser_broken_head_opens_block(struct parser *p);

/* "second KEYWORD statement (the first is at line N)" at the current token. */
void parser_second(struct parser *p, const char *keyword, struct sd_pos first);

void parse_platform(struct parser *p);
void parse_component(struct parser *p);
void parse_connection(struct parser *p, enum sd_connection_kind kind);

#endif
