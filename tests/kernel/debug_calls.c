/*
 * debug_calls.c: a root task that uses the debug calls: dump the scheduler, dump its
 * CNode, name a thread, self-check. The QEMU case checks what the kernel prints.
 */
#include "cairn.h"

int main(const struct cairn_bootinfo *info)
{
    cairn_cptr_t worker = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    enum cairn_error err = cairn_untyped_retype(cairn_largest_ram_untyped(info), CAIRN_OBJECT_TCB,
                                                0, CAIRN_CAP_INIT_CNODE, 0, 0, worker, 1);
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_name(worker, "named-worker");
    }
    cairn_tcb_set_name(CAIRN_CAP_INIT_TCB, "debug-root");
    cairn_debug_dump_scheduler();
    cairn_printf("dump cnode of a TCB: %d\n", cairn_debug_dump_cnode(worker));
    cairn_debug_dump_cnode(CAIRN_CAP_INIT_CNODE);
    cairn_printf("self-check: %lu problems\n", cairn_debug_self_check());
    return err;
}
