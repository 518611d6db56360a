/*
 * analyse.h: the whole pipeline on one description: parse, check, plan, check the plan.
 * The command line (main.c), the host tests and the fuzzer all go through it.
 */
#ifndef SYSDESC_ANALYSE_H
#define SYSDESC_ANALYSE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "plan.h"

#define ANALYSE_MAX_BYTES (1u << 20)   /* a description larger than 1 MiB is refused */

struct analysis {
    struct sd_system system;
    struct plan plan;              /* built only when the description is clean */
    struct diag diag;
};

/* A zeroed analysis on the heap (it is large), or NULL. Free it with free(). */
struct analysis *analysis_new(void);

/*
 * Analyses src (size bytes) read from file (the name used in messages). image_dir:
 * where the images are, or NULL to skip their rules. Stops after the first stage that
 * finds an error: syntax, then the rules, then the plan's rules. Returns true when
 * the description is clean and a->plan is sound.
 */
bool analyse(struct analysis *a, const char *file, const char *src, size_t size,
             const char *image_dir);

#endif
