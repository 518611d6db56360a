/*
 * heap.c: a first-fit allocator with boundary tags over one region (see heap.h).
 *
 * The region is a row of blocks that tiles [begin, end) exactly; every block is a
 * multiple of 16 bytes and starts 16-aligned:
 *
 *     | tag | seal | payload, 16-aligned, size - 24 bytes ......... | tag |
 *     '-- header: 16 bytes --'                             footer: 8 bytes
 *
 * tag is the block's size, with bit 0 set while it is allocated; the footer repeats it,
 * so freeing a block finds the block before it in O(1) (Knuth's boundary tags). seal is
 * SEAL ^ address ^ tag. A header that was overwritten, or a pointer into the middle of a
 * block, does not carry the right seal, so heap_free refuses it before it writes anything.
 * When coalescing swallows a block, its old header is resealed as "gone" (seal ^ GONE), so
 * a late second free of its pointer is still recognised as a double free.
 *
 * Free blocks are on one doubly linked list whose links fill the first 16 payload bytes,
 * so the smallest block is 48 bytes. heap_alloc takes the first free block that fits and
 * carves the allocation from its end: the rest stays a free block in the same place on
 * the list. heap_free merges the block with a free neighbour on either side at once, so
 * no two free blocks are ever adjacent. heap_check walks the region and the list to show
 * that all of this still holds.
 *
 * Damage stays where it is: a block is only changed after its seal, size and footer
 * check out, and a free block only when its list neighbours point back at it, so a write
 * past the end of a block or into a freed one never makes the heap write elsewhere. Such
 * a block is left alone (not merged, not handed out) for heap_check to report.
 */
#include "heap.h"

#include "cstring.h"

#define USED ((size_t)1)
#define SIZE_MASK (~(size_t)(HEAP_ALIGN - 1))
#define HEADER_SIZE 16u
#define FOOTER_SIZE sizeof(size_t)
#define MIN_BLOCK 48u
#define SEAL ((uintptr_t)0x7061656872696163ull)   /* "cairheap" in memory */
#define GONE ((uintptr_t)0x00000000900d0000ull)   /* marks a header merged away */

/* A block's header; next and prev are its first payload bytes, used only while free. */
struct heap_block {
    size_t tag;
    uintptr_t seal;
    struct heap_block *next, *prev;
};

_Static_assert(HEADER_SIZE + FOOTER_SIZE == HEAP_OVERHEAD, "header and footer are the overhead");
_Static_assert(sizeof(struct heap_block) + FOOTER_SIZE <= MIN_BLOCK, "a free block's links fit");
_Static_assert(MIN_BLOCK % HEAP_ALIGN == 0 && HEAP_MIN_SIZE >= MIN_BLOCK, "block sizes align");

/* ---- one block ------------------------------------------------------------------ */

static size_t block_size(const struct heap_block *b)
{
    return b->tag & SIZE_MASK;
}

static bool block_used(const struct heap_block *b)
{
    return (b->tag & USED) != 0;
}

static size_t *block_footer(const struct heap_block *b)
{
    return (size_t *)((uintptr_t)b + block_size(b) - FOOTER_SIZE);
}

static uintptr_t seal_for(const struct heap_block *b, size_t tag)
{
    return SEAL ^ (uintptr_t)b ^ tag;
}

static struct heap_block *block_at(uintptr_t address)
{
    return (struct heap_block *)address;
}

/* Writes b's header and footer: the only place a block's size or state changes. */
static void block_write(struct heap_block *b, size_t size, bool used)
{
    b->tag = size | (used ? USED : 0);
    b->seal = seal_for(b, b->tag);
    *block_footer(b) = b->tag;
}

/* Marks the header of a block that coalescing has swallowed. */
static void block_retire(struct heap_block *b)
{
    b->seal = seal_for(b, b->tag) ^ GONE;
}

/*
 * Whether a real block starts at b: its seal is right, its size is possible and ends
 * inside the region, and its footer agrees. b must be 16-aligned in [begin, end).
 */
static bool block_intact(const struct heap *h, const struct heap_block *b)
{
    size_t size = block_size(b);
    bool tag_possible = (b->tag & ~SIZE_MASK & ~USED) == 0 && size >= MIN_BLOCK &&
                        size <= h->end - (uintptr_t)b;
    return b->seal == seal_for(b, b->tag) && tag_possible && *block_footer(b) == b->tag;
}

/* ---- neighbours and the free list ----------------------------------------------- */

static struct heap_block *block_next(const struct heap *h, const struct heap_block *b)
{
    uintptr_t next = (uintptr_t)b + block_size(b);
    return next < h->end ? block_at(next) : NULL;
}

/* The block before b, found through its footer, or NULL when b is the first. */
static struct heap_block *block_prev(const struct heap *h, const struct heap_block *b)
{
    uintptr_t at = (uintptr_t)b;
    size_t size = at > h->begin ? ((const size_t *)b)[-1] & SIZE_MASK : 0;
    /* A damaged footer must not send us outside the region. */
    return size >= MIN_BLOCK && size <= at - h->begin ? block_at(at - size) : NULL;
}

