/*
 * trap.c: decide what a trap is and send it to the right handler.
 *
 * From user mode: a timer interrupt ticks the scheduler, an ecall is a system call,
 * and any other exception is a fault of that thread. Then the scheduler picks who
 * runs next. The kernel itself runs with interrupts masked, so any trap taken in the
 * kernel is a bug and panics with the cause, pc and stval.
 */
#include "trap.h"

#include "cause.h"
#include "csr.h"
#include "fault.h"
#include "irq.h"
#include "panic.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"

#include "abi/syscall.h"

_Static_assert(TRAP_CAUSE_USER_ECALL == CAUSE_USER_ECALL, "trap.S's ecall cause");
_Static_assert(TRAP_SYS_CALL == CAIRN_SYS_CALL, "trap.S's Call number");
_Static_assert(TRAP_SYS_REPLY_RECV == CAIRN_SYS_REPLY_RECV, "trap.S's ReplyRecv number");

extern char trap_entry[];

void trap_init(void)
{
    csr_write(sscratch, 0);
    csr_write(stvec, (uint64_t)trap_entry);
}

static void handle_interrupt(uint64_t scause)
{
    if ((scause & ~SCAUSE_INTERRUPT) == INTERRUPT_SUPERVISOR_TIMER) {
        timer_handle_interrupt();
        sched_tick();
        return;
    }
    if ((scause & ~SCAUSE_INTERRUPT) == INTERRUPT_SUPERVISOR_EXTERNAL) {
        irq_handle();
        return;
    }
    panic("unexpected %s (scause 0x%lx)", cause_name(scause), scause);
}

void trap_from_user(const struct user_context *context, uint64_t scause, uint64_t stval)
{
    struct tcb *t = sched_current();
    kassert(t != 0 && &t->context == context);
    if (scause & SCAUSE_INTERRUPT) {
        handle_interrupt(scause);
    } else if (scause == CAUSE_USER_ECALL) {
        syscall_handle(t);
    } else {
        fault_user_exception(t, scause, stval);
    }
    sched_run();
}

void trap_from_kernel(struct user_context *frame, uint64_t scause, uint64_t stval)
{
    panic("trap in kernel: %s (scause 0x%lx) at pc 0x%lx, stval 0x%lx, ra 0x%lx",
          cause_name(scause), scause, frame->pc, stval, frame->regs[REG_RA]);
}
