/*
 * capscan.h: the shell's `capscan [COMPONENT]` command (capscan.c).
 */
#ifndef CAIRN_CAPSCAN_H
#define CAIRN_CAPSCAN_H

/* capscan: a line per component, its capabilities against the description.
 * capscan NAME: every capability NAME holds, slot by slot, then that line. */
void capscan_command(int argc, char **argv);

#endif
