/*
 * reclaim_roottask.c: the root task's memory comes back (KataOS's reclaimable root task).
 *
 * Every object the kernel made for the root task came from one untyped region, whose
 * capability the root task holds (CAIRN_CAP_INIT_UNTYPED). Here the root task builds a
 * second thread that owns nothing of it: its own CNode and TCB, and an address space
 * with a private copy of the program (cairn_clone_image), all from another region, with
 * every capability to them moved into that thread's CNode (capabilities left in the root
 * task's CNode would be deleted with it). It moves the region's capability there too,
 * and stops. The thread revokes the region - destroying the root task's CNode, TCB,
 * address space and frames - and checks that every byte is free again and the kernel
 * is sound.
 */
#include "cairn.h"
#include "cairn_clone.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define WORD CAIRN_WORD_BITS
#define TEMP_VADDR 0x40000000ul
#define WORKER_RADIX 5
#define WORKER_UNTYPED 1          /* slots in the worker's CNode */
#define WORKER_CNODE 2
#define WORKER_FIRST_FREE 3

static uint64_t worker_stack[512] __attribute__((aligned(16)));

/* Runs in its own address space, with only its own CNode. */
static void reclaimer(uint64_t region_bits)
{
    struct cairn_untyped_info before, after;
    enum cairn_error err = cairn_untyped_describe(WORKER_UNTYPED, &before);
    if (err == CAIRN_OK) {
        err = cairn_cnode_revoke(WORKER_CNODE, WORKER_UNTYPED, WORD);
    }
    if (err == CAIRN_OK) {
        err = cairn_untyped_describe(WORKER_UNTYPED, &after);
    }
    unsigned long problems = cairn_debug_self_check();
    cairn_printf("reclaim: region of %lu KiB: %lu bytes free before the revoke, %lu after; "
                 "self-check %lu\n", (1ul << region_bits) >> 10, before.free_bytes,
                 after.free_bytes, problems);
    bool whole = err == CAIRN_OK && after.free_bytes == (1ul << region_bits) && problems == 0;
    cairn_printf("reclaim: %s\n", whole ? "all of the root task's memory is back" : "FAILED");
    cairn_debug_halt(whole ? 0 : 1);
}

/* Moves the root-CNode slots [first, first + count) into the worker's CNode from `to`. */
static enum cairn_error move_into(cairn_cptr_t cnode, unsigned to, cairn_cptr_t first,
                                  unsigned count)
{
    enum cairn_error err = CAIRN_OK;
    for (unsigned i = 0; err == CAIRN_OK && i < count; i++) {
        err = cairn_cnode_move(cnode, to + i, WORKER_RADIX, ROOT, first + i, WORD);
    }
    return err;
}

static enum cairn_error start_reclaimer(cairn_cptr_t memory, cairn_cptr_t cnode,
                                        cairn_cptr_t tcb, const struct cairn_clone *clone,
                                        unsigned region_bits)
{
    uint64_t guard = cairn_cnode_guard(0, WORD - WORKER_RADIX);
    enum cairn_error err = cairn_untyped_retype(memory, CAIRN_OBJECT_CNODE, WORKER_RADIX, ROOT,
                                                0, 0, cnode, 1);
    if (err == CAIRN_OK) {
        err = cairn_untyped_retype(memory, CAIRN_OBJECT_TCB, 0, ROOT, 0, 0, tcb, 1);
    }
    if (err == CAIRN_OK && WORKER_FIRST_FREE + 1 + clone->slots_used + 1 > (1u << WORKER_RADIX)) {
        err = CAIRN_E_RANGE;
    }
    if (err == CAIRN_OK) {   /* its CNode, addressable from inside with depth 64 */
        err = cairn_cnode_mint(cnode, WORKER_CNODE, WORKER_RADIX, ROOT, cnode, WORD,
                               CAIRN_RIGHTS_ALL, guard);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(tcb, 0, cnode, guard, clone->vspace, 0, 0);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(tcb, CAIRN_CAP_INIT_TCB, 200);
    }
    uint64_t gp;
    __asm__ volatile("mv %0, gp" : "=r"(gp));
    uint64_t regs[11] = {(uint64_t)reclaimer, 0, (uint64_t)&worker_stack[512], gp};
    regs[10] = region_bits;
    if (err == CAIRN_OK) {   /* ready, but below us: it runs once we stop */
        err = cairn_tcb_write_registers(tcb, true, 11, regs);
    }
    unsigned to = WORKER_FIRST_FREE;
    if (err == CAIRN_OK) {
        err = move_into(cnode, to, tcb, 1);
    }
    if (err == CAIRN_OK) {
        err = move_into(cnode, to + 1, clone->first_slot, clone->slots_used);
    }
    if (err == CAIRN_OK) {   /* the root task's own memory */
        err = cairn_cnode_move(cnode, WORKER_UNTYPED, WORKER_RADIX, ROOT, CAIRN_CAP_INIT_UNTYPED,
                               WORD);
    }
    if (err == CAIRN_OK) {   /* last, the CNode's original capability, into itself */
        err = move_into(cnode, to + 1 + clone->slots_used, cnode, 1);
    }
    return err;
}

int main(const struct cairn_bootinfo *info)
{
    cairn_cptr_t first = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    cairn_cptr_t memory = cairn_largest_ram_untyped(info);   /* not the root task's region */
    struct cairn_untyped_info mine;
    struct cairn_clone clone = {.untyped = memory, .first_slot = first + 2};
    enum cairn_error err = cairn_untyped_describe(CAIRN_CAP_INIT_UNTYPED, &mine);
    if (err == CAIRN_OK) {
        err = cairn_clone_image(&clone, TEMP_VADDR);
    }
    cairn_printf("reclaim: root task region %lu KiB, %u pages copied; handing it over\n",
                 (1ul << mine.size_bits) >> 10, clone.pages);
    if (err == CAIRN_OK) {
        err = start_reclaimer(memory, first, first + 1, &clone, mine.size_bits);
    }
    if (err == CAIRN_OK) {
        cairn_tcb_suspend(CAIRN_CAP_INIT_TCB);   /* the root task's work is done */
    }
    cairn_printf("reclaim: setup failed: error %d\n", err);
    return 1;
}
