/*
 * reclaim_roottask.c: the root task's memory comes back (KataOS's reclaimable root task).
 *
 * Every object the kernel made for the root task came from one untyped region, whose
 * capability the root task holds (CAIRN_CAP_INIT_UNTYPED). Here the root task builds a
 * second thread that owns nothing of it: its own CNode, TCB, page tables and copies of
 * the root task's pages, all from another region, with every capability to them moved
 * into that thread's CNode (capabilities left in the root task's CNode would be
 * deleted with it). It moves the region's capability there too, and stops. The thread revokes the region - destroying the
 * root task's CNode, TCB, address space and frames - and checks that every byte of the
 * region is free again and the kernel is sound.
 */
#include "cairn.h"
#include "cairn_vspace.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define WORD CAIRN_WORD_BITS
#define PAGE 4096ul
#define TEMP_VADDR 0x40000000ul   /* where the root task fills the copies */
#define WORKER_RADIX 5
#define WORKER_UNTYPED 1          /* slots in the worker's CNode */
#define WORKER_CNODE 2

extern char __image_start[], __text_end[], __image_end[];

enum { W_CNODE, W_TCB, W_ROOT, POOL_MEMORY, POOL, L1_THERE, L0_THERE, L1_HERE, L0_HERE,
       FRAMES };

static uint64_t worker_stack[512] __attribute__((aligned(16)));
static unsigned pages_copied;
static cairn_cptr_t first;
static cairn_cptr_t memory;   /* a boot RAM untyped, not the root task's */

static cairn_cptr_t at(unsigned i)
{
    return first + i;
}

static enum cairn_error make(unsigned type, unsigned bits, unsigned slot)
{
    return cairn_untyped_retype(memory, type, bits, ROOT, 0, 0, at(slot), 1);
}

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

/* Maps page tables until vaddr has both levels; some may exist already (DELETE_FIRST). */
static enum cairn_error ensure_tables(cairn_cptr_t vspace, uint64_t vaddr, unsigned l1, unsigned l0)
{
    enum cairn_error err = cairn_page_table_map(at(l1), vspace, vaddr);
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(at(l0), vspace, vaddr);
    }
    return err == CAIRN_E_DELETE_FIRST ? CAIRN_OK : err;
}

static enum cairn_error build_address_space(void)
{
    enum cairn_error err = make(CAIRN_OBJECT_PAGE_TABLE, 0, W_ROOT);
    for (unsigned i = L1_THERE; err == CAIRN_OK && i <= L0_HERE; i++) {
        err = make(CAIRN_OBJECT_PAGE_TABLE, 0, i);
    }
    if (err == CAIRN_OK) {
        err = make(CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, POOL_MEMORY);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(POOL_MEMORY), ROOT,
                                           at(POOL), WORD);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_pool_assign(at(POOL), at(W_ROOT));
    }
    if (err == CAIRN_OK) {
        err = ensure_tables(at(W_ROOT), (uint64_t)__image_start, L1_THERE, L0_THERE);
    }
    if (err == CAIRN_OK) {
        err = ensure_tables(CAIRN_CAP_INIT_VSPACE, TEMP_VADDR, L1_HERE, L0_HERE);
    }
    return err;
}

