/*
 * pool.c: the object pool, a buddy allocator made of untyped capabilities.
 *
 * Memory is reused in Cairn only through an untyped capability with no children left:
 * its next retype starts again from the bottom. The untyped regions the memory manager
 * got still have children (the components the root server built from them), so memory
 * retyped from them directly would never come back. Instead, at start it carves one
 * pool block (up to 2^POOL_MAX_BITS) from a region, and manages it as a buddy system in
 * which every block is an untyped capability of its own:
 *
 *   - split: a free block of 2^n is retyped into two untyped children of 2^(n-1), its
 *     halves (the first at its bottom, the second above it);
 *   - take: an object of 2^b is retyped from a free block of exactly 2^b (splitting the
 *     smallest larger one down as needed), and from nothing else;
 *   - give back: revoking the block destroys the object and every capability to it (the
 *     copy the client was given is a child of ours), and leaves the block childless, so
 *     its memory is whole again; while its buddy is free too, revoking their parent
 *     deletes both halves and the parent is one free block again.
 *
 * So a freed object cannot stay usable, its memory is reused at any size, and once every
 * object is freed the pool is one free block, as at start. Each block needs a slot of
 * our CNode; slots come from the range slots_init is given.
 */
#include "pool.h"

#include "cairn_component.h"
#include "log.h"
#include "memory_manager_caps.h"

#define MAX_BLOCKS 96
#define MAX_SLOTS 128

enum block_state { UNUSED = 0, FREE, SPLIT, TAKEN };

struct block {
    cairn_cptr_t cap;
    uint8_t bits;
    uint8_t state;
    int16_t parent;              /* -1 for the whole pool */
    int16_t buddy;
};

static struct block blocks[MAX_BLOCKS];
static unsigned pool_size_bits;   /* 0: no pool */

static cairn_cptr_t slot_first;
static unsigned slot_count;
static bool slot_used[MAX_SLOTS];

void slots_init(cairn_cptr_t first, cairn_cptr_t end)
{
    slot_first = first;
    slot_count = end > first ? (unsigned)(end - first) : 0;
    slot_count = slot_count < MAX_SLOTS ? slot_count : MAX_SLOTS;
}

cairn_cptr_t slot_take(void)
{
    for (unsigned i = 0; i < slot_count; i++) {
        if (!slot_used[i]) {
            slot_used[i] = true;
            return slot_first + i;
        }
    }
    return 0;
}

void slot_give_back(cairn_cptr_t slot)
{
    if (slot >= slot_first && slot < slot_first + slot_count) {
        slot_used[slot - slot_first] = false;
    }
}

static int block_new(cairn_cptr_t cap, unsigned bits, int parent)
{
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].state == UNUSED) {
            blocks[i] = (struct block){cap, (uint8_t)bits, FREE, (int16_t)parent, -1};
            return i;
        }
    }
    return -1;
}

/* A new untyped of 2^bits from `from` into a slot of ours; 0 when it cannot be made. */
static cairn_cptr_t carve(cairn_cptr_t from, unsigned bits)
{
    cairn_cptr_t slot = slot_take();
    if (slot == 0) {
        return 0;
    }
    if (cairn_untyped_retype(from, CAIRN_OBJECT_UNTYPED, bits, CAP_SELF_CNODE, 0, 0, slot,
                             1) != CAIRN_OK) {
        slot_give_back(slot);
        return 0;
    }
    return slot;
}

bool pool_init(const cairn_cptr_t *regions, unsigned count)
{
    for (unsigned bits = POOL_MAX_BITS; bits >= POOL_MIN_BITS; bits--) {
        for (unsigned i = 0; i < count; i++) {
            cairn_cptr_t cap = carve(regions[i], bits);
            if (cap != 0) {
                pool_size_bits = bits;
                block_new(cap, bits, -1);
                return true;
            }
        }
    }
    return false;
}

/* Undoes a split of b that failed half way: low's capability (if made) and the entries. */
static void undo_split(int b, int low, int high, cairn_cptr_t low_cap)
{
    cairn_cnode_revoke(CAP_SELF_CNODE, blocks[b].cap, CAIRN_WORD_BITS);
    slot_give_back(low_cap);
    if (low >= 0) {
        blocks[low].state = UNUSED;
    }
    if (high >= 0) {
        blocks[high].state = UNUSED;
    }
}

/* Splits free block b into its two halves; false (b unchanged) when it cannot. */
static bool split(int b)
{
    unsigned half = blocks[b].bits - 1u;
    int low = block_new(0, half, b);
    int high = low < 0 ? -1 : block_new(0, half, b);
    cairn_cptr_t low_cap = high < 0 ? 0 : carve(blocks[b].cap, half);
    cairn_cptr_t high_cap = low_cap == 0 ? 0 : carve(blocks[b].cap, half);
    if (high_cap == 0) {
        undo_split(b, low, high, low_cap);
        return false;
    }
    blocks[low].cap = low_cap;
    blocks[high].cap = high_cap;
    blocks[low].buddy = (int16_t)high;
    blocks[high].buddy = (int16_t)low;
    blocks[b].state = SPLIT;
    return true;
}

/* The free block of the fewest bits at least `bits`, or -1. */
static int smallest_free(unsigned bits)
{
    int best = -1;
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].state == FREE && blocks[i].bits >= bits &&
            (best < 0 || blocks[i].bits < blocks[best].bits)) {
            best = i;
        }
    }
    return best;
}

/* The first half of split block b (the one found first in the table). */
static int first_half(int b)
{
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].state != UNUSED && blocks[i].parent == b) {
            return i;
        }
    }
    return -1;
}

int pool_take(unsigned bits)
{
    int b = smallest_free(bits);
    while (b >= 0 && blocks[b].bits > bits) {
        if (!split(b)) {
            return -1;
        }
        b = first_half(b);
    }
    if (b >= 0) {
        blocks[b].state = TAKEN;
    }
    return b;
}

cairn_cptr_t pool_block_cap(int block)
{
    return blocks[block].cap;
}

/* Forgets block b, whose capability a revoke of its parent has just deleted. */
static void forget(int b)
{
    slot_give_back(blocks[b].cap);
    blocks[b].state = UNUSED;
}

void pool_give_back(int block)
{
    int b = block;
    cairn_cnode_revoke(CAP_SELF_CNODE, blocks[b].cap, CAIRN_WORD_BITS);
    blocks[b].state = FREE;
    while (blocks[b].parent >= 0 && blocks[blocks[b].buddy].state == FREE) {
        int parent = blocks[b].parent;
        cairn_cnode_revoke(CAP_SELF_CNODE, blocks[parent].cap, CAIRN_WORD_BITS);
        forget(blocks[b].buddy);
        forget(b);
        blocks[parent].state = FREE;
        b = parent;
    }
}

uint64_t pool_bytes(void)
{
    return pool_size_bits == 0 ? 0 : 1ull << pool_size_bits;
}

uint64_t pool_free_bytes(void)
{
    uint64_t free = 0;
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].state == FREE) {
            free += 1ull << blocks[i].bits;
        }
    }
    return free;
}
