/*
 * cairn.h: user-level system call stubs and console output for Cairn programs.
 *
 * Each stub puts its arguments in a0.. and the number in a7, executes ecall and
 * returns the kernel's enum cairn_error from a0. Numbers and codes come from the ABI
 * headers in include/abi/, the single place they are written.
 */
#ifndef CAIRN_USER_H
#define CAIRN_USER_H

#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "abi/error.h"
#include "abi/syscall.h"

/* instret read by crt0 at the program's first instruction (for `make bench`). */
extern uint64_t cairn_start_instret;

/* A raw system call with up to two arguments; returns a0. */
long cairn_syscall2(long number, long arg0, long arg1);

/* Writes one byte to the kernel console. */
enum cairn_error cairn_debug_put_char(int c);

/* Writes length bytes at s to the kernel console (at most CAIRN_DEBUG_STRING_MAX). */
enum cairn_error cairn_debug_put_string(const char *s, size_t length);

/* Stops the machine with status 0..255 (debug builds); returns only on failure. */
enum cairn_error cairn_debug_halt(unsigned status);

/* printf to the kernel console, in chunks of at most CAIRN_DEBUG_STRING_MAX bytes. */
void cairn_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
