/*
 * duration.c: duration_parse of duration.h, in integers (no floating point in the
 * console): the number is read as whole units and a fraction of up to nine digits.
 */
#include "duration.h"

#include <stddef.h>

#include "cstring.h"

/* Reads digits into *value (stopping before overflow past limit); how many. */
static unsigned digits(const char **p, uint64_t *value, uint64_t limit)
{
    unsigned count = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, count++) {
        uint64_t next = *value * 10 + (uint64_t)(**p - '0');
        *value = next > limit ? limit + 1 : next;   /* stays over the limit once past it */
    }
    return count;
}

/* Nanoseconds per unit of the suffix, or 0 when it is not one. */
static uint64_t unit_ns(const char *suffix)
{
    if (strcmp(suffix, "") == 0 || strcmp(suffix, "s") == 0) {
        return 1000000000ull;
    }
    if (strcmp(suffix, "ms") == 0) {
        return 1000000ull;
    }
    return strcmp(suffix, "us") == 0 ? 1000ull : 0;
}

bool duration_parse(const char *text, uint64_t *ns)
{
    const char *p = text;
    uint64_t whole = 0, fraction = 0, scale = 1;
    unsigned whole_digits = digits(&p, &whole, DURATION_MAX_NS);
    unsigned fraction_digits = 0;
    if (*p == '.') {
        p++;
        fraction_digits = digits(&p, &fraction, 999999999);
    }
    uint64_t unit = unit_ns(p);
    if (unit == 0 || whole_digits + fraction_digits == 0 || fraction_digits > 9 ||
        whole > DURATION_MAX_NS / unit) {
        return false;
    }
    for (unsigned i = 0; i < fraction_digits; i++) {
        scale *= 10;
    }
    if (fraction * unit % scale != 0) {
        return false;   /* finer than a nanosecond */
    }
    uint64_t total = whole * unit + fraction * unit / scale;
    if (total == 0 || total > DURATION_MAX_NS) {
        return false;
    }
    *ns = total;
    return true;
}
