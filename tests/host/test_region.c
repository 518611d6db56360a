/*
 * test_region.c: region sets (add with merging, remove with splitting, a full set,
 * alignment, taking aligned pieces) and the untyped decomposition, checked both on
 * known answers and against the block rules on many generated sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "region.h"

#define MAX_BLOCKS 4096

/* Requires the set's first count regions to be expected (base, end pairs). */
static void assert_first(const struct region_set *set, const uint64_t (*expected)[2],
                         unsigned count)
{
    assert_true(set->count >= count);
    for (unsigned i = 0; i < count; i++) {
        assert_int_equal(set->regions[i].base, expected[i][0]);
        assert_int_equal(set->regions[i].end, expected[i][1]);
    }
}

/* Requires the set to hold exactly the ranges in expected. */
static void assert_set(const struct region_set *set, const uint64_t (*expected)[2],
                       unsigned count)
{
    assert_int_equal(set->count, count);
    assert_first(set, expected, count);
}

/* The set invariant: sorted, disjoint, non-touching, none empty. */
static void assert_well_formed(const struct region_set *set)
{
    assert_true(set->count <= REGION_MAX);
    for (unsigned i = 0; i < set->count; i++) {
        assert_true(set->regions[i].base < set->regions[i].end);
        if (i > 0) {
            assert_true(set->regions[i - 1].end < set->regions[i].base);
        }
    }
}

/* A set of n regions [k * 0x10000 + head, k * 0x10000 + 0x1000) for k = 1 .. n. */
static void fill(struct region_set *set, unsigned n, uint64_t head)
{
    memset(set, 0, sizeof(*set));
    for (unsigned k = 1; k <= n; k++) {
        assert_true(region_add(set, k * 0x10000ull + head, k * 0x10000ull + 0x1000));
    }
    assert_int_equal(set->count, n);
}

static void test_add_disjoint_sorted(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x5000, 0x6000));
    assert_true(region_add(&set, 0x1000, 0x2000));
    assert_true(region_add(&set, 0x9000, 0xa000));
    assert_true(region_add(&set, 0x3000, 0x3000));   /* empty: nothing added */
    assert_true(region_add(&set, 0x4000, 0x3000));   /* reversed: nothing added */
    static const uint64_t want[][2] = {{0x1000, 0x2000}, {0x5000, 0x6000}, {0x9000, 0xa000}};
    assert_set(&set, want, 3);
    assert_int_equal(region_total(&set), 0x3000);
}

static void test_add_merges(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x1000, 0x2000));
    assert_true(region_add(&set, 0x2000, 0x3000));   /* touches on the right */
    assert_true(region_add(&set, 0x0800, 0x1000));   /* touches on the left */
    static const uint64_t one[][2] = {{0x0800, 0x3000}};
    assert_set(&set, one, 1);
    assert_true(region_add(&set, 0x2800, 0x4000));   /* overlaps the end */
    assert_true(region_add(&set, 0x1000, 0x1800));   /* already inside */
    static const uint64_t grown[][2] = {{0x0800, 0x4000}};
    assert_set(&set, grown, 1);
    assert_true(region_add(&set, 0x8000, 0x9000));
    assert_true(region_add(&set, 0xa000, 0xb000));
    assert_true(region_add(&set, 0x3000, 0xa000));   /* bridges all three */
    static const uint64_t bridged[][2] = {{0x0800, 0xb000}};
    assert_set(&set, bridged, 1);
}

static void test_remove_splits(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x1000, 0x9000));
    assert_true(region_remove(&set, 0x3000, 0x4000));
    static const uint64_t split[][2] = {{0x1000, 0x3000}, {0x4000, 0x9000}};
    assert_set(&set, split, 2);
    assert_true(region_remove(&set, 0x1000, 0x2000));   /* the front */
    assert_true(region_remove(&set, 0x8000, 0xa000));   /* past the end */
    assert_true(region_remove(&set, 0x0, 0x800));       /* nothing there */
    assert_true(region_remove(&set, 0x5000, 0x5000));   /* empty */
    static const uint64_t trimmed[][2] = {{0x2000, 0x3000}, {0x4000, 0x8000}};
    assert_set(&set, trimmed, 2);
    assert_int_equal(region_total(&set), 0x5000);
}

