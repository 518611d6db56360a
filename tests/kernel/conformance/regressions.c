/*
 * regressions.c: cases from bugs found in review, so they stay fixed.
 */
#include "abi/fault.h"
#include "framework.h"

static enum cairn_error copy(cairn_cptr_t dest, cairn_cptr_t src)
{
    return cairn_cnode_copy(ROOT, dest, WORD, ROOT, src, WORD, CAIRN_RIGHTS_ALL);
}

/* A rotate with dest == src swaps the two slots' capabilities and tree places. */
static enum cairn_error swap(cairn_cptr_t a, cairn_cptr_t b)
{
    return cairn_cnode_rotate(ROOT, a, WORD, 0, ROOT, b, WORD, 0, ROOT, a, WORD);
}

static void swap_child_with_parent(struct env *env)
{
    cairn_cptr_t e0 = slot_of(env, 0), a = slot_of(env, 1), s = slot_of(env, 2);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, e0), CAIRN_OK);
    CHECK_EQ(copy(a, e0), CAIRN_OK);
    CHECK_EQ(copy(s, e0), CAIRN_OK);   /* a is now a non-first child of e0 */
    CHECK_EQ(swap(a, e0), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
    CHECK_EQ(cairn_cnode_delete(ROOT, a, WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(s), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void swap_never_frees_live_memory(struct env *env)
{
    cairn_cptr_t z = slot_of(env, 0), e0 = slot_of(env, 1), a = slot_of(env, 2),
                 s = slot_of(env, 3), w = slot_of(env, 4), v = slot_of(env, 5),
                 o = slot_of(env, 6), inner = slot_of(env, 8);
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, z), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, e0), CAIRN_OK);
    CHECK_EQ(copy(a, e0), CAIRN_OK);
    CHECK_EQ(copy(s, e0), CAIRN_OK);
    CHECK_EQ(swap(a, e0), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, s, WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, e0, WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, a, WORD), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, 16, w), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(w, CAIRN_OBJECT_UNTYPED, 12, ROOT, 0, 0, v, 1), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(v, CAIRN_OBJECT_CNODE, 2, ROOT, 0, 0, o, 1), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(w, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0, inner, 1), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(o, 0, 2, ROOT, inner, WORD, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(ROOT, a, WORD, ROOT, v, WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, z, WORD), CAIRN_OK);
    /* The CNode made from V is alive, so V must still count its 256 bytes as used. */
    CHECK_EQ(cairn_untyped_describe(a, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, 4096 - 256);
    CHECK_EQ(cairn_debug_cap_identify(o), CAIRN_CAP_TYPE_CNODE);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void big_cnode_destroyed(struct env *env)
{
    /* 4096 copies in one CNode: deleting it finishes (linear scan) and leaves a sound tree. */
    unsigned radix = 12;
    cairn_cptr_t c = slot_of(env, 0), e = slot_of(env, 1);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, radix, c), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, e), CAIRN_OK);
    for (unsigned long i = 0; i < (1ul << radix); i++) {
        CHECK_EQ(cairn_cnode_copy(c, i, radix, ROOT, e, WORD, CAIRN_RIGHTS_ALL), CAIRN_OK);
    }
    CHECK_EQ(cairn_cnode_delete(ROOT, c, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(e), CAIRN_CAP_TYPE_ENDPOINT);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void empty_extra_cap(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 1), WORD, slot_of(env, 5), slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_MISSING_CAPABILITY);
}

static void read_only_copy_of_frame(struct env *env)
{
    /* One rights namespace: masking a frame copy to READ keeps read and drops write. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_4K, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHT_READ), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), CAIRN_CAP_TYPE_FRAME);
}

static void cnode_guard_reset_by_mint(struct env *env)
{
    /* Guard data always applies to a CNode: minting with 0 gives a guardless copy. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL, cairn_cnode_guard(3, 2)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 3), WORD, ROOT, slot_of(env, 1), WORD,
                              CAIRN_RIGHTS_ALL, 0), CAIRN_OK);
    /* Through the guardless copy, slot 5 is index 5 at depth 4. */
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 3), 5, 4, ROOT, slot_of(env, 2), WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
    /* Through the guarded one, the same slot needs guard 3 in front: (3 << 4 | 5), depth 6. */
    CHECK_EQ(cairn_cnode_delete(slot_of(env, 1), 3 << 4 | 5, 6), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(slot_of(env, 1), 2 << 4 | 5, 6), CAIRN_E_FAILED_LOOKUP);
}

extern const char regress_ecall[];

/* Makes an unknown system call at regress_ecall (its pc is what the checks compare). */
static void unknown_call(uint64_t unused)
{
    (void)unused;
    register long a7 __asm__("a7") = 1023;
    __asm__ volatile(".globl regress_ecall\nregress_ecall: ecall" ::"r"(a7) : "memory");
    for (;;) {
        cairn_yield();
    }
}

