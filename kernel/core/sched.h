/*
 * sched.h: which thread runs next.
 *
 * Round robin over runnable threads, switched on the timer tick. When nothing can
 * run the kernel idles with interrupts masked, waking on pending interrupts.
 */
#ifndef CAIRN_KERNEL_SCHED_H
#define CAIRN_KERNEL_SCHED_H

#include "thread.h"

/* Puts t at the tail of the run queue. */
void sched_make_runnable(struct tcb *t);

/* Takes t out of the run queue (it need not be in it). */
void sched_remove(struct tcb *t);

/* The thread that was running when the kernel was entered, or 0 when idle. */
struct tcb *sched_current(void);

/* Called on every timer tick: the current thread goes to the back of the queue. */
void sched_tick(void);

/* Leaves the kernel into the next runnable thread, or idles. Never returns. */
void sched_run(void) __attribute__((noreturn));

#endif
