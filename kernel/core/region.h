/*
 * region.h: a small set of disjoint physical address ranges, and its split into untypeds.
 *
 * Boot uses it to compute free RAM: start from the memory ranges, remove what firmware,
 * the kernel image and the device tree occupy, take pages for boot objects, and finally
 * cut what is left into naturally aligned power-of-two blocks (seL4's untyped regions).
 * Pure arithmetic with no kernel dependencies, so the host tests exercise it directly.
 */
#ifndef CAIRN_KERNEL_REGION_H
#define CAIRN_KERNEL_REGION_H

#include <stdbool.h>
#include <stdint.h>

#define REGION_MAX 16

struct region {
    uint64_t base;
    uint64_t end;   /* exclusive */
};

struct region_set {
    unsigned count;
    struct region regions[REGION_MAX];   /* sorted by base, disjoint, none empty */
};

/* Adds [base, end), merging with neighbours. False if the set is full. */
bool region_add(struct region_set *set, uint64_t base, uint64_t end);

/* Removes [base, end) from the set (which may split a region). False if the set is full. */
bool region_remove(struct region_set *set, uint64_t base, uint64_t end);

/* Shrinks every region to whole aligned units of `align` bytes (a power of two). */
void region_align(struct region_set *set, uint64_t align);

/* Total bytes in the set. */
uint64_t region_total(const struct region_set *set);

/*
 * Takes `size` bytes aligned to `align` from the lowest region that has them.
 * Returns the base address, or 0 when no region can satisfy the request.
 */
uint64_t region_take(struct region_set *set, uint64_t size, uint64_t align);

/* Called once per untyped block produced by region_split_untyped. */
typedef void (*region_block_fn)(void *context, uint64_t base, unsigned size_bits);

/*
 * Cuts every region into the fewest naturally aligned power-of-two blocks of at least
 * 1 << min_bits bytes and at most 1 << max_bits; smaller leftovers are skipped.
 * Returns the bytes skipped that way.
 */
uint64_t region_split_untyped(const struct region_set *set, unsigned min_bits,
                              unsigned max_bits, region_block_fn fn, void *context);

#endif
