/*
 * fault.h: what happens when a user thread does something it must not.
 *
 * A fault becomes a message to the thread's fault endpoint (abi/fault.h); a thread
 * without one is reported on the console and stopped. The kernel and every other
 * thread carry on either way.
 */
#ifndef CAIRN_KERNEL_FAULT_H
#define CAIRN_KERNEL_FAULT_H

#include <stdint.h>

#include "thread.h"

/* Reports and stops t, which took exception scause with stval. */
void fault_user_exception(struct tcb *t, uint64_t scause, uint64_t stval);

/* Reports and stops t, which made a system call the kernel does not know. */
void fault_unknown_syscall(struct tcb *t, uint64_t number);

/* Reports and stops t, whose system call named a capability it cannot use so. */
void fault_capability(struct tcb *t, uint64_t cptr, const char *why);

/* Prints why a stopped thread stopped, without a newline. */
void fault_describe(const struct thread_stop *stop);

#endif
