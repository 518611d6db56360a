/*
 * endpoint.h: endpoints (synchronous message passing) and notifications (signals).
 *
 * An endpoint holds one queue of threads: all senders or all receivers, ordered by
 * priority (highest first; first come first served within a priority). A notification
 * holds a word of pending signal bits, a queue of waiters, and optionally the thread
 * it is bound to, whose receive on any endpoint a signal also ends.
 */
#ifndef CAIRN_KERNEL_ENDPOINT_H
#define CAIRN_KERNEL_ENDPOINT_H

#include <stdbool.h>

#include "abi/object.h"
#include "thread.h"

struct endpoint {
    struct tcb *head;
    struct tcb *tail;
};

struct notification {
    uint64_t word;      /* badges signalled since the last wait */
    bool active;        /* signalled since the last wait (even if every badge was 0) */
    struct tcb *head;
    struct tcb *tail;
    struct tcb *bound;
};

_Static_assert(sizeof(struct endpoint) <= (1u << CAIRN_ENDPOINT_BITS), "endpoint size");
_Static_assert(sizeof(struct notification) <= (1u << CAIRN_NOTIFICATION_BITS), "notification size");

/* How a sender's capability lets it send. */
struct send_rights {
    uint64_t badge;
    bool grant;         /* may pass capabilities */
    bool grant_reply;   /* may be given a reply capability */
};

/* Sends sender's message (its a1..a5 and IPC buffer) to ep; see the file comment. */
void endpoint_send(struct endpoint *ep, struct tcb *sender, struct send_rights rights,
                   bool blocking, bool call);

/* Receives on ep (or from the receiver's bound notification); blocking or polling.
 * grant: the receiver's capability has the grant right, so the reply capability a call
 * gives it may carry capabilities back (seL4's rule). */
void endpoint_receive(struct endpoint *ep, struct tcb *receiver, bool blocking, bool grant);

/* Answers the thread whose reply capability is in slot, which is then emptied. */
void endpoint_reply(struct tcb *replier, struct cte *slot);

/* Adds badge to the notification: wakes a waiter or the bound thread, or records it. */
void notification_signal(struct notification *n, uint64_t badge);

/* Waits for (or, not blocking, polls) the notification's word. */
void notification_wait(struct notification *n, struct tcb *t, bool blocking);

/* Queues t (already off the CPU, its ipc_reply_rights set) as a receiver on ep, in priority
 * order. */
void endpoint_queue_receiver(struct endpoint *ep, struct tcb *t);

/* For the fastpath (inline, as it runs on every call): takes `first`, the thread at the
 * head of ep's queue, off it. */
static inline void endpoint_take_first(struct endpoint *ep, struct tcb *first)
{
    struct tcb *next = first->ipc_next;
    ep->head = next;
    if (next != 0) {
        next->ipc_prev = 0;
    } else {
        ep->tail = 0;
    }
    first->ipc_next = 0;   /* ipc_prev is already 0 at the head */
    first->blocked_on = 0;
}

/* For the fastpath: queues t as a receiver on ep. The common case - nobody queued above
 * t's priority, so t goes last - is inline; the priority walk is in endpoint.c. */
static inline void endpoint_queue_receiver_fast(struct endpoint *ep, struct tcb *t)
{
    struct tcb *last = ep->tail;
    if (last != 0 && last->priority < t->priority) {
        endpoint_queue_receiver(ep, t);
        return;
    }
    t->blocked_on = ep;
    t->ipc_prev = last;
    t->ipc_next = 0;
    if (last != 0) {
        last->ipc_next = t;
    } else {
        ep->head = t;
    }
    ep->tail = t;
}

/* Takes a blocked thread out of whatever it waits on (before suspend or destroy). */
void ipc_cancel(struct tcb *t);

/* Every sender blocked on ep with this badge restarts its call (CNode CancelBadgedSends). */
void endpoint_cancel_badged(struct endpoint *ep, uint64_t badge);

/* An endpoint or notification is being destroyed: every waiter restarts its call. */
void endpoint_destroy(struct endpoint *ep);
void notification_destroy(struct notification *n);

/*
 * Self-check of IPC state: every waiting thread is in the queue of the object it waits
 * on and nowhere else waits; bindings go both ways; a TCB's own slots hold capabilities
 * of the right types. Returns the problems found, reporting each.
 */
unsigned ipc_check(void (*report)(const struct tcb *t, const char *problem));

/* Binds n to t (both unbound), or undoes it. */
void notification_bind(struct notification *n, struct tcb *t);
void notification_unbind(struct tcb *t);

#endif
