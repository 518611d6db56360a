/*
 * test_script_lines.c: a script's bytes cut into command lines (script_lines.c): line
 * endings, blank and comment lines, and every kind of line the shell must not be given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "script_lines.h"

static struct script_reader reader;
static struct script_line line;

/* Starts reading the first `length` bytes of `bytes` (which may hold NULs). */
static void start(const char *bytes, size_t length)
{
    script_reader_init(&reader, bytes, length);
}

static void expect_command(unsigned number, const char *text)
{
    script_reader_next(&reader, &line);
    assert_int_equal(line.kind, SCRIPT_LINE_COMMAND);
    assert_int_equal(line.number, number);
    assert_string_equal(line.text, text);
}

static void expect_refused(enum script_line_kind kind, unsigned number)
{
    script_reader_next(&reader, &line);
    assert_int_equal(line.kind, kind);
    assert_int_equal(line.number, number);
}

static void expect_end(unsigned lines)
{
    script_reader_next(&reader, &line);
    assert_int_equal(line.kind, SCRIPT_LINE_END);
    assert_int_equal(line.number, lines);
    script_reader_next(&reader, &line);   /* and again: still the end */
    assert_int_equal(line.kind, SCRIPT_LINE_END);
}

static void lf_crlf_and_no_final_newline(void **state)
{
    (void)state;
    const char text[] = "echo a\necho b\r\necho c";
    start(text, sizeof(text) - 1);
    expect_command(1, "echo a");
    expect_command(2, "echo b");
    expect_command(3, "echo c");
    expect_end(3);
    const char cr_at_end[] = "echo d\r";
    start(cr_at_end, sizeof(cr_at_end) - 1);
    expect_command(1, "echo d");
    expect_end(1);
}

static void empty_scripts(void **state)
{
    (void)state;
    start("", 0);
    expect_end(0);
    start(NULL, 5);   /* no bytes at all, whatever the length says */
    expect_end(0);
    start("\n\n", 2);
    expect_end(2);
}

static void blank_and_comment_lines_are_skipped_but_counted(void **state)
{
    (void)state;
    const char text[] = "# top\n\n   \n\t\r\n  # indented \x01\xff\x00 anything\necho x # y\n";
    start(text, sizeof(text) - 1);
    expect_command(6, "echo x # y");   /* only a whole line is a comment */
    expect_end(6);
}

static void tabs_become_spaces(void **state)
{
    (void)state;
    const char text[] = "\techo\tx \n";
    start(text, sizeof(text) - 1);
    expect_command(1, " echo x ");
    expect_end(1);
}

static void bad_bytes_are_refused_and_reading_goes_on(void **state)
{
    (void)state;
    const char text[] = "echo a\0b\necho caf\xc3\xa9\necho \x1b[A\necho del\x7f\nmid\rcr\nok";
    start(text, sizeof(text) - 1);
    expect_refused(SCRIPT_LINE_BAD_BYTE, 1);
    assert_int_equal(line.bad_byte, 0x00);
    expect_refused(SCRIPT_LINE_BAD_BYTE, 2);
    assert_int_equal(line.bad_byte, 0xc3);
    expect_refused(SCRIPT_LINE_BAD_BYTE, 3);
    assert_int_equal(line.bad_byte, 0x1b);
    expect_refused(SCRIPT_LINE_BAD_BYTE, 4);
    assert_int_equal(line.bad_byte, 0x7f);
    expect_refused(SCRIPT_LINE_BAD_BYTE, 5);   /* a CR inside a line is not an ending */
    assert_int_equal(line.bad_byte, '\r');
    expect_command(6, "ok");
    expect_end(6);
}

static void lines_up_to_line_max_and_no_longer(void **state)
{
    (void)state;
    static char text[3 * (LINE_MAX + 4)];
    size_t n = 0;
    memset(text + n, 'a', LINE_MAX);       /* line 1: exactly LINE_MAX */
    n += LINE_MAX;
    memcpy(text + n, "\r\n", 2);           /* the CR does not count */
    n += 2;
    memset(text + n, 'b', LINE_MAX + 1);   /* line 2: one too many */
    n += LINE_MAX + 1;
    memcpy(text + n, "\nc", 2);
    n += 2;
    start(text, n);
    script_reader_next(&reader, &line);
    assert_int_equal(line.kind, SCRIPT_LINE_COMMAND);
    assert_int_equal(strlen(line.text), LINE_MAX);
    expect_refused(SCRIPT_LINE_TOO_LONG, 2);
    expect_command(3, "c");
    expect_end(3);
}

static void a_long_comment_is_still_a_comment(void **state)
{
    (void)state;
    static char text[LINE_MAX * 2 + 8];
    memset(text, 'x', sizeof(text));
    text[0] = '#';
    text[sizeof(text) - 3] = '\n';
    text[sizeof(text) - 2] = 'z';
    start(text, sizeof(text) - 1);
    expect_command(2, "z");
    expect_end(2);
}

static void words_counted_as_the_shell_splits(void **state)
{
    (void)state;
    assert_int_equal(script_line_words(""), 0);
    assert_int_equal(script_line_words("   "), 0);
    assert_int_equal(script_line_words("echo"), 1);
    assert_int_equal(script_line_words("  echo   a  b "), 3);
    assert_int_equal(script_line_words("a b c d e f g h i j k l m n o p q"), 17);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lf_crlf_and_no_final_newline),
        cmocka_unit_test(empty_scripts),
        cmocka_unit_test(blank_and_comment_lines_are_skipped_but_counted),
        cmocka_unit_test(tabs_become_spaces),
        cmocka_unit_test(bad_bytes_are_refused_and_reading_goes_on),
        cmocka_unit_test(lines_up_to_line_max_and_no_longer),
        cmocka_unit_test(a_long_comment_is_still_a_comment),
        cmocka_unit_test(words_counted_as_the_shell_splits),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
