/*
 * fuzz_script_lines.c: libFuzzer target for cutting a script into command lines
 * (script_lines.c): on any bytes it never reads outside them (ASan), every line it hands
 * the shell is NUL-terminated, at most LINE_MAX bytes, printable, neither blank nor a
 * comment, line numbers rise, and it reaches the end in at most one call per line.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "script_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void check_command(const char *text)
{
    size_t n = strlen(text);   /* NUL-terminated inside its buffer, or ASan says */
    size_t first = 0;
    check(n <= LINE_MAX);
    for (size_t i = 0; i < n; i++) {
        check(text[i] >= ' ' && text[i] < 0x7f);
    }
    while (first < n && text[first] == ' ') {
        first++;
    }
    check(first < n && text[first] != '#');
    check(script_line_words(text) >= 1 && script_line_words(text) <= n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct script_line line;
    struct script_reader reader;
    size_t newlines = 0, calls = 0;
    unsigned last = 0;
    for (size_t i = 0; i < size; i++) {
        newlines += data[i] == '\n';
    }
    script_reader_init(&reader, (const char *)data, size);
    for (script_reader_next(&reader, &line); line.kind != SCRIPT_LINE_END;
         script_reader_next(&reader, &line)) {
        check(++calls <= newlines + 1);
        check(line.number > last && line.number <= newlines + 1);
        last = line.number;
        if (line.kind == SCRIPT_LINE_COMMAND) {
            check_command(line.text);
        }
    }
    check(line.number >= last);
    return 0;
}
