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
};

struct mm_stats {
    uint64_t ram_bytes;          /* RAM in the untyped regions it holds */
    uint64_t free_bytes;         /* of which not retyped into objects */
    uint64_t untyped_count;      /* RAM untyped regions */
    uint64_t device_count;       /* device untyped regions */
    uint64_t reclaimed_bytes;    /* the root server's region, given back at start */
    uint64_t free_before_reclaim;
};

#endif
