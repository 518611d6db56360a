/*
 * tcb.c: conformance cases for threads: creation and start, preemption by priority,
 * round robin on the timer tick, priorities bounded by the maximum controlled priority,
 * registers, suspend and resume, faults of a second thread, and destruction.
 *
 * Worker threads (threads.c) report through shared variables.
 */
#include "framework.h"

static volatile uint64_t counter[4];
static volatile uint64_t flag;

/* Records that it ran (arg = its own TCB slot), then suspends itself. */
static void set_flag(uint64_t own_slot)
{
    flag = own_slot;
    cairn_tcb_suspend(own_slot);
}

static void count_forever(uint64_t index)
{
    for (;;) {
        counter[index]++;
    }
}

static void jump_to_nowhere(uint64_t unused)
{
    (void)unused;
    ((void (*)(void))0x7ff000000ul)();
}

/* Spins until counter[i] moves (the timer must hand the CPU around); false on timeout. */
static bool wait_for_progress(unsigned i)
{
    uint64_t before = counter[i];
    for (unsigned spin = 0; spin < 50000000u; spin++) {
        /* cppcheck-suppress knownConditionTrueFalse ; counter is volatile: other threads write it */
        if (counter[i] != before) {
            return true;
        }
    }
    return false;
}

static void higher_priority_runs_at_once(struct env *env)
{
    lower_self();
    flag = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), set_flag, slot_of(env, 0), 0, LOW + 50, true), CAIRN_OK);
    CHECK_EQ(flag, slot_of(env, 0));   /* it ran before the resume call returned */
}

static void lower_priority_waits(struct env *env)
{
    lower_self();
    flag = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), set_flag, slot_of(env, 0), 0, LOW - 50, true), CAIRN_OK);
    for (volatile unsigned i = 0; i < 100000; i++) {
    }
    CHECK_EQ(flag, 0);   /* never ran: we are higher and never blocked */
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 0), CAIRN_CAP_INIT_TCB, LOW + 1), CAIRN_OK);
    CHECK_EQ(flag, slot_of(env, 0));   /* raised above us: it ran at once */
}

static void round_robin_on_timer(struct env *env)
{
    lower_self();
    counter[0] = counter[1] = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), count_forever, 0, 0, LOW, true), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 1), count_forever, 1, 1, LOW, true), CAIRN_OK);
    /* Nobody yields: only timer preemption can give each of them the CPU. */
    CHECK(wait_for_progress(0));
    CHECK(wait_for_progress(1));
}

static void yield_passes_the_cpu(struct env *env)
{
    lower_self();
    counter[0] = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), count_forever, 0, 0, LOW, true), CAIRN_OK);
    uint64_t before = counter[0];
    cairn_yield();
    CHECK(counter[0] != before);
}

static void suspend_and_resume(struct env *env)
{
    lower_self();
    counter[0] = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), count_forever, 0, 0, LOW, true), CAIRN_OK);
    CHECK(wait_for_progress(0));
    CHECK_EQ(cairn_tcb_suspend(slot_of(env, 0)), CAIRN_OK);
    uint64_t stopped_at = counter[0];
    cairn_yield();
    for (volatile unsigned i = 0; i < 200000; i++) {
    }
    CHECK_EQ(counter[0], stopped_at);
    CHECK_EQ(cairn_tcb_resume(slot_of(env, 0)), CAIRN_OK);
    CHECK(wait_for_progress(0));
}

static void priority_bounded_by_mcp(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_mc_priority(slot_of(env, 1), CAIRN_CAP_INIT_TCB, 80), CAIRN_OK);
    /* Thread 1 (MCP 80) as authority can give up to 80, not 81. */
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 0), slot_of(env, 1), 80), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 0), slot_of(env, 1), 81), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[1], 80);
    CHECK_EQ(cairn_tcb_set_mc_priority(slot_of(env, 0), slot_of(env, 1), 81), CAIRN_E_RANGE);
    /* A new TCB has MCP 0: it can authorise priority 0 only. */
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 1), slot_of(env, 0), 1), CAIRN_E_RANGE);
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 1), slot_of(env, 0), 0), CAIRN_OK);
    /* The authority must be a TCB. */
    CHECK_EQ(cairn_tcb_set_priority(slot_of(env, 0), ROOT, 1), CAIRN_E_INVALID_ARGUMENT);
}

static void registers_round_trip(struct env *env)
{
    uint64_t out[32], in[32];
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    for (unsigned i = 0; i < 32; i++) {
        out[i] = 0x1000 + i * 3;
    }
    CHECK_EQ(cairn_tcb_write_registers(slot_of(env, 0), false, 32, out), CAIRN_OK);
    CHECK_EQ(cairn_tcb_read_registers(slot_of(env, 0), false, 32, in), CAIRN_OK);
    for (unsigned i = 0; i < 32; i++) {
        CHECK_EQ(in[i], out[i]);
    }
}

