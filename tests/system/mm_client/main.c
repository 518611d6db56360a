/*
 * mm_client: the objects test's main client (tests/system/objects.desc). Every step
 * prints one line that tests/qemu_cases.py checks: objects of each type allocated and
 * used, per-client statistics, capabilities gone after MM_FREE (the copy we minted too),
 * the quota, malformed requests, the neighbour's object refused, the memory back.
 *
 * Capabilities arrive in slots 6 and 7, which bootplan.h leaves empty in every CSpace.
 */
#include "cairn.h"
#include "cairn_vspace.h"
#include "memory_manager.h"
#include "mm_client_caps.h"

#define SLOT_A 6
#define SLOT_B 7
#define SCRATCH_VADDR (((STACK_MAIN_VADDR >> 21) << 21) + 0x1ff000ul)   /* our stack's table */
#define FAR_VADDR 0x40000000ul   /* no page table there until we map one */

static uint64_t alloc(unsigned type, unsigned size_bits, cairn_cptr_t into, unsigned *status)
{
    struct mm_alloc_reply got = {0};
    struct rpc_receive_slot slot = {CAP_SELF_CNODE, into, CAIRN_WORD_BITS};
    *status = mm_alloc(CAP_RPC_MEMORY, type, size_bits, slot, &got);
    return got.id;
}

/* Allocates without naming a receive slot (the capability is dropped); the status. */
static unsigned alloc_only(unsigned type, unsigned size_bits, uint64_t *id)
{
    struct mm_alloc_request want = {.type = type, .size_bits = size_bits};
    struct mm_alloc_reply got = {0};
    unsigned status = rpc_call(CAP_RPC_MEMORY, MM_ALLOC, &want, sizeof(want), &got,
                               sizeof(got));
    *id = got.id;
    return status;
}

static struct mm_stats stats(void)
{
    struct mm_stats s = {0};
    rpc_call(CAP_RPC_MEMORY, MM_STATS, 0, 0, &s, sizeof(s));
    return s;
}

static void print_clients(const char *when)
{
    static struct mm_clients c;
    struct mm_clients_request want = {.first = 0};
    unsigned status = rpc_call(CAP_RPC_MEMORY, MM_CLIENTS, &want, sizeof(want), &c,
                               sizeof(c));
    for (uint64_t i = 0; status == RPC_OK && i < c.count; i++) {
        cairn_printf("mm_client: %s: client %lu: %lu objects, %lu bytes\n", when,
                     c.clients[i].badge, c.clients[i].objects, c.clients[i].bytes);
    }
}

/* Both slots are empty: copying either to the other finds no source. */
static bool both_empty(void)
{
    return cairn_cnode_copy(CAP_SELF_CNODE, SLOT_B, CAIRN_WORD_BITS, CAP_SELF_CNODE, SLOT_A,
                            CAIRN_WORD_BITS, CAIRN_RIGHTS_ALL) == CAIRN_E_FAILED_LOOKUP &&
           cairn_cnode_copy(CAP_SELF_CNODE, SLOT_A, CAIRN_WORD_BITS, CAP_SELF_CNODE, SLOT_B,
                            CAIRN_WORD_BITS, CAIRN_RIGHTS_ALL) == CAIRN_E_FAILED_LOOKUP;
}

static void notification_test(void)
{
    unsigned status;
    uint64_t id = alloc(CAIRN_OBJECT_NOTIFICATION, 0, SLOT_A, &status);
    enum cairn_error minted = cairn_cnode_mint(CAP_SELF_CNODE, SLOT_B, CAIRN_WORD_BITS,
                                               CAP_SELF_CNODE, SLOT_A, CAIRN_WORD_BITS,
                                               CAIRN_RIGHTS_ALL, 0x5);
    cairn_signal(SLOT_B);
    uint64_t bits = cairn_wait(SLOT_A);
    cairn_printf("mm_client: notification: %s, minted %d, signalled 0x5, got 0x%lx\n",
                 rpc_status_name(status), minted, bits);
    print_clients("holding a notification");
    unsigned freed = mm_free(CAP_RPC_MEMORY, id);
    cairn_printf("mm_client: notification freed: %s; its capability and our copy gone: %s\n",
                 rpc_status_name(freed), both_empty() ? "yes" : "NO");
}

