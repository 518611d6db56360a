/*
 * sched.c: a single run queue, round robin, and the idle loop.
 */
#include "sched.h"

#include "context.h"
#include "monitor.h"
#include "timer.h"
#include "vspace.h"

static struct tcb *queue_head;
static struct tcb *queue_tail;
static struct tcb *current;
static uint64_t active_root;

void sched_make_runnable(struct tcb *t)
{
    t->state = THREAD_RUNNABLE;
    t->next_runnable = 0;
    if (queue_tail != 0) {
        queue_tail->next_runnable = t;
    } else {
        queue_head = t;
    }
    queue_tail = t;
}

void sched_remove(struct tcb *t)
{
    struct tcb **link = &queue_head;
    struct tcb *previous = 0;
    while (*link != 0 && *link != t) {
        previous = *link;
        link = &(*link)->next_runnable;
    }
    if (*link == t) {
        *link = t->next_runnable;
        if (queue_tail == t) {
            queue_tail = previous;
        }
    }
    if (current == t) {
        current = 0;
    }
}

struct tcb *sched_current(void)
{
    return current;
}

void sched_tick(void)
{
    struct tcb *head = queue_head;
    if (head == 0 || head->next_runnable == 0) {
        return;   /* nothing else to run: the current thread keeps the CPU */
    }
    queue_head = head->next_runnable;
    head->next_runnable = 0;
    queue_tail->next_runnable = head;
    queue_tail = head;
}

static void idle(void)
{
    monitor_enter_idle();
    while (queue_head == 0) {
        timer_wait_and_poll();
        monitor_poll();
    }
}

void sched_run(void)
{
    if (queue_head == 0) {
        idle();
    }
    current = queue_head;
    if (current->vspace_root != active_root) {
        vspace_activate(current->vspace_root);
        active_root = current->vspace_root;
    }
    context_restore(&current->context);
}
