/*
 * emit.h: writing the boot plan and the components' headers into a directory.
 */
#ifndef SYSDESC_EMIT_H
#define SYSDESC_EMIT_H

#include "plan.h"

/*
 * Writes OUT_DIR/bootplan.bin and OUT_DIR/NAME_caps.h for every component of a sound
 * plan. The encoded plan is read back with bootplan_open first: the tool never writes
 * a plan the root server would refuse. Returns 0, or 2 after printing why to stderr.
 */
int emit_files(const struct plan *plan, const char *source, const char *out_dir);

#endif
