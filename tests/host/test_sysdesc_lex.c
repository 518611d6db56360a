/*
 * test_sysdesc_lex.c: the description lexer: token kinds and positions, numbers and
 * sizes at their limits, names, punctuation, comments, CRLF, and every lexical error
 * with its column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"

#define MAX_TOKENS 64

struct lexed {
    struct diag diag;
    unsigned count;
    struct lex_token tokens[MAX_TOKENS];
    char *copy;
};

/* Lexes text from an exactly sized heap copy until the end (kept for the token texts). */
static struct lexed *lex_all(const char *text)
{
    struct lexed *l = calloc(1, sizeof(*l));
    assert_non_null(l);
    size_t size = strlen(text);
    l->copy = malloc(size > 0 ? size : 1);
    assert_non_null(l->copy);
    memcpy(l->copy, text, size);
    struct lexer lx;
    diag_init(&l->diag, "t");
    lex_init(&lx, l->copy, size, &l->diag);
    do {
        assert_true(l->count < MAX_TOKENS);
        l->tokens[l->count] = lex_next(&lx);
    } while (l->tokens[l->count++].kind != LEX_END);
    return l;
}

static void lexed_free(struct lexed *l)
{
    free(l->copy);
    free(l);
}

static void assert_token(const struct lex_token *t, enum lex_kind kind, uint32_t line,
                         uint32_t column)
{
    assert_int_equal(t->kind, kind);
    assert_int_equal(t->pos.line, line);
    assert_int_equal(t->pos.column, column);
}

/* One token of text is a number with this value, or (value unused) an error message. */
static void assert_number(const char *text, uint64_t value, bool suffixed)
{
    struct lexed *l = lex_all(text);
    assert_int_equal(l->diag.found, 0);
    assert_int_equal(l->tokens[0].kind, LEX_NUMBER);
    assert_int_equal(l->tokens[0].value, value);
    assert_int_equal(l->tokens[0].suffixed, suffixed);
    lexed_free(l);
}

static void assert_lex_error(const char *text, uint32_t column, const char *message)
{
    struct lexed *l = lex_all(text);
    assert_int_equal(l->diag.found, 1);
    assert_int_equal(l->diag.entries[0].pos.column, column);
    assert_string_equal(l->diag.entries[0].message, message);
    lexed_free(l);
}

static void test_statement_tokens(void **state)
{
    (void)state;
    struct lexed *l = lex_all("rpc memory: a, b -> c   # comment\n}");
    assert_int_equal(l->diag.found, 0);
    assert_int_equal(l->count, 11);
    assert_token(&l->tokens[0], LEX_NAME, 1, 1);
    assert_token(&l->tokens[1], LEX_NAME, 1, 5);
    assert_token(&l->tokens[2], LEX_COLON, 1, 11);
    assert_token(&l->tokens[3], LEX_NAME, 1, 13);
    assert_token(&l->tokens[4], LEX_COMMA, 1, 14);
    assert_token(&l->tokens[5], LEX_NAME, 1, 16);
    assert_token(&l->tokens[6], LEX_ARROW, 1, 18);
    assert_token(&l->tokens[7], LEX_NAME, 1, 21);
    assert_token(&l->tokens[8], LEX_NEWLINE, 1, 34);
    assert_token(&l->tokens[9], LEX_RBRACE, 2, 1);
    assert_token(&l->tokens[10], LEX_END, 2, 2);
    assert_true(lex_is(&l->tokens[1], "memory"));
    assert_false(lex_is(&l->tokens[1], "memor"));
    lexed_free(l);
}

static void test_end_repeats(void **state)
{
    (void)state;
    struct lexer lx;
    struct diag d;
    diag_init(&d, "t");
    lex_init(&lx, "x", 1, &d);
    assert_int_equal(lex_next(&lx).kind, LEX_NAME);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(lex_next(&lx).kind, LEX_END);
    }
}

static void test_numbers(void **state)
{
    (void)state;
    assert_number("0", 0, false);
    assert_number("250", 250, false);
    assert_number("007", 7, false);
    assert_number("0x10000000", 0x10000000, false);
    assert_number("0xaBcDeF", 0xabcdef, false);
    assert_number("4K", 4096, true);
    assert_number("2M", 2u << 20, true);
    assert_number("0x10K", 16 * 1024, true);
    assert_number("18446744073709551615", UINT64_MAX, false);
    assert_number("0xffffffffffffffff", UINT64_MAX, false);
    assert_number("17592186044415M", 17592186044415ull << 20, true);
}

static void test_bad_numbers(void **state)
{
    (void)state;
    assert_lex_error("12x", 1, "bad number '12x'");
    assert_lex_error("  0x", 3, "bad number '0x'");
    assert_lex_error("0xK", 1, "bad number '0xK'");
    assert_lex_error("4k", 1, "bad number '4k'");
    assert_lex_error("4KB", 1, "bad number '4KB'");
    assert_lex_error("4KM", 1, "bad number '4KM'");
    assert_lex_error("0X10", 1, "bad number '0X10'");
    assert_lex_error("18446744073709551616", 1,
                     "number '18446744073709551616' does not fit in 64 bits");
    assert_lex_error("0x10000000000000000", 1,
                     "number '0x10000000000000000' does not fit in 64 bits");
    assert_lex_error("17592186044416M", 1, "number '17592186044416M' does not fit in 64 bits");
}

