/*
 * fuzz_heap.c: libFuzzer target for lib/heap. The input is a program for the heap: its
 * first two bytes pick the region's size, every later byte starts an operation (alloc,
 * calloc, free, a bad free, or a check) whose arguments are the bytes after it.
 *
 * A model keeps every live allocation with its size and a fill pattern, and after every
 * operation the heap must pass heap_check and agree with the model: allocations aligned,
 * inside the region and disjoint, contents intact until freed, calloc memory zeroed, an
 * allocation refused exactly when it exceeds largest_free, and every bad free (a stale
 * pointer, an interior one, a foreign or misaligned one) refused with the heap unchanged.
 * A broken promise calls abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"

#define REGION_SIZE 16384u
#define MAX_LIVE 128u
#define STALE_KEPT 16u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct allocation {
    unsigned char *p;
    size_t size;
    uint8_t pattern;
};

/* The model, and the bytes of the program still to run. */
struct run {
    struct heap heap;
    struct allocation live[MAX_LIVE];
    unsigned live_count;
    void *stale[STALE_KEPT];      /* pointers freed lately, for double frees */
    unsigned stale_next;
    size_t bad_frees;
    const uint8_t *input;
    size_t left;
};

static _Alignas(16) unsigned char region[REGION_SIZE];

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static uint8_t next_byte(struct run *r)
{
    if (r->left == 0) {
        return 0;
    }
    r->left--;
    return *r->input++;
}

static size_t next_u16(struct run *r)
{
    size_t low = next_byte(r);
    return low | (size_t)next_byte(r) << 8;
}

/* ---- the model ------------------------------------------------------------------ */

static void fill(const struct allocation *a)
{
    for (size_t i = 0; i < a->size; i++) {
        a->p[i] = (uint8_t)(a->pattern + i);
    }
}

static void check_contents(const struct allocation *a)
{
    for (size_t i = 0; i < a->size; i++) {
        check(a->p[i] == (uint8_t)(a->pattern + i));
    }
}

/* A new allocation: aligned, inside the region, overlapping no live one. */
static void check_placement(const struct run *r, const unsigned char *p, size_t size)
{
    check((uintptr_t)p % HEAP_ALIGN == 0);
    check(p >= region && p + size <= region + REGION_SIZE);
    for (unsigned i = 0; i < r->live_count; i++) {
        const struct allocation *a = &r->live[i];
        check(p + size <= a->p || a->p + a->size <= p);
    }
}

static void remember(struct run *r, void *p, size_t size, bool zeroed)
{
    check_placement(r, p, size);
    if (zeroed) {
        for (size_t i = 0; i < size; i++) {
            check(((unsigned char *)p)[i] == 0);
        }
    }
    struct allocation *a = &r->live[r->live_count++];
    *a = (struct allocation){.p = p, .size = size, .pattern = (uint8_t)(size * 31 + 7)};
    fill(a);
}

static bool is_live(const struct run *r, const void *p)
{
    for (unsigned i = 0; i < r->live_count; i++) {
        if (r->live[i].p == p) {
            return true;
        }
    }
    return false;
}

/* ---- operations ----------------------------------------------------------------- */

/* A size from tiny to absurd; the op byte's high bits choose the scale. */
static size_t request_size(struct run *r, uint8_t op)
{
    size_t raw = next_u16(r);
    switch ((op >> 3) & 3) {
    case 0:
        return raw % 64;
    case 1:
        return raw % 1024;
    case 2:
        return raw % (REGION_SIZE + 64);
    default:
        return SIZE_MAX - raw;
    }
}

static void do_alloc(struct run *r, uint8_t op)
{
    size_t bytes = request_size(r, op);
    size_t largest = heap_stats(&r->heap).largest_free;
    void *p = heap_alloc(&r->heap, bytes);
    check((p != NULL) == (bytes != 0 && bytes <= largest));
    if (p != NULL && r->live_count < MAX_LIVE) {
        remember(r, p, bytes, false);
    } else if (p != NULL) {
        heap_free(&r->heap, p);   /* the model is full */
    }
}

