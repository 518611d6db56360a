/*
 * syscall.h: the system-call entry point, called for every ecall from user mode.
 */
#ifndef CAIRN_KERNEL_SYSCALL_H
#define CAIRN_KERNEL_SYSCALL_H

#include "thread.h"

/*
 * Performs the call in t's a7 with arguments a0..a5, puts the result in a0 and moves
 * t past its ecall. An unknown number stops t as a fault instead.
 */
void syscall_handle(struct tcb *t);

#endif
