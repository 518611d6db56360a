/*
 * analyse.c: the stages of the analysis, in order (see analyse.h).
 *
 * A syntax error stops the analysis before the rules: a statement with an error is left
 * out of the model, and rules run on a model with holes would report things that are
 * not wrong (a component whose thread line had a typo "has no thread").
 */
#include "analyse.h"

#include <stdlib.h>

#include "check.h"
#include "parse.h"

struct analysis *analysis_new(void)
{
    return calloc(1, sizeof(struct analysis));
}

bool analyse(struct analysis *a, const char *file, const char *src, size_t size,
             const char *image_dir)
{
    diag_init(&a->diag, file);
    if (size > ANALYSE_MAX_BYTES) {
        diag_error(&a->diag, (struct sd_pos){1, 1}, "the description is larger than %u KiB",
                   ANALYSE_MAX_BYTES >> 10);
        return false;
    }
    if (!parse_description(src, size, &a->system, &a->diag) ||
        !check_system(&a->system, image_dir, &a->diag)) {
        return false;
    }
    plan_build(&a->system, &a->plan);
    return check_plan(&a->plan, &a->diag);
}
