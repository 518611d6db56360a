/*
 * shell.h: the debug console's commands.
 */
#ifndef CAIRN_SHELL_H
#define CAIRN_SHELL_H

#include <stdbool.h>

#define SHELL_PROMPT "CAIRN> "
#define SHELL_MAX_ARGS 16

/* Runs one command line (too_long: input was cut, so the line is refused whole). */
void shell_run(const char *line, bool too_long);

#endif
