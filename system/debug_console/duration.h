/*
 * duration.h: reading a duration as people type it: 2, 0.5, 1.25s, 250ms, 40us.
 */
#ifndef CAIRN_DURATION_H
#define CAIRN_DURATION_H

#include <stdbool.h>
#include <stdint.h>

#define DURATION_MAX_NS (24ull * 3600 * 1000000000ull)   /* a day */

/* Nanoseconds in text: a decimal number (at most 9 digits after the point), then `s`
 * (the default), `ms` or `us`. False for anything else, for 0, for a fraction of a
 * nanosecond and for more than DURATION_MAX_NS. */
bool duration_parse(const char *text, uint64_t *ns);

#endif