static void cancelled_fault_keeps_pc(struct env *env)
{
    /* Found by the syscall fuzzer: cancelling a pending fault message rewound the pc. */
    cairn_cptr_t ep = slot_of(env, 0), worker = slot_of(env, 1);
    uint64_t pc;
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn(env, worker, unknown_call, 0, 0, LOW + 10, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(worker, ep, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0, 0), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);   /* faults; the message waits on ep */
    CHECK_EQ(cairn_tcb_read_registers(worker, false, 1, &pc), CAIRN_OK);
    CHECK_EQ(pc, (uint64_t)regress_ecall);
    CHECK_EQ(cairn_tcb_suspend(worker), CAIRN_OK);
    CHECK_EQ(cairn_tcb_read_registers(worker, false, 1, &pc), CAIRN_OK);
    CHECK_EQ(pc, (uint64_t)regress_ecall);
    /* Resumed, it faults again at the same place and the handler hears of it. */
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), CAIRN_FAULT_UNKNOWN_SYSCALL);
    CHECK_EQ(cairn_get_mr(0), (uint64_t)regress_ecall);
}

static void receive_forever_raw(uint64_t ep)
{
    for (;;) {
        cairn_recv(ep, 0);   /* tp is 0: the library never touches the buffer itself */
    }
}

static void revoked_ipc_buffer_is_gone(struct env *env)
{
    /* Found in review of the fuzzer's work: a TCB kept a pointer to its IPC buffer after
     * the frame's capability was revoked; a message then wrote into reused memory. */
    cairn_cptr_t w = slot_of(env, 0), f = slot_of(env, 1), t = slot_of(env, 2);
    cairn_cptr_t ep = slot_of(env, 3), c = slot_of(env, 4);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, 16, w), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(w, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0, f, 1), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn(env, t, receive_forever_raw, ep, 0, LOW + 10, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_ipc_buffer(t, 0x40000000, f), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(t), CAIRN_OK);   /* blocks receiving */
    CHECK_EQ(cairn_cnode_revoke(ROOT, f, WORD), CAIRN_OK);   /* takes the TCB's copy */
    CHECK_EQ(cairn_cnode_delete(ROOT, f, WORD), CAIRN_OK);
    /* The frame's memory is reused for a CNode full of capabilities. */
    CHECK_EQ(cairn_untyped_retype(w, CAIRN_OBJECT_CNODE, 6, ROOT, 0, 0, c, 1), CAIRN_OK);
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(cairn_cnode_copy(c, i, 6, ROOT, ep, WORD, CAIRN_RIGHTS_ALL), CAIRN_OK);
    }
    for (unsigned i = 0; i < 24; i++) {
        cairn_set_mr(i, 0xdead0000 + i);
    }
    cairn_send(ep, cairn_msg_info(1, 0, 0, 24));   /* only 4 words can arrive now */
    CHECK_EQ(cairn_debug_self_check(), 0);
    CHECK_EQ(cairn_cnode_delete(ROOT, c, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void wait_forever_raw(uint64_t ntfn)
{
    for (;;) {
        cairn_wait(ntfn);
    }
}

static void written_pc_of_waiting_thread_is_kept(struct env *env)
{
    /* Found by the syscall fuzzer: registers written into a thread waiting on a
     * notification were later "restarted", moving the written pc back by 4. */
    cairn_cptr_t n = slot_of(env, 0), worker = slot_of(env, 1);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(spawn(env, worker, wait_forever_raw, n, 0, LOW + 10, true), CAIRN_OK);
    uint64_t pc = (uint64_t)regress_ecall;
    CHECK_EQ(cairn_tcb_write_registers(worker, false, 1, &pc), CAIRN_OK);
    CHECK_EQ(cairn_tcb_suspend(worker), CAIRN_OK);
    uint64_t now;
    CHECK_EQ(cairn_tcb_read_registers(worker, false, 1, &now), CAIRN_OK);
    CHECK_EQ(now, (uint64_t)regress_ecall);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 2), WORD, ROOT, n, WORD, CAIRN_RIGHTS_ALL, 3),
             CAIRN_OK);
    cairn_signal(slot_of(env, 2));   /* it no longer waits: the signal stays pending */
    CHECK_EQ(cairn_poll(n), 3);
}

const struct test_case regression_cases[] = {
    {"REGRESS0001", "swapping a later child with its parent keeps the tree sound", swap_child_with_parent},
    {"REGRESS0002", "after such a swap no live object's memory is handed out again", swap_never_frees_live_memory},
    {"REGRESS0003", "a CNode with 4096 capabilities is destroyed in one delete", big_cnode_destroyed},
    {"REGRESS0004", "an empty extra capability is MISSING_CAPABILITY on the source", empty_extra_cap},
    {"REGRESS0005", "copy masks frame rights in the one rights namespace", read_only_copy_of_frame},
    {"REGRESS0006", "minting a CNode with guard data 0 removes its guard", cnode_guard_reset_by_mint},
    {"REGRESS0007", "cancelling a pending fault message keeps the faulting pc", cancelled_fault_keeps_pc},
    {"REGRESS0008", "a revoked IPC-buffer frame is no longer written by messages", revoked_ipc_buffer_is_gone},
    {"REGRESS0009", "registers written into a waiting thread end its wait; pc stays", written_pc_of_waiting_thread_is_kept},
};
const unsigned regression_cases_count = sizeof(regression_cases) / sizeof(regression_cases[0]);
