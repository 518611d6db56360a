/*
 * pool.h: the memory manager's object pool, a buddy allocator whose blocks are untyped
 * capabilities (pool.c), and the CNode slots it keeps them in.
 */
#ifndef MEMORY_MANAGER_POOL_H
#define MEMORY_MANAGER_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "cairn.h"

#define POOL_MAX_BITS 18         /* the largest pool it carves (256 KiB) */
#define POOL_MIN_BITS 14         /* below this it makes no pool */
#define POOL_BLOCK_MIN_BITS 6    /* the smallest block: an endpoint takes 64 bytes */

/* Slots [first, end) of our CNode are ours to fill (empty, not named in the plan). */
void slots_init(cairn_cptr_t first, cairn_cptr_t end);

/* An empty slot of that range, or 0 when all are taken. */
cairn_cptr_t slot_take(void);

/* Returns an emptied slot to the range. */
void slot_give_back(cairn_cptr_t slot);

/* Carves the pool from the first of `count` untyped regions with room for it (the
 * largest power of two from POOL_MAX_BITS down to POOL_MIN_BITS). False: no pool. */
bool pool_init(const cairn_cptr_t *regions, unsigned count);

/* Takes a free block of exactly 2^bits bytes (splitting a larger one); returns its
 * handle, or -1 when the pool has none (or no slots left to split into). */
int pool_take(unsigned bits);

/* The untyped capability of a taken block: objects are retyped from it. */
cairn_cptr_t pool_block_cap(int block);

/* Returns a taken block: revokes its capability, so everything made from it is destroyed
 * (every copy of every capability to it, in any CSpace), and merges it with its buddy
 * while that is free too. */
void pool_give_back(int block);

uint64_t pool_bytes(void);
uint64_t pool_free_bytes(void);

#endif
