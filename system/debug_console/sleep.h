/*
 * sleep.h: the shell's `sleep` command (sleep.c).
 */
#ifndef CAIRN_SLEEP_H
#define CAIRN_SLEEP_H

/* sleep DURATION: waits that long, or until ^C. */
void sleep_command(int argc, char **argv);

#endif
