/*
 * config.h: build-wide kernel settings, given by the Makefile.
 *
 * Settings are plain constants used in ordinary `if` statements, so both sides of
 * every setting are compiled and checked in every build (no #if in .c files).
 */
#ifndef CAIRN_KERNEL_CONFIG_H
#define CAIRN_KERNEL_CONFIG_H

/* 1 in debug builds: debug system calls (halt), failure messages, the idle monitor. */
#ifndef CAIRN_DEBUG
#define CAIRN_DEBUG 1
#endif

#endif
