/*
 * fastpath.c: Call and ReplyRecv without the general machinery, when it is simple.
 *
 * Like seL4's fastpath: trap.S sends these two system calls straight here. When the
 * message fits in registers, carries no capabilities, and the thread at the other end
 * can run at once without passing anyone by (nobody else ready at its priority or
 * above), the kernel copies four words, hands over the reply capability, makes the other
 * thread the running one and leaves into it. Every other case - a waiting sender, a
 * fault reply, a bound notification with signals pending, a lower-priority partner, a
 * capability that does not resolve - goes to the general path, which does exactly what
 * it would have done without the fastpath (the conformance suite runs both).
 */
#include "fastpath.h"

#include "cspace.h"
#include "endpoint.h"
#include "sched.h"
#include "syscall.h"

/* Message info that the fastpath can carry: up to 4 words and no capabilities. */
static inline bool simple_message(uint64_t info)
{
    return cairn_msg_extra_caps(info) == 0 && cairn_msg_length(info) <= CAIRN_MSG_REGISTERS;
}

/* The endpoint capability at the thread's a0, if it has all of `rights`; else 0. */
static inline __attribute__((always_inline)) const struct cap *endpoint_cap(const struct tcb *t, unsigned rights)
{
    const struct cte *slot = cspace_lookup_cap_fast(&t->ctable.cap, t->context.regs[REG_A0]);
    if (slot == 0 || slot->cap.type != CAP_ENDPOINT || (slot->cap.rights & rights) != rights) {
        return 0;
    }
    return &slot->cap;
}

/* The message's words (only those it has: the rest of the sender's registers are none
 * of the receiver's business), the badge and the info. */
static inline void copy_registers(const struct tcb *from, struct tcb *to, uint64_t badge,
                                  uint64_t info)
{
    for (unsigned i = 0; i < cairn_msg_length(info); i++) {
        to->context.regs[REG_A2 + i] = from->context.regs[REG_A2 + i];
    }
    to->context.regs[REG_A0] = badge;
    to->context.regs[REG_A1] = cairn_msg_info(cairn_msg_label(info), 0, 0,
                                              cairn_msg_length(info));
}

/* Not a simple case: the general path handles the system call, then schedules. */
static __attribute__((noreturn, noinline)) void slow_path(struct tcb *t)
{
    syscall_handle(t);
    sched_run();
}

void fastpath_call(struct tcb *t)
{
    uint64_t info = t->context.regs[REG_A1];
    const struct cap *c = simple_message(info) ? endpoint_cap(t, CAIRN_RIGHT_WRITE) : 0;
    if (c == 0 || !(c->rights & (CAIRN_RIGHT_GRANT | CAIRN_RIGHT_GRANT_REPLY))) {
        slow_path(t);
    }
    struct endpoint *ep = (struct endpoint *)(uintptr_t)c->object;
    struct tcb *receiver = ep->head;
    if (receiver == 0 || receiver->state != THREAD_BLOCKED_RECEIVE ||
        !cap_is_null(&receiver->caller.cap) || !sched_can_switch_directly(t, receiver)) {
        slow_path(t);
    }
    endpoint_take_first(ep, receiver);
    t->context.pc += 4;
    copy_registers(t, receiver, c->data, info);
    struct cap reply = {
        .type = CAP_REPLY, .object = (uint64_t)(uintptr_t)t,
        .rights = receiver->ipc_reply_rights,   /* the server's say, not the caller's */
    };
    cdt_insert(&t->reply_master, &receiver->caller, reply);
    sched_switch_directly(t, THREAD_BLOCKED_REPLY, receiver);
    sched_leave_to(receiver);
}

void fastpath_reply_recv(struct tcb *t)
{
    uint64_t info = t->context.regs[REG_A1];
    const struct cap *reply = &t->caller.cap;
    if (!simple_message(info) || reply->type != CAP_REPLY || reply->data != 0) {
        slow_path(t);
    }
    struct tcb *caller = (struct tcb *)(uintptr_t)reply->object;
    const struct cap *c = endpoint_cap(t, CAIRN_RIGHT_READ);
    if (c == 0 || caller->state != THREAD_BLOCKED_REPLY || caller->fault_label != 0) {
        slow_path(t);
    }
    /* What the next caller's reply capability may carry (seL4: the receiver's grant).
     * Set here, while the rights are at hand: the slow path sets it again if taken. */
    t->ipc_reply_rights = c->rights & CAIRN_RIGHT_GRANT;
    struct endpoint *ep = (struct endpoint *)(uintptr_t)c->object;
    bool sender_waiting = ep->head != 0 && ep->head->state == THREAD_BLOCKED_SEND;
    bool signal_pending = t->bound != 0 && t->bound->active;
    if (sender_waiting || signal_pending || !sched_can_switch_directly(t, caller)) {
        slow_path(t);
    }
    t->context.pc += 4;
    cdt_remove(&t->caller);
    copy_registers(t, caller, 0, info);
    sched_switch_directly(t, THREAD_BLOCKED_RECEIVE, caller);
    endpoint_queue_receiver_fast(ep, t);
    sched_leave_to(caller);
}
