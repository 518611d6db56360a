/*
 * memory_manager.h: the memory manager's interface (lib/rpc methods on its endpoint).
 *
 * The memory manager holds every untyped capability left after boot (the root server's
 * own region among them, which it revokes as soon as it runs: see main.c). Its clients
 * ask it for kernel objects: MM_ALLOC answers with the new object's capability, carried
 * by the reply into the receive slot the client names (mm_alloc below does that), and an
 * id; MM_FREE(id) destroys the object, every copy of its capability with it (the
 * client's included), and the memory goes back to the pool. A client is known by the
 * badge the kernel delivers, never by what a message says: it may free only its own
 * objects, and holds at most its quota (MM_CLIENTS reports each client's use).
 *
 * Replies can carry capabilities only when the description marks the rpc `grant`
 * (`rpc memory: a, b -> memory_manager grant`); without it an allocation succeeds but no
 * capability arrives, which mm_alloc reports as RPC_E_NO_CAP.
 */
#ifndef CAIRN_MEMORY_MANAGER_H
#define CAIRN_MEMORY_MANAGER_H

#include <stdint.h>

#include "rpc.h"

enum memory_manager_method {
    MM_STATS = 1,        /* no request; reply struct mm_stats */
    MM_REGIONS = 2,      /* request struct mm_regions_request; reply struct mm_regions */
    MM_ALLOC = 3,        /* request struct mm_alloc_request; reply struct mm_alloc_reply and
                            the object's capability (in the caller's receive slot) */
    MM_FREE = 4,         /* request struct mm_free_request; no reply data */
    MM_CLIENTS = 5,      /* request struct mm_clients_request; reply struct mm_clients */
};

/* The memory manager's own statuses (besides RPC_E_BAD_REQUEST for a malformed one). */
enum mm_status {
    MM_E_BAD_TYPE = RPC_SERVICE_ERROR_BASE,  /* not an object type it makes, or size_bits
                                                out of that type's range */
    MM_E_QUOTA = RPC_SERVICE_ERROR_BASE + 1, /* the client's objects or bytes would pass
                                                its quota */
    MM_E_NO_MEMORY = RPC_SERVICE_ERROR_BASE + 2,  /* no free block or bookkeeping slot */
    MM_E_NO_OBJECT = RPC_SERVICE_ERROR_BASE + 3,  /* no object with this id is the
                                                     caller's (unknown, freed, another's) */
};

struct mm_stats {
    uint64_t ram_bytes;          /* RAM in the untyped regions it holds */
    uint64_t free_bytes;         /* of which free: not retyped, or free in the object pool */
    uint64_t untyped_count;      /* RAM untyped regions */
    uint64_t device_count;       /* device untyped regions */
    uint64_t reclaimed_bytes;    /* the root server's region, given back at start */
    uint64_t free_before_reclaim;
    uint64_t pool_bytes;         /* the pool client objects are made from (0: none) */
    uint64_t pool_free_bytes;    /* of which free */
    uint64_t objects;            /* objects its clients hold */
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

/*
 * MM_ALLOC. type: CAIRN_OBJECT_TCB, _ENDPOINT, _NOTIFICATION, _FRAME_4K or _PAGE_TABLE
 * with size_bits 0, or CAIRN_OBJECT_CNODE with size_bits = its radix,
 * 1..MM_CNODE_MAX_RADIX. Untyped memory and 2 MiB frames are not handed out.
 */
#define MM_CNODE_MAX_RADIX 8

struct mm_alloc_request {
    uint32_t type;               /* enum cairn_object_type */
    uint32_t size_bits;
};

struct mm_alloc_reply {
    uint64_t id;                 /* names the object in MM_FREE */
    uint64_t bytes;              /* what it counts against the quota */
};

struct mm_free_request {
    uint64_t id;
};

/* Per client, as MM_CLIENTS lists them (clients that ever allocated, by badge). */
struct mm_client {
    uint64_t badge;
    uint64_t objects;
    uint64_t bytes;
    uint64_t object_quota;
    uint64_t byte_quota;
};

#define MM_CLIENTS_PER_REPLY 23   /* what fits in one reply (RPC_MAX_BYTES) */

struct mm_clients_request {
    uint64_t first;              /* the index of the first client wanted */
};

struct mm_clients {
    uint64_t total;              /* clients it keeps accounts for */
    uint64_t count;              /* of which in this reply, from `first` on */
    struct mm_client clients[MM_CLIENTS_PER_REPLY];
};

_Static_assert(sizeof(struct mm_stats) == 9 * 8, "MM_STATS reply: nine words");
_Static_assert(sizeof(struct mm_regions) <= RPC_MAX_BYTES, "MM_REGIONS fits one message");
_Static_assert(sizeof(struct mm_alloc_request) == 8, "MM_ALLOC request: one word");
_Static_assert(sizeof(struct mm_alloc_reply) == 16, "MM_ALLOC reply: two words");
_Static_assert(sizeof(struct mm_free_request) == 8, "MM_FREE request: one word");
_Static_assert(sizeof(struct mm_client) == 40, "one client: five words");
_Static_assert(sizeof(struct mm_clients) <= RPC_MAX_BYTES, "MM_CLIENTS fits one message");

/*
 * Asks the memory manager behind `server` for an object; its capability arrives in slot
 * (cnode, index, depth) of the caller's CSpace, which must be empty. Returns the status
 * (RPC_E_NO_CAP: allocated, *out filled, but no capability came: free it).
 */
static inline unsigned mm_alloc(cairn_cptr_t server, unsigned type, unsigned size_bits,
                                struct rpc_receive_slot slot, struct mm_alloc_reply *out)
{
    struct mm_alloc_request request = {.type = type, .size_bits = size_bits};
    return rpc_call_cap(server, MM_ALLOC, &request, sizeof(request), out, sizeof(*out), slot);
}

/* Frees the caller's object `id`: every capability to it is gone afterwards. */
static inline unsigned mm_free(cairn_cptr_t server, uint64_t id)
{
    struct mm_free_request request = {.id = id};
    return rpc_call(server, MM_FREE, &request, sizeof(request), 0, 0);
}

#endif
