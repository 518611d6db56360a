/*
 * fastpath.h: short cuts for the two system calls a client/server round trip is made of.
 */
#ifndef CAIRN_KERNEL_FASTPATH_H
#define CAIRN_KERNEL_FASTPATH_H

#include <stdbool.h>

#include "thread.h"

/* Call on an endpoint with a receiver waiting. False: not handled (use the slow path). */
bool fastpath_call(struct tcb *t);

/* ReplyRecv answering a plain call, then waiting. False: not handled. */
bool fastpath_reply_recv(struct tcb *t);

#endif
