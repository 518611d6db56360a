/*
 * test_heap.c: lib/heap on known answers (init edge cases, alignment, exhaustion and
 * reuse, splitting and coalescing in every order, calloc, every kind of bad free, the
 * counters, a damaged header) and against a model over thousands of random steps, with
 * heap_check after each one and fill patterns that expose any overlap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "heap.h"

#define REGION_SIZE 65536u

static _Alignas(16) unsigned char region[REGION_SIZE];

/* A fresh heap over the first size bytes of region (where earlier tests left blocks). */
static struct heap fresh(size_t size)
{
    struct heap h;
    assert_true(heap_init(&h, region, size));
    assert_true(heap_check(&h));
    return h;
}

/* The largest allocation a heap of this size can make: one block of all of it. */
static size_t whole(size_t size)
{
    return (size & ~(size_t)15) - HEAP_OVERHEAD;
}

static void assert_empty(const struct heap *h)
{
    struct heap_stats s = heap_stats(h);
    assert_true(heap_check(h));
    assert_int_equal(s.used, 0);
    assert_int_equal(s.free, s.size);
    assert_int_equal(s.largest_free, whole(s.size));
}

/* ---- set-up --------------------------------------------------------------------- */

static void test_init_rejects_bad_regions(void **state)
{
    (void)state;
    struct heap h;
    assert_false(heap_init(&h, NULL, 4096));
    assert_false(heap_init(&h, region + 8, 4096));
    assert_false(heap_init(&h, region + 1, 4096));
    assert_false(heap_init(&h, region, HEAP_MIN_SIZE - 1));
    assert_false(heap_init(&h, region, 0));
    assert_false(heap_init(NULL, region, 4096));
    /* A range that would wrap around the address space (never touched: refused first). */
    assert_false(heap_init(&h, (void *)(UINTPTR_MAX & ~(uintptr_t)15), 4096));
}

static void test_init_smallest_and_trimmed(void **state)
{
    (void)state;
    struct heap h = fresh(HEAP_MIN_SIZE);
    assert_int_equal(heap_stats(&h).size, HEAP_MIN_SIZE);
    assert_int_equal(heap_stats(&h).largest_free, HEAP_MIN_SIZE - HEAP_OVERHEAD);
    void *p = heap_alloc(&h, HEAP_MIN_SIZE - HEAP_OVERHEAD);
    assert_non_null(p);
    assert_null(heap_alloc(&h, 1));
    heap_free(&h, p);
    assert_empty(&h);

    h = fresh(1000);   /* trimmed to 992 */
    assert_int_equal(heap_stats(&h).size, 992);
    assert_empty(&h);
}

/* ---- allocating ----------------------------------------------------------------- */

static void test_alignment_and_bounds(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    for (size_t bytes = 1; bytes <= 300; bytes++) {
        unsigned char *p = heap_alloc(&h, bytes);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
        assert_true(p >= region && p + bytes <= region + REGION_SIZE);
        memset(p, 0xab, bytes);
    }
    assert_true(heap_check(&h));
}

static void test_zero_and_absurd_sizes(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    size_t absurd[] = {SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - HEAP_OVERHEAD, SIZE_MAX / 2,
                       REGION_SIZE, whole(REGION_SIZE) + 1};
    assert_null(heap_alloc(&h, 0));
    for (size_t i = 0; i < sizeof(absurd) / sizeof(absurd[0]); i++) {
        assert_null(heap_alloc(&h, absurd[i]));
    }
    struct heap_stats s = heap_stats(&h);
    assert_int_equal(s.failures, 1 + sizeof(absurd) / sizeof(absurd[0]));
    assert_int_equal(s.allocations, 0);
    assert_empty(&h);
    assert_non_null(heap_alloc(&h, whole(REGION_SIZE)));   /* exactly all of it */
    assert_true(heap_check(&h));
}

static void test_exhaustion_then_reuse(void **state)
{
    (void)state;
    static void *blocks[REGION_SIZE / 64 + 1];   /* and the NULL that ends it */
    struct heap h = fresh(REGION_SIZE);
    for (int round = 0; round < 3; round++) {
        size_t n = 0;
        while ((blocks[n] = heap_alloc(&h, 40)) != NULL) {
            n++;
        }
        /* 40 bytes take a 64-byte block, and those tile the region exactly. */
        assert_int_equal(n, REGION_SIZE / 64);
        assert_int_equal(heap_stats(&h).largest_free, 0);
        assert_true(heap_check(&h));
        for (size_t i = 0; i < n; i += 2) {
            heap_free(&h, blocks[i]);
        }
        for (size_t i = 1; i < n; i += 2) {
            heap_free(&h, blocks[i]);
        }
        assert_empty(&h);
    }
}

