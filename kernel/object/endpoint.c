/*
 * endpoint.c: synchronous IPC: send, receive, call and reply, and cancelling a wait.
 *
 * A Call gives the receiver a reply capability in its `caller` slot, as a child of the
 * caller's `reply_master` slot: deleting the caller revokes it, so a reply can never
 * reach a destroyed thread. A cancelled wait (suspend, or the object destroyed) rewinds
 * the thread's pc onto its ecall, so when it runs again it repeats the call and meets
 * whatever has changed (typically a capability that no longer resolves).
 */
#include "endpoint.h"

#include "delete.h"
#include "sched.h"
#include "transfer.h"

/* Waiter queues (endpoints and notifications): by priority, FIFO within a priority. */
static void queue_insert(struct tcb **head, struct tcb **tail, struct tcb *t)
{
    struct tcb *after = *tail;
    while (after != 0 && after->priority < t->priority) {
        after = after->ipc_prev;
    }
    t->ipc_prev = after;
    t->ipc_next = after != 0 ? after->ipc_next : *head;
    if (t->ipc_next != 0) {
        t->ipc_next->ipc_prev = t;
    } else {
        *tail = t;
    }
    if (after != 0) {
        after->ipc_next = t;
    } else {
        *head = t;
    }
}

static void queue_remove(struct tcb **head, struct tcb **tail, struct tcb *t)
{
    if (t->ipc_prev != 0) {
        t->ipc_prev->ipc_next = t->ipc_next;
    } else {
        *head = t->ipc_next;
    }
    if (t->ipc_next != 0) {
        t->ipc_next->ipc_prev = t->ipc_prev;
    } else {
        *tail = t->ipc_prev;
    }
    t->ipc_next = t->ipc_prev = 0;
    t->blocked_on = 0;
}

static void block(struct tcb *t, enum thread_state state, void *object)
{
    sched_remove(t);
    t->state = state;
    t->blocked_on = object;
}

/*
 * The caller now waits for a reply; the receiver holds the capability to give it. As in
 * seL4, the reply may carry capabilities only if the capability the *receiver* received
 * through has the grant right (receiver->ipc_reply_rights): passing capabilities back is the
 * server's authority, whatever rights the caller's capability has.
 */
static void give_reply_cap(struct tcb *caller, struct tcb *receiver)
{
    cap_delete(&receiver->caller);   /* an unanswered older reply capability goes */
    struct cap reply = {
        .type = CAP_REPLY, .object = (uint64_t)(uintptr_t)caller,
        .rights = receiver->ipc_reply_rights,
    };
    cdt_insert(&caller->reply_master, &receiver->caller, reply);
    block(caller, THREAD_BLOCKED_REPLY, 0);
}

/* After a transfer: a caller waits for its reply, any other sender carries on. */
static void finish_send(struct tcb *sender, struct tcb *receiver, bool call, bool grant_reply)
{
    if (!call) {
        sched_make_runnable(sender);
    } else if (grant_reply) {
        give_reply_cap(sender, receiver);
    } else {
        block(sender, THREAD_INACTIVE, 0);   /* seL4: a call without grant gets no reply */
    }
}

void endpoint_send(struct endpoint *ep, struct tcb *sender, struct send_rights rights,
                   bool blocking, bool call)
{
    struct tcb *receiver = ep->head;
    if (receiver != 0 && receiver->state == THREAD_BLOCKED_RECEIVE) {
        queue_remove(&ep->head, &ep->tail, receiver);
        transfer_message(sender, receiver, rights.badge, rights.grant, ep);
        finish_send(sender, receiver, call, rights.grant || rights.grant_reply);
        sched_make_runnable(receiver);
        return;
    }
    if (!blocking) {
        return;   /* nobody waiting: a non-blocking send is dropped */
    }
    sender->ipc_badge = rights.badge;
    sender->ipc_call = call;
    sender->ipc_grant = rights.grant;
    sender->ipc_grant_reply = rights.grant || rights.grant_reply;
    block(sender, THREAD_BLOCKED_SEND, ep);
    queue_insert(&ep->head, &ep->tail, sender);
}

