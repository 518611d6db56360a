/*
 * lex.c: turns the description's bytes into tokens (see lex.h for the token rules).
 *
 * Columns count bytes from 1, so a tab is one column. A carriage return counts as a
 * space, so files with CRLF line ends read the same. The file must be ASCII: any other
 * byte, or a control character other than tab, is an error, in a comment too.
 */
#include "lex.h"

#include <stdio.h>
#include <string.h>

#define LEX_SHOWN_MAX 40       /* characters of a bad word shown in a message */

void lex_init(struct lexer *lx, const char *src, size_t size, struct diag *diag)
{
    lx->src = src;
    lx->size = size;
    lx->at = 0;
    lx->line_start = 0;
    lx->line = 1;
    lx->long_line = 0;
    lx->diag = diag;
}

static struct sd_pos lex_pos(const struct lexer *lx, size_t offset)
{
    return (struct sd_pos){lx->line, (uint32_t)(offset - lx->line_start + 1)};
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static bool is_printable(char c)
{
    return c >= ' ' && c <= '~';
}

static int peek(const struct lexer *lx, size_t offset)
{
    return lx->at + offset < lx->size ? (unsigned char)lx->src[lx->at + offset] : -1;
}

/* A line longer than LEX_LINE_MAX is reported once, at its first column too many. The
 * carriage return of a CRLF line end does not count. */
static void check_line_length(struct lexer *lx)
{
    bool crlf = lx->src[lx->at - 1] == '\r' && (lx->at == lx->size || lx->src[lx->at] == '\n');
    if (lx->at - lx->line_start > LEX_LINE_MAX && lx->long_line != lx->line && !crlf) {
        lx->long_line = lx->line;
        diag_error(lx->diag, (struct sd_pos){lx->line, LEX_LINE_MAX + 1},
                   "line longer than %u characters", LEX_LINE_MAX);
    }
}

/* Moves to the end of the line (the newline itself is not consumed). */
static void skip_line(struct lexer *lx, bool report_bad_bytes)
{
    bool reported = !report_bad_bytes;
    while (lx->at < lx->size && lx->src[lx->at] != '\n') {
        char c = lx->src[lx->at];
        if (!reported && !is_printable(c) && c != '\t' && c != '\r') {
            diag_error(lx->diag, lex_pos(lx, lx->at),
                       "byte 0x%02x is not printable ASCII", (unsigned char)c);
            reported = true;
        }
        lx->at++;
        check_line_length(lx);
    }
}

void lex_skip_line(struct lexer *lx)
{
    skip_line(lx, false);
}

bool lex_line_ends_with(const struct lexer *lx, char c)
{
    char last = '\0';
    for (size_t at = lx->at; at < lx->size && lx->src[at] != '\n' && lx->src[at] != '#'; at++) {
        char here = lx->src[at];
        if (here != ' ' && here != '\t' && here != '\r') {
            last = here;
        }
    }
    return last == c;
}

static void skip_blanks(struct lexer *lx)
{
    while (lx->at < lx->size) {
        char c = lx->src[lx->at];
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->at++;
            check_line_length(lx);
        } else if (c == '#') {
            skip_line(lx, true);
        } else {
            return;
        }
    }
}

static struct lex_token make_token(struct lexer *lx, enum lex_kind kind, size_t start)
{
    return (struct lex_token){
        .kind = kind,
        .pos = lex_pos(lx, start),
        .text = lx->src + start,
        .length = (uint32_t)(lx->at - start),
    };
}

const char *lex_describe(const struct lex_token *t, char *buf, size_t size)
{
    if (t->kind == LEX_NEWLINE) {
        snprintf(buf, size, "end of line");
    } else if (t->kind == LEX_END) {
        snprintf(buf, size, "end of file");
    } else if (t->length > LEX_SHOWN_MAX) {
        snprintf(buf, size, "'%.*s...'", LEX_SHOWN_MAX, t->text);
    } else {
        snprintf(buf, size, "'%.*s'", (int)t->length, t->text);
    }
    return buf;
}

bool lex_is(const struct lex_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == LEX_NAME && t->length == n && memcmp(t->text, word, n) == 0;
}

static int digit_value(char c, unsigned base)
{
    int v = -1;
    if (c >= '0' && c <= '9') {
        v = c - '0';
    } else if (base == 16 && c >= 'a' && c <= 'f') {
        v = c - 'a' + 10;
    } else if (base == 16 && c >= 'A' && c <= 'F') {
        v = c - 'A' + 10;
    }
    return v < (int)base ? v : -1;
}

enum number_status { NUMBER_OK, NUMBER_BAD, NUMBER_TOO_BIG };

