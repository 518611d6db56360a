/*
 * loader.c: a component started from the boot archive, the way the root server does it.
 *
 * The archive holds hello.elf (tests/components/hello.c). The root task finds it (cpio),
 * parses it (elf), makes the component's CNode (with a guard, so its cptrs are slot
 * numbers), VSpace and TCB, loads it with cairn_space (frames and page tables end up in
 * the component's own CNode), gives it its own capabilities and a notification, and
 * starts it. The component checks what it got and signals back.
 */
#include "cairn.h"
#include "cairn_space.h"
#include "cairn_vspace.h"
#include "cpio_newc.h"
#include "elf.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define RADIX 6
#define GUARD_DATA (CAIRN_WORD_BITS - RADIX)   /* guard size 58, guard 0 */
#define WINDOW 0x40000000ul                     /* our page for filling frames */
#define STACK_BASE 0x40000000ul                 /* in the component */
#define STACK_PAGES 2
#define IPC_BUFFER (STACK_BASE + (STACK_PAGES + 1) * CAIRN_PAGE_SIZE)

enum { RAW_CNODE, CNODE, VSPACE, TCB, POOL_MEMORY, POOL, NTFN, WINDOW_L1, WINDOW_L0, SCRATCH,
       SPARE, SLOTS };

static cairn_cptr_t first_free;

static cairn_cptr_t at(unsigned which)
{
    return first_free + which;
}

static enum cairn_error make(cairn_cptr_t untyped, unsigned type, unsigned bits, unsigned which)
{
    return cairn_untyped_retype(untyped, type, bits, ROOT, 0, 0, at(which), 1);
}

/* CNode (guarded), VSpace (with an ASID), TCB, notification, and our window's tables. */
static enum cairn_error make_objects(cairn_cptr_t untyped)
{
    enum cairn_error err = make(untyped, CAIRN_OBJECT_CNODE, RADIX, RAW_CNODE);
    if (err == CAIRN_OK) {
        err = cairn_cnode_mutate(ROOT, at(CNODE), CAIRN_WORD_BITS, ROOT, at(RAW_CNODE),
                                 CAIRN_WORD_BITS, GUARD_DATA);
    }
    const unsigned simple[][2] = {{CAIRN_OBJECT_PAGE_TABLE, VSPACE}, {CAIRN_OBJECT_TCB, TCB},
                                  {CAIRN_OBJECT_NOTIFICATION, NTFN},
                                  {CAIRN_OBJECT_PAGE_TABLE, WINDOW_L1},
                                  {CAIRN_OBJECT_PAGE_TABLE, WINDOW_L0}};
    for (unsigned i = 0; err == CAIRN_OK && i < 5; i++) {
        err = make(untyped, simple[i][0], 0, simple[i][1]);
    }
    if (err == CAIRN_OK) {
        err = make(untyped, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, POOL_MEMORY);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(POOL_MEMORY), ROOT,
                                           at(POOL), CAIRN_WORD_BITS);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_pool_assign(at(POOL), at(VSPACE));
    }
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(at(WINDOW_L1), CAIRN_CAP_INIT_VSPACE, WINDOW);
    }
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(at(WINDOW_L0), CAIRN_CAP_INIT_VSPACE, WINDOW);
    }
    /* Our stack's level-1 table covers the window's gigabyte already: one table is enough. */
    return err == CAIRN_E_DELETE_FIRST ? CAIRN_OK : err;
}

/* Slots 1..3 and 5 of the component's CNode: its TCB, CNode, VSpace; a notification. */
static enum cairn_error give_caps(void)
{
    const unsigned all = CAIRN_RIGHTS_ALL;
    enum cairn_error err = cairn_cnode_copy(at(CNODE), 1, CAIRN_WORD_BITS, ROOT, at(TCB),
                                            CAIRN_WORD_BITS, all);
    if (err == CAIRN_OK) {
        err = cairn_cnode_copy(at(CNODE), 2, CAIRN_WORD_BITS, ROOT, at(CNODE), CAIRN_WORD_BITS,
                               all);
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_copy(at(CNODE), 3, CAIRN_WORD_BITS, ROOT, at(VSPACE), CAIRN_WORD_BITS,
                               all);
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_mint(at(CNODE), 5, CAIRN_WORD_BITS, ROOT, at(NTFN), CAIRN_WORD_BITS,
                               CAIRN_RIGHT_WRITE, 1);
    }
    return err;
}

static enum cairn_error load_and_start(cairn_cptr_t untyped, const struct elf_image *elf,
                                       const uint8_t *file, struct cairn_space *s)
{
    *s = (struct cairn_space){
        .untyped = untyped, .vspace = at(VSPACE), .cnode = at(CNODE),
        .cnode_depth = CAIRN_WORD_BITS, .next_slot = 8, .slot_limit = 1u << RADIX,
        .scratch = at(SCRATCH), .spare = at(SPARE), .window = WINDOW,
    };
    uint64_t slot;
    enum cairn_error err = cairn_space_load_elf(s, elf, file);
    if (err == CAIRN_OK) {
        err = cairn_space_map_zeroed(s, STACK_BASE, STACK_PAGES,
                                     CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    if (err == CAIRN_OK) {
        err = cairn_space_map_scratch(s, IPC_BUFFER, CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(at(TCB), 0, at(CNODE), GUARD_DATA, at(VSPACE), IPC_BUFFER,
                                  at(SCRATCH));
    }
    if (err == CAIRN_OK) {
        err = cairn_space_keep(s, at(SCRATCH), &slot);
    }
    if (err == CAIRN_OK) {
        err = give_caps();
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(at(TCB), CAIRN_CAP_INIT_TCB, 100);
    }
    uint64_t regs[12] = {0};
    regs[0] = elf->entry;
    regs[2] = STACK_BASE + STACK_PAGES * CAIRN_PAGE_SIZE;
    regs[4] = IPC_BUFFER;
    regs[10] = 0;   /* thread index */
    regs[11] = 1;   /* its own TCB's slot */
    if (err == CAIRN_OK) {
        err = cairn_tcb_write_registers(at(TCB), true, 12, regs);
    }
    return err;
}

int main(const struct cairn_bootinfo *info)
{
    first_free = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    struct cpio_entry entry;
    int found = cpio_find((const void *)info->archive_vaddr, info->archive_bytes, "hello.elf",
                          &entry);
    struct elf_image elf;
    int parsed = found == CPIO_OK ? elf_parse(entry.data, entry.size, WINDOW, &elf) : ELF_OK;
    if (found != CPIO_OK || parsed != ELF_OK) {
        cairn_printf("loader: hello.elf: %s / %s\n", cpio_strerror(found), elf_strerror(parsed));
        return 1;
    }
    cairn_cptr_t untyped = cairn_largest_ram_untyped(info);
    struct cairn_space s;
    enum cairn_error err = make_objects(untyped);
    if (err == CAIRN_OK) {
        err = load_and_start(untyped, &elf, entry.data, &s);
    }
    if (err != CAIRN_OK) {
        cairn_printf("loader: building the component failed: error %d\n", err);
        return 1;
    }
    cairn_printf("loader: hello.elf (%lu bytes) loaded: %u frames, %u page tables, slots up to "
                 "%lu\n", (unsigned long)entry.size, s.frames, s.tables, s.next_slot);
    uint64_t bits = cairn_wait(at(NTFN));
    cairn_printf("loader: the component signalled (badge %lu); self-check %lu\n", bits,
                 cairn_debug_self_check());
    return 0;
}