/* Whether a list link may be followed: NULL, or where a block could start. */
static bool link_plausible(const struct heap *h, const struct heap_block *b)
{
    uintptr_t at = (uintptr_t)b;
    return b == NULL || (at >= h->begin && h->end - at >= MIN_BLOCK &&
                         (at - h->begin) % HEAP_ALIGN == 0);
}

/* The entry after b; a garbage link (a write after free) ends the list here. */
static struct heap_block *list_next(const struct heap *h, const struct heap_block *b)
{
    return link_plausible(h, b->next) ? b->next : NULL;
}

/*
 * Whether the free block b is properly on the list: its neighbours there point back at
 * it. A write into a freed block breaks this, and unlinking b would then write through
 * the garbage (the check is glibc's "safe unlinking").
 */
static bool list_linked(const struct heap *h, const struct heap_block *b)
{
    if (!link_plausible(h, b->prev) || !link_plausible(h, b->next)) {
        return false;
    }
    bool from_prev = b->prev != NULL ? b->prev->next == b : h->free_list == b;
    return from_prev && (b->next == NULL || b->next->prev == b);
}

/* Whether b is a free block that is safe to change: intact, and properly listed. */
static bool free_block_sound(const struct heap *h, const struct heap_block *b)
{
    return !block_used(b) && block_intact(h, b) && list_linked(h, b);
}

static void list_push(struct heap *h, struct heap_block *b)
{
    b->prev = NULL;
    b->next = h->free_list;
    if (h->free_list != NULL) {
        h->free_list->prev = b;
    }
    h->free_list = b;
}

static void list_remove(struct heap *h, const struct heap_block *b)
{
    if (b->prev != NULL) {
        b->prev->next = b->next;
    } else {
        h->free_list = b->next;
    }
    if (b->next != NULL) {
        b->next->prev = b->prev;
    }
}

/* ---- setting up ----------------------------------------------------------------- */

bool heap_init(struct heap *h, void *base, size_t size)
{
    uintptr_t begin = (uintptr_t)base;
    if (h == NULL || base == NULL || begin % HEAP_ALIGN != 0 || size < HEAP_MIN_SIZE ||
        size > UINTPTR_MAX - begin) {
        return false;
    }
    memset(h, 0, sizeof(*h));
    h->begin = begin;
    h->end = begin + (size & SIZE_MASK);
    /* Headers left by an earlier heap over this range would carry valid seals. */
    memset(base, 0, h->end - h->begin);
    block_write(block_at(begin), h->end - h->begin, false);
    list_push(h, block_at(begin));
    return true;
}

void heap_set_report(struct heap *h, heap_report_fn *report, void *context)
{
    h->report = report;
    h->report_context = context;
}

/* ---- allocating ----------------------------------------------------------------- */

/* The block size that holds bytes, or 0 if no block in this region could. */
static size_t block_size_for(const struct heap *h, size_t bytes)
{
    /* Checked before adding the overhead, so the sum below cannot overflow. */
    if (bytes == 0 || bytes > h->end - h->begin - HEAP_OVERHEAD) {
        return 0;
    }
    size_t size = (bytes + HEAP_OVERHEAD + HEAP_ALIGN - 1) & SIZE_MASK;
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* The first free block of at least size bytes; NULL if none, or if it is damaged. */
static struct heap_block *first_fit(const struct heap *h, size_t size)
{
    for (struct heap_block *b = h->free_list; b != NULL; b = list_next(h, b)) {
        if (block_size(b) >= size) {
            return free_block_sound(h, b) ? b : NULL;
        }
    }
    return NULL;
}

/* Allocates size bytes of the free block b: all of it, or its end if the rest can stand. */
static struct heap_block *take(struct heap *h, struct heap_block *b, size_t size)
{
    size_t whole = block_size(b);
    if (whole - size < MIN_BLOCK) {
        list_remove(h, b);
        block_write(b, whole, true);
        return b;
    }
    block_write(b, whole - size, false);   /* keeps its place on the list */
    struct heap_block *tail = block_at((uintptr_t)b + whole - size);
    block_write(tail, size, true);
    return tail;
}

void *heap_alloc(struct heap *h, size_t bytes)
{
    size_t size = block_size_for(h, bytes);
    struct heap_block *b = size != 0 ? first_fit(h, size) : NULL;
    if (b == NULL) {
        h->failures++;
        return NULL;
    }
    b = take(h, b, size);
    h->used += block_size(b);
    h->allocations++;
    return (char *)b + HEADER_SIZE;
}

void *heap_calloc(struct heap *h, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        h->failures++;
        return NULL;
    }
    void *p = heap_alloc(h, count * size);
    if (p != NULL) {
        memset(p, 0, count * size);   /* the region starts zeroed, but freed blocks do not */
    }
    return p;
}

/* ---- freeing -------------------------------------------------------------------- */

