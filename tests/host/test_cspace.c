/*
 * test_cspace.c: capability address lookup through CNodes. Known answers for one, two and
 * three levels with guards, each way a lookup fails (invalid root, guard mismatch, depth
 * mismatch, leftover bits), large radices and a level that takes all 64 bits; then many
 * random addresses and depths over a random graph of CNodes, checked against a reference
 * resolver that reads the address one bit at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

static struct cap cnode_cap(struct cte *slots, unsigned radix, unsigned guard_bits,
                            uint64_t guard)
{
    return (struct cap){.type = CAP_CNODE, .rights = CAIRN_RIGHTS_ALL,
                        .size_bits = (uint8_t)radix, .guard_bits = (uint8_t)guard_bits,
                        .object = (uint64_t)(uintptr_t)slots, .data = guard};
}

static struct cap endpoint_cap(uint64_t object)
{
    return (struct cap){.type = CAP_ENDPOINT, .rights = CAIRN_RIGHTS_ALL, .object = object};
}

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

/* --- random addresses against a reference ---------------------------------------------- */

#define NODES 8
#define NODE_SLOTS 1024
#define RANDOM_CASES 30000

static _Alignas(SLOT_ALIGN) struct cte nodes[NODES][NODE_SLOTS];
static unsigned node_radix[NODES];

struct expected {
    unsigned failure;
    const struct cte *slot;
    unsigned bits_left;
};

/* Bit number `at` of the address, counting from its most significant (depth-1) bit. */
static unsigned address_bit(uint64_t cptr, unsigned depth, unsigned at)
{
    unsigned position = depth - 1 - at;
    return (unsigned)(cptr >> position) & 1u;
}

/* count address bits from `at` on, as a number. */
static uint64_t address_bits(uint64_t cptr, unsigned depth, unsigned at, unsigned count)
{
    uint64_t value = 0;
    for (unsigned i = 0; i < count; i++) {
        value = (value << 1) | address_bit(cptr, depth, at + i);
    }
    return value;
}

/*
 * The reference: seL4's rule applied to the address as a string of depth bits read one
 * at a time. Each CNode takes its guard, then its radix; it is a guard mismatch if the
 * guard does not fit or differs, a depth mismatch if the index does not fit.
 */
static struct expected reference(const struct cap *root, uint64_t cptr, unsigned depth)
{
    if (root->type != CAP_CNODE) {
        return (struct expected){LOOKUP_INVALID_ROOT, 0, 0};
    }
    const struct cap *node = root;
    unsigned used = 0;
    for (;;) {
        unsigned remaining = depth - used;
        if (node->guard_bits > remaining ||
            address_bits(cptr, depth, used, node->guard_bits) != node->data) {
            return (struct expected){LOOKUP_GUARD_MISMATCH, 0, remaining};
        }
        if (node->guard_bits + node->size_bits > remaining) {
            return (struct expected){LOOKUP_DEPTH_MISMATCH, 0, remaining};
        }
        used += node->guard_bits;
        uint64_t index = address_bits(cptr, depth, used, node->size_bits);
        used += node->size_bits;
        const struct cte *slot = (const struct cte *)(uintptr_t)node->object + index;
        if (used == depth || slot->cap.type != CAP_CNODE) {
            return (struct expected){LOOKUP_OK, slot, depth - used};
        }
        node = &slot->cap;
    }
}

