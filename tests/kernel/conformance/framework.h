/*
 * framework.h: Cairn's kernel conformance suite, in the spirit of sel4test.
 *
 * Each case has a stable ID, a one-line purpose and a function. The runner gives every
 * case a fresh environment: a 4 MiB untyped region of its own and a range of empty
 * slots in the root CNode. After the case it deletes those slots and revokes the
 * region's parent, so nothing a case made survives into the next, then runs the
 * kernel's self-check: a case passes only if the kernel is still sound afterwards.
 * Checks print both sides when they fail and end the case at once.
 */
#ifndef CAIRN_CONFORMANCE_FRAMEWORK_H
#define CAIRN_CONFORMANCE_FRAMEWORK_H

#include "cairn.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define WORD CAIRN_WORD_BITS   /* depth of a root-CNode slot address */
#define CASE_UNTYPED_BITS 22
#define CASE_BYTES (1ul << CASE_UNTYPED_BITS)

struct env {
    cairn_cptr_t untyped;      /* this case's own untyped region (4 MiB) */
    cairn_cptr_t free_first;   /* the first empty root-CNode slot the case may use */
    unsigned free_count;
    const struct cairn_bootinfo *bootinfo;
};

struct test_case {
    const char *id;
    const char *purpose;
    void (*run)(struct env *env);
};

/* Records a failure (the first one of a case is printed with its place). */
void test_fail(const char *file, int line, const char *what, uint64_t got, uint64_t want);

#define CHECK_EQ(got, want)                                                          \
    do {                                                                             \
        uint64_t got_ = (uint64_t)(got), want_ = (uint64_t)(want);                   \
        if (got_ != want_) {                                                         \
            test_fail(__FILE__, __LINE__, #got " == " #want, got_, want_);           \
            return;                                                                  \
        }                                                                            \
    } while (0)

#define CHECK(cond) CHECK_EQ(!!(cond), 1)

/* Makes one object of type (size_bits for untyped and CNodes) from env's untyped in slot. */
enum cairn_error make_object(const struct env *env, unsigned type, unsigned size_bits,
                             cairn_cptr_t slot);

/* The i-th empty slot of the case. */
static inline cairn_cptr_t slot_of(const struct env *env, unsigned i)
{
    return env->free_first + i;
}

/*
 * Worker threads (threads.c) run in the root task's own address space and CSpace, each
 * on its own stack (0..WORKER_STACKS-1) and, if it needs one, its own IPC buffer: the
 * root task's buffer frame has room for four 1 KiB buffers, the root's own and three
 * more (WORKER_BUFFER(1..3)). Cases lower the root task to LOW (the runner restores
 * it) so workers can be put above, beside or below it.
 */
#define LOW 100
#define WORKER_STACKS 4
#define WORKER_BUFFER(i) (CAIRN_ROOT_IPC_BUFFER_VADDR + (i) * 1024ul)

/* Makes a thread in slot running fn(arg) on stack n with IPC buffer at buffer (0: none). */
enum cairn_error spawn_worker(const struct env *env, cairn_cptr_t slot, void (*fn)(uint64_t),
                              uint64_t arg, unsigned n, unsigned priority, uint64_t buffer,
                              bool start);

static inline enum cairn_error spawn(const struct env *env, cairn_cptr_t slot,
                                     void (*fn)(uint64_t), uint64_t arg, unsigned n,
                                     unsigned priority, bool start)
{
    return spawn_worker(env, slot, fn, arg, n, priority, 0, start);
}

/* Drops the root task to priority LOW. */
void lower_self(void);

#define CASE_LIST(name) extern const struct test_case name[]; extern const unsigned name##_count
CASE_LIST(untyped_cases);
CASE_LIST(cnode_cases);
CASE_LIST(describe_cases);
CASE_LIST(cspace_cases);
CASE_LIST(tcb_cases);
CASE_LIST(vspace_cases);
CASE_LIST(asid_cases);
CASE_LIST(regression_cases);
CASE_LIST(ipc_cases);
CASE_LIST(reply_grant_cases);
CASE_LIST(fault_cases);
CASE_LIST(irq_cases);

#endif
