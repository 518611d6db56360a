/*
 * test_cspace_random.c: many random addresses and depths over a random graph of CNodes,
 * checked against a reference resolver that reads the address one bit at a time; the
 * fastpath's walk (cspace_lookup_cap_fast) against the same reference.
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
 * guard does not fit or differs, a depth mismatch if the index does not fit; bits left
 * at a CNode capability without the write right (inspect-only) end the walk.
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
        if (!(slot->cap.rights & CAIRN_RIGHT_WRITE)) {
            return (struct expected){LOOKUP_INSPECT_ONLY, 0, depth - used};
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

/* A capability to CNode n with a random guard: mostly short, sometimes very long;
 * one in eight is inspect-only. */
static struct cap random_cnode_cap(uint64_t *seed, unsigned n)
{
    unsigned radix = node_radix[n];
    unsigned guard_bits = pick(seed, 4) == 0 ? pick(seed, 65 - radix) : pick(seed, 7);
    uint64_t guard = pick(seed, 3) == 0 ? 0 : low_bits(next_random(seed), guard_bits);
    struct cap c = cnode_cap(nodes[n], radix, guard_bits, guard);
    if (pick(seed, 8) == 0) {
        c.rights = CAIRN_RIGHT_READ;
    }
    return c;
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
    unsigned found, found_early, guard, depth, invalid, inspect_only;
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
    t->inspect_only += e.failure == LOOKUP_INSPECT_ONLY;
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
    print_message("found %u, found early %u, guard %u, depth %u, invalid root %u, "
                  "inspect-only %u\n", t.found, t.found_early, t.guard, t.depth, t.invalid,
                  t.inspect_only);
    assert_true(t.found > 1000 && t.found_early > 1000);
    assert_true(t.guard > 1000 && t.depth > 1000 && t.invalid > 100 && t.inspect_only > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
