/*
 * report.h: the authority report and the authority graph of a checked description.
 */
#ifndef SYSDESC_REPORT_H
#define SYSDESC_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

/* One line per authority a component holds, in description order (report.c).
 * Returns false when out of memory. */
bool report_write(const struct sd_system *sys, FILE *out);

/* The same as a Graphviz digraph (graph.c). */
void graph_write(const struct sd_system *sys, FILE *out);

#endif
