/*
 * line_editor.h: the shell's line editing, as a pure state machine.
 *
 * Bytes go in one at a time (as the terminal sends them); what the terminal must show
 * comes out through `echo`. Printable bytes are inserted at the end; backspace (DEL or
 * ^H) erases one; ^U erases the line; ^C abandons it; Enter (CR or LF) ends it. The up
 * and down arrows (ESC [ A, ESC [ B) walk the history of entered lines. A line longer
 * than LINE_MAX is not stored past LINE_MAX: the rest is dropped and the line is marked
 * too long, so the shell can refuse it whole. No input can make it write outside its
 * buffers: it is host-tested and fuzzed.
 */
#ifndef CAIRN_LINE_EDITOR_H
#define CAIRN_LINE_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

#define LINE_MAX 255
#define HISTORY_LINES 8

enum line_event {
    LINE_NONE,        /* keep feeding */
    LINE_DONE,        /* a line is complete: line_text() */
    LINE_CANCELLED,   /* ^C: the line was abandoned */
};

typedef void (*line_echo_fn)(void *context, const char *bytes, size_t length);

struct line_editor {
    char text[LINE_MAX + 1];
    size_t length;
    bool too_long;
    unsigned escape;                 /* 0, or how far into ESC [ x we are */
    bool finished;                   /* the line was handed out: the next byte starts anew */
    bool after_cr;                   /* the last byte was CR (so an LF after it is not a
                                        second, empty line) */
    char history[HISTORY_LINES][LINE_MAX + 1];
    unsigned history_count;          /* lines stored (at most HISTORY_LINES) */
    unsigned history_next;           /* where the next line goes (a ring) */
    unsigned browsing;               /* 0 = editing a new line; k = k-th most recent */
    line_echo_fn echo;
    void *echo_context;
};

void line_editor_init(struct line_editor *e, line_echo_fn echo, void *context);

/* Feeds one byte; returns what it completed. */
enum line_event line_editor_feed(struct line_editor *e, char byte);

/* After LINE_DONE: the line (NUL-terminated), and whether input was cut. The next feed
 * starts a new line. */
const char *line_editor_text(const struct line_editor *e);
bool line_editor_too_long(const struct line_editor *e);

#endif
