/*
 * transfer.h: copying a message from one thread to another.
 */
#ifndef CAIRN_KERNEL_TRANSFER_H
#define CAIRN_KERNEL_TRANSFER_H

#include <stdbool.h>
#include <stdint.h>

#include "thread.h"

/*
 * Delivers sender's message to receiver: the words (registers, then IPC buffers, as far
 * as both threads have buffers), capabilities (only with grant; into the receiver's
 * receive slot) and, for endpoint capabilities to `endpoint` itself, their badges
 * ("unwrapped"). The receiver finds the badge in a0 and the message info in a1.
 */
void transfer_message(struct tcb *sender, struct tcb *receiver, uint64_t badge, bool grant,
                      const void *endpoint);

/* Applies a fault handler's reply to the faulted thread (abi/fault.h: new pc, sp). */
void transfer_fault_reply(struct tcb *replier, struct tcb *faulted);

/* Delivers a signal: badge in a0, an empty message in a1. */
void transfer_signal(struct tcb *receiver, uint64_t badge);

#endif
