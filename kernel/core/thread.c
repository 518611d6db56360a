/*
 * thread.c: creating and stopping threads.
 */
#include "thread.h"

#include "csr.h"
#include "sched.h"

static struct tcb *all_threads;
static unsigned next_id = 1;

void thread_init(struct tcb *t, const char *name, uint64_t vspace_root, uint64_t pc,
                 uint64_t sp, uint64_t arg)
{
    unsigned i = 0;
    for (; name[i] != '\0' && i + 1 < THREAD_NAME_LEN; i++) {
        t->name[i] = name[i];
    }
    t->name[i] = '\0';
    t->id = next_id++;
    t->vspace_root = vspace_root;
    t->context.pc = pc;
    t->context.regs[REG_SP] = sp;
    t->context.regs[REG_A0] = arg;
    /* sret enters U-mode (SPP = 0) with interrupts on (SPIE = 1); FPU off (FS = 0). */
    t->context.sstatus = SSTATUS_SPIE;
    t->next_thread = all_threads;
    all_threads = t;
    sched_make_runnable(t);
}

void thread_stop(struct tcb *t, const struct thread_stop *why)
{
    t->stop = *why;
    t->state = THREAD_STOPPED;
    sched_remove(t);
}

struct tcb *thread_first(void)
{
    return all_threads;
}
