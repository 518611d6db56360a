/*
 * sched.c: ready queues per priority with a bitmap, round robin, and the idle loop.
 */
#include "sched.h"

#include "console.h"
#include "context.h"
#include "monitor.h"
#include "timer.h"
#include "vspace.h"

#define BITMAP_WORDS (SCHED_PRIORITIES / 64)

struct ready_queue {
    struct tcb *head;
    struct tcb *tail;
};

static struct ready_queue queues[SCHED_PRIORITIES];
static uint64_t nonempty[BITMAP_WORDS];   /* bit p set: queues[p] has a thread */
struct tcb *sched_current_thread;
static struct tcb *chosen;   /* set by sched_switch_directly: known to be the one to run */

static inline void mark(unsigned priority, bool set)
{
    uint64_t bit = 1ull << (priority % 64);
    if (set) {
        nonempty[priority / 64] |= bit;
    } else {
        nonempty[priority / 64] &= ~bit;
    }
}

/* The index of the highest set bit of v (v != 0): a binary search, six steps, no
 * library call (without the Zbb extension GCC would call libgcc's __clzdi2). */
static inline unsigned highest_bit(uint64_t v)
{
    unsigned n = 0;
    if (v >> 32) { v >>= 32; n += 32; }   /* one step per line: the search reads as a column */
    if (v >> 16) { v >>= 16; n += 16; }
    if (v >> 8) { v >>= 8; n += 8; }
    if (v >> 4) { v >>= 4; n += 4; }
    if (v >> 2) { v >>= 2; n += 2; }
    return n + (unsigned)(v >> 1);
}

/* The highest priority with a ready thread, ignoring priority `skip` (pass
 * SCHED_PRIORITIES to ignore none); -1 when there is none. */
static inline int highest_ready_except(unsigned skip)
{
    for (int w = BITMAP_WORDS - 1; w >= 0; w--) {
        uint64_t word = nonempty[w];
        if (skip / 64 == (unsigned)w) {
            word &= ~(1ull << (skip % 64));
        }
        if (word != 0) {
            return w * 64 + (int)highest_bit(word);
        }
    }
    return -1;
}

static inline int highest_ready(void)
{
    return highest_ready_except(SCHED_PRIORITIES);
}

static void enqueue(struct tcb *t)
{
    struct ready_queue *q = &queues[t->priority];
    t->next_runnable = 0;
    t->prev_runnable = q->tail;
    if (q->tail != 0) {
        q->tail->next_runnable = t;
    } else {
        q->head = t;
    }
    q->tail = t;
    t->in_ready_queue = true;
    mark(t->priority, true);
}

static void dequeue(struct tcb *t)
{
    struct ready_queue *q = &queues[t->priority];
    if (t->prev_runnable != 0) {
        t->prev_runnable->next_runnable = t->next_runnable;
    } else {
        q->head = t->next_runnable;
    }
    if (t->next_runnable != 0) {
        t->next_runnable->prev_runnable = t->prev_runnable;
    } else {
        q->tail = t->prev_runnable;
    }
    t->next_runnable = t->prev_runnable = 0;
    t->in_ready_queue = false;
    if (q->head == 0) {
        mark(t->priority, false);
    }
}

bool sched_can_switch_directly(const struct tcb *from, const struct tcb *to)
{
    /* `from` is running, so no ready thread is above it: a `to` above `from` is above
     * everyone (the common case of a reply to a higher-priority client). */
    if (to->priority > from->priority) {
        return true;
    }
    /* Otherwise: the highest priority anyone but `from` (about to block) is ready at. */
    const struct ready_queue *own = &queues[from->priority];
    bool from_alone = own->head == from && own->tail == from;
    int top = highest_ready_except(from_alone ? from->priority : SCHED_PRIORITIES);
    return top < (int)to->priority;
}

void sched_switch_directly(struct tcb *from, enum thread_state state, struct tcb *to)
{
    dequeue(from);
    from->state = state;
    struct ready_queue *q = &queues[to->priority];
    to->state = THREAD_RUNNABLE;
    to->timeslice = TIMESLICE_TICKS;
    to->prev_runnable = 0;
    to->next_runnable = q->head;
    if (q->head != 0) {
        q->head->prev_runnable = to;
    } else {
        q->tail = to;
    }
    q->head = to;
    to->in_ready_queue = true;
    mark(to->priority, true);
    chosen = to;
    if (sched_current_thread == from) {
        sched_current_thread = 0;
    }
}

void sched_make_runnable(struct tcb *t)
{
    t->state = THREAD_RUNNABLE;
    if (!t->in_ready_queue) {
        t->timeslice = TIMESLICE_TICKS;
        enqueue(t);
    }
}

void sched_remove(struct tcb *t)
{
    if (t->in_ready_queue) {
        dequeue(t);
    }
    if (sched_current_thread == t) {
        sched_current_thread = 0;
    }
}

void sched_set_priority(struct tcb *t, unsigned priority)
{
    bool queued = t->in_ready_queue;
    if (queued) {
        dequeue(t);
    }
    t->priority = (uint8_t)priority;
    if (queued) {
        enqueue(t);
    }
}

void sched_yield(void)
{
    if (sched_current_thread != 0 && sched_current_thread->in_ready_queue) {
        dequeue(sched_current_thread);
        sched_current_thread->timeslice = TIMESLICE_TICKS;
        enqueue(sched_current_thread);
    }
}

void sched_tick(void)
{
    if (sched_current_thread != 0 && sched_current_thread->in_ready_queue && --sched_current_thread->timeslice == 0) {
        sched_yield();
    }
}

static void idle(void)
{
    monitor_enter_idle();
    for (;;) {
        timer_wait_and_poll();
        if (highest_ready() >= 0) {
            return;   /* an interrupt woke a thread: run it before looking at keys */
        }
        monitor_poll();
    }
}

void sched_run(void)
{
    if (chosen != 0 && chosen->in_ready_queue) {
        sched_current_thread = chosen;   /* the fastpath already knows: no search */
    } else {
        int top = highest_ready();
        if (top < 0) {
            idle();
            top = highest_ready();
        }
        sched_current_thread = queues[top].head;
    }
    chosen = 0;
    vspace_activate(tcb_vspace_root(sched_current_thread));
    context_restore(&sched_current_thread->context);
}

unsigned sched_check(void (*report)(const struct tcb *t, const char *problem))
{
    unsigned problems = 0;
    for (unsigned p = 0; p < SCHED_PRIORITIES; p++) {
        bool marked = (nonempty[p / 64] >> (p % 64)) & 1;
        if (marked != (queues[p].head != 0)) {
            report(queues[p].head, "ready bitmap disagrees with its queue");
            problems++;
        }
        for (struct tcb *t = queues[p].head; t != 0; t = t->next_runnable) {
            if (t->state != THREAD_RUNNABLE || t->priority != p || !t->in_ready_queue) {
                report(t, "a queued thread is not runnable at this priority");
                problems++;
                break;
            }
        }
    }
    for (struct tcb *t = thread_first(); t != 0; t = t->next_thread) {
        if ((t->state == THREAD_RUNNABLE) != t->in_ready_queue) {
            report(t, "runnable but not queued, or queued but not runnable");
            problems++;
        }
    }
    return problems;
}

void sched_dump(void)
{
    for (int p = SCHED_PRIORITIES - 1; p >= 0; p--) {
        if (queues[p].head == 0) {
            continue;
        }
        kprintf("  priority %d:", p);
        for (struct tcb *t = queues[p].head; t != 0; t = t->next_runnable) {
            kprintf(" '%s'#%u", t->name, t->id);
        }
        kprintf("\n");
    }
}