static void test_split_takes_only_what_is_asked(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    void *p = heap_alloc(&h, 100);   /* 100 + 24 rounds up to a 128-byte block */
    struct heap_stats s = heap_stats(&h);
    assert_int_equal(s.used, 128);
    assert_int_equal(s.largest_free, whole(REGION_SIZE) - 128);
    /* A remainder too small to be a block goes with the allocation. */
    void *rest = heap_alloc(&h, s.largest_free - 20);
    assert_non_null(rest);
    assert_int_equal(heap_stats(&h).used, REGION_SIZE);
    heap_free(&h, p);
    heap_free(&h, rest);
    assert_empty(&h);
}

/*
 * Allocates four neighbouring blocks after a free one (the heap's first 64 bytes) and
 * frees them in the order perm gives, checking after every step: whatever the order,
 * the merges must leave one free block of the whole region.
 */
static void free_in_order(const unsigned perm[4])
{
    struct heap h = fresh(5 * 64);
    void *p[4];
    for (int i = 0; i < 4; i++) {
        p[i] = heap_alloc(&h, 40);
        assert_non_null(p[i]);
    }
    assert_int_equal(heap_stats(&h).largest_free, 64 - HEAP_OVERHEAD);
    for (int i = 0; i < 4; i++) {
        heap_free(&h, p[perm[i]]);
        assert_true(heap_check(&h));
    }
    assert_empty(&h);
}

static void test_coalescing_in_every_order(void **state)
{
    (void)state;
    int orders = 0;
    for (unsigned a = 0; a < 4; a++) {
        for (unsigned b = 0; b < 4; b++) {
            for (unsigned c = 0; c < 4; c++) {
                if (a == b || a == c || b == c) {
                    continue;
                }
                const unsigned perm[4] = {a, b, c, 6 - a - b - c};   /* d: the one left */
                free_in_order(perm);
                orders++;
            }
        }
    }
    assert_int_equal(orders, 24);
}

static void test_calloc_zeroes_and_checks_overflow(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    unsigned char *dirty = heap_alloc(&h, 256);
    memset(dirty, 0xee, 256);
    heap_free(&h, dirty);
    unsigned char *p = heap_calloc(&h, 16, 16);
    assert_ptr_equal(p, dirty);   /* the same place, so the zeroes are calloc's work */
    for (int i = 0; i < 256; i++) {
        assert_int_equal(p[i], 0);
    }
    assert_null(heap_calloc(&h, SIZE_MAX / 2 + 1, 2));
    assert_null(heap_calloc(&h, 2, SIZE_MAX / 2 + 1));
    assert_null(heap_calloc(&h, (size_t)1 << 32, (size_t)1 << 32));
    assert_null(heap_calloc(&h, 0, 16));
    assert_null(heap_calloc(&h, 16, 0));
    assert_int_equal(heap_stats(&h).failures, 5);
    assert_true(heap_check(&h));
}

/* ---- bad frees ------------------------------------------------------------------ */

struct reports {
    int count;
    const void *pointer;
    enum heap_misuse why;
};

static void record(void *context, const void *pointer, enum heap_misuse why)
{
    struct reports *r = context;
    r->count++;
    r->pointer = pointer;
    r->why = why;
}

/* Frees p, which the heap must refuse for the reason given and otherwise ignore. */
static void assert_refused(struct heap *h, struct reports *r, void *p, enum heap_misuse why)
{
    struct heap_stats before = heap_stats(h);
    int count = r->count;
    heap_free(h, p);
    struct heap_stats after = heap_stats(h);
    assert_int_equal(r->count, count + 1);
    assert_ptr_equal(r->pointer, p);
    assert_int_equal(r->why, why);
    assert_int_equal(after.bad_frees, before.bad_frees + 1);
    after.bad_frees = before.bad_frees;
    assert_memory_equal(&after, &before, sizeof(before));
    assert_true(heap_check(h));
}

