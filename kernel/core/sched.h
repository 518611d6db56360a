/*
 * sched.h: which thread runs next: fixed priorities, round robin within a priority.
 *
 * 256 priorities (255 highest). Each has a FIFO ready queue of the threads that are
 * ready but not running; a bitmap of non-empty queues finds the highest one in a few
 * instructions. As in seL4 ("Benno scheduling"), the running thread is in no queue:
 * a thread that blocks leaves no queue to update, so the IPC fastpath switches threads
 * with a few stores. A thread made runnable joins the back of its queue. On leaving the
 * kernel the running thread keeps the processor unless a higher priority is ready; then
 * it goes back to the front of its queue (it keeps its turn). When its timeslice
 * (TIMESLICE_TICKS timer ticks) runs out, or it yields, it goes to the back. When
 * nothing can run the kernel idles, waking on interrupts.
 */
#ifndef CAIRN_KERNEL_SCHED_H
#define CAIRN_KERNEL_SCHED_H

#include "context.h"
#include "thread.h"
#include "vspace.h"

#define SCHED_PRIORITIES 256
#define TIMESLICE_TICKS 5

/* Puts t at the tail of its priority's queue and marks it runnable. */
void sched_make_runnable(struct tcb *t);

/* Takes t out of the ready queues, and off the processor if it is running. */
void sched_remove(struct tcb *t);

/* Moves a runnable t to the back of its new priority's queue (or just records it). */
void sched_set_priority(struct tcb *t, unsigned priority);

/*
 * For the IPC fastpath: true when `to` (not ready) may run at once in place of the
 * running thread `from` (about to block) without bypassing anyone: no other thread is
 * ready at `to`'s priority or above.
 */
bool sched_can_switch_directly(const struct tcb *from, const struct tcb *to);

/* The running thread (runnable, in no queue), or 0 when it blocked or yielded. */
extern struct tcb *sched_current_thread;

/* Blocks the running `from` in `state` and makes `to` the running thread: with no queue
 * to update (see the top of this file), four stores. */
static inline void sched_switch_directly(struct tcb *from, enum thread_state state,
                                         struct tcb *to)
{
    from->state = state;
    to->state = THREAD_RUNNABLE;
    to->timeslice = TIMESLICE_TICKS;
    sched_current_thread = to;
}

static inline struct tcb *sched_current(void)
{
    return sched_current_thread;
}

/* Called on every timer tick: charges the running thread's timeslice. */
void sched_tick(void);

/* The running thread gives up the rest of its timeslice. */
void sched_yield(void);

/* Leaves the kernel into the highest-priority runnable thread, or idles. Never returns. */
void sched_run(void) __attribute__((noreturn));

/* Leaves the kernel into t, the running thread, in its own address space. Inline: the
 * IPC fastpath leaves through it too. (sched_run keeps t->asid_hint up to date.) */
static inline __attribute__((noreturn, always_inline)) void sched_leave_to(struct tcb *t)
{
    vspace_activate(tcb_vspace_root(t), t->asid_hint);
    context_restore(&t->context);
}

/* Prints every ready queue (the debug dump). */
void sched_dump(void);

/* Checks the ready queues against the threads' states; returns the problems found. */
unsigned sched_check(void (*report)(const struct tcb *t, const char *problem));

#endif
