/*
 * main.c: memory_manager, the component that owns untyped memory.
 *
 * The root server hands it every untyped capability from CAP_UNTYPED_FIRST on, the first
 * being the root server's own region. The memory manager runs below the root server's
 * priority, so by the time it runs the root server has stopped for good: it revokes that
 * region at once, which destroys the root server and gives its memory back (KataOS
 * needed kernel changes for this; here the region was an untyped all along). It then
 * carves its object pool (pool.c: a buddy allocator of untyped blocks, so freed memory
 * comes back) and answers its clients (when the description gives it any): MM_STATS and
 * MM_REGIONS here, MM_ALLOC, MM_FREE and MM_CLIENTS in objects.c.
 *
 * Its CNode's slots: the plan's from 1, its own frames after them, the untyped regions
 * from CAP_UNTYPED_FIRST and the ASID pools after them (at most POOL_SLOTS_RESERVED);
 * the rest of the untyped range holds the pool's blocks and the objects made from them.
 */
#include "cairn.h"
#include "cairn_component.h"
#include "log.h"
#include "memory_manager.h"
#include "memory_manager_caps.h"
#include "objects.h"
#include "pool.h"
#include "rpc.h"

/* The ASID pools the root server leaves after the untyped capabilities (at most). */
#define ASID_POOLS_MAX (BOOTPLAN_MAX_COMPONENTS / 64 + 1)

struct region {
    cairn_cptr_t cap;
    struct cairn_untyped_info info;
};

static struct region regions[CAP_UNTYPED_SLOTS];
static unsigned region_count;
static struct mm_stats reclaim;   /* what the reclaim at start found */

/* The untyped capabilities we were given: as many as the root server said (in a2 at our
 * start), from CAP_UNTYPED_FIRST on; the ASID pools it left follow them. */
static void find_regions(void)
{
    region_count = 0;
    uint64_t given = cairn_component_start_word;
    for (unsigned i = 0; i < CAP_UNTYPED_SLOTS && i < given; i++) {
        struct region *r = &regions[region_count];
        r->cap = CAP_UNTYPED_FIRST + i;
        if (cairn_untyped_describe(r->cap, &r->info) != CAIRN_OK) {
            break;
        }
        region_count++;
    }
}

static struct mm_stats current_stats(void)
{
    struct mm_stats s = reclaim;
    s.ram_bytes = s.free_bytes = s.untyped_count = s.device_count = 0;
    s.pool_bytes = pool_bytes();
    s.pool_free_bytes = pool_free_bytes();
    s.free_bytes = s.pool_free_bytes;
    s.objects = objects_count();
    for (unsigned i = 0; i < region_count; i++) {
        struct cairn_untyped_info info;
        if (cairn_untyped_describe(regions[i].cap, &info) != CAIRN_OK) {
            continue;
        }
        if (info.is_device) {
            s.device_count++;
        } else {
            s.untyped_count++;
            s.ram_bytes += 1ull << info.size_bits;
            s.free_bytes += info.free_bytes;
        }
    }
    return s;
}

/* Revokes the root server's region (the first we hold): everything made from it goes. */
static void reclaim_root_server(void)
{
    struct mm_stats before = current_stats();
    enum cairn_error err = cairn_cnode_revoke(CAP_SELF_CNODE, CAP_UNTYPED_FIRST,
                                              CAIRN_WORD_BITS);
    struct mm_stats after = current_stats();
    if (err != CAIRN_OK) {
        log_error("revoking the root server's region failed: error %d", err);
        return;
    }
    reclaim.free_before_reclaim = before.free_bytes;
    reclaim.reclaimed_bytes = after.free_bytes - before.free_bytes;
    log_info("root server's memory returned: %lu KiB; free %lu KiB -> %lu KiB of %lu KiB",
             reclaim.reclaimed_bytes >> 10, before.free_bytes >> 10, after.free_bytes >> 10,
             after.ram_bytes >> 10);
}

/* MM_REGIONS: up to MM_REGIONS_PER_REPLY regions from request.first on. */
static void list_regions(const struct rpc_request *request, struct rpc_reply *reply)
{
    struct mm_regions_request want;
    static struct mm_regions out;
    if (!rpc_request_read(request, &want, sizeof(want)) || want.first > region_count) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
        return;
    }
    out.total = region_count;
    out.count = 0;
    for (uint64_t i = want.first; i < region_count && out.count < MM_REGIONS_PER_REPLY; i++) {
        struct cairn_untyped_info info = regions[i].info;   /* as found, if it can't say */
        (void)cairn_untyped_describe(regions[i].cap, &info);
        out.regions[out.count++] = (struct mm_region){
            .paddr = info.paddr, .size_bits = info.size_bits, .is_device = info.is_device,
            .free_bytes = info.free_bytes,
        };
    }
    rpc_reply_set(reply, RPC_OK, &out, sizeof(out));
}

/* Carves the object pool from a RAM region, with the free slots for its blocks. */
static void make_pool(void)
{
    cairn_cptr_t ram[CAP_UNTYPED_SLOTS];
    unsigned count = 0;
    for (unsigned i = 0; i < region_count; i++) {
        if (!regions[i].info.is_device) {
            ram[count++] = regions[i].cap;
        }
    }
    uint64_t given = cairn_component_start_word;   /* untyped capabilities handed over */
    slots_init(CAP_UNTYPED_FIRST + given + ASID_POOLS_MAX,
               CAP_UNTYPED_FIRST + CAP_UNTYPED_SLOTS);
    if (!pool_init(ram, count)) {
        log_error("no room for an object pool: MM_ALLOC will fail");
        return;
    }
    log_info("object pool: %lu KiB", pool_bytes() >> 10);
}

static void handle(void *context, const struct rpc_request *request, struct rpc_reply *reply)
{
    (void)context;
    if (request->method == MM_STATS && request->words == 0) {
        struct mm_stats s = current_stats();
        rpc_reply_set(reply, RPC_OK, &s, sizeof(s));
    } else if (request->method == MM_STATS) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
    } else if (request->method == MM_REGIONS) {
        list_regions(request, reply);
    } else if (request->method == MM_ALLOC) {
        objects_alloc(request, reply);
    } else if (request->method == MM_FREE) {
        objects_free(request, reply);
    } else if (request->method == MM_CLIENTS) {
        objects_clients(request, reply);
    }
}

int main(void)
{
    log_set_name("memory_manager");
    find_regions();
    if (region_count == 0) {
        log_error("no untyped memory was handed over");
        return 1;
    }
    reclaim_root_server();
#ifdef CAP_RPC_MEMORY
    make_pool();
    log_info("%u untyped regions; serving", region_count);
    rpc_serve(CAP_RPC_MEMORY, handle, 0);
#else
    (void)handle;   /* the description connects no client: nothing to serve */
    (void)make_pool;
    log_info("%u untyped regions; no clients", region_count);
    return 0;
#endif
}
