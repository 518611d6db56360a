/*
 * trap.h: installing the trap vector, and the C halves of trap.S.
 * (trap.S also enters fastpath_call and fastpath_reply_recv directly.)
 */
#ifndef CAIRN_ARCH_TRAP_H
#define CAIRN_ARCH_TRAP_H

#include "context.h"

/* What trap.S needs to send Call and ReplyRecv to the fastpath (trap.c checks them
 * against cause.h and abi/syscall.h). */
#define TRAP_CAUSE_USER_ECALL 8
#define TRAP_SYS_CALL 1
#define TRAP_SYS_REPLY_RECV 2

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Points stvec at trap.S and marks the kernel as running (sscratch = 0). */
void trap_init(void);

/* Every trap from user mode; context is the current thread's. Never returns. */
void trap_from_user(const struct user_context *context, uint64_t scause, uint64_t stval)
    __attribute__((noreturn));

/* A trap taken in the kernel itself: always a bug, so it panics with the details. */
void trap_from_kernel(struct user_context *frame, uint64_t scause, uint64_t stval)
    __attribute__((noreturn));

#endif
#endif
