/*
 * check.h: the rules a description must follow (docs/system-description.md lists them).
 *
 * check_system runs them in groups, one file each: names and references
 * (check_names.c), memory and devices (check_memory.c), authority (check_authority.c),
 * rpc cycles (check_cycles.c) and, given an image directory, the images
 * (check_images.c). Every group runs, so one pass reports every broken rule, but a
 * group skips what an earlier one found broken (an unknown component has no priority
 * to compare). check_plan (check_plan.c) then looks at the plan built from a clean
 * description for what only the plan shows.
 */
#ifndef SYSDESC_CHECK_H
#define SYSDESC_CHECK_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "plan.h"

/*
 * Resolves the names in sys (component and device indices) and checks every rule.
 * image_dir: where NAME.elf files are, or NULL to skip the image rules. Returns true
 * when nothing is wrong.
 */
bool check_system(struct sd_system *sys, const char *image_dir, struct diag *diag);

/* Checks what only the plan shows: regions that do not fit, too many capabilities for
 * the untyped holder, generated names that collide. Returns true when the plan is sound. */
bool check_plan(const struct plan *plan, struct diag *diag);

/* The groups, in the order check_system runs them. */
void check_names(struct sd_system *sys, struct diag *diag);
void check_memory(struct sd_system *sys, struct diag *diag);
void check_authority(const struct sd_system *sys, struct diag *diag);
void check_cycles(const struct sd_system *sys, struct diag *diag);
void check_images(const struct sd_system *sys, const char *image_dir, struct diag *diag);

/* A size as people write it: 4K, 2M, or hexadecimal when it is neither. */
const char *check_size_text(uint64_t size, char *buf, unsigned length);

#endif