/* Copies page `page` of our image into a new frame and maps it at the same place there. */
static enum cairn_error copy_page(unsigned index, uint64_t page)
{
    cairn_cptr_t frame = at(FRAMES + index);
    enum cairn_error err = make(CAIRN_OBJECT_FRAME_4K, 0, FRAMES + index);
    if (err == CAIRN_OK) {
        err = cairn_frame_map(frame, CAIRN_CAP_INIT_VSPACE, TEMP_VADDR,
                              CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    for (uint64_t i = 0; i < PAGE / 8; i++) {
        ((volatile uint64_t *)TEMP_VADDR)[i] = ((const uint64_t *)page)[i];
    }
    err = cairn_frame_unmap(frame);
    bool text = page < (uint64_t)__text_end;
    if (err == CAIRN_OK) {
        err = cairn_frame_map(frame, at(W_ROOT), page,
                              text ? CAIRN_RIGHT_READ | CAIRN_RIGHT_EXECUTE
                                   : CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    return err;
}

static enum cairn_error start_reclaimer(unsigned region_bits)
{
    enum cairn_error err = make(CAIRN_OBJECT_CNODE, WORKER_RADIX, W_CNODE);
    if (err == CAIRN_OK) {
        err = make(CAIRN_OBJECT_TCB, 0, W_TCB);
    }
    /* Slots 3.. of its CNode take its own capabilities: room for 6 and the frames. */
    if (err == CAIRN_OK && 3 + 6 + ((uintptr_t)__image_end - (uintptr_t)__image_start) / PAGE >
                               (1u << WORKER_RADIX)) {
        return CAIRN_E_RANGE;
    }
    if (err == CAIRN_OK) {   /* its CNode, addressable from inside with depth 64 */
        err = cairn_cnode_mint(at(W_CNODE), WORKER_CNODE, WORKER_RADIX, ROOT, at(W_CNODE), WORD,
                               CAIRN_RIGHTS_ALL, cairn_cnode_guard(0, WORD - WORKER_RADIX));
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(at(W_TCB), 0, at(W_CNODE),
                                  cairn_cnode_guard(0, WORD - WORKER_RADIX), at(W_ROOT), 0, 0);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(at(W_TCB), CAIRN_CAP_INIT_TCB, 200);
    }
    uint64_t gp;
    __asm__ volatile("mv %0, gp" : "=r"(gp));
    uint64_t regs[11] = {(uint64_t)reclaimer, 0, (uint64_t)&worker_stack[512], gp};
    regs[10] = region_bits;
    if (err == CAIRN_OK) {   /* ready, but below us: it runs once we stop */
        err = cairn_tcb_write_registers(at(W_TCB), true, 11, regs);
    }
    /* Its objects' capabilities go into its own CNode (the CNode's own last). */
    static const unsigned keep[] = {W_TCB, W_ROOT, POOL, L1_THERE, L0_THERE};
    for (unsigned i = 0; err == CAIRN_OK && i < sizeof(keep) / sizeof(keep[0]); i++) {
        err = cairn_cnode_move(at(W_CNODE), 3 + i, WORKER_RADIX, ROOT, at(keep[i]), WORD);
    }
    for (unsigned i = 0; err == CAIRN_OK && i < pages_copied; i++) {
        err = cairn_cnode_move(at(W_CNODE), 3 + 5 + i, WORKER_RADIX, ROOT, at(FRAMES + i), WORD);
    }
    if (err == CAIRN_OK) {   /* and the root task's own memory */
        err = cairn_cnode_move(at(W_CNODE), WORKER_UNTYPED, WORKER_RADIX, ROOT,
                               CAIRN_CAP_INIT_UNTYPED, WORD);
    }
    if (err == CAIRN_OK) {   /* last, the CNode's original capability into itself */
        err = cairn_cnode_move(at(W_CNODE), 3 + 5 + pages_copied, WORKER_RADIX, ROOT,
                               at(W_CNODE), WORD);
    }
    return err;
}

int main(const struct cairn_bootinfo *info)
{
    first = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        if (!info->untyped[i].is_device && info->untyped[i].size_bits >= 20) {
            memory = CAIRN_CAP_FIRST_UNTYPED + i;
        }
    }
    struct cairn_untyped_info mine;
    enum cairn_error err = cairn_untyped_describe(CAIRN_CAP_INIT_UNTYPED, &mine);
    if (err == CAIRN_OK) {
        err = build_address_space();
    }
    unsigned index = 0;
    for (uint64_t page = (uint64_t)__image_start; err == CAIRN_OK && page < (uint64_t)__image_end;
         page += PAGE) {
        err = copy_page(index++, page);
    }
    __asm__ volatile("fence.i" ::: "memory");
    pages_copied = index;
    cairn_printf("reclaim: root task region %lu KiB, %u pages copied; handing it over\n",
                 (1ul << mine.size_bits) >> 10, index);
    if (err == CAIRN_OK) {
        err = start_reclaimer(mine.size_bits);
    }
    if (err == CAIRN_OK) {
        cairn_tcb_suspend(CAIRN_CAP_INIT_TCB);   /* the root task's work is done */
    }
    cairn_printf("reclaim: setup failed: error %d\n", err);
    return 1;
}
