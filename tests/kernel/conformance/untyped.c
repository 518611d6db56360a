/*
 * untyped.c: conformance cases for untyped memory: retype of every object type, each
 * retype error, exhaustion, alignment, describe, and reuse only after revoke.
 */
#include "framework.h"

static const unsigned cap_type_of[CAIRN_OBJECT_TYPE_COUNT] = {
    [CAIRN_OBJECT_UNTYPED] = CAIRN_CAP_TYPE_UNTYPED,
    [CAIRN_OBJECT_TCB] = CAIRN_CAP_TYPE_TCB,
    [CAIRN_OBJECT_ENDPOINT] = CAIRN_CAP_TYPE_ENDPOINT,
    [CAIRN_OBJECT_NOTIFICATION] = CAIRN_CAP_TYPE_NOTIFICATION,
    [CAIRN_OBJECT_CNODE] = CAIRN_CAP_TYPE_CNODE,
    [CAIRN_OBJECT_FRAME_4K] = CAIRN_CAP_TYPE_FRAME,
    [CAIRN_OBJECT_FRAME_2M] = CAIRN_CAP_TYPE_FRAME,
    [CAIRN_OBJECT_PAGE_TABLE] = CAIRN_CAP_TYPE_PAGE_TABLE,
};

static void retype_every_type(struct env *env)
{
    for (unsigned type = 0; type < CAIRN_OBJECT_TYPE_COUNT; type++) {
        if (type == CAIRN_OBJECT_FRAME_2M) {
            continue;   /* needs 2 MiB: its own case */
        }
        unsigned bits = type == CAIRN_OBJECT_CNODE ? 4 : 12;
        CHECK_EQ(make_object(env, type, bits, slot_of(env, type)), CAIRN_OK);
        CHECK_EQ(cairn_debug_cap_identify(slot_of(env, type)), cap_type_of[type]);
    }
}

static void retype_large_frame(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_2M, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_FRAME);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES - (1u << CAIRN_FRAME_2M_BITS));
}

static void retype_many_at_once(struct env *env)
{
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 20), CAIRN_OK);
    for (unsigned i = 0; i < 20; i++) {
        CHECK_EQ(cairn_debug_cap_identify(slot_of(env, i)), CAIRN_CAP_TYPE_ENDPOINT);
    }
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 20)), CAIRN_CAP_TYPE_NULL);
}

static void unknown_type(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TYPE_COUNT, 0, slot_of(env, 0)),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 0);   /* argument 0 (the type) is the bad one */
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_NULL);
}

static void untyped_size_range(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_UNTYPED_MIN_BITS - 1, slot_of(env, 0)),
             CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], CAIRN_UNTYPED_MIN_BITS);
    CHECK_EQ(cairn_reply[1], CAIRN_UNTYPED_MAX_BITS);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_UNTYPED_MAX_BITS + 1, slot_of(env, 0)),
             CAIRN_E_RANGE);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_UNTYPED_MIN_BITS, slot_of(env, 0)),
             CAIRN_OK);
}

static void cnode_radix_range(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 0, slot_of(env, 0)), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], CAIRN_CNODE_MIN_RADIX);
    CHECK_EQ(cairn_reply[1], CAIRN_CNODE_MAX_RADIX);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, CAIRN_CNODE_MAX_RADIX + 1, slot_of(env, 0)),
             CAIRN_E_RANGE);
}

static void truncated_message(struct env *env)
{
    uint64_t w[] = {CAIRN_OBJECT_ENDPOINT, 0, 0, 0, slot_of(env, 0), 1};
    cairn_cptr_t root = ROOT;
    CHECK_EQ(cairn_invoke(env->untyped, CAIRN_UNTYPED_RETYPE, w, 5, &root, 1),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(env->untyped, CAIRN_UNTYPED_RETYPE, w, 6, &root, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(env->untyped, CAIRN_UNTYPED_RETYPE, w, 6, &root, 1), CAIRN_OK);
}

static void destination_full(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 3), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_NULL);
}

static void offset_and_count_range(struct env *env)
{
    unsigned slots = 1u << CAIRN_ROOT_CNODE_RADIX;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slots), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[1], slots - 1);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 0), CAIRN_E_RANGE);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                                  slots - 2, 3), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[1], 2);
}

static void exhaustion(struct env *env)
{
    /* Two halves use the region up; then a 1/8 child holds exactly 128 frames. */
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_UNTYPED, CASE_UNTYPED_BITS - 1,
                                  ROOT, 0, 0, slot_of(env, 0), 2), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 2)),
             CAIRN_E_NOT_ENOUGH_MEMORY);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_untyped_retype(slot_of(env, 0), CAIRN_OBJECT_UNTYPED, 19, ROOT, 0, 0,
                                  slot_of(env, 3), 1), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(slot_of(env, 3), CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                  slot_of(env, 4), 128), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(slot_of(env, 3), CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                  slot_of(env, 132), 1), CAIRN_E_NOT_ENOUGH_MEMORY);
    CHECK_EQ(cairn_reply[0], 0);
}

