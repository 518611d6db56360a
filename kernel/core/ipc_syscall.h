/*
 * ipc_syscall.h: the capability system calls: send, call, receive, reply and their
 * variants, dispatched on the type of the capability named in a0.
 */
#ifndef CAIRN_KERNEL_IPC_SYSCALL_H
#define CAIRN_KERNEL_IPC_SYSCALL_H

#include <stdbool.h>

#include "thread.h"

/* Send, NBSend and Call: to an endpoint, notification or reply capability, or an
 * invocation of any other object. */
void ipc_syscall_send(struct tcb *t, bool blocking, bool call);

/* Recv and NBRecv on an endpoint or notification. */
void ipc_syscall_receive(struct tcb *t, bool blocking);

/* Reply to t's caller (if any). */
void ipc_syscall_reply(struct tcb *t);

#endif
