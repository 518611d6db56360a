/*
 * test_cspace.c: capability address lookup through CNodes. Known answers for one, two and
 * three levels with guards, each way a lookup fails (invalid root, guard mismatch, depth
 * mismatch, leftover bits), large radices and a level that takes all 64 bits. (Random
 * addresses against a reference resolver: test_cspace_random.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cap_builders.h"
#include "cspace.h"

#define SLOT_ALIGN (1 << CAIRN_SLOT_BITS)

/* CNodes for the known-answer tests; emptied before every test. */
static _Alignas(SLOT_ALIGN) struct cte root_slots[256];
static _Alignas(SLOT_ALIGN) struct cte mid_slots[32];
static _Alignas(SLOT_ALIGN) struct cte leaf_slots[16];
static _Alignas(SLOT_ALIGN) struct cte big_slots[1024];

static int clear_cnodes(void **state)
{
    (void)state;
    memset(root_slots, 0, sizeof(root_slots));
    memset(mid_slots, 0, sizeof(mid_slots));
    memset(leaf_slots, 0, sizeof(leaf_slots));
    memset(big_slots, 0, sizeof(big_slots));
    return 0;
}

/* --- helpers --------------------------------------------------------------------------- */

/* The root CNode as the kernel sets it up: radix 8 and a 56-bit zero guard. */
static struct cap boot_root(void)
{
    return cnode_cap(root_slots, 8, 56, 0);
}

/* One field of an address: width bits holding value. */
struct field {
    unsigned width;
    uint64_t value;
};

/* The fields one after another, most significant first, ending at bit 0. */
static uint64_t compose(const struct field *fields, unsigned count)
{
    uint64_t cptr = 0;
    for (unsigned i = 0; i < count; i++) {
        assert_true(fields[i].width < 64 || i == 0);
        cptr = fields[i].width >= 64 ? fields[i].value : cptr << fields[i].width;
        if (fields[i].width < 64) {
            cptr |= fields[i].value & ((1ull << fields[i].width) - 1);
        }
    }
    return cptr;
}

static void assert_found(struct lookup_result r, const struct cte *slot, unsigned bits_left)
{
    assert_int_equal(r.failure, LOOKUP_OK);
    assert_ptr_equal(r.slot, slot);
    assert_int_equal(r.bits_left, bits_left);
}

static void assert_failed(struct lookup_result r, unsigned failure, unsigned bits_left)
{
    assert_int_equal(r.failure, failure);
    assert_null(r.slot);
    assert_int_equal(r.bits_left, bits_left);
}

/* --- one level ------------------------------------------------------------------------- */

static void test_boot_root_every_slot(void **state)
{
    (void)state;
    struct cap root = boot_root();
    root_slots[5].cap = endpoint_cap(0x1000);
    for (unsigned i = 0; i < 256; i++) {
        assert_found(cspace_lookup_slot(&root, i, 64), &root_slots[i], 0);
        assert_found(cspace_lookup_cap(&root, i), &root_slots[i], 0);
        assert_found(cspace_resolve(&root, i, 64), &root_slots[i], 0);
    }
}

static void test_boot_root_guard_mismatch(void **state)
{
    (void)state;
    struct cap root = boot_root();
    assert_failed(cspace_lookup_cap(&root, 0x100), LOOKUP_GUARD_MISMATCH, 64);
    assert_failed(cspace_lookup_cap(&root, 1ull << 63), LOOKUP_GUARD_MISMATCH, 64);
    assert_failed(cspace_lookup_slot(&root, (1ull << 40) | 7, 64), LOOKUP_GUARD_MISMATCH, 64);
    /* With a depth below 64 the bits above it are not part of the address at all. */
    struct cap small = cnode_cap(root_slots, 8, 8, 0);
    assert_found(cspace_lookup_slot(&small, 0xffff0007, 16), &root_slots[7], 0);
    assert_failed(cspace_lookup_slot(&small, 0x0107, 16), LOOKUP_GUARD_MISMATCH, 16);
}

static void test_nonzero_guard(void **state)
{
    (void)state;
    struct cap node = cnode_cap(leaf_slots, 4, 4, 0xa);
    assert_found(cspace_lookup_slot(&node, 0xa3, 8), &leaf_slots[3], 0);
    assert_found(cspace_lookup_slot(&node, 0xaf, 8), &leaf_slots[15], 0);
    assert_failed(cspace_lookup_slot(&node, 0xb3, 8), LOOKUP_GUARD_MISMATCH, 8);
    /* Leading zeros are part of the address: 0xa3 at depth 10 has guard 0010. */
    assert_failed(cspace_lookup_slot(&node, 0xa3, 10), LOOKUP_GUARD_MISMATCH, 10);
    /* The guard is compared with the top of the remaining address, not its bottom. */
    assert_failed(cspace_lookup_slot(&node, 0x3a, 8), LOOKUP_GUARD_MISMATCH, 8);
}

