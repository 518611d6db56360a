/*
 * cspace.c: conformance cases for capability addressing: depth ranges, guards, depth
 * mismatches and multi-level CSpaces, as seL4 resolves a cptr.
 */
#include "framework.h"

static void depth_range(struct env *env)
{
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), 0), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], WORD);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD + 1), CAIRN_E_RANGE);
}

static void depth_mismatch(struct env *env)
{
    /* The root CNode uses all 64 bits; 32 bits leave the guard unmatched or too short. */
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), 32), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(cairn_reply[2], 32);
}

static void guard_mismatch(struct env *env)
{
    /* Bits set in the root's zero guard make the lookup fail, reporting 64 bits left. */
    CHECK_EQ(cairn_cnode_delete(ROOT, (1ul << 40) | slot_of(env, 0), WORD), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(cairn_reply[2], WORD);
}

static void invoke_garbage_cptr(struct env *env)
{
    (void)env;
    CHECK_EQ(cairn_invoke(~0ul, CAIRN_UNTYPED_DESCRIBE, 0, 0, 0, 0), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_invoke(CAIRN_CAP_NULL, CAIRN_UNTYPED_DESCRIBE, 0, 0, 0, 0),
             CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_MISSING_CAPABILITY);
}

static void two_level_cspace(struct env *env)
{
    /* Put a small CNode at root slot s with a guarded capability, so the root's guard and
     * radix take the top bits; then the two-level address reaches inside it. */
    cairn_cptr_t s = slot_of(env, 0);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, s, WORD, ROOT, slot_of(env, 1), WORD, CAIRN_RIGHTS_ALL,
                              cairn_cnode_guard(0x5, 4)), CAIRN_OK);
    /* A new root whose guard is 0 bits and radix 8: build it from a fresh CNode. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 8, slot_of(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 2), s, 8, ROOT, s, WORD, CAIRN_RIGHTS_ALL), CAIRN_OK);
    /* Make an endpoint in the inner CNode's slot 7 through the new root (depth 8+4+4). */
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 2),
                                  s, 8, 7, 1), CAIRN_OK);
    /* Address it as a slot: index (s, guard 5, 7) with depth 16. */
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 2), 1, 8, slot_of(env, 2),
                              (s << 8 | 0x5 << 4 | 7), 16, CAIRN_RIGHTS_ALL), CAIRN_OK);
    /* A wrong guard, and a depth that stops inside the guard, both fail. */
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 2), 2, 8, slot_of(env, 2),
                              (s << 8 | 0x6 << 4 | 7), 16, CAIRN_RIGHTS_ALL), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 2), 2, 8, slot_of(env, 2), (s << 2 | 1), 10,
                              CAIRN_RIGHTS_ALL), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(cairn_reply[2], 2);
}

static void depth_too_short_for_radix(struct env *env)
{
    /* A 16-slot CNode needs 4 bits after its guard: depth 8 + 2 stops short. */
    cairn_cptr_t s = slot_of(env, 0);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 8, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 1), s, 8, ROOT, slot_of(env, 2), WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(slot_of(env, 1), s << 2 | 1, 10), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_DEPTH_MISMATCH);
    CHECK_EQ(cairn_reply[2], 2);
    /* And a depth that ends exactly at the inner CNode's capability names that slot. */
    CHECK_EQ(cairn_cnode_delete(slot_of(env, 1), s, 8), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), CAIRN_CAP_TYPE_CNODE);
}

static void root_is_not_a_cnode(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 1), WORD, slot_of(env, 0), 0, WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_INVALID_ROOT);
}

const struct test_case cspace_cases[] = {
    {"CSPACE0001", "a depth outside 1..64 is RANGE(1, 64)", depth_range},
    {"CSPACE0002", "a depth shorter than the root's guard is a guard mismatch", depth_mismatch},
    {"CSPACE0003", "address bits that differ from a guard fail with 64 bits left", guard_mismatch},
    {"CSPACE0004", "invoking an empty or garbage cptr is FAILED_LOOKUP", invoke_garbage_cptr},
    {"CSPACE0005", "two-level addresses pass a guarded CNode; wrong guards fail", two_level_cspace},
    {"CSPACE0006", "a depth ending inside a CNode level is a depth mismatch", depth_too_short_for_radix},
    {"CSPACE0007", "a source root that is not a CNode is INVALID_ROOT", root_is_not_a_cnode},
};
const unsigned cspace_cases_count = sizeof(cspace_cases) / sizeof(cspace_cases[0]);
