/*
 * fault.c: turning a user trap into a one-line report and a stopped thread.
 *
 * The report names the thread, the cause in words, the address involved and the pc,
 * e.g. "fault: thread 'roottask' #1: store page fault at address 0x... (pc 0x...)".
 */
#include "fault.h"

#include "abi/fault.h"
#include "cause.h"
#include "config.h"
#include "console.h"
#include "cspace.h"
#include "endpoint.h"

void fault_describe(const struct thread_stop *stop)
{
    if (stop->capability) {
        kprintf("capability fault on cptr 0x%lx in syscall %lu at pc 0x%lx", stop->stval,
                stop->syscall, stop->pc);
    } else if (stop->scause == CAUSE_USER_ECALL) {
        kprintf("unknown syscall %lu at pc 0x%lx", stop->syscall, stop->pc);
    } else if (stop->scause == CAUSE_ILLEGAL_INSTRUCTION) {
        kprintf("illegal instruction 0x%lx at pc 0x%lx", stop->stval, stop->pc);
    } else if (cause_has_address(stop->scause)) {
        kprintf("%s at address 0x%lx (pc 0x%lx)", cause_name(stop->scause), stop->stval,
                stop->pc);
    } else {
        kprintf("%s (scause %lu) at pc 0x%lx, stval 0x%lx", cause_name(stop->scause),
                stop->scause, stop->pc, stop->stval);
    }
}

/*
 * Sends the fault to t's fault endpoint as a call from t. Returns false when t has no
 * usable fault endpoint (then the caller reports and stops it).
 */
static bool deliver(struct tcb *t, const struct thread_stop *stop, unsigned label,
                    uint64_t w1, uint64_t w2, uint64_t w3)
{
    if (t->fault_endpoint == 0) {
        return false;
    }
    struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, t->fault_endpoint);
    if (r.failure != LOOKUP_OK || r.slot->cap.type != CAP_ENDPOINT ||
        !(r.slot->cap.rights & CAIRN_RIGHT_WRITE)) {
        return false;
    }
    if (CAIRN_DEBUG) {
        kprintf("fault: thread '%s' #%u: ", t->name, t->id);
        fault_describe(stop);
        kprintf("; sent to its fault handler\n");
    }
    t->stop = *stop;
    t->fault_label = label;
    t->fault_words[0] = stop->pc;
    t->fault_words[1] = w1;
    t->fault_words[2] = w2;
    t->fault_words[3] = w3;
    struct send_rights rights = {.badge = r.slot->cap.data, .grant_reply = true};
    endpoint_send((struct endpoint *)(uintptr_t)r.slot->cap.object, t, rights, true, true);
    return true;
}

static void report_and_stop(struct tcb *t, const struct thread_stop *stop)
{
    kprintf("fault: thread '%s' #%u: ", t->name, t->id);
    fault_describe(stop);
    kprintf("; thread stopped\n");
    thread_stop(t, stop);
}

void fault_user_exception(struct tcb *t, uint64_t scause, uint64_t stval)
{
    struct thread_stop stop = {.scause = scause, .stval = stval, .pc = t->context.pc};
    bool sent = cause_has_address(scause)
        ? deliver(t, &stop, CAIRN_FAULT_VM, stval, scause, 0)
        : deliver(t, &stop, CAIRN_FAULT_USER_EXCEPTION, t->context.regs[REG_SP], scause, stval);
    if (!sent) {
        report_and_stop(t, &stop);
    }
}

void fault_capability(struct tcb *t, uint64_t cptr, const char *why)
{
    struct thread_stop stop = {
        .scause = CAUSE_USER_ECALL, .stval = cptr, .pc = t->context.pc,
        .syscall = t->context.regs[REG_A7], .capability = true,
    };
    if (deliver(t, &stop, CAIRN_FAULT_CAPABILITY, cptr, stop.syscall, 0)) {
        return;
    }
    kprintf("fault: thread '%s' #%u: ", t->name, t->id);
    fault_describe(&stop);
    kprintf(" (%s); thread stopped\n", why);
    thread_stop(t, &stop);
}

void fault_unknown_syscall(struct tcb *t, uint64_t number)
{
    struct thread_stop stop = {
        .scause = CAUSE_USER_ECALL, .pc = t->context.pc, .syscall = number,
    };
    if (!deliver(t, &stop, CAIRN_FAULT_UNKNOWN_SYSCALL, t->context.regs[REG_SP], number, 0)) {
        report_and_stop(t, &stop);
    }
}