static void test_double_free_is_refused(void **state)
{
    (void)state;
    struct reports r = {0};
    struct heap h = fresh(REGION_SIZE);
    heap_set_report(&h, record, &r);
    char *a = heap_alloc(&h, 64), *b = heap_alloc(&h, 64), *c = heap_alloc(&h, 64);
    heap_free(&h, b);
    assert_refused(&h, &r, b, HEAP_FREE_TWICE);           /* still a block of its own */
    heap_free(&h, c);      /* c and then b join the free block before them... */
    assert_refused(&h, &r, b, HEAP_FREE_TWICE);           /* ...but b's header says so */
    heap_free(&h, a);
    assert_refused(&h, &r, a, HEAP_FREE_TWICE);
    assert_refused(&h, &r, c, HEAP_FREE_TWICE);
    assert_string_equal(heap_misuse_name(HEAP_FREE_TWICE), "already freed");
    assert_empty(&h);
}

static void test_foreign_pointers_are_refused(void **state)
{
    (void)state;
    struct reports r = {0};
    static _Alignas(16) unsigned char elsewhere[64];
    struct heap h = fresh(REGION_SIZE / 2);
    heap_set_report(&h, record, &r);
    unsigned char *p = heap_alloc(&h, 200);
    assert_refused(&h, &r, elsewhere + 16, HEAP_FREE_FOREIGN);
    assert_refused(&h, &r, region, HEAP_FREE_FOREIGN);               /* the first header */
    assert_refused(&h, &r, region + REGION_SIZE / 2, HEAP_FREE_FOREIGN);   /* just past */
    assert_refused(&h, &r, p + 8, HEAP_FREE_FOREIGN);                /* misaligned */
    memset(p, 0x5a, 200);
    assert_refused(&h, &r, p + 16, HEAP_FREE_NOT_A_BLOCK);           /* interior */
    assert_refused(&h, &r, p + 192, HEAP_FREE_NOT_A_BLOCK);
    assert_refused(&h, &r, region + 1024, HEAP_FREE_NOT_A_BLOCK);    /* inside a free block */
    assert_string_equal(heap_misuse_name(HEAP_FREE_FOREIGN), "not from this heap");
    assert_string_equal(heap_misuse_name(HEAP_FREE_NOT_A_BLOCK), "not the start of a block");
    assert_string_equal(heap_misuse_name((enum heap_misuse)0), "unknown misuse");
    heap_set_report(&h, NULL, NULL);
    heap_free(&h, elsewhere + 16);   /* counted, with nobody to tell */
    assert_int_equal(heap_stats(&h).bad_frees, 8);
    heap_free(&h, NULL);             /* not a misuse */
    assert_int_equal(heap_stats(&h).bad_frees, 8);
    heap_free(&h, p);
    assert_empty(&h);
}

static void test_damaged_header_is_found(void **state)
{
    (void)state;
    struct reports r = {0};
    struct heap h = fresh(REGION_SIZE);
    heap_set_report(&h, record, &r);
    /* 30 bytes take 64-byte blocks: 40 bytes of payload, then the 8-byte footer. */
    unsigned char *a = heap_alloc(&h, 30), *b = heap_alloc(&h, 30);
    assert_ptr_equal(b + 64, a);   /* carved from the end: b sits just before a */
    b[39] = 0;                     /* an overrun into b's slack is harmless, */
    assert_true(heap_check(&h));
    b[48] = 0;                     /* but one into a's header is not */
    assert_false(heap_check(&h));
    heap_free(&h, a);              /* and a can no longer be freed */
    assert_int_equal(r.count, 1);
    assert_int_equal(r.why, HEAP_FREE_NOT_A_BLOCK);
    assert_int_equal(heap_stats(&h).frees, 0);
}

/*
 * A write after free over a free block's list links: the heap must never write through
 * them (ASan and UBSan would stop the test), must not hand that block out, and
 * heap_check must report the damage.
 */
static void test_use_after_free_write_is_contained(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    unsigned char *x = heap_alloc(&h, 40), *a = heap_alloc(&h, 40), *b = heap_alloc(&h, 40);
    assert_ptr_equal(b + 64, a);
    assert_ptr_equal(a + 64, x);
    memset(x, 0x33, 40);
    heap_free(&h, a);              /* a free block between b and x */
    memset(a, 0x41, 16);           /* the write after free */
    heap_free(&h, b);              /* merging with a would unlink it through the garbage */
    assert_false(heap_check(&h));
    for (int i = 0; i < 3; i++) {
        unsigned char *p = heap_alloc(&h, 40);
        assert_true(p == NULL || p + 48 <= a - 16 || p - 16 >= a + 48);
    }
    heap_stats(&h);                /* walks the list up to the damage, no further */
    for (int i = 0; i < 40; i++) {
        assert_int_equal(x[i], 0x33);
    }
}