static void test_depth_mismatch(void **state)
{
    (void)state;
    struct cap node = cnode_cap(leaf_slots, 4, 4, 0xa);
    /* The guard fits but the index does not. */
    assert_failed(cspace_lookup_slot(&node, 0x29, 6), LOOKUP_DEPTH_MISMATCH, 6);
    assert_failed(cspace_resolve(&node, 0x53, 7), LOOKUP_DEPTH_MISMATCH, 7);
    /* Fewer bits than the guard itself: reported as a guard mismatch, as seL4 does. */
    assert_failed(cspace_lookup_slot(&node, 0x5, 3), LOOKUP_GUARD_MISMATCH, 3);
    assert_failed(cspace_lookup_slot(&node, 0x1, 1), LOOKUP_GUARD_MISMATCH, 1);
    /* No guard: only the radix needs room. */
    struct cap bare = cnode_cap(leaf_slots, 4, 0, 0);
    assert_failed(cspace_lookup_slot(&bare, 0x7, 3), LOOKUP_DEPTH_MISMATCH, 3);
    assert_found(cspace_lookup_slot(&bare, 0x7, 4), &leaf_slots[7], 0);
}

static void test_invalid_root(void **state)
{
    (void)state;
    struct cap ep = endpoint_cap(0x2000);
    struct cap null = cap_null();
    struct cap untyped = {.type = CAP_UNTYPED, .size_bits = 12, .object = 0x80000000};
    const struct cap *roots[] = {&ep, &null, &untyped};
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(cspace_resolve(roots[i], 0, 64).failure, LOOKUP_INVALID_ROOT);
        assert_null(cspace_resolve(roots[i], 0, 64).slot);
        assert_int_equal(cspace_lookup_slot(roots[i], 3, 8).failure, LOOKUP_INVALID_ROOT);
        assert_null(cspace_lookup_slot(roots[i], 3, 8).slot);
        assert_int_equal(cspace_lookup_cap(roots[i], 5).failure, LOOKUP_INVALID_ROOT);
        assert_null(cspace_lookup_cap(roots[i], 5).slot);
    }
}

/* --- several levels -------------------------------------------------------------------- */

/* root (radix 4, guard 01) slot 5 -> mid (radix 3, guard 101) slot 6 holds an endpoint. */
static struct cap two_levels(void)
{
    root_slots[5].cap = cnode_cap(mid_slots, 3, 3, 5);
    mid_slots[6].cap = endpoint_cap(0x3000);
    return cnode_cap(root_slots, 4, 2, 1);
}

static void test_two_levels(void **state)
{
    (void)state;
    struct cap root = two_levels();
    const struct field path[] = {{2, 1}, {4, 5}, {3, 5}, {3, 6}};
    assert_found(cspace_lookup_slot(&root, compose(path, 4), 12), &mid_slots[6], 0);
    assert_found(cspace_lookup_slot(&root, compose(path, 2), 6), &root_slots[5], 0);
    /* Guard of the second level wrong. */
    const struct field bad[] = {{2, 1}, {4, 5}, {3, 4}, {3, 6}};
    assert_failed(cspace_lookup_slot(&root, compose(bad, 4), 12), LOOKUP_GUARD_MISMATCH, 6);
    /* Enough for the second guard but not its index. */
    assert_failed(cspace_lookup_slot(&root, compose(path, 3) << 1, 10),
                  LOOKUP_DEPTH_MISMATCH, 4);
    /* Too few for the second guard. */
    assert_failed(cspace_lookup_slot(&root, 0x56, 8), LOOKUP_GUARD_MISMATCH, 2);
    /* A full word: the walk ends at the endpoint with 52 bits unused. */
    const struct field word[] = {{2, 1}, {4, 5}, {3, 5}, {3, 6}, {52, 0x12345}};
    assert_found(cspace_lookup_cap(&root, compose(word, 5)), &mid_slots[6], 52);
}

/*
 * root (radix 2, guard 101) slot 3 -> mid (radix 5, no guard) slot 17 -> leaf (radix 4,
 * guard 101010) slot 9 holds an endpoint: 20 bits in all.
 */
static struct cap three_levels(void)
{
    root_slots[3].cap = cnode_cap(mid_slots, 5, 0, 0);
    mid_slots[17].cap = cnode_cap(leaf_slots, 4, 6, 0x2a);
    leaf_slots[9].cap = endpoint_cap(0x4000);
    return cnode_cap(root_slots, 2, 3, 5);
}