void endpoint_receive(struct endpoint *ep, struct tcb *receiver, bool blocking, bool grant)
{
    receiver->ipc_reply_rights = grant ? CAIRN_RIGHT_GRANT : 0;   /* see give_reply_cap */
    struct notification *bound = receiver->bound;
    if (bound != 0 && bound->active) {
        transfer_signal(receiver, bound->word);
        bound->word = 0;
        bound->active = false;
        return;
    }
    struct tcb *sender = ep->head;
    if (sender != 0 && sender->state == THREAD_BLOCKED_SEND) {
        queue_remove(&ep->head, &ep->tail, sender);
        transfer_message(sender, receiver, sender->ipc_badge, sender->ipc_grant, ep);
        finish_send(sender, receiver, sender->ipc_call, sender->ipc_grant_reply);
        return;
    }
    if (!blocking) {
        transfer_signal(receiver, 0);   /* polled, nothing there: badge 0, empty message */
        return;
    }
    block(receiver, THREAD_BLOCKED_RECEIVE, ep);
    queue_insert(&ep->head, &ep->tail, receiver);
}

void endpoint_queue_receiver(struct endpoint *ep, struct tcb *t)
{
    t->blocked_on = ep;
    queue_insert(&ep->head, &ep->tail, t);
}

void endpoint_reply(struct tcb *replier, struct cte *slot)
{
    if (slot->cap.type != CAP_REPLY || slot->cap.data != 0) {
        return;   /* nothing to answer: a reply with no caller is dropped, as in seL4 */
    }
    struct tcb *caller = (struct tcb *)(uintptr_t)slot->cap.object;
    bool grant = (slot->cap.rights & CAIRN_RIGHT_GRANT) != 0;
    cdt_remove(slot);
    if (caller->state != THREAD_BLOCKED_REPLY) {
        return;
    }
    if (caller->fault_label != 0) {
        transfer_fault_reply(replier, caller);
    } else {
        transfer_message(replier, caller, 0, grant, 0);
    }
    sched_make_runnable(caller);
}

/*
 * Rewinds t onto its ecall so that, runnable again, it makes the call again. A thread
 * whose blocked message was a fault is already at the faulting instruction: it keeps
 * its pc and, run again, faults again (and its handler hears of it anew).
 */
static void restart(struct tcb *t)
{
    if (t->fault_label != 0) {
        t->fault_label = 0;
    } else {
        t->context.pc -= 4;
    }
    t->state = THREAD_INACTIVE;
}

void ipc_cancel(struct tcb *t)
{
    if (t->state == THREAD_BLOCKED_SEND || t->state == THREAD_BLOCKED_RECEIVE) {
        struct endpoint *ep = t->blocked_on;
        queue_remove(&ep->head, &ep->tail, t);
        restart(t);
    } else if (t->state == THREAD_BLOCKED_NOTIFICATION) {
        struct notification *n = t->blocked_on;
        queue_remove(&n->head, &n->tail, t);
        restart(t);
    } else if (t->state == THREAD_BLOCKED_REPLY) {
        cap_revoke(&t->reply_master);   /* the reply capability must not outlive the wait */
        t->fault_label = 0;             /* an unanswered fault: run again, it faults again */
        t->state = THREAD_INACTIVE;
    }
}

void endpoint_destroy(struct endpoint *ep)
{
    while (ep->head != 0) {
        struct tcb *t = ep->head;
        ipc_cancel(t);
        sched_make_runnable(t);
    }
}

void endpoint_cancel_badged(struct endpoint *ep, uint64_t badge)
{
    struct tcb *t = ep->head;
    while (t != 0) {
        struct tcb *next = t->ipc_next;
        if (t->state == THREAD_BLOCKED_SEND && t->ipc_badge == badge) {
            ipc_cancel(t);
            sched_make_runnable(t);
        }
        t = next;
    }
}

