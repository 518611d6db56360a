/*
 * fastpath.h: short cuts for the two system calls a client/server round trip is made of.
 * Each handles its call completely: fast when it can, else by the general path.
 */
#ifndef CAIRN_KERNEL_FASTPATH_H
#define CAIRN_KERNEL_FASTPATH_H

#include <stdbool.h>

#include "thread.h"

/* The Call system call of the running thread t (from trap.S). Never returns. */
void fastpath_call(struct tcb *t) __attribute__((noreturn));

/* The ReplyRecv system call of the running thread t (from trap.S). Never returns. */
void fastpath_reply_recv(struct tcb *t) __attribute__((noreturn));

#endif
