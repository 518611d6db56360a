/*
 * heap.c: lib/heap on the target, built for RISC-V as every component will use it.
 *
 * The root task makes a heap in a static 64 KiB array (as a component's heap region would
 * be) and runs seeded random allocations and frees against a model of the live blocks:
 * each block is filled with its own pattern, checked before it is freed, and heap_check
 * must pass after every step. Then a double free and a foreign pointer must be reported,
 * and once everything is freed the heap must be a single free block again.
 */
#include "cairn.h"
#include "heap.h"

#define REGION_SIZE 65536u
#define STEPS 20000u
#define MAX_LIVE 200u

struct live {
    unsigned char *p;
    size_t size;
    uint8_t pattern;
};

static _Alignas(16) unsigned char region[REGION_SIZE];
static struct live live[MAX_LIVE];
static unsigned live_count;
static unsigned reported;
static uint64_t random_state = 0x9e3779b97f4a7c15ull;

static uint64_t random_next(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

static bool fail(unsigned step, const char *what)
{
    cairn_printf("heap: FAILED at step %u: %s\n", step, what);
    return false;
}

/* Mostly small requests, one in four up to a quarter of the region. */
static size_t random_size(void)
{
    uint64_t r = random_next();
    return r % 4 != 0 ? 1 + r / 4 % 128 : 1 + r / 4 % (REGION_SIZE / 4);
}

static bool pattern_intact(const struct live *l)
{
    for (size_t i = 0; i < l->size; i++) {
        if (l->p[i] != (uint8_t)(l->pattern + i)) {
            return false;
        }
    }
    return true;
}

/* One allocation: it must succeed exactly when it fits, aligned. */
static bool step_alloc(struct heap *h)
{
    size_t bytes = random_size();
    bool fits = bytes <= heap_stats(h).largest_free;
    unsigned char *p = heap_alloc(h, bytes);
    if ((p != NULL) != fits || (uintptr_t)p % HEAP_ALIGN != 0) {
        return false;
    }
    if (p != NULL) {
        struct live *l = &live[live_count++];
        *l = (struct live){.p = p, .size = bytes, .pattern = (uint8_t)random_next()};
        for (size_t i = 0; i < bytes; i++) {
            p[i] = (uint8_t)(l->pattern + i);
        }
    }
    return true;
}

/* One free of a random live block, whose contents must be as they were written. */
static bool step_free(struct heap *h)
{
    unsigned i = (unsigned)(random_next() % live_count);
    if (!pattern_intact(&live[i])) {
        return false;
    }
    heap_free(h, live[i].p);
    live[i] = live[--live_count];
    return true;
}

static bool random_run(struct heap *h)
{
    for (unsigned step = 0; step < STEPS; step++) {
        bool alloc = live_count == 0 || (live_count < MAX_LIVE && random_next() % 100 < 55);
        if (!(alloc ? step_alloc(h) : step_free(h))) {
            return fail(step, alloc ? "allocation" : "contents before free");
        }
        if (!heap_check(h)) {
            return fail(step, "heap_check");
        }
    }
    return true;
}

static void count_report(void *context, const void *pointer, enum heap_misuse why)
{
    (void)context;
    (void)pointer;
    (void)why;
    reported++;
}

/* Frees what is left, then two pointers the heap must refuse (and report). */
static bool drain_and_misuse(struct heap *h)
{
    while (live_count > 0) {
        if (!step_free(h)) {
            return fail(STEPS, "contents before the final free");
        }
    }
    struct heap_stats s = heap_stats(h);
    if (s.used != 0 || s.largest_free != REGION_SIZE - HEAP_OVERHEAD || !heap_check(h)) {
        return fail(STEPS, "not one free block after freeing everything");
    }
    heap_set_report(h, count_report, 0);
    void *p = heap_alloc(h, 100);
    heap_free(h, p);
    heap_free(h, p);
    heap_free(h, &reported);
    if (reported != 2 || heap_stats(h).bad_frees != 2 || !heap_check(h)) {
        return fail(STEPS, "double free and foreign pointer not reported");
    }
    return true;
}

int main(const struct cairn_bootinfo *info)
{
    (void)info;
    struct heap h;
    if (!heap_init(&h, region, sizeof(region))) {
        cairn_printf("heap: heap_init failed\n");
        return 1;
    }
    if (!random_run(&h) || !drain_and_misuse(&h)) {
        return 1;
    }
    struct heap_stats s = heap_stats(&h);
    size_t operations = s.allocations + s.failures + s.frees + s.bad_frees;
    cairn_printf("heap: %u operations, heap_check clean\n", (unsigned)operations);
    cairn_printf("heap: %u allocations, %u refused for want of space\n",
                 (unsigned)s.allocations, (unsigned)s.failures);
    return 0;
}