static void test_remove_across_regions(void **state)
{
    (void)state;
    struct region_set set;
    fill(&set, 5, 0);   /* [10000,11000) [20000,21000) ... [50000,51000) */
    assert_true(region_remove(&set, 0x20800, 0x40800));
    static const uint64_t want[][2] = {
        {0x10000, 0x11000}, {0x20000, 0x20800}, {0x40800, 0x41000}, {0x50000, 0x51000}};
    assert_set(&set, want, 4);
    assert_true(region_remove(&set, 0, UINT64_MAX));
    assert_int_equal(set.count, 0);
    assert_int_equal(region_total(&set), 0);
}

static void test_full_set(void **state)
{
    (void)state;
    struct region_set set;
    fill(&set, REGION_MAX, 0);
    struct region_set before = set;
    /* One more disjoint range does not fit, and the set is left as it was. */
    assert_false(region_add(&set, 0x1000000, 0x1001000));
    assert_memory_equal(&set, &before, sizeof(set));
    /* A hole strictly inside a region needs one more slot. */
    assert_false(region_remove(&set, 0x20400, 0x20800));
    assert_memory_equal(&set, &before, sizeof(set));
    /* Merging needs no slot. */
    assert_true(region_add(&set, 0x11000, 0x12000));
    assert_int_equal(set.count, REGION_MAX);
    assert_int_equal(set.regions[0].end, 0x12000);
    assert_true(region_add(&set, 0x11000, 0x20000));   /* joins regions 0 and 1 */
    assert_int_equal(set.count, REGION_MAX - 1);
    assert_int_equal(set.regions[0].end, 0x21000);
    assert_true(region_add(&set, 0x1000000, 0x1001000));
    assert_int_equal(set.count, REGION_MAX);
    /* Trimming an end needs no slot either. */
    assert_true(region_remove(&set, 0x30800, 0x31000));
    assert_int_equal(set.regions[1].end, 0x30800);
    assert_well_formed(&set);
}

static void test_align(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x1001, 0x5fff));
    assert_true(region_add(&set, 0x7100, 0x7f00));    /* no whole page inside */
    assert_true(region_add(&set, 0x9000, 0xb000));    /* already aligned */
    assert_true(region_add(&set, 0xc800, 0xe000));
    region_align(&set, 0x1000);
    static const uint64_t want[][2] = {
        {0x2000, 0x5000}, {0x9000, 0xb000}, {0xd000, 0xe000}};
    assert_set(&set, want, 3);
    region_align(&set, 0x2000);
    static const uint64_t coarser[][2] = {{0x2000, 0x4000}};
    assert_set(&set, coarser, 1);
}

static void test_align_near_top(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, UINT64_MAX - 0x2800, UINT64_MAX));
    region_align(&set, 0x1000);
    static const uint64_t want[][2] = {{UINT64_MAX - 0x1fff, UINT64_MAX - 0xfff}};
    assert_set(&set, want, 1);
    memset(&set, 0, sizeof(set));
    assert_true(region_add(&set, UINT64_MAX - 0x800, UINT64_MAX));
    region_align(&set, 0x1000);   /* rounding the base up wraps to 0: must not survive */
    assert_int_equal(set.count, 0);
}

static void test_take(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x80001000, 0x80010000));
    assert_true(region_add(&set, 0x80100000, 0x80400000));
    /* From the front of the lowest region. */
    assert_int_equal(region_take(&set, 0x1000, 0x1000), 0x80001000);
    assert_int_equal(set.regions[0].base, 0x80002000);
    /* Aligned beyond the first region's reach: cut out of the middle of the second. */
    assert_int_equal(region_take(&set, 0x100000, 0x200000), 0x80200000);
    static const uint64_t want[][2] = {
        {0x80002000, 0x80010000}, {0x80100000, 0x80200000}, {0x80300000, 0x80400000}};
    assert_set(&set, want, 3);
    /* Too big for any region, or alignment that leaves too little: 0, set unchanged. */
    struct region_set before = set;
    assert_int_equal(region_take(&set, 0x200000, 0x1000), 0);
    assert_int_equal(region_take(&set, 0x100000, 0x400000), 0);
    assert_memory_equal(&set, &before, sizeof(set));
    /* Taking a whole region removes it. */
    assert_int_equal(region_take(&set, 0xe000, 0x1000), 0x80002000);
    assert_int_equal(set.count, 2);
    assert_int_equal(set.regions[0].base, 0x80100000);
}

