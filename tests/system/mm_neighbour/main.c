/*
 * mm_neighbour: the other client of the objects test (tests/system/objects.desc). It
 * allocates a notification, checks it works, and leaves its id in the shared page for
 * mm_client to try to free (which the memory manager must refuse).
 */
#include "cairn.h"
#include "memory_manager.h"
#include "mm_neighbour_caps.h"

#define SLOT 6   /* bootplan.h reserves slots 6 and 7: empty, ours to receive into */

int main(void)
{
    struct mm_alloc_reply got = {0};
    struct rpc_receive_slot slot = {CAP_SELF_CNODE, SLOT, CAIRN_WORD_BITS};
    unsigned status = mm_alloc(CAP_RPC_MEMORY, CAIRN_OBJECT_NOTIFICATION, 0, slot, &got);
    cairn_signal(SLOT);
    cairn_wait(SLOT);   /* the signal is pending: no wait */
    *(volatile uint64_t *)SHARED_ID_BOX_VADDR = got.id;
    cairn_printf("mm_neighbour: notification: %s, id %lu, signalled and waited\n",
                 rpc_status_name(status), got.id);
    return 0;
}
