/*
 * fault.c: turning a user trap into a one-line report and a stopped thread.
 *
 * The report names the thread, the cause in words, the address involved and the pc,
 * e.g. "fault: thread 'roottask' #1: store page fault at address 0x... (pc 0x...)".
 */
#include "fault.h"

#include "cause.h"
#include "console.h"

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
    report_and_stop(t, &stop);
}

void fault_capability(struct tcb *t, uint64_t cptr, const char *why)
{
    struct thread_stop stop = {
        .scause = CAUSE_USER_ECALL, .stval = cptr, .pc = t->context.pc,
        .syscall = t->context.regs[REG_A7], .capability = true,
    };
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
    report_and_stop(t, &stop);
}