static void register_errors(struct env *env)
{
    uint64_t regs[32] = {0};
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_read_registers(slot_of(env, 0), false, 0, regs), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], 32);
    CHECK_EQ(cairn_tcb_read_registers(slot_of(env, 0), false, 33, regs), CAIRN_E_RANGE);
    CHECK_EQ(cairn_tcb_write_registers(slot_of(env, 0), false, 33, regs), CAIRN_E_RANGE);
    uint64_t w[] = {0, 5, 1, 2};
    CHECK_EQ(cairn_invoke(slot_of(env, 0), CAIRN_TCB_WRITE_REGISTERS, w, 4, 0, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_tcb_read_registers(CAIRN_CAP_INIT_TCB, false, 4, regs),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_tcb_write_registers(CAIRN_CAP_INIT_TCB, false, 4, regs),
             CAIRN_E_ILLEGAL_OPERATION);
}

static void configure_errors(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_4K, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_PAGE_TABLE, 0, slot_of(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, slot_of(env, 1), 0, CAIRN_CAP_INIT_VSPACE,
                                 0, 0), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, ROOT, 0, slot_of(env, 2), 0, 0),
             CAIRN_E_INVALID_ARGUMENT);   /* a page table with no ASID is no address space */
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0x1200,
                                 slot_of(env, 1)), CAIRN_E_ALIGNMENT);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0x1000,
                                 slot_of(env, 2)), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, ROOT, cairn_cnode_guard(1, 60),
                                 CAIRN_CAP_INIT_VSPACE, 0, 0), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 0), 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0x1000,
                                 slot_of(env, 1)), CAIRN_OK);
}

static void worker_fault_is_contained(struct env *env)
{
    lower_self();
    CHECK_EQ(spawn(env, slot_of(env, 0), jump_to_nowhere, 0, 0, LOW + 1, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_name(slot_of(env, 0), "faulty-worker"), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(slot_of(env, 0)), CAIRN_OK);
    /* It ran (higher priority), faulted and was stopped; we carry on. */
    uint64_t regs[1];
    CHECK_EQ(cairn_tcb_read_registers(slot_of(env, 0), false, 1, regs), CAIRN_OK);
    CHECK_EQ(regs[0], 0x7ff000000ul);
}

static void destroying_a_running_thread(struct env *env)
{
    lower_self();
    counter[2] = 0;
    CHECK_EQ(spawn(env, slot_of(env, 0), count_forever, 2, 2, LOW, true), CAIRN_OK);
    CHECK(wait_for_progress(2));
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    uint64_t after = counter[2];
    cairn_yield();
    for (volatile unsigned i = 0; i < 200000; i++) {
    }
    CHECK_EQ(counter[2], after);
}

static void deleting_own_cspace_copy(struct env *env)
{
    /* A thread's CSpace root is a copy held by the TCB: the CNode lives while it does. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 3, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(slot_of(env, 1), 0, slot_of(env, 0), 0, CAIRN_CAP_INIT_VSPACE,
                                 0, 0), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
    /* Deleting the TCB now deletes the last capability to the CNode too. */
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void unknown_label(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_invoke(slot_of(env, 0), CAIRN_CNODE_COPY, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
}

const struct test_case tcb_cases[] = {
    {"TCB0001", "a higher-priority thread runs as soon as it is resumed", higher_priority_runs_at_once},
    {"TCB0002", "a lower-priority thread waits; raising it runs it at once", lower_priority_waits},
    {"TCB0003", "equal priorities share the CPU by timer round robin", round_robin_on_timer},
    {"TCB0004", "yield hands the CPU to the next thread of the same priority", yield_passes_the_cpu},
    {"TCB0005", "a suspended thread stops; resumed, it goes on", suspend_and_resume},
    {"TCB0006", "priority and MCP are bounded by the authority's MCP (RANGE)", priority_bounded_by_mcp},
    {"TCB0007", "32 registers written are read back", registers_round_trip},
    {"TCB0008", "register counts outside 1..32, short messages, self are refused", register_errors},
    {"TCB0009", "configure checks CSpace, VSpace, buffer alignment and guard", configure_errors},
    {"TCB0010", "a worker's fault stops only the worker", worker_fault_is_contained},
    {"TCB0011", "deleting a running thread's last capability stops it", destroying_a_running_thread},
    {"TCB0012", "a TCB's CSpace copy keeps the CNode alive until the TCB goes", deleting_own_cspace_copy},
    {"TCB0013", "an unknown label on a TCB is ILLEGAL_OPERATION", unknown_label},
};
const unsigned tcb_cases_count = sizeof(tcb_cases) / sizeof(tcb_cases[0]);
