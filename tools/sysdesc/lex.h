/*
 * lex.h: the description's tokens, read one at a time.
 *
 * The format is line-oriented, so the end of a line is a token of its own. A word is a
 * maximal run of letters, digits and '_': one starting with a digit is a number (decimal
 * or 0x hexadecimal, optionally followed by K or M), one starting with a lower-case letter
 * is a name. Rights (`r`, `rw`) and keywords are names; the parser gives them meaning.
 * The lexer reports bad characters, bad words and over-long lines itself and returns
 * LEX_ERROR, after which the parser skips the rest of the line.
 */
#ifndef SYSDESC_LEX_H
#define SYSDESC_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

#define LEX_LINE_MAX 255       /* characters in a line, not counting the newline */

enum lex_kind {
    LEX_END = 0,               /* end of the file */
    LEX_NEWLINE,
    LEX_NAME,
    LEX_NUMBER,
    LEX_LBRACE,
    LEX_RBRACE,
    LEX_COLON,
    LEX_COMMA,
    LEX_ARROW,
    LEX_ERROR,                 /* already reported */
};

struct lex_token {
    enum lex_kind kind;
    struct sd_pos pos;
    const char *text;          /* the token's bytes in the source (not NUL-terminated) */
    uint32_t length;
    uint64_t value;            /* LEX_NUMBER: the value, suffix applied */
    bool suffixed;             /* LEX_NUMBER: written with K or M (a size) */
};

struct lexer {
    const char *src;
    size_t size;
    size_t at;                 /* next byte to read */
    size_t line_start;         /* offset of the current line's first byte */
    uint32_t line;
    uint32_t long_line;        /* the last line reported as too long */
    struct diag *diag;
};

/* Starts reading src (size bytes, not NUL-terminated); errors go to diag. */
void lex_init(struct lexer *lx, const char *src, size_t size, struct diag *diag);

/* The next token. After LEX_END every call returns LEX_END again. */
struct lex_token lex_next(struct lexer *lx);

/* Skips to the end of the line without reporting anything but its length. */
void lex_skip_line(struct lexer *lx);

/* Whether the rest of the current line, comments and blanks aside, ends with c. A
 * statement whose head is broken still says by its last character that a block follows. */
bool lex_line_ends_with(const struct lexer *lx, char c);

/* Copies a token's text into buf as a C string, shortened with "..." past 40 characters. */
const char *lex_describe(const struct lex_token *t, char *buf, size_t size);

/* True when t is the name word (a keyword or rights, say). */
bool lex_is(const struct lex_token *t, const char *word);

#endif