static void test_three_levels(void **state)
{
    (void)state;
    struct cap root = three_levels();
    const struct field path[] = {{3, 5}, {2, 3}, {5, 17}, {6, 0x2a}, {4, 9}};
    uint64_t cptr = compose(path, 5);
    assert_found(cspace_lookup_slot(&root, cptr, 20), &leaf_slots[9], 0);
    assert_found(cspace_lookup_slot(&root, cptr >> 10, 10), &mid_slots[17], 0);
    assert_found(cspace_lookup_slot(&root, cptr >> 15, 5), &root_slots[3], 0);
    assert_failed(cspace_lookup_slot(&root, cptr >> 5, 15), LOOKUP_GUARD_MISMATCH, 5);
    assert_failed(cspace_lookup_slot(&root, cptr >> 2, 18), LOOKUP_DEPTH_MISMATCH, 8);
    assert_failed(cspace_lookup_slot(&root, cptr ^ (1u << 6), 20), LOOKUP_GUARD_MISMATCH, 10);
    assert_failed(cspace_lookup_slot(&root, cptr ^ (1u << 19), 20), LOOKUP_GUARD_MISMATCH, 20);
    /* The same address at the top of a word, with anything below it. */
    assert_found(cspace_lookup_cap(&root, (cptr << 44) | 0xabcdef), &leaf_slots[9], 44);
    /* An empty slot at the last level also ends the walk. */
    assert_found(cspace_lookup_cap(&root, (cptr ^ 1) << 44), &leaf_slots[8], 44);
}

/* An inspect-only CNode capability (no write right) ends every walk that would go on
 * through it; as the last level of a slot address, or as the root, it is fine. */
static void test_inspect_only_stops_walks(void **state)
{
    (void)state;
    struct cap root = three_levels();
    root_slots[3].cap.rights = CAIRN_RIGHT_READ;
    const struct field path[] = {{3, 5}, {2, 3}, {5, 17}, {6, 0x2a}, {4, 9}};
    uint64_t cptr = compose(path, 5);
    assert_failed(cspace_lookup_slot(&root, cptr, 20), LOOKUP_INSPECT_ONLY, 15);
    assert_failed(cspace_lookup_cap(&root, cptr << 44), LOOKUP_INSPECT_ONLY, 59);
    assert_null(cspace_lookup_cap_fast(&root, cptr << 44));
    assert_found(cspace_lookup_slot(&root, cptr >> 15, 5), &root_slots[3], 0);
    struct cap mid = root_slots[3].cap;   /* the walk may start at one */
    assert_found(cspace_lookup_slot(&mid, (cptr >> 10) & 0x1f, 5), &mid_slots[17], 0);
    mid_slots[17].cap.rights = CAIRN_RIGHT_READ;
    assert_failed(cspace_lookup_slot(&mid, cptr & 0x7fff, 15), LOOKUP_INSPECT_ONLY, 10);
}

static void test_lookup_cap_stops_early(void **state)
{
    (void)state;
    struct cap root = two_levels();
    root_slots[9].cap = endpoint_cap(0x5000);
    /* 01 1001, then 58 bits the walk never reads. */
    uint64_t cptr = (1ull << 62) | (9ull << 58) | 0x3ffffffull;
    assert_found(cspace_lookup_cap(&root, cptr), &root_slots[9], 58);
    assert_found(cspace_resolve(&root, cptr, 64), &root_slots[9], 58);
    /* An empty slot stops it too. */
    assert_found(cspace_lookup_cap(&root, (1ull << 62) | (2ull << 58)), &root_slots[2], 58);
}

static void test_lookup_slot_rejects_leftover_bits(void **state)
{
    (void)state;
    struct cap root = two_levels();
    root_slots[9].cap = endpoint_cap(0x5000);
    const struct field to_ep[] = {{2, 1}, {4, 9}, {3, 0}};
    assert_failed(cspace_lookup_slot(&root, compose(to_ep, 3), 9), LOOKUP_DEPTH_MISMATCH, 3);
    const struct field to_empty[] = {{2, 1}, {4, 2}, {1, 1}};
    assert_failed(cspace_lookup_slot(&root, compose(to_empty, 3), 7), LOOKUP_DEPTH_MISMATCH,
                  1);
    /* resolve itself reports the slot and the bits it did not use. */
    assert_found(cspace_resolve(&root, compose(to_ep, 3), 9), &root_slots[9], 3);
}

/* --- sizes ----------------------------------------------------------------------------- */

static void test_radix_10(void **state)
{
    (void)state;
    struct cap node = cnode_cap(big_slots, 10, 54, 0);
    for (unsigned i = 0; i < 1024; i++) {
        assert_found(cspace_lookup_cap(&node, i), &big_slots[i], 0);
    }
    assert_failed(cspace_lookup_cap(&node, 1024), LOOKUP_GUARD_MISMATCH, 64);
    struct cap guarded = cnode_cap(big_slots, 10, 6, 0x21);
    assert_found(cspace_lookup_slot(&guarded, (0x21u << 10) | 0x3ff, 16), &big_slots[1023], 0);
}