static void do_calloc(struct run *r, uint8_t op)
{
    size_t count = next_byte(r), each = next_byte(r);
    if (op & 0x80) {
        count += 2;
        each += SIZE_MAX / count + 1;   /* so that count * each overflows */
    }
    size_t largest = heap_stats(&r->heap).largest_free;
    void *p = heap_calloc(&r->heap, count, each);
    bool fits = (op & 0x80) == 0 && count * each != 0 && count * each <= largest;
    check((p != NULL) == fits);
    if (p != NULL && r->live_count < MAX_LIVE) {
        remember(r, p, count * each, true);
    } else if (p != NULL) {
        heap_free(&r->heap, p);
    }
}

static void do_free(struct run *r)
{
    if (r->live_count == 0) {
        heap_free(&r->heap, NULL);
        return;
    }
    unsigned i = next_byte(r) % r->live_count;
    struct allocation a = r->live[i];
    check_contents(&a);
    r->live[i] = r->live[--r->live_count];
    heap_free(&r->heap, a.p);
    r->stale[r->stale_next++ % STALE_KEPT] = a.p;
}

/* A pointer heap_free must refuse, or NULL when this kind has none to offer now. */
static void *bad_pointer(struct run *r, uint8_t kind, void *local)
{
    const struct allocation *a = r->live_count ? &r->live[kind % r->live_count] : NULL;
    switch (kind & 7) {
    case 0: case 1: {
        void *p = r->stale[kind % STALE_KEPT];
        return is_live(r, p) ? NULL : p;   /* a live block may sit there again */
    }
    case 2:
        return a != NULL && a->size > 16 ? a->p + 16 * (1 + kind % (a->size / 16)) : NULL;
    case 3:
        return a != NULL ? a->p + 8 : NULL;
    case 4:
        return local;
    case 5:
        return region + REGION_SIZE;
    default:
        return region + 16 * (kind >> 3);   /* a header, or inside some block */
    }
}

static void do_bad_free(struct run *r)
{
    int local;
    void *p = bad_pointer(r, next_byte(r), &local);
    if (p == NULL || is_live(r, p)) {
        return;
    }
    struct heap_stats before = heap_stats(&r->heap);
    heap_free(&r->heap, p);
    struct heap_stats after = heap_stats(&r->heap);
    r->bad_frees++;
    check(after.bad_frees == r->bad_frees);
    after.bad_frees = before.bad_frees;
    check(memcmp(&before, &after, sizeof(before)) == 0);
}

/* After every step: the invariants, and the counters against the model. */
static void check_heap(const struct run *r)
{
    check(heap_check(&r->heap));
    struct heap_stats s = heap_stats(&r->heap);
    check(s.used + s.free == s.size && s.largest_free < s.size);
    check(s.allocations - s.frees == r->live_count && s.bad_frees == r->bad_frees);
    check((s.used == 0) == (r->live_count == 0));
}

static void run_step(struct run *r)
{
    uint8_t op = next_byte(r);
    switch (op & 7) {
    case 0: case 1: case 2:
        do_alloc(r, op);
        break;
    case 3:
        do_calloc(r, op);
        break;
    case 4: case 5:
        do_free(r);
        break;
    case 6:
        do_bad_free(r);
        break;
    default:
        for (unsigned i = 0; i < r->live_count; i++) {
            check_contents(&r->live[i]);
        }
    }
    check_heap(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct run r;
    memset(&r, 0, sizeof(r));
    r.input = data;
    r.left = size;
    size_t region_size = HEAP_MIN_SIZE + next_u16(&r) % (REGION_SIZE - HEAP_MIN_SIZE + 1);
    check(heap_init(&r.heap, region, region_size));
    check(heap_stats(&r.heap).largest_free == (region_size & ~(size_t)15) - HEAP_OVERHEAD);
    while (r.left > 0) {
        run_step(&r);
    }
    while (r.live_count > 0) {
        do_free(&r);
        check_heap(&r);
    }
    struct heap_stats s = heap_stats(&r.heap);
    check(s.largest_free == s.size - HEAP_OVERHEAD);   /* all one free block again */
    return 0;
}
