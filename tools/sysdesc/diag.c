/*
 * diag.c: recording, sorting and printing the analyser's errors.
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void diag_init(struct diag *d, const char *file)
{
    d->file = file;
    d->count = 0;
    d->found = 0;
}

void diag_error(struct diag *d, struct sd_pos pos, const char *format, ...)
{
    d->found++;
    if (d->count == DIAG_MAX) {
        return;
    }
    struct diag_entry *e = &d->entries[d->count++];
    e->pos = pos;
    va_list args;
    va_start(args, format);
    vsnprintf(e->message, sizeof(e->message), format, args);
    va_end(args);
}

static bool diag_before(const struct diag_entry *a, const struct diag_entry *b)
{
    if (a->pos.line != b->pos.line) {
        return a->pos.line < b->pos.line;
    }
    return a->pos.column < b->pos.column;
}

/* Insertion sort: stable, and there are at most DIAG_MAX entries. */
void diag_sort(struct diag *d)
{
    for (unsigned i = 1; i < d->count; i++) {
        struct diag_entry moving = d->entries[i];
        unsigned j = i;
        while (j > 0 && diag_before(&moving, &d->entries[j - 1])) {
            d->entries[j] = d->entries[j - 1];
            j--;
        }
        d->entries[j] = moving;
    }
}

void diag_print(struct diag *d, FILE *out)
{
    diag_sort(d);
    for (unsigned i = 0; i < d->count; i++) {
        const struct diag_entry *e = &d->entries[i];
        fprintf(out, "%s:%u:%u: error: %s\n", d->file, (unsigned)e->pos.line,
                (unsigned)e->pos.column, e->message);
    }
}
