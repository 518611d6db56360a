/*
 * region.c: sorted, disjoint address-range sets and their untyped decomposition.
 *
 * Sets hold at most REGION_MAX ranges; the callers (boot code) add and remove a
 * handful of ranges, so linear scans and array shifts are the simplest correct way.
 */
#include "region.h"

static void insert_at(struct region_set *set, unsigned index, uint64_t base, uint64_t end)
{
    for (unsigned i = set->count; i > index; i--) {
        set->regions[i] = set->regions[i - 1];
    }
    set->regions[index] = (struct region){.base = base, .end = end};
    set->count++;
}

static void delete_at(struct region_set *set, unsigned index)
{
    for (unsigned i = index; i + 1 < set->count; i++) {
        set->regions[i] = set->regions[i + 1];
    }
    set->count--;
}

bool region_add(struct region_set *set, uint64_t base, uint64_t end)
{
    if (base >= end) {
        return true;
    }
    /* Absorb every region that touches or overlaps [base, end), then insert the union. */
    unsigned i = 0;
    while (i < set->count) {
        struct region *r = &set->regions[i];
        if (r->end < base || r->base > end) {
            i++;
            continue;
        }
        base = r->base < base ? r->base : base;
        end = r->end > end ? r->end : end;
        delete_at(set, i);
    }
    if (set->count == REGION_MAX) {
        return false;
    }
    unsigned index = 0;
    while (index < set->count && set->regions[index].base < base) {
        index++;
    }
    insert_at(set, index, base, end);
    return true;
}

bool region_remove(struct region_set *set, uint64_t base, uint64_t end)
{
    if (base >= end) {
        return true;
    }
    for (unsigned i = 0; i < set->count; i++) {
        struct region r = set->regions[i];
        if (r.end <= base || r.base >= end) {
            continue;
        }
        if (r.base < base && r.end > end) {
            /* The hole is strictly inside: split in two. */
            if (set->count == REGION_MAX) {
                return false;
            }
            set->regions[i].end = base;
            insert_at(set, i + 1, end, r.end);
            return true;
        }
        if (r.base < base) {
            set->regions[i].end = base;
        } else if (r.end > end) {
            set->regions[i].base = end;
        } else {
            delete_at(set, i);
            i--;
        }
    }
    return true;
}

void region_align(struct region_set *set, uint64_t align)
{
    for (unsigned i = 0; i < set->count; i++) {
        struct region *r = &set->regions[i];
        uint64_t base = r->base + ((align - r->base % align) % align);
        uint64_t end = r->end - r->end % align;
        if (base >= end || base < r->base) {
            delete_at(set, i);
            i--;
            continue;
        }
        r->base = base;
        r->end = end;
    }
}

uint64_t region_total(const struct region_set *set)
{
    uint64_t total = 0;
    for (unsigned i = 0; i < set->count; i++) {
        total += set->regions[i].end - set->regions[i].base;
    }
    return total;
}

uint64_t region_take(struct region_set *set, uint64_t size, uint64_t align)
{
    for (unsigned i = 0; i < set->count; i++) {
        struct region *r = &set->regions[i];
        uint64_t base = r->base + ((align - r->base % align) % align);
        if (base < r->base || base >= r->end || r->end - base < size) {
            continue;
        }
        if (base == r->base) {
            /* The common case: take from the front, no new fragment. */
            r->base += size;
            if (r->base == r->end) {
                delete_at(set, i);
            }
            return base;
        }
        if (region_remove(set, base, base + size)) {
            return base;
        }
    }
    return 0;
}

static unsigned floor_log2(uint64_t v)
{
    unsigned bits = 0;
    while (v >>= 1) {
        bits++;
    }
    return bits;
}

static unsigned trailing_zeros(uint64_t v)
{
    unsigned bits = 0;
    while (bits < 63 && (v & 1) == 0) {
        v >>= 1;
        bits++;
    }
    return bits;
}

uint64_t region_split_untyped(const struct region_set *set, unsigned min_bits,
                              unsigned max_bits, region_block_fn fn, void *context)
{
    uint64_t skipped = 0;
    for (unsigned i = 0; i < set->count; i++) {
        uint64_t base = set->regions[i].base;
        uint64_t end = set->regions[i].end;
        while (base < end) {
            unsigned bits = floor_log2(end - base);
            unsigned align_bits = base == 0 ? 63 : trailing_zeros(base);
            bits = bits < align_bits ? bits : align_bits;
            bits = bits < max_bits ? bits : max_bits;
            if (bits < min_bits) {
                skipped += 1ull << bits;
            } else {
                fn(context, base, bits);
            }
            base += 1ull << bits;
        }
    }
    return skipped;
}
