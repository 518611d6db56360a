/*
 * fastpath.c: Call and ReplyRecv without the general machinery, when it is simple.
 *
 * Like seL4's fastpath: when a message fits in registers, carries no capabilities, and
 * the thread at the other end can run at once without passing anyone by (nobody else
 * ready at its priority or above), the kernel copies four words, hands over the reply
 * capability and switches straight to the other thread. Every other case - a waiting
 * sender, a fault reply, a bound notification with signals pending, a lower-priority
 * partner - takes the general path, whose behaviour this must match exactly.
 */
#include "fastpath.h"

#include "cspace.h"
#include "endpoint.h"
#include "sched.h"

/* Message info that the fastpath can carry: up to 4 words and no capabilities. */
static bool simple_message(uint64_t info)
{
    return cairn_msg_extra_caps(info) == 0 && cairn_msg_length(info) <= CAIRN_MSG_REGISTERS;
}

static const struct cap *endpoint_cap(struct tcb *t, unsigned right)
{
    struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, t->context.regs[REG_A0]);
    if (r.failure != LOOKUP_OK || r.slot->cap.type != CAP_ENDPOINT ||
        !(r.slot->cap.rights & right)) {
        return 0;
    }
    return &r.slot->cap;
}

static void copy_registers(const struct tcb *from, struct tcb *to, uint64_t badge, uint64_t info)
{
    for (unsigned i = 0; i < CAIRN_MSG_REGISTERS; i++) {
        to->context.regs[REG_A2 + i] = from->context.regs[REG_A2 + i];
    }
    to->context.regs[REG_A0] = badge;
    to->context.regs[REG_A1] = cairn_msg_info(cairn_msg_label(info), 0, 0,
                                              cairn_msg_length(info));
}

bool fastpath_call(struct tcb *t)
{
    uint64_t info = t->context.regs[REG_A1];
    const struct cap *c = simple_message(info) ? endpoint_cap(t, CAIRN_RIGHT_WRITE) : 0;
    if (c == 0 || !(c->rights & (CAIRN_RIGHT_GRANT | CAIRN_RIGHT_GRANT_REPLY))) {
        return false;
    }
    struct endpoint *ep = (struct endpoint *)(uintptr_t)c->object;
    struct tcb *receiver = ep->head;
    if (receiver == 0 || receiver->state != THREAD_BLOCKED_RECEIVE ||
        !cap_is_null(&receiver->caller.cap) || !sched_can_switch_directly(t, receiver)) {
        return false;
    }
    endpoint_take_receiver(ep);
    t->context.pc += 4;
    copy_registers(t, receiver, c->data, info);
    struct cap reply = {
        .type = CAP_REPLY, .object = (uint64_t)(uintptr_t)t,
        .rights = c->rights & CAIRN_RIGHT_GRANT,
    };
    t->ipc_grant = (c->rights & CAIRN_RIGHT_GRANT) != 0;
    cdt_insert(&t->reply_master, &receiver->caller, reply);
    sched_switch_directly(t, THREAD_BLOCKED_REPLY, receiver);
    return true;
}

bool fastpath_reply_recv(struct tcb *t)
{
    uint64_t info = t->context.regs[REG_A1];
    const struct cap *reply = &t->caller.cap;
    if (!simple_message(info) || reply->type != CAP_REPLY || reply->data != 0) {
        return false;
    }
    struct tcb *caller = (struct tcb *)(uintptr_t)reply->object;
    const struct cap *c = endpoint_cap(t, CAIRN_RIGHT_READ);
    if (c == 0 || caller->state != THREAD_BLOCKED_REPLY || caller->fault_label != 0) {
        return false;
    }
    struct endpoint *ep = (struct endpoint *)(uintptr_t)c->object;
    bool sender_waiting = ep->head != 0 && ep->head->state == THREAD_BLOCKED_SEND;
    bool signal_pending = t->bound != 0 && t->bound->active;
    if (sender_waiting || signal_pending || !sched_can_switch_directly(t, caller)) {
        return false;
    }
    t->context.pc += 4;
    cdt_remove(&t->caller);
    copy_registers(t, caller, 0, info);
    sched_switch_directly(t, THREAD_BLOCKED_RECEIVE, caller);
    endpoint_queue_receiver(ep, t);
    return true;
}
