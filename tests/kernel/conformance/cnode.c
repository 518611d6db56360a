/*
 * cnode.c: conformance cases for the CNode invocations: copy, mint, move, mutate, rotate,
 * delete and revoke, each success and each error, and derivation trees revoked.
 */
#include "framework.h"

#define EP CAIRN_CAP_TYPE_ENDPOINT
#define NONE CAIRN_CAP_TYPE_NULL

static enum cairn_error copy(cairn_cptr_t dest, cairn_cptr_t src)
{
    return cairn_cnode_copy(ROOT, dest, WORD, ROOT, src, WORD, CAIRN_RIGHTS_ALL);
}

static enum cairn_error mint(cairn_cptr_t dest, cairn_cptr_t src, uint64_t badge)
{
    return cairn_cnode_mint(ROOT, dest, WORD, ROOT, src, WORD, CAIRN_RIGHTS_ALL, badge);
}

static void copy_endpoint(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(copy(slot_of(env, 1), slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), EP);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), EP);
}

static void copy_into_full_slot(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(copy(slot_of(env, 1), slot_of(env, 0)), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), CAIRN_CAP_TYPE_NOTIFICATION);
}

static void copy_from_empty_slot(struct env *env)
{
    CHECK_EQ(copy(slot_of(env, 1), slot_of(env, 0)), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 1);   /* the source failed */
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_MISSING_CAPABILITY);
}

static void copy_truncated(struct env *env)
{
    uint64_t w[] = {slot_of(env, 1), WORD, slot_of(env, 0), WORD, CAIRN_RIGHTS_ALL};
    cairn_cptr_t root = ROOT;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_invoke(ROOT, CAIRN_CNODE_COPY, w, 4, &root, 1), CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(ROOT, CAIRN_CNODE_COPY, w, 5, &root, 0), CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(ROOT, CAIRN_CNODE_COPY, w, 5, &root, 1), CAIRN_OK);
}

static void mint_badges(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(mint(slot_of(env, 1), slot_of(env, 0), 42), CAIRN_OK);
    CHECK_EQ(mint(slot_of(env, 2), slot_of(env, 1), 42), CAIRN_OK);   /* same badge: fine */
    CHECK_EQ(mint(slot_of(env, 3), slot_of(env, 1), 0), CAIRN_OK);    /* 0 keeps the badge */
    CHECK_EQ(mint(slot_of(env, 4), slot_of(env, 1), 7), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 4)), NONE);
}

static void mint_badge_on_unbadgeable(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(mint(slot_of(env, 1), slot_of(env, 0), 5), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 5);
    CHECK_EQ(mint(slot_of(env, 1), slot_of(env, 0), 0), CAIRN_OK);
}

static void mint_cnode_guard(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL, cairn_cnode_guard(5, 3)), CAIRN_OK);
    /* A guard too wide for its size, and a size that overflows the word, are refused. */
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 2), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL, cairn_cnode_guard(8, 3)), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 2), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL, cairn_cnode_guard(0, 61)), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), NONE);
}

static void move_cap(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), EP);
    /* The moved capability keeps its place in the tree: revoking the region removes it. */
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), NONE);
}

static void move_errors(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(ROOT, slot_of(env, 0), WORD, ROOT, slot_of(env, 0), WORD),
             CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_cnode_move(ROOT, slot_of(env, 2), WORD, ROOT, slot_of(env, 1), WORD),
             CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), EP);
}

static void mutate_badge(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mutate(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD, 9),
             CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), CAIRN_CAP_TYPE_NOTIFICATION);
    /* Its badge is now 9: minting badge 9 again is allowed, another badge is not. */
    CHECK_EQ(mint(slot_of(env, 2), slot_of(env, 1), 9), CAIRN_OK);
    CHECK_EQ(mint(slot_of(env, 3), slot_of(env, 1), 10), CAIRN_E_ILLEGAL_OPERATION);
}

static void mutate_error_keeps_source(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mutate(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD, 3),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_TCB);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), NONE);
}

static void rotate_three(struct env *env)
{
    /* src (endpoint) -> pivot (notification) -> dest (empty). */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_rotate(ROOT, slot_of(env, 2), WORD, 0, ROOT, slot_of(env, 1), WORD, 0,
                                ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), EP);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), CAIRN_CAP_TYPE_NOTIFICATION);
}

static void rotate_swap(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_rotate(ROOT, slot_of(env, 0), WORD, 0, ROOT, slot_of(env, 1), WORD, 0,
                                ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_NOTIFICATION);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), EP);
}

static void rotate_errors(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 1)), CAIRN_OK);
    /* pivot == src */
    CHECK_EQ(cairn_cnode_rotate(ROOT, slot_of(env, 2), WORD, 0, ROOT, slot_of(env, 0), WORD, 0,
                                ROOT, slot_of(env, 0), WORD), CAIRN_E_ILLEGAL_OPERATION);
    /* empty pivot */
    CHECK_EQ(cairn_cnode_rotate(ROOT, slot_of(env, 2), WORD, 0, ROOT, slot_of(env, 3), WORD, 0,
                                ROOT, slot_of(env, 0), WORD), CAIRN_E_FAILED_LOOKUP);
    /* a full destination that is not the source */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_rotate(ROOT, slot_of(env, 2), WORD, 0, ROOT, slot_of(env, 1), WORD, 0,
                                ROOT, slot_of(env, 0), WORD), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), EP);
}