static void frame_test(void)
{
    unsigned status, table_status;
    uint64_t frame = alloc(CAIRN_OBJECT_FRAME_4K, 0, SLOT_A, &status);
    uint64_t table = alloc(CAIRN_OBJECT_PAGE_TABLE, 0, SLOT_B, &table_status);
    enum cairn_error mapped = cairn_frame_map(SLOT_A, CAP_SELF_VSPACE, SCRATCH_VADDR,
                                              CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    volatile uint64_t *page = (volatile uint64_t *)SCRATCH_VADDR;
    uint64_t sum = 0;
    for (unsigned i = 0; mapped == CAIRN_OK && i < 512; i++) {
        page[i] = i * 3;
        sum += page[i];
    }
    enum cairn_error table_mapped = cairn_page_table_map(SLOT_B, CAP_SELF_VSPACE, FAR_VADDR);
    cairn_printf("mm_client: frame: %s, mapped %d, sum %lu; page table: %s, mapped %d\n",
                 rpc_status_name(status), mapped, sum, rpc_status_name(table_status),
                 table_mapped);
    print_clients("holding a frame and a page table");
    unsigned freed = mm_free(CAP_RPC_MEMORY, frame);
    uint64_t paddr = 0;
    enum cairn_error after = cairn_frame_get_address(SLOT_A, &paddr);
    unsigned freed_table = mm_free(CAP_RPC_MEMORY, table);
    cairn_printf("mm_client: frame freed: %s, then its invocation: %d; table freed: %s; "
                 "slots empty: %s\n", rpc_status_name(freed), after,
                 rpc_status_name(freed_table), both_empty() ? "yes" : "NO");
}

/* An endpoint, a TCB and a CNode, each used once and freed. */
static void other_types_test(void)
{
    unsigned s1, s2, s3;
    uint64_t badge = 1;
    uint64_t ep = alloc(CAIRN_OBJECT_ENDPOINT, 0, SLOT_A, &s1);
    cairn_nb_recv(SLOT_A, &badge);   /* nothing there: badge 0 */
    unsigned f1 = mm_free(CAP_RPC_MEMORY, ep);
    uint64_t tcb = alloc(CAIRN_OBJECT_TCB, 0, SLOT_A, &s2);
    enum cairn_error named = cairn_tcb_set_name(SLOT_A, "borrowed");
    unsigned f2 = mm_free(CAP_RPC_MEMORY, tcb);
    uint64_t cnode = alloc(CAIRN_OBJECT_CNODE, 4, SLOT_A, &s3);
    enum cairn_error copied = cairn_cnode_copy(SLOT_A, 3, 4, CAP_SELF_CNODE, CAP_SELF_TCB,
                                               CAIRN_WORD_BITS, CAIRN_RIGHTS_ALL);
    unsigned f3 = mm_free(CAP_RPC_MEMORY, cnode);
    cairn_printf("mm_client: endpoint %u (polled badge %lu) freed %u; tcb %u (named %d) "
                 "freed %u; cnode %u (copy into it %d) freed %u; slots empty: %s\n", s1,
                 badge, f1, s2, named, f2, s3, copied, f3, both_empty() ? "yes" : "NO");
}

/* Allocates `type` (capabilities dropped) until refused; frees them; the count. */
static unsigned fill_quota(unsigned type, unsigned *refusal)
{
    static uint64_t ids[64];
    unsigned n = 0;
    while (n < 64 && (*refusal = alloc_only(type, 0, &ids[n])) == RPC_OK) {
        n++;
    }
    for (unsigned i = 0; i < n; i++) {
        mm_free(CAP_RPC_MEMORY, ids[i]);
    }
    return n;
}

static void quota_test(void)
{
    unsigned frame_refusal, ntfn_refusal;
    unsigned frames = fill_quota(CAIRN_OBJECT_FRAME_4K, &frame_refusal);
    unsigned ntfns = fill_quota(CAIRN_OBJECT_NOTIFICATION, &ntfn_refusal);
    cairn_printf("mm_client: quota: %u frames then status %u; %u notifications then "
                 "status %u\n", frames, frame_refusal, ntfns, ntfn_refusal);
}

static void refusals_test(void)
{
    uint64_t id = 0;
    unsigned untyped = alloc_only(CAIRN_OBJECT_UNTYPED, 12, &id);
    unsigned big_cnode = alloc_only(CAIRN_OBJECT_CNODE, MM_CNODE_MAX_RADIX + 1, &id);
    unsigned sized_frame = alloc_only(CAIRN_OBJECT_FRAME_4K, 1, &id);
    unsigned huge = alloc_only(CAIRN_OBJECT_FRAME_2M, 0, &id);
    unsigned unknown = mm_free(CAP_RPC_MEMORY, 0);
    unsigned short_free = rpc_call(CAP_RPC_MEMORY, MM_FREE, 0, 0, 0, 0);
    cairn_printf("mm_client: refused: untyped %u, cnode radix 9 %u, sized frame %u, 2M "
                 "frame %u, id 0 %u, empty free %u\n", untyped, big_cnode, sized_frame, huge,
                 unknown, short_free);
}

static void neighbour_test(void)
{
    uint64_t theirs = *(volatile const uint64_t *)SHARED_ID_BOX_VADDR;
    unsigned status = mm_free(CAP_RPC_MEMORY, theirs);
    cairn_printf("mm_client: freeing the neighbour's id %lu: status %u\n", theirs, status);
    print_clients("after that");
}

int main(void)
{
    struct mm_stats before = stats();
    notification_test();
    frame_test();
    other_types_test();
    quota_test();
    refusals_test();
    neighbour_test();
    struct mm_stats after = stats();
    cairn_printf("mm_client: free %lu bytes before, %lu after; pool %lu of %lu bytes free; "
                 "%lu objects held\n", before.free_bytes, after.free_bytes,
                 after.pool_free_bytes, after.pool_bytes, after.objects);
    return 0;
}