static void test_take_aligned_middle(void **state)
{
    (void)state;
    struct region_set set = {0};
    assert_true(region_add(&set, 0x1000, 0x10000));
    assert_int_equal(region_take(&set, 0x2000, 0x4000), 0x4000);
    static const uint64_t want[][2] = {{0x1000, 0x4000}, {0x6000, 0x10000}};
    assert_set(&set, want, 2);
    assert_int_equal(region_take(&set, 0x2000, 0x4000), 0x8000);
    assert_int_equal(region_take(&set, 0x4000, 0x4000), 0xc000);
    static const uint64_t after[][2] = {{0x1000, 0x4000}, {0x6000, 0x8000}, {0xa000, 0xc000}};
    assert_set(&set, after, 3);
    assert_int_equal(region_total(&set), 0x7000);
}

static void test_take_full_set(void **state)
{
    (void)state;
    struct region_set set;
    fill(&set, REGION_MAX, 0x100);
    struct region_set before = set;
    /* Aligned pieces sit mid-region: each cut needs a slot the full set lacks. */
    assert_int_equal(region_take(&set, 0x400, 0x400), 0);
    assert_memory_equal(&set, &before, sizeof(set));
    /* A piece that ends where its region ends only trims it. */
    assert_int_equal(region_take(&set, 0x800, 0x800), 0x10800);
    assert_int_equal(set.regions[0].end, 0x10800);
    assert_int_equal(set.count, REGION_MAX);
    /* With one slot free the mid-region cut works. */
    assert_true(region_remove(&set, 0x100000, 0x101000));
    assert_int_equal(region_take(&set, 0x200, 0x400), 0x10400);
    static const uint64_t want[][2] = {
        {0x10100, 0x10400}, {0x10600, 0x10800}, {0x20100, 0x21000}};
    assert_int_equal(set.count, REGION_MAX);
    assert_first(&set, want, 3);
    assert_well_formed(&set);
}

/* --- untyped decomposition ----------------------------------------------------------- */

struct block {
    uint64_t base;
    unsigned bits;
};

struct blocks {
    struct block list[MAX_BLOCKS];
    unsigned count;
};

static void record_block(void *context, uint64_t base, unsigned size_bits)
{
    struct blocks *b = context;
    assert_true(b->count < MAX_BLOCKS);
    b->list[b->count++] = (struct block){base, size_bits};
}

static void test_split_known(void **state)
{
    (void)state;
    struct region_set set = {0};
    struct blocks b = {.count = 0};
    assert_true(region_add(&set, 0x80080000, 0x80300000));
    assert_int_equal(region_split_untyped(&set, 12, 63, record_block, &b), 0);
    assert_int_equal(b.count, 3);
    assert_int_equal(b.list[0].base, 0x80080000);
    assert_int_equal(b.list[0].bits, 19);
    assert_int_equal(b.list[1].base, 0x80100000);
    assert_int_equal(b.list[1].bits, 20);
    assert_int_equal(b.list[2].base, 0x80200000);
    assert_int_equal(b.list[2].bits, 20);
}

static void test_split_max_bits(void **state)
{
    (void)state;
    struct region_set set = {0};
    struct blocks b = {.count = 0};
    assert_true(region_add(&set, 0x80000000, 0x80400000));   /* one 4 MiB block */
    assert_int_equal(region_split_untyped(&set, 12, 20, record_block, &b), 0);
    assert_int_equal(b.count, 4);
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(b.list[i].base, 0x80000000 + i * 0x100000ull);
        assert_int_equal(b.list[i].bits, 20);
    }
}

static void test_split_skips_small(void **state)
{
    (void)state;
    struct region_set set = {0};
    struct blocks b = {.count = 0};
    assert_true(region_add(&set, 0x1800, 0x4400));   /* 0x800 head, 0x400 tail unaligned */
    assert_true(region_add(&set, 0x8000, 0x8100));   /* too small altogether */
    uint64_t skipped = region_split_untyped(&set, 12, 63, record_block, &b);
    assert_int_equal(skipped, 0x800 + 0x400 + 0x100);
    assert_int_equal(b.count, 1);
    assert_int_equal(b.list[0].base, 0x2000);
    assert_int_equal(b.list[0].bits, 13);
}