static void test_names(void **state)
{
    (void)state;
    struct lexed *l = lex_all("a a_0 abcdefghijklmnopqrstuvwxyz012345");
    assert_int_equal(l->diag.found, 1);   /* the last is 32 characters */
    assert_int_equal(l->tokens[0].kind, LEX_NAME);
    assert_int_equal(l->tokens[1].kind, LEX_NAME);
    assert_int_equal(l->tokens[2].kind, LEX_ERROR);
    lexed_free(l);
    l = lex_all("abcdefghijklmnopqrstuvwxyz01234");   /* 31: the longest name */
    assert_int_equal(l->diag.found, 0);
    assert_int_equal(l->tokens[0].kind, LEX_NAME);
    lexed_free(l);
#define NAME_RULE "(lower-case letters, digits and '_', starting with a letter)"
    assert_lex_error("Uart", 1, "bad name 'Uart' " NAME_RULE);
    assert_lex_error("x _a", 3, "bad name '_a' " NAME_RULE);
    assert_lex_error("uartZ", 1, "bad name 'uartZ' " NAME_RULE);
}

static void test_describe_shortens(void **state)
{
    (void)state;
    char text[80], shown[64];
    memset(text, 'a', 50);
    text[50] = '\0';
    struct lexed *l = lex_all(text);
    assert_string_equal(lex_describe(&l->tokens[0], shown, sizeof(shown)),
                        "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");
    assert_string_equal(lex_describe(&l->tokens[1], shown, sizeof(shown)), "end of file");
    lexed_free(l);
}

static void test_punctuation(void **state)
{
    (void)state;
    struct lexed *l = lex_all("{}:,->");
    assert_int_equal(l->diag.found, 0);
    enum lex_kind kinds[] = {LEX_LBRACE, LEX_RBRACE, LEX_COLON, LEX_COMMA, LEX_ARROW, LEX_END};
    for (unsigned i = 0; i < 6; i++) {
        assert_int_equal(l->tokens[i].kind, kinds[i]);
    }
    lexed_free(l);
    assert_lex_error("a - b", 3, "unexpected character '-'");
    assert_lex_error("a ->> b", 5, "unexpected character '>'");
    assert_lex_error("a; b", 2, "unexpected character ';'");
}

static void test_blanks_comments_crlf(void **state)
{
    (void)state;
    struct lexed *l = lex_all("\ta\r\n# whole line\r\n  b # rest\r\n\r\n");
    assert_int_equal(l->diag.found, 0);
    assert_token(&l->tokens[0], LEX_NAME, 1, 2);   /* a tab is one column */
    assert_token(&l->tokens[1], LEX_NEWLINE, 1, 4);
    assert_token(&l->tokens[2], LEX_NEWLINE, 2, 14);
    assert_token(&l->tokens[3], LEX_NAME, 3, 3);
    assert_token(&l->tokens[4], LEX_NEWLINE, 3, 12);
    assert_token(&l->tokens[5], LEX_NEWLINE, 4, 2);
    assert_token(&l->tokens[6], LEX_END, 5, 1);
    lexed_free(l);
}

static void test_line_length(void **state)
{
    (void)state;
    char line[300];
    memset(line, 'x', sizeof(line));
    line[0] = '#';
    line[255] = '\0';   /* 255 characters: the longest line */
    struct lexed *l = lex_all(line);
    assert_int_equal(l->diag.found, 0);
    lexed_free(l);
    line[255] = '\r';   /* and a CRLF line end does not count */
    line[256] = '\n';
    line[257] = '\0';
    l = lex_all(line);
    assert_int_equal(l->diag.found, 0);
    lexed_free(l);
    line[255] = 'x';
    line[256] = 'x';
    line[299] = '\0';   /* 299: one error, at column 256 */
    assert_lex_error(line, 256, "line longer than 255 characters");
}

static void test_non_ascii(void **state)
{
    (void)state;
    assert_lex_error("a \xff", 3, "byte 0xff is not printable ASCII");
    /* In a comment, one error for the whole line. */
    assert_lex_error("a # caf\xc3\xa9 \xc3\xa9", 8, "byte 0xc3 is not printable ASCII");
    assert_lex_error("a\x01", 2, "byte 0x01 is not printable ASCII");
    struct lexer lx;
    struct diag d;
    diag_init(&d, "t");
    lex_init(&lx, "a\0b", 3, &d);   /* a NUL inside the file is just a bad byte */
    assert_int_equal(lex_next(&lx).kind, LEX_NAME);
    assert_int_equal(lex_next(&lx).kind, LEX_ERROR);
    assert_int_equal(lex_next(&lx).kind, LEX_NAME);
    assert_int_equal(d.found, 1);
}

static void test_line_ends_with(void **state)
{
    (void)state;
    struct lexer lx;
    struct diag d;
    const char *text = "component Bad {  # comment {\nx";
    diag_init(&d, "t");
    lex_init(&lx, text, strlen(text), &d);
    assert_true(lex_line_ends_with(&lx, '{'));
    lex_next(&lx);
    assert_int_equal(lex_next(&lx).kind, LEX_ERROR);
    assert_true(lex_line_ends_with(&lx, '{'));
    lex_skip_line(&lx);
    assert_false(lex_line_ends_with(&lx, '{'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statement_tokens),
        cmocka_unit_test(test_end_repeats),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_describe_shortens),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_blanks_comments_crlf),
        cmocka_unit_test(test_line_length),
        cmocka_unit_test(test_non_ascii),
        cmocka_unit_test(test_line_ends_with),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
