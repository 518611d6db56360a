/*
 * test_line_editor.c: the shell's line editing, byte by byte, with what it echoes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "line_editor.h"

static char shown[8192];
static size_t shown_length;

static void capture(void *context, const char *bytes, size_t length)
{
    (void)context;
    assert_true(shown_length + length < sizeof(shown));
    memcpy(shown + shown_length, bytes, length);
    shown_length += length;
    shown[shown_length] = '\0';
}

static struct line_editor editor;

static int set_up(void **state)
{
    (void)state;
    line_editor_init(&editor, capture, 0);
    shown_length = 0;
    shown[0] = '\0';
    return 0;
}

/* Feeds every byte; returns the last event. */
static enum line_event feed(const char *bytes)
{
    enum line_event last = LINE_NONE;
    for (size_t i = 0; bytes[i] != '\0'; i++) {
        last = line_editor_feed(&editor, bytes[i]);
    }
    return last;
}

static void typing_and_enter(void **state)
{
    (void)state;
    assert_int_equal(feed("echo hi"), LINE_NONE);
    assert_int_equal(feed("\r"), LINE_DONE);
    assert_string_equal(line_editor_text(&editor), "echo hi");
    assert_false(line_editor_too_long(&editor));
    assert_string_equal(shown, "echo hi\n");
}

static void cr_lf_is_one_line(void **state)
{
    (void)state;
    assert_int_equal(feed("a\r"), LINE_DONE);
    assert_int_equal(feed("\n"), LINE_NONE);
    assert_int_equal(feed("b\n"), LINE_DONE);
    assert_string_equal(line_editor_text(&editor), "b");
}

static void backspace_and_kill(void **state)
{
    (void)state;
    feed("\x7f\x08");   /* nothing to erase: nothing shown */
    assert_int_equal(shown_length, 0);
    feed("abc\x7f");
    assert_string_equal(shown, "abc\b \b");
    feed("\x15xy\r");
    assert_string_equal(line_editor_text(&editor), "xy");
}

static void ctrl_c_abandons(void **state)
{
    (void)state;
    assert_int_equal(feed("doomed\x03"), LINE_CANCELLED);
    assert_int_equal(feed("\r"), LINE_DONE);
    assert_string_equal(line_editor_text(&editor), "");
}

static void history_up_and_down(void **state)
{
    (void)state;
    feed("one\r");
    feed("two\r");
    feed("\x1b[A");   /* two */
    feed("\x1b[A");   /* one */
    feed("\x1b[A");   /* nothing older: stays */
    feed("\r");
    assert_string_equal(line_editor_text(&editor), "one");
    feed("\x1b[A\x1b[B\x1b[B\r");   /* one, back to the new (empty) line, no further */
    assert_string_equal(line_editor_text(&editor), "");
}

static void history_keeps_the_last_lines(void **state)
{
    (void)state;
    char line[16];
    for (unsigned i = 0; i < HISTORY_LINES + 3; i++) {
        snprintf(line, sizeof(line), "l%u\r", i);
        feed(line);
    }
    for (int i = 0; i < HISTORY_LINES + 5; i++) {
        feed("\x1b[A");
    }
    feed("\r");
    snprintf(line, sizeof(line), "l%d", 3);   /* the oldest kept */
    assert_string_equal(line_editor_text(&editor), line);
}

static void over_long_lines_are_marked(void **state)
{
    (void)state;
    for (int i = 0; i < LINE_MAX + 50; i++) {
        line_editor_feed(&editor, 'x');
    }
    assert_int_equal(line_editor_feed(&editor, '\r'), LINE_DONE);
    assert_true(line_editor_too_long(&editor));
    assert_int_equal(strlen(line_editor_text(&editor)), LINE_MAX);
    feed("ok\r");
    assert_false(line_editor_too_long(&editor));
}

static void other_sequences_and_controls_are_ignored(void **state)
{
    (void)state;
    feed("\x1b[1;5C\x1b[Z\x01\x02\x1bOa\r");
    assert_string_equal(line_editor_text(&editor), "");
    feed("\xff\x80z\r");   /* bytes above ASCII are not inserted */
    assert_string_equal(line_editor_text(&editor), "z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(typing_and_enter, set_up),
        cmocka_unit_test_setup(cr_lf_is_one_line, set_up),
        cmocka_unit_test_setup(backspace_and_kill, set_up),
        cmocka_unit_test_setup(ctrl_c_abandons, set_up),
        cmocka_unit_test_setup(history_up_and_down, set_up),
        cmocka_unit_test_setup(history_keeps_the_last_lines, set_up),
        cmocka_unit_test_setup(over_long_lines_are_marked, set_up),
        cmocka_unit_test_setup(other_sequences_and_controls_are_ignored, set_up),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
