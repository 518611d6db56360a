/*
 * asid.c: conformance cases for ASIDs: pools made by ASID control, page tables made VSpace
 * roots, threads running in new VSpaces, the refusals, full pools and deleted pools.
 * (Shared helpers and rules: vspace_support.h.)
 */
#include "vspace_support.h"

static void asid_makes_a_vspace(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, 0), ROOT, at(env, 1),
                                          WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(at(env, 1)), CAIRN_CAP_TYPE_ASID_POOL);
    CHECK_EQ(make_table(env, 2), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, at(env, 3)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(at(env, 3), 0, ROOT, 0, at(env, 2), 0, 0),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(at(env, 3), 0, ROOT, 0, at(env, 2), 0, 0), CAIRN_OK);
    /* The pool took the whole untyped. */
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_describe(at(env, 0), &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, 0);
    /* It takes tables and frames like ours. */
    CHECK_EQ(map_tables(env, 4, at(env, 2)), CAIRN_OK);
    CHECK_EQ(make_frame(env, 6), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), at(env, 2), BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), VSPACE, BASE, RW), CAIRN_E_ILLEGAL_OPERATION);
}

static void thread_in_new_vspace(struct env *env)
{
    CHECK_EQ(make_vspace(env, 0), CAIRN_OK);   /* root in slot 2 */
    CHECK_EQ(map_tables(env, 3, at(env, 2)), CAIRN_OK);
    CHECK_EQ(map_tables(env, 5, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 7), CAIRN_OK);   /* code */
    CHECK_EQ(make_frame(env, 8), CAIRN_OK);   /* data */
    CHECK_EQ(copy_cap(env, 7, 9, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(copy_cap(env, 8, 10, CAIRN_RIGHTS_ALL), CAIRN_OK);
    /* Here: code writable at BASE, data at BASE + PAGE. There: code executable at BASE,
     * data at BASE + 2 pages. */
    CHECK_EQ(cairn_frame_map(at(env, 7), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 8), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 9), at(env, 2), BASE, RX), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 10), at(env, 2), BASE + 2 * PAGE, RW), CAIRN_OK);
    uint64_t length = address_of(vspace_blob_end) - address_of(vspace_blob);
    volatile char *code = (volatile char *)(uintptr_t)BASE;
    for (uint64_t i = 0; i < length; i++) {
        code[i] = vspace_blob[i];
    }
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(run_worker(env, 11, at(env, 2), BASE, BASE + 2 * PAGE), CAIRN_OK);
    CHECK_EQ(worker_pc(env, 11), BASE + address_of(vspace_blob_stop) - address_of(vspace_blob));
    CHECK_EQ(*word_at(BASE + PAGE), 0x77);
}

static void asid_errors(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS + 1, at(env, 1)),
             CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(at(env, 2), CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0, at(env, 3),
                                  1), CAIRN_OK);
    cairn_cptr_t control = CAIRN_CAP_ASID_CONTROL;
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 1), ROOT, at(env, 4), WORD),
             CAIRN_E_INVALID_CAPABILITY);   /* 8 KiB, not 4 */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 3), ROOT, at(env, 4), WORD),
             CAIRN_E_INVALID_CAPABILITY);   /* not an untyped */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 2), ROOT, at(env, 4), WORD),
             CAIRN_E_REVOKE_FIRST);          /* holds an endpoint */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 3), WORD),
             CAIRN_E_DELETE_FIRST);          /* destination full */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 4), 0),
             CAIRN_E_RANGE);
    uint64_t w[] = {at(env, 4), WORD};
    CHECK_EQ(cairn_invoke(control, CAIRN_ASID_CONTROL_MAKE_POOL, w, 2, &control, 1),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 4), WORD), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 5), WORD),
             CAIRN_E_REVOKE_FIRST);          /* a pool already */
    /* Assign: a page table, not yet a root, not mapped. */
    CHECK_EQ(make_table(env, 5), CAIRN_OK);
    CHECK_EQ(make_table(env, 6), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 3)), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), VSPACE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_page_table_map(at(env, 6), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 6)), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(at(env, 4), CAIRN_ASID_POOL_ASSIGN, 0, 0, 0, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 5)), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 5)), CAIRN_E_ILLEGAL_OPERATION);
}

static void full_pool(struct env *env)
{
    enum { ASIDS = 64 };   /* a pool's ASIDs (kernel/arch/riscv64/vspace.h) */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, 0), ROOT, at(env, 1),
                                          WORD), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_PAGE_TABLE, 0, ROOT, 0, 0,
                                  at(env, 2), ASIDS + 1), CAIRN_OK);
    for (unsigned i = 0; i < ASIDS; i++) {
        CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + i)), CAIRN_OK);
    }
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + ASIDS)), CAIRN_E_DELETE_FIRST);
    /* Deleting a root gives its ASID back. */
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 2 + 7), WORD), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + ASIDS)), CAIRN_OK);
}

static void delete_pool(struct env *env)
{
    CHECK_EQ(make_vspace(env, 0), CAIRN_OK);   /* pool in slot 1, root in slot 2 */
    CHECK_EQ(map_tables(env, 3, at(env, 2)), CAIRN_OK);
    CHECK_EQ(make_frame(env, 5), CAIRN_OK);
    CHECK_EQ(make_frame(env, 6), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, at(env, 7)), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 5), at(env, 2), BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 1), WORD), CAIRN_OK);
    /* The table is a VSpace no more. */
    CHECK_EQ(cairn_frame_map(at(env, 6), at(env, 2), BASE + PAGE, RW), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_tcb_configure(at(env, 7), 0, ROOT, 0, at(env, 2), 0, 0),
             CAIRN_E_INVALID_ARGUMENT);
    /* Now it is an ordinary table: it maps into ours, and comes in empty. */
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 3), VSPACE, BASE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(make_table(env, 8), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 8), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0);
    CHECK_EQ(cairn_frame_unmap(at(env, 5)), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

const struct test_case asid_cases[] = {
    {"VSPACE0018", "an ASID pool makes a page table a VSpace root TCBs accept", asid_makes_a_vspace},
    {"VSPACE0019", "a thread runs in a new VSpace on frames mapped there", thread_in_new_vspace},
    {"VSPACE0020", "ASID control and pool refusals, each with its code", asid_errors},
    {"VSPACE0021", "a pool holds 64 ASIDs; deleting a root gives one back", full_pool},
    {"VSPACE0022", "deleting a pool ends its VSpaces; the table maps in empty", delete_pool},
};
const unsigned asid_cases_count = sizeof(asid_cases) / sizeof(asid_cases[0]);
