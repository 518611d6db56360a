/*
 * print.c: cairn_printf, buffered so a line leaves in one system call.
 */
#include "cairn.h"
#include "fmt.h"

struct line_buffer {
    char bytes[256];
    size_t used;
};

static void flush(struct line_buffer *b)
{
    if (b->used > 0) {
        cairn_debug_put_string(b->bytes, b->used);
        b->used = 0;
    }
}

static void put(void *context, char c)
{
    struct line_buffer *b = context;
    b->bytes[b->used++] = c;
    if (b->used == sizeof(b->bytes) || c == '\n') {
        flush(b);
    }
}

void cairn_printf(const char *format, ...)
{
    struct line_buffer b = {.used = 0};
    va_list args;
    va_start(args, format);
    fmt_vformat(put, &b, format, args);
    va_end(args);
    flush(&b);
}
