/*
 * caps_header.h: the C header generated for each component, NAME_caps.h, naming the
 * CSpace slot of every capability it holds, the badges it receives, its threads, and
 * the address and size of every region mapped for it, so its code never holds a raw
 * slot number or address.
 */
#ifndef SYSDESC_CAPS_HEADER_H
#define SYSDESC_CAPS_HEADER_H

#include <stdbool.h>
#include <stdio.h>

#include "plan.h"

/* Writes component c's header to out; source names the description in its comment.
 * Returns false when out of memory. */
bool caps_header_write(const struct plan *plan, unsigned c, const char *source, FILE *out);

/* The inspection tables of an inspecting component (caps_inspect.c). */
void caps_inspect_write(const struct plan *plan, unsigned inspector, FILE *out);

#endif