/* ---- counters ------------------------------------------------------------------- */

static void test_stats_count_everything(void **state)
{
    (void)state;
    struct heap h = fresh(REGION_SIZE);
    void *a = heap_alloc(&h, 10), *b = heap_calloc(&h, 3, 10);
    assert_null(heap_alloc(&h, REGION_SIZE));
    heap_free(&h, a);
    heap_free(&h, a);
    struct heap_stats s = heap_stats(&h);
    assert_int_equal(s.size, REGION_SIZE);
    assert_int_equal(s.used, 64);
    assert_int_equal(s.free, REGION_SIZE - 64);
    /* a's 48 bytes are free but apart: b lies between them and the rest. */
    assert_int_equal(s.largest_free, REGION_SIZE - 48 - 64 - HEAP_OVERHEAD);
    assert_int_equal(s.allocations, 2);
    assert_int_equal(s.frees, 1);
    assert_int_equal(s.failures, 1);
    assert_int_equal(s.bad_frees, 1);
    heap_free(&h, b);
    assert_empty(&h);
}

/* ---- against a model ------------------------------------------------------------ */

#define MODEL_STEPS 20000
#define MODEL_LIVE 200

struct live {
    unsigned char *p;
    size_t size;
    uint8_t pattern;
};

static uint64_t random_state = 0x243f6a8885a308d3ull;

static uint64_t random_next(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

/* Mostly small sizes, some up to a quarter of the region. */
static size_t random_size(void)
{
    uint64_t r = random_next();
    return r % 4 != 0 ? 1 + r / 4 % 128 : 1 + r / 4 % (REGION_SIZE / 4);
}

static void assert_pattern(const struct live *l)
{
    for (size_t i = 0; i < l->size; i++) {
        assert_int_equal(l->p[i], (uint8_t)(l->pattern + i));
    }
}

static void model_alloc(struct heap *h, struct live *live, size_t *count)
{
    size_t bytes = random_size();
    size_t largest = heap_stats(h).largest_free;
    unsigned char *p = heap_alloc(h, bytes);
    assert_true((p != NULL) == (bytes <= largest));
    if (p == NULL) {
        return;
    }
    assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
    struct live *l = &live[(*count)++];
    *l = (struct live){.p = p, .size = bytes, .pattern = (uint8_t)random_next()};
    for (size_t i = 0; i < bytes; i++) {
        p[i] = (uint8_t)(l->pattern + i);
    }
}

static void model_free(struct heap *h, struct live *live, size_t *count)
{
    size_t i = random_next() % *count;
    assert_pattern(&live[i]);
    heap_free(h, live[i].p);
    live[i] = live[--*count];
}

static void test_random_model(void **state)
{
    (void)state;
    static struct live live[MODEL_LIVE];
    size_t count = 0;
    struct heap h = fresh(REGION_SIZE);
    for (int step = 0; step < MODEL_STEPS; step++) {
        bool alloc = count == 0 || (count < MODEL_LIVE && random_next() % 100 < 55);
        if (alloc) {
            model_alloc(&h, live, &count);
        } else {
            model_free(&h, live, &count);
        }
        assert_true(heap_check(&h));
        struct heap_stats s = heap_stats(&h);
        assert_int_equal(s.allocations - s.frees, count);
    }
    while (count > 0) {
        model_free(&h, live, &count);
        assert_true(heap_check(&h));
    }
    assert_int_equal(heap_stats(&h).bad_frees, 0);
    assert_true(heap_stats(&h).failures > 0);   /* the run did fill the heap */
    assert_empty(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_rejects_bad_regions),
        cmocka_unit_test(test_init_smallest_and_trimmed),
        cmocka_unit_test(test_alignment_and_bounds),
        cmocka_unit_test(test_zero_and_absurd_sizes),
        cmocka_unit_test(test_exhaustion_then_reuse),
        cmocka_unit_test(test_split_takes_only_what_is_asked),
        cmocka_unit_test(test_coalescing_in_every_order),
        cmocka_unit_test(test_calloc_zeroes_and_checks_overflow),
        cmocka_unit_test(test_double_free_is_refused),
        cmocka_unit_test(test_foreign_pointers_are_refused),
        cmocka_unit_test(test_damaged_header_is_found),
        cmocka_unit_test(test_use_after_free_write_is_contained),
        cmocka_unit_test(test_stats_count_everything),
        cmocka_unit_test(test_random_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
