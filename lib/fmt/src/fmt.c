/*
 * fmt.c: the formatting engine behind kernel and user printf.
 *
 * One pass over the format string: literal text goes straight to the sink; each
 * conversion is parsed into a spec (flags, width, length) and rendered by a small
 * function per kind. Numbers are rendered into a local buffer backwards, then padded.
 */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;        /* '-': pad on the right */
    bool zero;        /* '0': pad numbers with zeros */
    unsigned width;   /* minimum field width */
    unsigned length;  /* 0 = int, 1 = long, 2 = long long, 3 = size_t */
};

struct out {
    fmt_sink_fn sink;
    void *context;
    int count;
};

static void emit(struct out *out, char c)
{
    out->sink(out->context, c);
    out->count++;
}

static void emit_padding(struct out *out, char pad, unsigned n)
{
    while (n-- > 0) {
        emit(out, pad);
    }
}

/* Writes text of length len inside the spec's field, padded with spaces. */
static void emit_field(struct out *out, const struct spec *spec, const char *text, size_t len)
{
    unsigned pad = spec->width > len ? spec->width - (unsigned)len : 0;
    if (!spec->left) {
        emit_padding(out, ' ', pad);
    }
    for (size_t i = 0; i < len; i++) {
        emit(out, text[i]);
    }
    if (spec->left) {
        emit_padding(out, ' ', pad);
    }
}

/* Renders a number; prefix ("-", "0x" or "") goes before any zero padding. */
static void emit_number(struct out *out, const struct spec *spec, uint64_t value,
                        unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buffer[24];
    size_t n = 0;
    do {
        buffer[n++] = digits[value % base];
        value /= base;
    } while (value != 0);

    size_t prefix_len = 0;
    while (prefix[prefix_len] != '\0') {
        prefix_len++;
    }
    size_t total = n + prefix_len;
    unsigned pad = spec->width > total ? spec->width - (unsigned)total : 0;
    bool zero_pad = spec->zero && !spec->left;

    if (!zero_pad && !spec->left) {
        emit_padding(out, ' ', pad);
    }
    for (size_t i = 0; i < prefix_len; i++) {
        emit(out, prefix[i]);
    }
    if (zero_pad) {
        emit_padding(out, '0', pad);
    }
    while (n > 0) {
        emit(out, buffer[--n]);
    }
    if (spec->left) {
        emit_padding(out, ' ', pad);
    }
}

static int64_t signed_argument(const struct spec *spec, va_list *args)
{
    switch (spec->length) {
    case 1:
        return va_arg(*args, long);
    case 2:
        return va_arg(*args, long long);
    case 3:
        return (int64_t)va_arg(*args, size_t);
    default:
        return va_arg(*args, int);
    }
}

static uint64_t unsigned_argument(const struct spec *spec, va_list *args)
{
    switch (spec->length) {
    case 1:
        return va_arg(*args, unsigned long);
    case 2:
        return va_arg(*args, unsigned long long);
    case 3:
        return va_arg(*args, size_t);
    default:
        return va_arg(*args, unsigned int);
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Parses flags, width and length after '%'; returns the conversion character's position. */
static const char *parse_spec(const char *p, struct spec *spec)
{
    *spec = (struct spec){0};
    for (; *p == '-' || *p == '0'; p++) {
        if (*p == '-') {
            spec->left = true;
        } else {
            spec->zero = true;
        }
    }
    while (is_digit(*p) && spec->width < 1000) {
        spec->width = spec->width * 10 + (unsigned)(*p++ - '0');
    }
    if (*p == 'z') {
        spec->length = 3;
        p++;
    } else {
        while (*p == 'l' && spec->length < 2) {
            spec->length++;
            p++;
        }
    }
    return p;
}

/* Renders one conversion; returns false when the character is not one we know. */
static bool emit_conversion(struct out *out, const struct spec *spec, char conversion,
                            va_list *args)
{
    switch (conversion) {
    case 'c': {
        char c = (char)va_arg(*args, int);
        emit_field(out, spec, &c, 1);
        return true;
    }
    case 's': {
        const char *s = va_arg(*args, const char *);
        if (s == NULL) {
            s = "(null)";
        }
        size_t len = 0;
        while (s[len] != '\0') {
            len++;
        }
        emit_field(out, spec, s, len);
        return true;
    }
    case 'd':
    case 'i': {
        int64_t v = signed_argument(spec, args);
        uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        emit_number(out, spec, magnitude, 10, false, v < 0 ? "-" : "");
        return true;
    }
    case 'u':
        emit_number(out, spec, unsigned_argument(spec, args), 10, false, "");
        return true;
    case 'x':
    case 'X':
        emit_number(out, spec, unsigned_argument(spec, args), 16, conversion == 'X', "");
        return true;
    case 'p': {
        struct spec pointer = {.zero = true, .width = 18};   /* always 0x + 16 digits */
        emit_number(out, &pointer, (uintptr_t)va_arg(*args, void *), 16, false, "0x");
        return true;
    }
    case '%':
        emit(out, '%');
        return true;
    default:
        return false;
    }
}

int fmt_vformat(fmt_sink_fn sink, void *context, const char *format, va_list args)
{
    struct out out = {.sink = sink, .context = context, .count = 0};
    va_list ap;
    va_copy(ap, args);
    for (const char *p = format; *p != '\0'; p++) {
        if (*p != '%') {
            emit(&out, *p);
            continue;
        }
        struct spec spec;
        const char *conversion = parse_spec(p + 1, &spec);
        if (*conversion == '\0' || !emit_conversion(&out, &spec, *conversion, &ap)) {
            /* Unknown or truncated conversion: print it as text, consume no argument. */
            for (; p < conversion && *p != '\0'; p++) {
                emit(&out, *p);
            }
            if (*p == '\0') {
                break;
            }
            emit(&out, *p);
            continue;
        }
        p = conversion;
    }
    va_end(ap);
    return out.count;
}

struct buffer_sink {
    char *buffer;
    size_t capacity;
    size_t used;
};

static void buffer_put(void *context, char c)
{
    struct buffer_sink *b = context;
    if (b->used + 1 < b->capacity) {
        b->buffer[b->used] = c;
    }
    b->used++;
}

int fmt_vsnprintf(char *buffer, size_t capacity, const char *format, va_list args)
{
    struct buffer_sink b = {.buffer = buffer, .capacity = capacity, .used = 0};
    int n = fmt_vformat(buffer_put, &b, format, args);
    if (capacity > 0) {
        buffer[b.used < capacity ? b.used : capacity - 1] = '\0';
    }
    return n;
}

int fmt_snprintf(char *buffer, size_t capacity, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = fmt_vsnprintf(buffer, capacity, format, args);
    va_end(args);
    return n;
}
