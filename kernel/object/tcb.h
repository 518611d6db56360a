/*
 * tcb.h: invocations on thread control blocks.
 */
#ifndef CAIRN_KERNEL_TCB_H
#define CAIRN_KERNEL_TCB_H

#include "invocation.h"

/* Decodes and performs one TCB invocation on the TCB capability in slot. */
enum cairn_error decode_tcb(struct cte *slot, struct message *m, struct syscall_error *e);

#endif
