/*
 * line_editor.c: the state machine of line_editor.h.
 */
#include "line_editor.h"

#include "cstring.h"

#define KEY_CTRL_C 0x03
#define KEY_BACKSPACE 0x08
#define KEY_CTRL_U 0x15
#define KEY_ESCAPE 0x1b
#define KEY_DELETE 0x7f

void line_editor_init(struct line_editor *e, line_echo_fn echo, void *context)
{
    memset(e, 0, sizeof(*e));
    e->echo = echo;
    e->echo_context = context;
}

static void echo(struct line_editor *e, const char *bytes, size_t length)
{
    e->echo(e->echo_context, bytes, length);
}

static void erase_shown(struct line_editor *e)
{
    for (size_t i = 0; i < e->length; i++) {
        echo(e, "\b \b", 3);
    }
}

static void start_new_line(struct line_editor *e)
{
    e->length = 0;
    e->text[0] = '\0';
    e->too_long = false;
    e->browsing = 0;
}

/* Shows `text` as the line being edited (for history). */
static void replace_line(struct line_editor *e, const char *text)
{
    erase_shown(e);
    size_t n = strlen(text);
    memcpy(e->text, text, n + 1);
    e->length = n;
    echo(e, e->text, n);
}

static void remember(struct line_editor *e)
{
    if (e->length == 0) {
        return;
    }
    memcpy(e->history[e->history_next], e->text, e->length + 1);
    e->history_next = (e->history_next + 1) % HISTORY_LINES;
    if (e->history_count < HISTORY_LINES) {
        e->history_count++;
    }
}

/* The k-th most recent line (k >= 1, k <= history_count). */
static const char *recent(const struct line_editor *e, unsigned k)
{
    return e->history[(e->history_next + HISTORY_LINES - k) % HISTORY_LINES];
}

static void arrow(struct line_editor *e, char key)
{
    if (key == 'A' && e->browsing < e->history_count) {
        e->browsing++;
        replace_line(e, recent(e, e->browsing));
    } else if (key == 'B' && e->browsing > 0) {
        e->browsing--;
        replace_line(e, e->browsing > 0 ? recent(e, e->browsing) : "");
    }
}

/* ESC [ x (or ESC O x, the keypad's form): arrows move in the history; any other
 * sequence is ignored whole. */
static bool escape_sequence(struct line_editor *e, char byte)
{
    if (e->escape == 1) {
        e->escape = byte == '[' || byte == 'O' ? 2 : 0;
        return true;
    }
    if (e->escape == 2) {
        e->escape = (byte >= '0' && byte <= '9') || byte == ';' ? 2 : 0;
        if (e->escape == 0) {
            arrow(e, byte);
        }
        return true;
    }
    return false;
}

static void insert(struct line_editor *e, char byte)
{
    if (e->length == LINE_MAX) {
        e->too_long = true;   /* dropped: the shell refuses the whole line */
        return;
    }
    e->text[e->length++] = byte;
    e->text[e->length] = '\0';
    echo(e, &byte, 1);
}

enum line_event line_editor_feed(struct line_editor *e, char byte)
{
    bool after_cr = e->after_cr;
    e->after_cr = byte == '\r';
    if (byte == '\n' && after_cr) {
        return LINE_NONE;
    }
    if (e->finished) {
        start_new_line(e);
        e->finished = false;
    }
    if (escape_sequence(e, byte)) {
        return LINE_NONE;
    }
    switch (byte) {
    case '\r':
    case '\n':
        echo(e, "\n", 1);
        remember(e);
        e->finished = true;
        return LINE_DONE;
    case KEY_ESCAPE:
        e->escape = 1;
        return LINE_NONE;
    case KEY_DELETE:
    case KEY_BACKSPACE:
        if (e->length > 0) {
            e->text[--e->length] = '\0';
            echo(e, "\b \b", 3);
        }
        return LINE_NONE;
    case KEY_CTRL_U:
        erase_shown(e);
        start_new_line(e);
        return LINE_NONE;
    case KEY_CTRL_C:
        echo(e, "^C\n", 3);
        start_new_line(e);
        return LINE_CANCELLED;
    default:
        if (byte >= ' ' && byte < KEY_DELETE) {
            insert(e, byte);
        }
        return LINE_NONE;   /* other control bytes are ignored */
    }
}

const char *line_editor_text(const struct line_editor *e)
{
    return e->text;
}

bool line_editor_too_long(const struct line_editor *e)
{
    return e->too_long;
}