static void test_split_zero_base(void **state)
{
    (void)state;
    struct region_set set = {0};
    struct blocks b = {.count = 0};
    assert_true(region_add(&set, 0, 0x3000));
    assert_int_equal(region_split_untyped(&set, 12, 63, record_block, &b), 0);
    assert_int_equal(b.count, 2);
    assert_int_equal(b.list[0].base, 0);
    assert_int_equal(b.list[0].bits, 13);
    assert_int_equal(b.list[1].base, 0x2000);
    assert_int_equal(b.list[1].bits, 12);
}

/* A small deterministic generator for the property test. */
static uint64_t next_random(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

static void random_set(struct region_set *set, uint64_t *seed)
{
    memset(set, 0, sizeof(*set));
    unsigned n = 1 + (unsigned)(next_random(seed) % 6);
    for (unsigned i = 0; i < n; i++) {
        uint64_t base = 0x80000000 + (next_random(seed) % 0x4000000);
        uint64_t size = 1 + next_random(seed) % 0x800000;
        if (next_random(seed) % 2) {
            base &= ~0xfffull;
            size = (size + 0xfff) & ~0xfffull;
        }
        region_add(set, base, base + size);
        assert_well_formed(set);
    }
}

/* Blocks come in order; two equal buddies that could have been one block mean the
 * decomposition was not the fewest. */
static void check_neighbours(const struct block *a, const struct block *k, unsigned max_bits)
{
    uint64_t a_end = a->base + (1ull << a->bits);
    assert_true(a_end <= k->base);
    bool buddies = a_end == k->base && a->bits == k->bits &&
                   (a->base & ((2ull << a->bits) - 1)) == 0;
    assert_false(buddies && a->bits + 1 <= max_bits);
}

/* Blocks are aligned powers of two within bounds, in order, inside the set, and
 * together with the skipped bytes they account for every byte. */
static void check_blocks(const struct region_set *set, const struct blocks *b,
                         unsigned min_bits, unsigned max_bits, uint64_t skipped)
{
    uint64_t covered = 0;
    unsigned r = 0;
    for (unsigned i = 0; i < b->count; i++) {
        const struct block *k = &b->list[i];
        uint64_t size = 1ull << k->bits;
        assert_true(k->bits >= min_bits && k->bits <= max_bits);
        assert_int_equal(k->base & (size - 1), 0);
        while (r < set->count && set->regions[r].end <= k->base) {
            r++;
        }
        assert_true(r < set->count);
        assert_true(k->base >= set->regions[r].base && size <= set->regions[r].end - k->base);
        if (i > 0) {
            check_neighbours(&b->list[i - 1], k, max_bits);
        }
        covered += size;
    }
    assert_int_equal(covered + skipped, region_total(set));
}

static void test_split_properties(void **state)
{
    (void)state;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (unsigned round = 0; round < 2000; round++) {
        struct region_set set;
        static struct blocks b;
        b.count = 0;
        random_set(&set, &seed);
        unsigned min_bits = 12;
        unsigned max_bits = 14 + (unsigned)(next_random(&seed) % 20);
        uint64_t skipped = region_split_untyped(&set, min_bits, max_bits, record_block, &b);
        check_blocks(&set, &b, min_bits, max_bits, skipped);
        /* Aligned to the smallest block size, nothing is lost. */
        region_align(&set, 1ull << min_bits);
        b.count = 0;
        skipped = region_split_untyped(&set, min_bits, max_bits, record_block, &b);
        assert_int_equal(skipped, 0);
        check_blocks(&set, &b, min_bits, max_bits, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_disjoint_sorted),
        cmocka_unit_test(test_add_merges),
        cmocka_unit_test(test_remove_splits),
        cmocka_unit_test(test_remove_across_regions),
        cmocka_unit_test(test_full_set),
        cmocka_unit_test(test_align),
        cmocka_unit_test(test_align_near_top),
        cmocka_unit_test(test_take),
        cmocka_unit_test(test_take_aligned_middle),
        cmocka_unit_test(test_take_full_set),
        cmocka_unit_test(test_split_known),
        cmocka_unit_test(test_split_max_bits),
        cmocka_unit_test(test_split_skips_small),
        cmocka_unit_test(test_split_zero_base),
        cmocka_unit_test(test_split_properties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
