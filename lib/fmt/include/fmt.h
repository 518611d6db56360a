/*
 * fmt.h: printf-style formatting into any sink, with no allocation and no libc.
 *
 * Freestanding: the kernel and user programs both compile it. It supports the subset
 * Cairn uses: %c %s %d %i %u %x %X %p %%, the flags '-' and '0', a field width, and
 * the length modifiers l, ll and z. Anything else is printed literally, so a bad
 * format string can never read an argument that is not there.
 */
#ifndef CAIRN_FMT_H
#define CAIRN_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives each output character in order. */
typedef void (*fmt_sink_fn)(void *context, char c);

/* Formats into sink; returns the number of characters produced. */
int fmt_vformat(fmt_sink_fn sink, void *context, const char *format, va_list args);

/*
 * Formats into buffer (capacity bytes, always NUL-terminated when capacity > 0).
 * Returns the length the full output would have, as C's snprintf does.
 */
int fmt_snprintf(char *buffer, size_t capacity, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buffer, size_t capacity, const char *format, va_list args);

#endif
