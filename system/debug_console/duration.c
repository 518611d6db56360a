/*
 * duration.c: duration_parse of duration.h, in integers (no floating point in the
 * console): the number is read as whole units and a fraction of up to nine digits.
 */
#include "duration.h"

#include <stddef.h>

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

static bool same(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Nanoseconds per unit of the suffix, or 0 when it is not one. */
static uint64_t unit_ns(const char *suffix)
{
    if (same(suffix, "") || same(suffix, "s")) {
        return 1000000000ull;
    }
    if (same(suffix, "ms")) {
        return 1000000ull;
    }
    return same(suffix, "us") ? 1000ull : 0;
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
