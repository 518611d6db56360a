/*
 * script_lines.h: a shell script's bytes cut into the command lines the shell runs.
 *
 * A script is text: lines end in LF, CR LF is taken as LF, and the last line needs no
 * newline. Blank lines and comment lines (first non-blank byte '#') are skipped whole,
 * whatever else they hold, so a comment may use any bytes. A tab counts as a space. Every
 * other line is handed out only if the line editor could have produced it: printable
 * ASCII, at most LINE_MAX bytes. A longer line, or one holding a NUL, another control
 * byte or a non-ASCII byte, is reported (kind and line number) for the caller to skip.
 * Pure code over a byte array: it is host-tested and fuzzed.
 */
#ifndef CAIRN_SCRIPT_LINES_H
#define CAIRN_SCRIPT_LINES_H

#include <stddef.h>

#include "line_editor.h"

enum script_line_kind {
    SCRIPT_LINE_END,        /* no more lines */
    SCRIPT_LINE_COMMAND,    /* text holds a command line */
    SCRIPT_LINE_TOO_LONG,   /* longer than LINE_MAX bytes */
    SCRIPT_LINE_BAD_BYTE,   /* holds bad_byte, which the shell never takes */
};

struct script_line {
    enum script_line_kind kind;
    unsigned number;             /* 1 for the script's first line */
    unsigned char bad_byte;      /* SCRIPT_LINE_BAD_BYTE: the first such byte */
    char text[LINE_MAX + 1];     /* SCRIPT_LINE_COMMAND: NUL-terminated, printable */
};

struct script_reader {
    const unsigned char *bytes;
    size_t length;
    size_t at;                   /* where the next line starts */
    unsigned lines;              /* lines read so far */
};

void script_reader_init(struct script_reader *r, const char *bytes, size_t length);

/* Reads the next line that is neither blank nor a comment into *line. After the last
 * one, and on every call after that, line->kind is SCRIPT_LINE_END. */
void script_reader_next(struct script_reader *r, struct script_line *line);

/* The number of words in a command line, counted as the shell splits it (at spaces). */
unsigned script_line_words(const char *text);

#endif