static void delete_slot(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);   /* empty: no-op */
}

static void revoke_deep_tree(struct env *env)
{
    /* original -> copy -> copy -> ... 10 levels; revoking the original leaves only it. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    for (unsigned i = 1; i <= 10; i++) {
        CHECK_EQ(copy(slot_of(env, i), slot_of(env, i - 1)), CAIRN_OK);
    }
    CHECK_EQ(mint(slot_of(env, 11), slot_of(env, 5), 77), CAIRN_OK);
    CHECK_EQ(cairn_cnode_revoke(ROOT, slot_of(env, 3), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 3)), EP);
    for (unsigned i = 4; i <= 11; i++) {
        CHECK_EQ(cairn_debug_cap_identify(slot_of(env, i)), NONE);
    }
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), EP);
    CHECK_EQ(cairn_cnode_revoke(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), EP);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), NONE);
}

static void delete_middle_keeps_descendants(struct env *env)
{
    /* Deleting a copy in the middle splices its children up: revoking the top removes them. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(copy(slot_of(env, 1), slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(copy(slot_of(env, 2), slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), EP);
    CHECK_EQ(cairn_cnode_revoke(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 2)), NONE);
}

static void delete_cnode_deletes_contents(struct env *env)
{
    /* An endpoint's only capability lives inside a CNode; a copy of it lives in the root.
     * Deleting the CNode deletes the capability inside, but the copy keeps the endpoint. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 2, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, slot_of(env, 0),
                                  WORD, 1, 1), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 1), WORD, slot_of(env, 0), 1, 2,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 1)), EP);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void cnode_holding_itself(struct env *env)
{
    /* A CNode whose only capability sits in one of its own slots, reachable only
     * through the derivation tree: revoking the region must destroy it cleanly. */
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 2, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(slot_of(env, 0), 3, 2, ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_debug_self_check(), 0);
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES);
}

static void cnodes_holding_each_other(struct env *env)
{
    /* A holds B's only capability and B holds A's: revoke must not loop or leak. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 2, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 2, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(slot_of(env, 0), 0, 2, ROOT, slot_of(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 2), WORD, slot_of(env, 0), 0, 2,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);   /* a handle on B */
    CHECK_EQ(cairn_cnode_move(slot_of(env, 2), 0, 2, ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), NONE);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 2), WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES);
}

static void unknown_label(struct env *env)
{
    (void)env;
    CHECK_EQ(cairn_invoke(ROOT, CAIRN_UNTYPED_RETYPE, 0, 0, 0, 0), CAIRN_E_ILLEGAL_OPERATION);
}

static void non_cnode_invoked_as_cnode(struct env *env)
{
    uint64_t w[] = {0, WORD};
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_invoke(slot_of(env, 0), CAIRN_CNODE_DELETE, w, 2, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(CAIRN_CAP_ASID_CONTROL, CAIRN_CNODE_DELETE, w, 2, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
}

const struct test_case cnode_cases[] = {
    {"CNODE0001", "copy makes a second capability to the same object", copy_endpoint},
    {"CNODE0002", "copy into a full slot is DELETE_FIRST and changes nothing", copy_into_full_slot},
    {"CNODE0003", "copy from an empty slot is FAILED_LOOKUP on the source", copy_from_empty_slot},
    {"CNODE0004", "copy with too few words or no source root is TRUNCATED_MESSAGE", copy_truncated},
    {"CNODE0005", "mint badges; a badged capability keeps its badge", mint_badges},
    {"CNODE0006", "a badge on a TCB capability is INVALID_ARGUMENT(5)", mint_badge_on_unbadgeable},
    {"CNODE0007", "mint sets a CNode guard; oversized guards are refused", mint_cnode_guard},
    {"CNODE0008", "move empties the source and keeps the tree position", move_cap},
    {"CNODE0009", "move onto itself or from an empty slot fails cleanly", move_errors},
    {"CNODE0010", "mutate moves and badges in one step", mutate_badge},
    {"CNODE0011", "a refused mutate leaves the source where it was", mutate_error_keeps_source},
    {"CNODE0012", "rotate moves src to pivot and pivot to dest", rotate_three},
    {"CNODE0013", "rotate with dest == src swaps two slots", rotate_swap},
    {"CNODE0014", "rotate refuses pivot == src, empty pivot, full dest", rotate_errors},
    {"CNODE0015", "delete empties a slot; deleting an empty slot is fine", delete_slot},
    {"CNODE0016", "revoke removes a 10-level derivation chain below a slot", revoke_deep_tree},
    {"CNODE0017", "deleting a middle copy keeps its children under the top", delete_middle_keeps_descendants},
    {"CNODE0018", "deleting a CNode's last capability deletes what it holds", delete_cnode_deletes_contents},
    {"CNODE0019", "a CNode holding its own last capability is destroyed cleanly", cnode_holding_itself},
    {"CNODE0020", "two CNodes holding each other are destroyed without a loop", cnodes_holding_each_other},
    {"CNODE0021", "an unknown label on a CNode is ILLEGAL_OPERATION", unknown_label},
    {"CNODE0022", "CNode labels on other objects are refused", non_cnode_invoked_as_cnode},
};
const unsigned cnode_cases_count = sizeof(cnode_cases) / sizeof(cnode_cases[0]);
