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

#include "abi/message.h"
#include "abi/object.h"
#include "cdt.h"
#include "context.h"
#include "memory.h"

#define THREAD_NAME_LEN 24

enum thread_state {
    THREAD_INACTIVE,              /* made by retype, or suspended: not scheduled */
    THREAD_RUNNABLE,              /* in the run queue or running */
    THREAD_STOPPED,               /* stopped by a fault */
    THREAD_BLOCKED_SEND,          /* queued on an endpoint with a message */
    THREAD_BLOCKED_RECEIVE,       /* queued on an endpoint for a message */
    THREAD_BLOCKED_REPLY,         /* called; waits for the reply */
    THREAD_BLOCKED_NOTIFICATION,  /* waits on a notification */
};

/* Why a thread stopped: the trap cause and what the hardware reported with it. */
struct thread_stop {
    uint64_t scause;
    uint64_t stval;
    uint64_t pc;
    uint64_t syscall;  /* the number, for unknown syscalls and capability faults */
    bool capability;   /* a capability fault: stval holds the cptr */
};

/*
 * A TCB is a 1 KiB kernel object. Like seL4's, it holds capabilities of its own: copies of
 * the thread's CSpace root, VSpace root and IPC buffer frame, so those objects live at
 * least as long as the thread uses them.
 */
struct notification;

struct tcb {
    struct user_context context;   /* must stay first: trap.S writes it via sscratch */
    struct cte ctable;             /* the CSpace root (a CNode capability) */
    struct cte vtable;             /* the VSpace root (a page-table capability) */
    struct cte ipc_buffer_frame;   /* the frame holding the IPC buffer */
    struct cte reply_master;       /* parent of every reply capability to this thread */
    struct cte caller;             /* the reply capability this thread must answer */
    void *blocked_on;              /* the endpoint or notification it waits on */
    struct tcb *ipc_next;          /* that object's queue */
    struct tcb *ipc_prev;
    uint64_t ipc_badge;            /* blocked sender: the badge of its capability */
    bool ipc_call;                 /* blocked sender: it called (wants a reply) */
    bool ipc_grant;                /* blocked sender: its capability may grant */
    bool ipc_grant_reply;          /* blocked sender: it may be given a reply capability */
    uint8_t ipc_reply_rights;      /* receiving: a reply capability it is given gets these
                                      (CAIRN_RIGHT_GRANT if its capability has it, else 0) */
    unsigned fault_label;          /* a fault message (abi/fault.h) is pending, or 0 */
    uint64_t fault_words[4];       /* its words */
    struct notification *bound;    /* the notification bound to this thread, or 0 */
    uint64_t ipc_buffer_offset;    /* where in that frame the buffer starts */
    enum thread_state state;
    bool alive;                    /* false once the TCB object is destroyed */
    uint64_t fault_endpoint;       /* cptr (in its own CSpace) faults are sent to; 0 = none */
    unsigned id;
    char name[THREAD_NAME_LEN];
    struct thread_stop stop;
    uint8_t priority;              /* 0..255, 255 highest */
    uint8_t max_priority;          /* the highest priority this thread may give (MCP) */
    bool in_ready_queue;
    uint16_t asid_hint;            /* the ASID its VSpace had last time it ran (checked) */
    unsigned timeslice;            /* ticks left before round robin moves it back */
    struct tcb *prev_runnable;
    struct tcb *next_runnable;
    struct tcb *next_thread;       /* every thread, for the debug dump */
    struct tcb *prev_thread;
};

/* The TCB's own slots, which a delete empties as an array. */
#define TCB_CTE_COUNT 5
_Static_assert(__builtin_offsetof(struct tcb, vtable) ==
               __builtin_offsetof(struct tcb, ctable) + sizeof(struct cte), "slots adjacent");
_Static_assert(__builtin_offsetof(struct tcb, ipc_buffer_frame) ==
               __builtin_offsetof(struct tcb, ctable) + 2 * sizeof(struct cte), "slots adjacent");
_Static_assert(__builtin_offsetof(struct tcb, reply_master) ==
               __builtin_offsetof(struct tcb, ctable) + 3 * sizeof(struct cte), "slots adjacent");
_Static_assert(__builtin_offsetof(struct tcb, caller) ==
               __builtin_offsetof(struct tcb, ctable) + 4 * sizeof(struct cte), "slots adjacent");
_Static_assert(__builtin_offsetof(struct tcb, context) == 0, "context first");
_Static_assert(sizeof(struct tcb) <= (1u << CAIRN_TCB_BITS), "a TCB fits its object size");

/*
 * The thread's IPC buffer, through the kernel window, or 0 when it has none. Computed
 * from the TCB's own frame slot on every use: when that capability is deleted (say the
 * frame is revoked), the buffer is gone at once and no stale pointer can remain.
 */
static inline struct cairn_ipc_buffer *tcb_ipc_buffer(const struct tcb *t)
{
    if (t->ipc_buffer_frame.cap.type != CAP_FRAME) {
        return 0;
    }
    return (struct cairn_ipc_buffer *)(uintptr_t)(t->ipc_buffer_frame.cap.object +
                                                  t->ipc_buffer_offset);
}

/*
 * The physical address of the thread's VSpace root, or 0 (the kernel's own table) when
 * it has none. Derived from the TCB's own slot, like the IPC buffer, so it can never
 * name a table whose capability is gone.
 */
static inline uint64_t tcb_vspace_root(const struct tcb *t)
{
    if (t->vtable.cap.type != CAP_PAGE_TABLE) {
        return 0;
    }
    return t->vtable.cap.object - KERNEL_WINDOW_BASE;   /* the kernel window's inverse */
}

/* True while t waits in a system call (for a message, a reply or a signal). */
static inline bool thread_is_blocked(const struct tcb *t)
{
    return t->state == THREAD_BLOCKED_SEND || t->state == THREAD_BLOCKED_RECEIVE ||
           t->state == THREAD_BLOCKED_REPLY || t->state == THREAD_BLOCKED_NOTIFICATION;
}

/* Makes the zeroed memory at t an inactive thread (what retype does). */
void thread_create(struct tcb *t);

/* Sets the name shown in fault reports and dumps (truncated to fit). */
void thread_set_name(struct tcb *t, const char *name);

/* Sets where t starts: pc, stack pointer and a0. */
void thread_set_entry(struct tcb *t, uint64_t pc, uint64_t sp, uint64_t arg);

/* Makes an inactive or stopped thread runnable. */
void thread_resume(struct tcb *t);

/* Takes t off the CPU and out of the run queue, leaving it inactive. */
void thread_suspend(struct tcb *t);

/* Forgets t entirely (its TCB object is being destroyed). */
void thread_destroy(struct tcb *t);

/* Stops t for good and records why; the scheduler will not run it again. */
void thread_stop(struct tcb *t, const struct thread_stop *why);

/* The list of every thread, for debug output. */
struct tcb *thread_first(void);

#endif
