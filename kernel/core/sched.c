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

/* The highest priority with a ready thread; -1 when there is none. */
static inline int highest_ready(void)
{
    for (int w = BITMAP_WORDS - 1; w >= 0; w--) {
        if (nonempty[w] != 0) {
            return w * 64 + (int)highest_bit(nonempty[w]);
        }
    }
    return -1;
}

/* Joins the back of its priority's queue: a thread made ready waits its turn. */
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

/* Joins the front: a preempted thread keeps its turn. */
static void push_front(struct tcb *t)
{
    struct ready_queue *q = &queues[t->priority];
    t->prev_runnable = 0;
    t->next_runnable = q->head;
    if (q->head != 0) {
        q->head->prev_runnable = t;
    } else {
        q->tail = t;
    }
    q->head = t;
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
    /* `from` is running, so nobody ready is above it: a `to` above `from` is above
     * everyone (the common case of a reply to a higher-priority client). */
    if (to->priority > from->priority) {
        return true;
    }
    /* Otherwise nobody may be ready at `to`'s priority or above (`from` is not queued). */
    unsigned w = to->priority / 64;
    uint64_t at_or_above = nonempty[w] & ~((1ull << (to->priority % 64)) - 1);
    for (unsigned above = w + 1; above < BITMAP_WORDS; above++) {
        at_or_above |= nonempty[above];
    }
    return at_or_above == 0;
}

void sched_make_runnable(struct tcb *t)
{
    t->state = THREAD_RUNNABLE;
    if (!t->in_ready_queue && t != sched_current_thread) {
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

/* The running thread becomes an ordinary ready thread at the back of its queue. */
static void requeue_current_at_back(void)
{
    struct tcb *t = sched_current_thread;
    sched_current_thread = 0;
    t->timeslice = TIMESLICE_TICKS;
    enqueue(t);
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
    } else if (t == sched_current_thread) {
        requeue_current_at_back();   /* as any thread whose priority changes */
    }
}

void sched_yield(void)
{
    if (sched_current_thread != 0) {
        requeue_current_at_back();
    }
}

void sched_tick(void)
{
    if (sched_current_thread != 0 && --sched_current_thread->timeslice == 0) {
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

/* The thread to run: the running one unless someone is ready above it (then it goes
 * back to the head of its queue, keeping its turn), else the head of the top queue. */
static struct tcb *choose(void)
{
    struct tcb *running = sched_current_thread;
    int top = highest_ready();
    if (running != 0) {
        if (top <= (int)running->priority) {
            return running;
        }
        push_front(running);
    } else if (top < 0) {
        idle();
        top = highest_ready();
    }
    struct tcb *next = queues[top].head;
    dequeue(next);
    return next;
}

void sched_run(void)
{
    struct tcb *t = choose();
    sched_current_thread = t;
    t->asid_hint = (uint16_t)vspace_hardware_asid(tcb_vspace_root(t), t->asid_hint);
    sched_leave_to(t);
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
            if (t->state != THREAD_RUNNABLE || t->priority != p || !t->in_ready_queue ||
                t == sched_current_thread) {
                report(t, "a queued thread is running, or not runnable at this priority");
                problems++;
                break;
            }
        }
    }
    for (struct tcb *t = thread_first(); t != 0; t = t->next_thread) {
        bool ready = t->in_ready_queue || t == sched_current_thread;
        if ((t->state == THREAD_RUNNABLE) != ready) {
            report(t, "runnable but neither running nor queued, or the other way round");
            problems++;
        }
    }
    return problems;
}

void sched_dump(void)
{
    if (sched_current_thread != 0) {
        kprintf("  running: '%s'#%u, priority %u\n", sched_current_thread->name,
                sched_current_thread->id, sched_current_thread->priority);
    }
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
