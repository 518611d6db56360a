/*
 * thread.h: the kernel's thread control block and thread states.
 *
 * For now the kernel makes exactly one thread itself, the root task's. The TCB holds
 * the saved user registers first (trap.S fills them through sscratch), the thread's
 * address space, its state, and why it stopped, so a fault can be shown later too.
 */
#ifndef CAIRN_KERNEL_THREAD_H
#define CAIRN_KERNEL_THREAD_H

#include <stdint.h>

#include "context.h"

#define THREAD_NAME_LEN 24

enum thread_state {
    THREAD_RUNNABLE,  /* in the run queue or running */
    THREAD_STOPPED,   /* stopped by a fault; never runs again */
};

/* Why a thread stopped: the trap cause and what the hardware reported with it. */
struct thread_stop {
    uint64_t scause;
    uint64_t stval;
    uint64_t pc;
    uint64_t syscall;  /* the number, when the cause was an unknown syscall */
};

struct tcb {
    struct user_context context;   /* must stay first: trap.S writes it via sscratch */
    enum thread_state state;
    unsigned id;
    char name[THREAD_NAME_LEN];
    uint64_t vspace_root;          /* physical address of the root page table */
    struct thread_stop stop;
    struct tcb *next_runnable;
    struct tcb *next_thread;       /* every thread, for the debug dump */
};

_Static_assert(__builtin_offsetof(struct tcb, context) == 0, "context first");

/*
 * Initialises the TCB at t (zeroed memory) to run at pc with stack sp in the given
 * address space, with a0 = arg, and makes it runnable.
 */
void thread_init(struct tcb *t, const char *name, uint64_t vspace_root, uint64_t pc,
                 uint64_t sp, uint64_t arg);

/* Stops t for good and records why; the scheduler will not run it again. */
void thread_stop(struct tcb *t, const struct thread_stop *why);

/* The list of every thread, for debug output. */
struct tcb *thread_first(void);

#endif
