/*
 * objects.c: the objects the memory manager made for its clients, and their accounts.
 *
 * Each object comes from a pool block of its own size (pool.c) and is recorded with the
 * badge of the client that asked: that badge, delivered by the kernel, is the only
 * identity a client has, so only it may free the object. An object's id is its table
 * index plus one, with a generation above bit 16 that changes each time the entry is
 * reused, so an old id never names a newer object. Every client has an account (its
 * objects and bytes, against MM_OBJECT_QUOTA and MM_BYTE_QUOTA), made at its first
 * request that passes validation.
 *
 * The reply carries a copy of our capability to the new object; once it is sent we
 * delete ours (drop_ours), so the client's is the only one (a page table can be mapped
 * only then) and it hangs directly under the pool block, whose revoke on MM_FREE takes
 * it. An object whose capability did not arrive (no receive slot named) is destroyed
 * with ours at once; its id still takes MM_FREE to give the quota back.
 */
#include "objects.h"

#include "log.h"
#include "memory_manager.h"
#include "memory_manager_caps.h"
#include "pool.h"

struct object {
    bool used;
    uint16_t generation;
    int block;                   /* its pool block */
    uint64_t badge;              /* whose it is */
    struct mm_client *account;   /* its account */
    uint64_t bytes;
};

static struct object objects[MM_MAX_OBJECTS];
static cairn_cptr_t made;   /* our capability to the object being made, in a slot of ours */
static struct mm_client accounts[MM_MAX_CLIENTS];
static unsigned account_count;

/* The object size (bits) of a type MM_ALLOC hands out, or 0 when it refuses it. */
static unsigned object_bits(uint32_t type, uint32_t size_bits)
{
    if (type == CAIRN_OBJECT_CNODE) {
        return size_bits >= 1 && size_bits <= MM_CNODE_MAX_RADIX ? size_bits + CAIRN_SLOT_BITS
                                                                 : 0;
    }
    if (size_bits != 0) {
        return 0;
    }
    switch (type) {
    case CAIRN_OBJECT_TCB: return CAIRN_TCB_BITS;
    case CAIRN_OBJECT_ENDPOINT: return CAIRN_ENDPOINT_BITS;
    case CAIRN_OBJECT_NOTIFICATION: return CAIRN_NOTIFICATION_BITS;
    case CAIRN_OBJECT_FRAME_4K: return CAIRN_FRAME_4K_BITS;
    case CAIRN_OBJECT_PAGE_TABLE: return CAIRN_PAGE_TABLE_BITS;
    default: return 0;
    }
}

/* The account of badge, made if new; 0 when the table is full. */
static struct mm_client *account_of(uint64_t badge)
{
    for (unsigned i = 0; i < account_count; i++) {
        if (accounts[i].badge == badge) {
            return &accounts[i];
        }
    }
    if (account_count == MM_MAX_CLIENTS) {
        return 0;
    }
    accounts[account_count] = (struct mm_client){
        .badge = badge, .object_quota = MM_OBJECT_QUOTA, .byte_quota = MM_BYTE_QUOTA,
    };
    return &accounts[account_count++];
}

static struct object *free_entry(void)
{
    for (unsigned i = 0; i < MM_MAX_OBJECTS; i++) {
        if (!objects[i].used) {
            return &objects[i];
        }
    }
    return 0;
}

static uint64_t id_of(const struct object *o)
{
    return (uint64_t)o->generation << 16 | (uint64_t)(o - objects + 1);
}

/* Makes the object in a block and a slot of ours; MM_* status. */
static unsigned make(struct object *o, const struct mm_alloc_request *want, unsigned bits)
{
    unsigned block_bits = bits > POOL_BLOCK_MIN_BITS ? bits : POOL_BLOCK_MIN_BITS;
    o->block = pool_take(block_bits);
    made = o->block < 0 ? 0 : slot_take();
    if (made == 0) {
        if (o->block >= 0) {
            pool_give_back(o->block);
        }
        return MM_E_NO_MEMORY;
    }
    enum cairn_error err = cairn_untyped_retype(pool_block_cap(o->block), want->type,
                                                want->size_bits, CAP_SELF_CNODE, 0, 0, made, 1);
    if (err != CAIRN_OK) {
        log_error("retyping a type %u object failed: error %d", want->type, err);
        pool_give_back(o->block);
        slot_give_back(made);
        return MM_E_NO_MEMORY;
    }
    o->bytes = 1ull << block_bits;
    return RPC_OK;
}

