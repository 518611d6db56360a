/*
 * memory_manager.h: the memory manager's interface (lib/rpc methods on its endpoint).
 *
 * The memory manager holds every untyped capability left after boot (the root server's
 * own region among them, which it revokes as soon as it runs: see main.c).
 */
#ifndef CAIRN_MEMORY_MANAGER_H
#define CAIRN_MEMORY_MANAGER_H

#include <stdint.h>

enum memory_manager_method {
    MM_STATS = 1,        /* no request; reply struct mm_stats */
    MM_REGIONS = 2,      /* request struct mm_regions_request; reply struct mm_regions */
};

struct mm_stats {
    uint64_t ram_bytes;          /* RAM in the untyped regions it holds */
    uint64_t free_bytes;         /* of which not retyped into objects */
    uint64_t untyped_count;      /* RAM untyped regions */
    uint64_t device_count;       /* device untyped regions */
    uint64_t reclaimed_bytes;    /* the root server's region, given back at start */
    uint64_t free_before_reclaim;
};

/* One untyped region, as MM_REGIONS lists them. */
struct mm_region {
    uint64_t paddr;
    uint32_t size_bits;
    uint32_t is_device;
    uint64_t free_bytes;
};

#define MM_REGIONS_PER_REPLY 38   /* what fits in one reply (RPC_MAX_BYTES) */

struct mm_regions_request {
    uint64_t first;              /* the index of the first region wanted */
};

struct mm_regions {
    uint64_t total;              /* regions the memory manager holds */
    uint64_t count;              /* of which in this reply, from `first` on */
    struct mm_region regions[MM_REGIONS_PER_REPLY];
};

_Static_assert(sizeof(struct mm_regions) <= 120 * 8, "MM_REGIONS fits one message");

#endif
