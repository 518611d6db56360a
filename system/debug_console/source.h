/*
 * source.h: running shell scripts: the `source` command and the script run at boot.
 */
#ifndef CAIRN_SOURCE_H
#define CAIRN_SOURCE_H

#define SOURCE_MAX_DEPTH 4            /* scripts sourcing scripts, the first one included */
#define SOURCE_AUTOSTART "autostart"  /* the script run once at boot */

/* source [-q] SCRIPT: runs the script's lines as commands; alone, lists the scripts. */
void source_command(int argc, char **argv);

/* Runs the autostart script, showing its lines, if the console has one. */
void source_autostart(void);

#endif