/* Refuses what the request or the client's account do not allow; else RPC_OK. */
static unsigned admit(const struct rpc_request *request, struct mm_alloc_request *want,
                      unsigned *bits, struct mm_client **account)
{
    if (!rpc_request_read(request, want, sizeof(*want))) {
        return RPC_E_BAD_REQUEST;
    }
    *bits = object_bits(want->type, want->size_bits);
    if (*bits == 0) {
        return MM_E_BAD_TYPE;
    }
    *account = account_of(request->badge);
    if (*account == 0) {
        return MM_E_NO_MEMORY;
    }
    uint64_t bytes = 1ull << (*bits > POOL_BLOCK_MIN_BITS ? *bits : POOL_BLOCK_MIN_BITS);
    if ((*account)->objects + 1 > (*account)->object_quota ||
        (*account)->bytes + bytes > (*account)->byte_quota) {
        return MM_E_QUOTA;
    }
    return RPC_OK;
}

/* After MM_ALLOC's reply: our capability goes, the client's stays (see the top). */
static void drop_ours(cairn_cptr_t cap)
{
    cairn_cnode_delete(CAP_SELF_CNODE, cap, CAIRN_WORD_BITS);
    slot_give_back(cap);
}

void objects_alloc(const struct rpc_request *request, struct rpc_reply *reply)
{
    struct mm_alloc_request want;
    struct mm_client *account = 0;
    unsigned bits = 0;
    unsigned status = admit(request, &want, &bits, &account);
    struct object *o = status == RPC_OK ? free_entry() : 0;
    if (status == RPC_OK) {
        status = o == 0 ? MM_E_NO_MEMORY : make(o, &want, bits);
    }
    if (status != RPC_OK) {
        rpc_reply_set(reply, status, 0, 0);
        return;
    }
    o->used = true;
    o->badge = request->badge;
    o->account = account;
    account->objects++;
    account->bytes += o->bytes;
    struct mm_alloc_reply out = {.id = id_of(o), .bytes = o->bytes};
    rpc_reply_set(reply, RPC_OK, &out, sizeof(out));
    reply->cap = made;
    reply->after = drop_ours;
}

/* The caller's object `id` names, or 0. */
static struct object *find(uint64_t id, uint64_t badge)
{
    uint64_t index = (id & 0xffff) - 1;
    if (index >= MM_MAX_OBJECTS || id >> 32 != 0) {
        return 0;
    }
    struct object *o = &objects[index];
    bool match = o->used && o->generation == (uint16_t)(id >> 16) && o->badge == badge;
    return match ? o : 0;
}

void objects_free(const struct rpc_request *request, struct rpc_reply *reply)
{
    struct mm_free_request want;
    if (!rpc_request_read(request, &want, sizeof(want))) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
        return;
    }
    struct object *o = find(want.id, request->badge);
    if (o == 0) {
        rpc_reply_set(reply, MM_E_NO_OBJECT, 0, 0);
        return;
    }
    pool_give_back(o->block);   /* the revoke takes every capability to the object */
    o->account->objects--;
    o->account->bytes -= o->bytes;
    o->used = false;
    o->generation++;
    rpc_reply_set(reply, RPC_OK, 0, 0);
}

void objects_clients(const struct rpc_request *request, struct rpc_reply *reply)
{
    struct mm_clients_request want;
    static struct mm_clients out;
    if (!rpc_request_read(request, &want, sizeof(want)) || want.first > account_count) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
        return;
    }
    out.total = account_count;
    out.count = 0;
    for (uint64_t i = want.first; i < account_count && out.count < MM_CLIENTS_PER_REPLY; i++) {
        out.clients[out.count++] = accounts[i];
    }
    rpc_reply_set(reply, RPC_OK, &out, sizeof(out));
}

uint64_t objects_count(void)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < MM_MAX_OBJECTS; i++) {
        n += objects[i].used;
    }
    return n;
}