static uint64_t next_random(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

static unsigned pick(uint64_t *seed, unsigned n)
{
    return (unsigned)(next_random(seed) % n);
}

static uint64_t low_bits(uint64_t value, unsigned width)
{
    return width >= 64 ? value : value & ((1ull << width) - 1);
}

/* A capability to CNode n with a random guard: mostly short, sometimes very long. */
static struct cap random_cnode_cap(uint64_t *seed, unsigned n)
{
    unsigned radix = node_radix[n];
    unsigned guard_bits = pick(seed, 4) == 0 ? pick(seed, 65 - radix) : pick(seed, 7);
    uint64_t guard = pick(seed, 3) == 0 ? 0 : low_bits(next_random(seed), guard_bits);
    return cnode_cap(nodes[n], radix, guard_bits, guard);
}

/* Radices 1..7 and one of 10; slots empty, endpoints, or CNode caps (cycles included). */
static void random_graph(uint64_t *seed)
{
    memset(nodes, 0, sizeof(nodes));
    for (unsigned n = 0; n < NODES; n++) {
        node_radix[n] = n == NODES - 1 ? 10 : 1 + n;
    }
    for (unsigned n = 0; n < NODES; n++) {
        for (unsigned i = 0; i < (1u << node_radix[n]); i++) {
            unsigned kind = pick(seed, 10);
            if (kind < 5) {
                nodes[n][i].cap = random_cnode_cap(seed, pick(seed, NODES));
            } else if (kind < 8) {
                nodes[n][i].cap = endpoint_cap(0x10000 + n * 0x1000 + i);
            }
        }
    }
}

/*
 * A random walk down from root, written from the top of a word: each level's guard (as
 * the capability has it) and a random index. Stops at random, at a slot that is not a
 * CNode, or where the next level would not fit. The bits after the walk are random.
 * Returns the bits the walk used.
 */
static unsigned random_path(uint64_t *seed, const struct cap *root, uint64_t *top)
{
    *top = next_random(seed);
    const struct cap *node = root;
    unsigned used = 0;
    while (node->type == CAP_CNODE) {
        unsigned level = node->guard_bits + node->size_bits;
        if (used + level > 64) {
            break;
        }
        unsigned index = pick(seed, 1u << node->size_bits);
        uint64_t field = (node->data << node->size_bits) | index;
        unsigned end = 64 - used - level;   /* the field's lowest bit */
        uint64_t mask = low_bits(UINT64_MAX, level) << end;
        *top = (*top & ~mask) | ((field << end) & mask);
        used += level;
        if (pick(seed, 3) == 0) {
            break;
        }
        node = &((const struct cte *)(uintptr_t)node->object)[index].cap;
    }
    return used;
}

/* A depth (1..64) at the end of a path of `used` bits, a little short of it, past it,
 * or anywhere. */
static unsigned random_depth(uint64_t *seed, unsigned used)
{
    unsigned choice = pick(seed, 4);
    if (choice == 0 && used > 0) {
        return used;
    }
    if (choice == 1 && used > 1) {
        unsigned most = used - 1 < 8 ? used - 1 : 8;
        return used - 1 - pick(seed, most);
    }
    if (choice == 2 && used < 64) {
        return used + 1 + pick(seed, 64 - used);
    }
    return 1 + pick(seed, 64);
}

/* The top depth bits of top as a depth-bit address, with random bits above it and
 * sometimes one address bit flipped. */
static uint64_t as_address(uint64_t *seed, uint64_t top, unsigned depth)
{
    uint64_t cptr = top >> (64 - depth);
    cptr |= next_random(seed) & ~low_bits(UINT64_MAX, depth);
    if (pick(seed, 4) == 0) {
        cptr ^= 1ull << pick(seed, depth);
    }
    return cptr;
}

static void check_case(const struct cap *root, uint64_t cptr, unsigned depth)
{
    struct expected want = reference(root, cptr, depth);
    struct lookup_result got = cspace_resolve(root, cptr, depth);
    if (got.failure != want.failure || got.slot != want.slot ||
        (want.failure != LOOKUP_INVALID_ROOT && got.bits_left != want.bits_left)) {
        fail_msg("resolve(cptr %#llx, depth %u): got failure %u slot %p left %u, "
                 "want %u %p %u", (unsigned long long)cptr, depth, got.failure,
                 (void *)got.slot, got.bits_left, want.failure, (const void *)want.slot,
                 want.bits_left);
    }
    struct expected slot_want = want;
    if (want.failure == LOOKUP_OK && want.bits_left != 0) {
        slot_want = (struct expected){LOOKUP_DEPTH_MISMATCH, 0, want.bits_left};
    }
    if (depth == CAIRN_WORD_BITS) {   /* how an invoked capability is looked up */
        const struct cte *fast = cspace_lookup_cap_fast(root, cptr);
        const struct cte *reference_slot = want.failure == LOOKUP_OK ? want.slot : NULL;
        if (fast != reference_slot) {
            fail_msg("lookup_cap_fast(cptr %#llx): got %p, want %p", (unsigned long long)cptr,
                     (const void *)fast, (const void *)reference_slot);
        }
    }
    struct lookup_result slot = cspace_lookup_slot(root, cptr, depth);
    assert_int_equal(slot.failure, slot_want.failure);
    assert_ptr_equal(slot.slot, slot_want.slot);
    if (slot_want.failure != LOOKUP_INVALID_ROOT) {
        assert_int_equal(slot.bits_left, slot_want.bits_left);
    }
}

/* How often each outcome came up, so the test knows it covered them all. */
struct tally {
    unsigned found, found_early, guard, depth, invalid;
};

static void count_outcome(struct tally *t, const struct cap *root, uint64_t cptr,
                          unsigned depth)
{
    struct expected e = reference(root, cptr, depth);
    t->found += e.failure == LOOKUP_OK && e.bits_left == 0;
    t->found_early += e.failure == LOOKUP_OK && e.bits_left != 0;
    t->guard += e.failure == LOOKUP_GUARD_MISMATCH;
    t->depth += e.failure == LOOKUP_DEPTH_MISMATCH;
    t->invalid += e.failure == LOOKUP_INVALID_ROOT;
}

static void test_random_against_reference(void **state)
{
    (void)state;
    uint64_t seed = 0x853c49e6748fea9bull;
    struct tally t = {0};
    for (unsigned round = 0; round < RANDOM_CASES; round++) {
        if (round % 1000 == 0) {
            random_graph(&seed);
        }
        struct cap root = random_cnode_cap(&seed, pick(&seed, NODES));
        if (pick(&seed, 50) == 0) {
            root = endpoint_cap(0x9000);
        }
        uint64_t top;
        unsigned used = random_path(&seed, &root, &top);
        if (pick(&seed, 8) == 0) {
            top = next_random(&seed);   /* an address unrelated to the graph */
        }
        unsigned depth = random_depth(&seed, used);
        uint64_t cptr = as_address(&seed, top, depth);
        check_case(&root, cptr, depth);
        count_outcome(&t, &root, cptr, depth);
        /* The path as an invoked capability's address: all 64 bits. */
        uint64_t word = as_address(&seed, top, 64);
        struct expected want = reference(&root, word, 64);
        struct lookup_result got = cspace_lookup_cap(&root, word);
        assert_int_equal(got.failure, want.failure);
        assert_ptr_equal(got.slot, want.slot);
        if (want.failure != LOOKUP_INVALID_ROOT) {
            assert_int_equal(got.bits_left, want.bits_left);
        }
        assert_ptr_equal(cspace_lookup_cap_fast(&root, word),
                         want.failure == LOOKUP_OK ? want.slot : NULL);
        count_outcome(&t, &root, word, 64);
    }
    print_message("found %u, found early %u, guard %u, depth %u, invalid root %u\n", t.found,
                  t.found_early, t.guard, t.depth, t.invalid);
    assert_true(t.found > 1000 && t.found_early > 1000);
    assert_true(t.guard > 1000 && t.depth > 1000 && t.invalid > 100);
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
        cmocka_unit_test_setup(test_lookup_cap_stops_early, clear_cnodes),
        cmocka_unit_test_setup(test_lookup_slot_rejects_leftover_bits, clear_cnodes),
        cmocka_unit_test_setup(test_radix_10, clear_cnodes),
        cmocka_unit_test_setup_teardown(test_radix_max, clear_cnodes, free_max_slots),
        cmocka_unit_test_setup(test_level_of_64_bits, clear_cnodes),
        cmocka_unit_test_setup(test_cnode_naming_itself, clear_cnodes),
        cmocka_unit_test_setup(test_random_against_reference, clear_cnodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