/* Digits, then an optional K or M: the whole word or it is bad. */
static enum number_status read_number(struct lex_token *t)
{
    const char *p = t->text, *end = t->text + t->length;
    unsigned base = 10;
    if (end - p > 2 && p[0] == '0' && p[1] == 'x') {
        base = 16;
        p += 2;
    }
    uint64_t v = 0;
    bool overflow = false;
    const char *digits = p;
    for (int d; p < end && (d = digit_value(*p, base)) >= 0; p++) {
        overflow = overflow || v > (UINT64_MAX - (uint64_t)d) / base;
        v = v * base + (uint64_t)d;
    }
    uint64_t scale = 1;
    if (p < end && p > digits && (*p == 'K' || *p == 'M')) {
        scale = *p == 'K' ? 1024u : 1024u * 1024u;
        t->suffixed = true;
        p++;
    }
    if (p != end || p == digits) {
        return NUMBER_BAD;
    }
    if (overflow || v > UINT64_MAX / scale) {
        return NUMBER_TOO_BIG;
    }
    t->value = v * scale;
    return NUMBER_OK;
}

static struct lex_token number_token(struct lexer *lx, struct lex_token t)
{
    char shown[64];
    switch (read_number(&t)) {
    case NUMBER_OK:
        return t;
    case NUMBER_BAD:
        diag_error(lx->diag, t.pos, "bad number %s", lex_describe(&t, shown, sizeof(shown)));
        break;
    case NUMBER_TOO_BIG:
        diag_error(lx->diag, t.pos, "number %s does not fit in 64 bits",
                   lex_describe(&t, shown, sizeof(shown)));
        break;
    }
    t.kind = LEX_ERROR;
    return t;
}

static bool name_is_valid(const struct lex_token *t)
{
    if (t->text[0] < 'a' || t->text[0] > 'z') {
        return false;
    }
    for (uint32_t i = 1; i < t->length; i++) {
        char c = t->text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

static struct lex_token name_token(struct lexer *lx, struct lex_token t)
{
    char shown[64];
    if (!name_is_valid(&t)) {
        diag_error(lx->diag, t.pos,
                   "bad name %s (lower-case letters, digits and '_', starting with a letter)",
                   lex_describe(&t, shown, sizeof(shown)));
        t.kind = LEX_ERROR;
    } else if (t.length > SD_NAME_MAX) {
        diag_error(lx->diag, t.pos, "name %s is longer than %u characters",
                   lex_describe(&t, shown, sizeof(shown)), SD_NAME_MAX);
        t.kind = LEX_ERROR;
    }
    return t;
}

static struct lex_token word_token(struct lexer *lx)
{
    size_t start = lx->at;
    while (lx->at < lx->size && is_word_char(lx->src[lx->at])) {
        lx->at++;
        check_line_length(lx);
    }
    struct lex_token t = make_token(lx, LEX_NAME, start);
    if (t.text[0] >= '0' && t.text[0] <= '9') {
        t.kind = LEX_NUMBER;
        return number_token(lx, t);
    }
    return name_token(lx, t);
}

static enum lex_kind punctuation(char c)
{
    switch (c) {
    case '{':
        return LEX_LBRACE;
    case '}':
        return LEX_RBRACE;
    case ':':
        return LEX_COLON;
    case ',':
        return LEX_COMMA;
    default:
        return LEX_ERROR;
    }
}

/* Anything that is not a word, a newline or a blank. */
static struct lex_token symbol_token(struct lexer *lx)
{
    size_t start = lx->at;
    char c = lx->src[lx->at];
    enum lex_kind kind = punctuation(c);
    if (c == '-' && peek(lx, 1) == '>') {
        kind = LEX_ARROW;
        lx->at++;
    }
    lx->at++;
    check_line_length(lx);
    struct lex_token t = make_token(lx, kind, start);
    if (kind == LEX_ERROR) {
        if (is_printable(c)) {
            diag_error(lx->diag, t.pos, "unexpected character '%c'", c);
        } else {
            diag_error(lx->diag, t.pos, "byte 0x%02x is not printable ASCII", (unsigned char)c);
        }
    }
    return t;
}

struct lex_token lex_next(struct lexer *lx)
{
    skip_blanks(lx);
    if (lx->at >= lx->size) {
        return make_token(lx, LEX_END, lx->at);
    }
    if (lx->src[lx->at] == '\n') {
        struct lex_token t = make_token(lx, LEX_NEWLINE, lx->at);
        t.length = 1;
        lx->at++;
        lx->line++;
        lx->line_start = lx->at;
        return t;
    }
    if (is_word_char(lx->src[lx->at])) {
        return word_token(lx);
    }
    return symbol_token(lx);
}