/* Why p must not be freed, or 0 if it names an allocated block of this heap. */
static int free_refusal(const struct heap *h, const void *p)
{
    uintptr_t at = (uintptr_t)p;
    if (at < h->begin + HEADER_SIZE || at >= h->end || (at - h->begin) % HEAP_ALIGN != 0) {
        return HEAP_FREE_FOREIGN;
    }
    const struct heap_block *b = block_at(at - HEADER_SIZE);
    if (b->seal == (seal_for(b, b->tag) ^ GONE)) {
        return HEAP_FREE_TWICE;
    }
    if (!block_intact(h, b)) {
        return HEAP_FREE_NOT_A_BLOCK;
    }
    return block_used(b) ? 0 : HEAP_FREE_TWICE;
}

/* Makes the allocated block b free, merged with free neighbours on either side. */
static void release(struct heap *h, struct heap_block *b)
{
    size_t size = block_size(b);
    struct heap_block *next = block_next(h, b), *prev = block_prev(h, b);
    if (next != NULL && free_block_sound(h, next)) {
        list_remove(h, next);
        size += block_size(next);
        block_retire(next);
    }
    if (prev != NULL && free_block_sound(h, prev)) {
        block_retire(b);
        block_write(prev, block_size(prev) + size, false);   /* stays where it is listed */
        return;
    }
    block_write(b, size, false);
    list_push(h, b);
}

void heap_free(struct heap *h, void *p)
{
    if (p == NULL) {
        return;
    }
    int why = free_refusal(h, p);
    if (why != 0) {
        h->bad_frees++;
        if (h->report != NULL) {
            h->report(h->report_context, p, (enum heap_misuse)why);
        }
        return;
    }
    struct heap_block *b = block_at((uintptr_t)p - HEADER_SIZE);
    h->used -= block_size(b);
    h->frees++;
    release(h, b);
}

const char *heap_misuse_name(enum heap_misuse why)
{
    static const char *const names[] = {
        [HEAP_FREE_FOREIGN] = "not from this heap",
        [HEAP_FREE_NOT_A_BLOCK] = "not the start of a block",
        [HEAP_FREE_TWICE] = "already freed",
    };
    bool known = why >= HEAP_FREE_FOREIGN && why <= HEAP_FREE_TWICE;
    return known ? names[why] : "unknown misuse";
}

/* ---- looking at it -------------------------------------------------------------- */

struct heap_stats heap_stats(const struct heap *h)
{
    size_t largest = 0;
    for (const struct heap_block *b = h->free_list; b != NULL; b = list_next(h, b)) {
        largest = block_size(b) > largest ? block_size(b) : largest;
    }
    size_t size = h->end - h->begin;
    return (struct heap_stats){
        .size = size, .used = h->used, .free = size - h->used,
        .largest_free = largest != 0 ? largest - HEAP_OVERHEAD : 0,
        .allocations = h->allocations, .frees = h->frees,
        .failures = h->failures, .bad_frees = h->bad_frees,
    };
}

/*
 * Walks the blocks from begin: each intact, together tiling the region, no free block
 * after a free block, and the allocated ones adding up to h->used. Counts the free ones.
 */
static bool region_walk(const struct heap *h, size_t *free_blocks, size_t *free_bytes)
{
    size_t used = 0;
    bool after_free = false;
    uintptr_t at = h->begin;
    *free_blocks = *free_bytes = 0;
    while (at < h->end) {
        const struct heap_block *b = block_at(at);
        if (!block_intact(h, b) || (after_free && !block_used(b))) {
            return false;
        }
        after_free = !block_used(b);
        if (after_free) {
            (*free_blocks)++;
            *free_bytes += block_size(b);
        } else {
            used += block_size(b);
        }
        at += block_size(b);
    }
    return used == h->used;
}

/*
 * Walks the free list: each entry an intact free block whose prev link names the entry
 * before it, and as many entries and bytes as the region walk found. The prev links
 * also rule out a cycle, which the count bounds in any case.
 */
static bool list_walk(const struct heap *h, size_t free_blocks, size_t free_bytes)
{
    const struct heap_block *before = NULL;
    size_t count = 0, bytes = 0;
    for (const struct heap_block *b = h->free_list; b != NULL; b = b->next) {
        if (count == free_blocks || !link_plausible(h, b) || !block_intact(h, b) ||
            block_used(b) || b->prev != before) {
            return false;
        }
        count++;
        bytes += block_size(b);
        before = b;
    }
    return count == free_blocks && bytes == free_bytes;
}

bool heap_check(const struct heap *h)
{
    size_t free_blocks, free_bytes;
    if (h == NULL || h->begin == 0 || h->begin % HEAP_ALIGN != 0 || h->end <= h->begin ||
        (h->end - h->begin) % HEAP_ALIGN != 0) {
        return false;
    }
    return region_walk(h, &free_blocks, &free_bytes) &&
           list_walk(h, free_blocks, free_bytes);
}
