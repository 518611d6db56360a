/*
 * heap.h: a per-component heap over the one region the component owns.
 *
 * The system description gives each component a fixed virtual range, mapped and zeroed;
 * heap_init turns it into a single free block, and heap_alloc and heap_free hand out and
 * take back 16-byte aligned pieces of it (first fit, split on allocation, merged with free
 * neighbours on free; the block layout is described in heap.c).
 *
 * Where the state lives: the bookkeeping (the region's bounds, the head of the free list,
 * the counters) is in struct heap, which the component keeps in its own data; the region
 * holds nothing but blocks. A stray write into the region can therefore damage blocks but
 * never the heap's idea of where the region is, and heap_check can always walk it.
 *
 * Misuse is caught, never obeyed: freeing a pointer this heap did not hand out, or
 * freeing one twice, leaves the heap untouched, counts in heap_stats().bad_frees and
 * calls the report function if the component set one (see heap_set_report). A write past
 * a block's end or into a freed block is not spread further: the damaged block is left
 * alone, and heap_check reports it.
 *
 * Not thread-safe: a component with several threads serialises its calls.
 */
#ifndef CAIRN_HEAP_H
#define CAIRN_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_ALIGN 16u        /* every pointer heap_alloc returns is a multiple of this */
#define HEAP_MIN_SIZE 64u     /* the smallest region heap_init accepts */
#define HEAP_OVERHEAD 24u     /* bytes a block needs besides its payload (header, footer) */

/* Why heap_free refused a pointer. */
enum heap_misuse {
    HEAP_FREE_FOREIGN = 1,     /* outside the region, or not 16-byte aligned */
    HEAP_FREE_NOT_A_BLOCK = 2, /* inside the region but no intact block starts there */
    HEAP_FREE_TWICE = 3,       /* the block it names is already free */
};

/* Called on every refused free with the pointer and the reason; may log or stop. */
typedef void heap_report_fn(void *context, const void *pointer, enum heap_misuse why);

struct heap_block;

/* One heap. The fields are the allocator's own: read them through heap_stats. */
struct heap {
    uintptr_t begin, end;             /* the region, trimmed to whole 16-byte units */
    struct heap_block *free_list;     /* every free block, most recently freed first */
    size_t used;                      /* bytes in allocated blocks, headers included */
    size_t allocations, frees, failures, bad_frees;
    heap_report_fn *report;
    void *report_context;
};

struct heap_stats {
    size_t size;          /* bytes of the region the heap manages (a multiple of 16) */
    size_t used;          /* bytes in allocated blocks, headers included */
    size_t free;          /* size - used: bytes in free blocks, headers included */
    size_t largest_free;  /* the largest heap_alloc that would succeed now; 0 if none */
    size_t allocations;   /* successful heap_alloc and heap_calloc calls */
    size_t frees;         /* pointers given back by heap_free (NULL not counted) */
    size_t failures;      /* heap_alloc and heap_calloc calls that returned NULL */
    size_t bad_frees;     /* heap_free calls refused: see enum heap_misuse */
};

/*
 * Makes the size bytes at base one empty heap. base must be non-NULL and 16-byte aligned,
 * size at least HEAP_MIN_SIZE, and the range must not wrap around the address space;
 * otherwise returns false and leaves the region alone. A size that is not a multiple of
 * 16 is trimmed. The region is cleared, so nothing left in it (blocks of an earlier heap
 * over the same range, say) can pass for a block; from then on it is the heap's.
 */
bool heap_init(struct heap *h, void *base, size_t size);

/*
 * Returns a 16-byte aligned block of at least bytes bytes, or NULL when bytes is 0 or no
 * free block is big enough (a request larger than the region fails without any
 * arithmetic that could overflow). The contents are whatever was there before.
 */
void *heap_alloc(struct heap *h, size_t bytes);

/* Like heap_alloc(count * size) with the memory zeroed; NULL if the product overflows. */
void *heap_calloc(struct heap *h, size_t count, size_t size);

/*
 * Gives back a block heap_alloc or heap_calloc returned; NULL is ignored. Any other
 * pointer, or a second free of the same one, is refused as described at the top.
 */
void heap_free(struct heap *h, void *p);

/* Has report (or nobody, if NULL) called with context on every refused free. */
void heap_set_report(struct heap *h, heap_report_fn *report, void *context);

/* A phrase for messages: "not from this heap", "not the start of a block", ... */
const char *heap_misuse_name(enum heap_misuse why);

/* The heap's sizes and counters; largest_free takes a walk of the free list. */
struct heap_stats heap_stats(const struct heap *h);

/*
 * Walks every block and the free list and returns true when all invariants hold: the
 * blocks tile the region exactly, every header is intact and matches its footer, no two
 * free blocks are adjacent, the free list links back correctly and holds exactly the free
 * blocks, and the used count agrees. For tests and a component's debug command.
 */
bool heap_check(const struct heap *h);

#endif
