/*
 * parse.h: reading a description into the model.
 */
#ifndef SYSDESC_PARSE_H
#define SYSDESC_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

/*
 * Parses src (size bytes, not NUL-terminated) into sys, which it clears first.
 * Syntax errors go to diag; a statement with an error is left out of sys. Returns
 * true when the description parsed without any error.
 */
bool parse_description(const char *src, size_t size, struct sd_system *sys, struct diag *diag);

#endif
