/*
 * fuzz_line_editor.c: libFuzzer target for the shell's line editor: any byte stream is
 * edited without a write outside its buffers (ASan), and the line it hands out is
 * always NUL-terminated, at most LINE_MAX bytes, and printable.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "line_editor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void ignore(void *context, const char *bytes, size_t length)
{
    (void)context;
    check(bytes != NULL && length <= LINE_MAX * 3 + 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct line_editor editor;
    line_editor_init(&editor, ignore, 0);
    for (size_t i = 0; i < size; i++) {
        if (line_editor_feed(&editor, (char)data[i]) == LINE_DONE) {
            const char *text = line_editor_text(&editor);
            size_t n = strlen(text);   /* NUL-terminated inside its buffer, or ASan says */
            check(n <= LINE_MAX);
            for (size_t j = 0; j < n; j++) {
                check(text[j] >= ' ' && text[j] < 0x7f);
            }
        }
    }
    return 0;
}