static void too_big_for_region(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CASE_UNTYPED_BITS + 1, slot_of(env, 0)),
             CAIRN_E_NOT_ENOUGH_MEMORY);
    CHECK_EQ(cairn_reply[0], CASE_BYTES);
}

static void alignment(struct env *env)
{
    /* An endpoint takes 16 bytes; a frame after it starts at the next 4 KiB boundary. */
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES - (1u << CAIRN_ENDPOINT_BITS));
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_4K, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES - 2 * 4096);
}

static void describe(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.size_bits, CASE_UNTYPED_BITS);
    CHECK_EQ(info.free_bytes, CASE_BYTES);
    CHECK_EQ(info.paddr % CASE_BYTES, 0);
    CHECK(info.paddr >= 0x80000000ul);
    CHECK_EQ(info.is_device, false);
}

static void reuse_after_revoke(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 200), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES - 200 * 4096);
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 199)), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 200), CAIRN_OK);
}

static void no_reuse_while_children_live(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                  slot_of(env, 0), 2), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES - 2 * 4096);   /* not given back */
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, CASE_BYTES);                 /* all gone: reset */
}

static void retype_from_child_untyped(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, 16, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(slot_of(env, 0), CAIRN_OBJECT_TCB, 0, ROOT, 0, 0,
                                  slot_of(env, 1), 64), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(slot_of(env, 0), &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, 0);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 64)), CAIRN_CAP_TYPE_TCB);
    /* Revoking the parent region takes the grandchildren with it. */
    CHECK_EQ(cairn_cnode_revoke(ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 64)), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_NULL);
}

static void untyped_never_copied(struct env *env)
{
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 0), WORD, ROOT, env->untyped, WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 0), WORD, ROOT, env->untyped, WORD,
                              CAIRN_RIGHTS_ALL, 0), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_cnode_move(ROOT, slot_of(env, 0), WORD, ROOT, env->untyped, WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_UNTYPED);
    CHECK_EQ(cairn_cnode_move(ROOT, env->untyped, WORD, ROOT, slot_of(env, 0), WORD), CAIRN_OK);
}

static void destination_cnode_lookup(struct env *env)
{
    /* Objects can go into a CNode other than the root, named by index and depth. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT,
                                  slot_of(env, 0), WORD, 15, 1), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT,
                                  slot_of(env, 0), WORD, 16, 1), CAIRN_E_RANGE);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT,
                                  slot_of(env, 1), WORD, 0, 1), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT,
                                  slot_of(env, 0), WORD + 1, 0, 1), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], WORD);
}

static void unknown_label(struct env *env)
{
    CHECK_EQ(cairn_invoke(env->untyped, CAIRN_CNODE_COPY, 0, 0, 0, 0), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(env->untyped, 9999, 0, 0, 0, 0), CAIRN_E_ILLEGAL_OPERATION);
}

const struct test_case untyped_cases[] = {
    {"UNTYPED0001", "retype makes every object type with the right capability", retype_every_type},
    {"UNTYPED0002", "a 2 MiB frame is made and uses 2 MiB of the region", retype_large_frame},
    {"UNTYPED0003", "one retype makes many objects in consecutive slots", retype_many_at_once},
    {"UNTYPED0004", "an unknown object type is INVALID_ARGUMENT(0)", unknown_type},
    {"UNTYPED0005", "untyped size_bits outside 4..38 is RANGE", untyped_size_range},
    {"UNTYPED0006", "CNode radix outside 1..20 is RANGE", cnode_radix_range},
    {"UNTYPED0007", "too few words or no root capability is TRUNCATED_MESSAGE", truncated_message},
    {"UNTYPED0008", "a full destination slot is DELETE_FIRST and nothing is made", destination_full},
    {"UNTYPED0009", "offset and count outside the CNode are RANGE", offset_and_count_range},
    {"UNTYPED0010", "an exhausted region is NOT_ENOUGH_MEMORY", exhaustion},
    {"UNTYPED0011", "an object bigger than the region is NOT_ENOUGH_MEMORY", too_big_for_region},
    {"UNTYPED0012", "objects are aligned to their own size", alignment},
    {"UNTYPED0013", "describe reports size, free bytes and address", describe},
    {"UNTYPED0014", "revoke frees a region for reuse from the bottom", reuse_after_revoke},
    {"UNTYPED0015", "memory comes back only when every child is gone", no_reuse_while_children_live},
    {"UNTYPED0016", "a child region retypes, and revoking the parent removes all", retype_from_child_untyped},
    {"UNTYPED0017", "untyped capabilities move but never copy", untyped_never_copied},
    {"UNTYPED0018", "objects go into any CNode named by index and depth", destination_cnode_lookup},
    {"UNTYPED0019", "an unknown label on an untyped is ILLEGAL_OPERATION", unknown_label},
};
const unsigned untyped_cases_count = sizeof(untyped_cases) / sizeof(untyped_cases[0]);