void notification_signal(struct notification *n, uint64_t badge)
{
    struct tcb *waiter = n->head;
    if (waiter != 0) {
        queue_remove(&n->head, &n->tail, waiter);
        transfer_signal(waiter, n->word | badge);
        n->word = 0;
        n->active = false;
        sched_make_runnable(waiter);
        return;
    }
    struct tcb *bound = n->bound;
    if (bound != 0 && bound->state == THREAD_BLOCKED_RECEIVE) {
        struct endpoint *ep = bound->blocked_on;
        queue_remove(&ep->head, &ep->tail, bound);
        transfer_signal(bound, n->word | badge);
        n->word = 0;
        n->active = false;
        sched_make_runnable(bound);
        return;
    }
    n->word |= badge;
    n->active = true;
}

void notification_wait(struct notification *n, struct tcb *t, bool blocking)
{
    if (n->active || !blocking) {
        transfer_signal(t, n->word);
        n->word = 0;
        n->active = false;
        return;
    }
    block(t, THREAD_BLOCKED_NOTIFICATION, n);
    queue_insert(&n->head, &n->tail, t);
}

void notification_destroy(struct notification *n)
{
    while (n->head != 0) {
        struct tcb *t = n->head;
        ipc_cancel(t);
        sched_make_runnable(t);
    }
    if (n->bound != 0) {
        n->bound->bound = 0;
        n->bound = 0;
    }
}

static bool queued_in(const struct tcb *head, const struct tcb *t)
{
    for (unsigned steps = 0; head != 0 && steps < 1u << 20; head = head->ipc_next, steps++) {
        if (head == t) {
            return true;
        }
    }
    return false;
}

/* The problem with t's waiting state, or 0. */
static const char *wait_problem(const struct tcb *t)
{
    const void *on = t->blocked_on;
    if (t->state == THREAD_BLOCKED_SEND || t->state == THREAD_BLOCKED_RECEIVE) {
        return on != 0 && queued_in(((const struct endpoint *)on)->head, t) ? 0
               : "waits on an endpoint whose queue lacks it";
    }
    if (t->state == THREAD_BLOCKED_NOTIFICATION) {
        return on != 0 && queued_in(((const struct notification *)on)->head, t) ? 0
               : "waits on a notification whose queue lacks it";
    }
    return on == 0 ? 0 : "not waiting, yet marked as waiting on an object";
}

static const char *slot_problem(const struct tcb *t)
{
    if (t->bound != 0 && t->bound->bound != t) {
        return "bound to a notification that is not bound to it";
    }
    if (!cap_is_null(&t->ctable.cap) && t->ctable.cap.type != CAP_CNODE) {
        return "CSpace slot holds no CNode";
    }
    if (!cap_is_null(&t->vtable.cap) && t->vtable.cap.type != CAP_PAGE_TABLE) {
        return "VSpace slot holds no page table";
    }
    if (!cap_is_null(&t->caller.cap) && t->caller.cap.type != CAP_REPLY) {
        return "caller slot holds no reply capability";
    }
    return 0;
}

unsigned ipc_check(void (*report)(const struct tcb *t, const char *problem))
{
    unsigned problems = 0;
    for (const struct tcb *t = thread_first(); t != 0; t = t->next_thread) {
        const char *problem = wait_problem(t);
        if (problem == 0) {
            problem = slot_problem(t);
        }
        if (problem != 0) {
            report(t, problem);
            problems++;
        }
    }
    return problems;
}

void notification_bind(struct notification *n, struct tcb *t)
{
    n->bound = t;
    t->bound = n;
}

void notification_unbind(struct tcb *t)
{
    if (t->bound != 0) {
        t->bound->bound = 0;
        t->bound = 0;
    }
}
