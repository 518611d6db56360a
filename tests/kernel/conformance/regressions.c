/*
 * regressions.c: cases from bugs found in review, so they stay fixed.
 */
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

const struct test_case regression_cases[] = {
    {"REGRESS0001", "swapping a later child with its parent keeps the tree sound", swap_child_with_parent},
    {"REGRESS0002", "after such a swap no live object's memory is handed out again", swap_never_frees_live_memory},
    {"REGRESS0003", "a CNode with 4096 capabilities is destroyed in one delete", big_cnode_destroyed},
    {"REGRESS0004", "an empty extra capability is MISSING_CAPABILITY on the source", empty_extra_cap},
    {"REGRESS0005", "copy masks frame rights in the one rights namespace", read_only_copy_of_frame},
    {"REGRESS0006", "minting a CNode with guard data 0 removes its guard", cnode_guard_reset_by_mint},
};
const unsigned regression_cases_count = sizeof(regression_cases) / sizeof(regression_cases[0]);
