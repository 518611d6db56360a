/*
 * diag.h: the analyser's error list.
 *
 * Every error is `FILE:LINE:COLUMN: error: MESSAGE`, with the column of the offending
 * token (1-based, counted in bytes). The list keeps the first DIAG_MAX errors found;
 * diag_print sorts them by position (stable, so two errors at one token keep the order
 * in which the checks found them) and prints them.
 */
#ifndef SYSDESC_DIAG_H
#define SYSDESC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

#define DIAG_MAX 50
#define DIAG_MESSAGE_MAX 2400   /* room for a cycle through every component */

struct diag_entry {
    struct sd_pos pos;
    char message[DIAG_MESSAGE_MAX];
};

struct diag {
    const char *file;           /* the name printed before each error */
    unsigned count;             /* errors kept, at most DIAG_MAX */
    unsigned found;             /* errors found, kept or not */
    struct diag_entry entries[DIAG_MAX];
};

/* Starts an empty list for errors in file. */
void diag_init(struct diag *d, const char *file);

/* Records an error at pos; past DIAG_MAX errors it is only counted. */
void diag_error(struct diag *d, struct sd_pos pos, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Sorts the errors by position, stably. */
void diag_sort(struct diag *d);

/* Sorts the errors by position and prints one line each to out. */
void diag_print(struct diag *d, FILE *out);

#endif
