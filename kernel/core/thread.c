/*
 * thread.c: thread life cycle: create (from retype), name, start, suspend, destroy.
 */
#include "thread.h"

#include "csr.h"
#include "endpoint.h"
#include "sched.h"

static struct tcb *all_threads;
static unsigned next_id = 1;

void thread_create(struct tcb *t)
{
    struct cap master = {.type = CAP_REPLY, .object = (uint64_t)(uintptr_t)t, .data = 1};
    cdt_insert(&cdt_root, &t->reply_master, master);
    t->id = next_id++;
    t->state = THREAD_INACTIVE;
    t->alive = true;
    thread_set_name(t, "unnamed");
    /* sret enters U-mode (SPP = 0) with interrupts on (SPIE = 1); FPU off (FS = 0). */
    t->context.sstatus = SSTATUS_SPIE;
    t->next_thread = all_threads;
    if (all_threads != 0) {
        all_threads->prev_thread = t;
    }
    all_threads = t;
}

void thread_set_name(struct tcb *t, const char *name)
{
    unsigned i = 0;
    for (; name[i] != '\0' && i + 1 < THREAD_NAME_LEN; i++) {
        t->name[i] = name[i];
    }
    t->name[i] = '\0';
}

void thread_set_entry(struct tcb *t, uint64_t pc, uint64_t sp, uint64_t arg)
{
    t->context.pc = pc;
    t->context.regs[REG_SP] = sp;
    t->context.regs[REG_A0] = arg;
}

void thread_resume(struct tcb *t)
{
    /* Only a thread that is not running and not waiting for IPC can be resumed. */
    if (t->state == THREAD_INACTIVE || t->state == THREAD_STOPPED) {
        sched_make_runnable(t);
    }
}

void thread_suspend(struct tcb *t)
{
    ipc_cancel(t);
    sched_remove(t);
    t->state = THREAD_INACTIVE;
}

void thread_stop(struct tcb *t, const struct thread_stop *why)
{
    t->stop = *why;
    sched_remove(t);
    t->state = THREAD_STOPPED;
}

void thread_destroy(struct tcb *t)
{
    ipc_cancel(t);
    notification_unbind(t);
    sched_remove(t);
    t->state = THREAD_INACTIVE;
    t->alive = false;
    if (t->prev_thread != 0) {
        t->prev_thread->next_thread = t->next_thread;
    } else {
        all_threads = t->next_thread;
    }
    if (t->next_thread != 0) {
        t->next_thread->prev_thread = t->prev_thread;
    }
    t->next_thread = t->prev_thread = 0;
}

struct tcb *thread_first(void)
{
    return all_threads;
}
