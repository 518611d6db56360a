/*
 * trap.h: installing the trap vector, and the C halves of trap.S.
 */
#ifndef CAIRN_ARCH_TRAP_H
#define CAIRN_ARCH_TRAP_H

#include <stdint.h>

#include "context.h"

/* Points stvec at trap.S and marks the kernel as running (sscratch = 0). */
void trap_init(void);

/* Every trap from user mode; context is the current thread's. Never returns. */
void trap_from_user(const struct user_context *context, uint64_t scause, uint64_t stval)
    __attribute__((noreturn));

/* A trap taken in the kernel itself: always a bug, so it panics with the details. */
void trap_from_kernel(struct user_context *frame, uint64_t scause, uint64_t stval)
    __attribute__((noreturn));

#endif
