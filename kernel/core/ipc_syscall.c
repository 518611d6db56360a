/*
 * ipc_syscall.c: decode the capability system calls.
 *
 * The thread's pc moves past its ecall before anything else happens, so that a thread
 * that blocks resumes after it. A capability fault moves it back: the report then
 * names the ecall itself.
 */
#include "ipc_syscall.h"

#include "cspace.h"
#include "endpoint.h"
#include "fault.h"
#include "invocation.h"

static struct cte *lookup(struct tcb *t)
{
    struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, t->context.regs[REG_A0]);
    return r.failure == LOOKUP_OK && !cap_is_null(&r.slot->cap) ? r.slot : 0;
}

static void capability_fault(struct tcb *t, const char *why)
{
    t->context.pc -= 4;
    fault_capability(t, t->context.regs[REG_A0], why);
}

static struct send_rights rights_of(const struct cap *c)
{
    return (struct send_rights){
        .badge = c->data,
        .grant = (c->rights & CAIRN_RIGHT_GRANT) != 0,
        .grant_reply = (c->rights & CAIRN_RIGHT_GRANT_REPLY) != 0,
    };
}

void ipc_syscall_send(struct tcb *t, bool blocking, bool call)
{
    t->context.pc += 4;
    struct cte *slot = lookup(t);
    unsigned type = slot != 0 ? slot->cap.type : CAP_NULL;
    if ((type == CAP_ENDPOINT || type == CAP_NOTIFICATION) &&
        !(slot->cap.rights & CAIRN_RIGHT_WRITE)) {
        capability_fault(t, "send without the write right");
    } else if (type == CAP_ENDPOINT) {
        endpoint_send((struct endpoint *)(uintptr_t)slot->cap.object, t, rights_of(&slot->cap),
                      blocking, call);
    } else if (type == CAP_NOTIFICATION) {
        notification_signal((struct notification *)(uintptr_t)slot->cap.object, slot->cap.data);
    } else if (type == CAP_REPLY) {
        endpoint_reply(t, slot);
    } else {
        invocation_handle(t, call);
    }
}

void ipc_syscall_receive(struct tcb *t, bool blocking)
{
    t->context.pc += 4;
    struct cte *slot = lookup(t);
    unsigned type = slot != 0 ? slot->cap.type : CAP_NULL;
    if (type != CAP_ENDPOINT && type != CAP_NOTIFICATION) {
        capability_fault(t, "receive on something that is not an endpoint or notification");
    } else if (!(slot->cap.rights & CAIRN_RIGHT_READ)) {
        capability_fault(t, "receive without the read right");
    } else if (type == CAP_ENDPOINT) {
        endpoint_receive((struct endpoint *)(uintptr_t)slot->cap.object, t, blocking,
                         (slot->cap.rights & CAIRN_RIGHT_GRANT) != 0);
    } else {
        struct notification *n = (struct notification *)(uintptr_t)slot->cap.object;
        if (n->bound != 0 && n->bound != t) {
            capability_fault(t, "wait on a notification bound to another thread");
            return;
        }
        notification_wait(n, t, blocking);
    }
}

void ipc_syscall_reply(struct tcb *t)
{
    t->context.pc += 4;
    endpoint_reply(t, &t->caller);
}