/* The largest CNode: allocated for the one test that needs it, freed even if it fails. */
static struct cte *max_slots;

static int free_max_slots(void **state)
{
    (void)state;
    free(max_slots);
    max_slots = 0;
    return 0;
}

static void test_radix_max(void **state)
{
    (void)state;
    unsigned radix = CAIRN_CNODE_MAX_RADIX;
    uint64_t count = 1ull << radix;
    max_slots = calloc(count, sizeof(*max_slots));
    assert_non_null(max_slots);
    struct cap node = cnode_cap(max_slots, radix, 64 - radix, 0);
    assert_found(cspace_lookup_cap(&node, 0), &max_slots[0], 0);
    assert_found(cspace_lookup_cap(&node, count / 2 + 5), &max_slots[count / 2 + 5], 0);
    assert_found(cspace_lookup_cap(&node, count - 1), &max_slots[count - 1], 0);
    assert_failed(cspace_lookup_cap(&node, count), LOOKUP_GUARD_MISMATCH, 64);
    /* With a guard above the index, in a short address. */
    node = cnode_cap(max_slots, radix, 3, 6);
    assert_found(cspace_lookup_slot(&node, (6ull << radix) | (count - 2), radix + 3),
                 &max_slots[count - 2], 0);
}

static void test_level_of_64_bits(void **state)
{
    (void)state;
    uint64_t guard = 0x0fedcba987654321ull;   /* 60 bits */
    struct cap node = cnode_cap(leaf_slots, 4, 60, guard);
    assert_found(cspace_lookup_cap(&node, (guard << 4) | 0xc), &leaf_slots[12], 0);
    assert_found(cspace_lookup_slot(&node, (guard << 4) | 0x1, 64), &leaf_slots[1], 0);
    assert_failed(cspace_lookup_cap(&node, ((guard << 4) | 0x1) ^ (1ull << 63)),
                  LOOKUP_GUARD_MISMATCH, 64);
    assert_failed(cspace_lookup_cap(&node, ((guard << 4) | 0x1) ^ (1ull << 4)),
                  LOOKUP_GUARD_MISMATCH, 64);
    /* One bit short: the guard matches, the index does not fit. */
    assert_failed(cspace_lookup_slot(&node, guard << 3, 63), LOOKUP_DEPTH_MISMATCH, 63);
    /* A 63-bit guard of all ones and radix 1. */
    struct cap wide = cnode_cap(leaf_slots, 1, 63, (1ull << 63) - 1);
    assert_found(cspace_lookup_cap(&wide, UINT64_MAX), &leaf_slots[1], 0);
    assert_found(cspace_lookup_cap(&wide, UINT64_MAX - 1), &leaf_slots[0], 0);
    assert_failed(cspace_lookup_cap(&wide, UINT64_MAX >> 1), LOOKUP_GUARD_MISMATCH, 64);
}

static void test_cnode_naming_itself(void **state)
{
    (void)state;
    /* Slot 0 of a radix-4 CNode names the CNode: a zero address goes round 16 times. */
    struct cap root = cnode_cap(leaf_slots, 4, 0, 0);
    leaf_slots[0].cap = root;
    assert_found(cspace_lookup_cap(&root, 0), &leaf_slots[0], 0);
    assert_found(cspace_lookup_cap(&root, 0x5), &leaf_slots[5], 0);
    assert_found(cspace_lookup_cap(&root, 0x50), &leaf_slots[5], 4);
    assert_failed(cspace_lookup_slot(&root, 0, 62), LOOKUP_DEPTH_MISMATCH, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_boot_root_every_slot, clear_cnodes),
        cmocka_unit_test_setup(test_boot_root_guard_mismatch, clear_cnodes),
        cmocka_unit_test_setup(test_nonzero_guard, clear_cnodes),
        cmocka_unit_test_setup(test_depth_mismatch, clear_cnodes),
        cmocka_unit_test_setup(test_invalid_root, clear_cnodes),
        cmocka_unit_test_setup(test_two_levels, clear_cnodes),
        cmocka_unit_test_setup(test_three_levels, clear_cnodes),
        cmocka_unit_test_setup(test_inspect_only_stops_walks, clear_cnodes),
        cmocka_unit_test_setup(test_lookup_cap_stops_early, clear_cnodes),
        cmocka_unit_test_setup(test_lookup_slot_rejects_leftover_bits, clear_cnodes),
        cmocka_unit_test_setup(test_radix_10, clear_cnodes),
        cmocka_unit_test_setup_teardown(test_radix_max, clear_cnodes, free_max_slots),
        cmocka_unit_test_setup(test_level_of_64_bits, clear_cnodes),
        cmocka_unit_test_setup(test_cnode_naming_itself, clear_cnodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
