/*
 * vspace.c: conformance cases for address spaces: frames and page tables mapped into the
 * root task's VSpace and into new ones, every refusal with its detail words, unmapping
 * by invocation and by deletion, 2 MiB frames, write protection, and ASIDs.
 *
 * Everything is mapped from BASE (4 GiB) up, far from the root task's own pages. A case
 * touches only memory it has just mapped (a wrong mapping would kill the suite): that an
 * address is free shows as mapping something else there; that a page is read-only, as a
 * worker thread's fault. The runner's clean-up must unmap everything a case mapped: the
 * next case maps at the same addresses.
 */
#include "framework.h"

#include "cairn_vspace.h"

#define VSPACE CAIRN_CAP_INIT_VSPACE
#define BASE 0x100000000ul   /* 4 GiB: root entry 4, which the root task does not use */
#define PAGE 0x1000ul
#define LARGE 0x200000ul     /* a 2 MiB frame, and what one level-0 table covers */
#define RW (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE)
#define RX (CAIRN_RIGHT_READ | CAIRN_RIGHT_EXECUTE)

/*
 * A worker's whole program: store 0x77 at a0, then stop on an illegal instruction.
 * It is position independent, so it also runs from a copy in another VSpace. A
 * stopped worker's pc says how far it got.
 */
__asm__(".pushsection .text\n.balign 4\n"
        ".globl vspace_blob\nvspace_blob: li t0, 0x77\n"
        ".globl vspace_blob_store\nvspace_blob_store: sd t0, 0(a0)\n"
        ".globl vspace_blob_stop\nvspace_blob_stop: unimp\n"
        ".globl vspace_blob_end\nvspace_blob_end:\n.popsection\n");
extern const char vspace_blob[], vspace_blob_store[], vspace_blob_stop[], vspace_blob_end[];

static uint64_t address_of(const char *label)
{
    return (uint64_t)(uintptr_t)label;
}

static volatile uint64_t *word_at(uint64_t vaddr)
{
    return (volatile uint64_t *)(uintptr_t)vaddr;
}

static cairn_cptr_t at(const struct env *env, unsigned i)
{
    return slot_of(env, i);
}

static enum cairn_error make_frame(const struct env *env, unsigned i)
{
    return make_object(env, CAIRN_OBJECT_FRAME_4K, 0, at(env, i));
}

static enum cairn_error make_table(const struct env *env, unsigned i)
{
    return make_object(env, CAIRN_OBJECT_PAGE_TABLE, 0, at(env, i));
}

static enum cairn_error copy_cap(const struct env *env, unsigned from, unsigned to,
                                 unsigned rights)
{
    return cairn_cnode_copy(ROOT, at(env, to), WORD, ROOT, at(env, from), WORD, rights);
}

/* Makes the two page tables BASE needs in slots first and first + 1, mapped in vspace. */
static enum cairn_error map_tables(const struct env *env, unsigned first, cairn_cptr_t vspace)
{
    for (unsigned i = first; i < first + 2; i++) {
        enum cairn_error err = make_table(env, i);
        if (err == CAIRN_OK) {
            err = cairn_page_table_map(at(env, i), vspace, BASE);
        }
        if (err != CAIRN_OK) {
            return err;
        }
    }
    return CAIRN_OK;
}

/* A new VSpace root in slot first + 2, its ASID from a pool in first + 1 made of a
 * 4 KiB untyped in first. */
static enum cairn_error make_vspace(const struct env *env, unsigned first)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS,
                                       at(env, first));
    if (err == CAIRN_OK) {
        err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, first), ROOT,
                                           at(env, first + 1), WORD);
    }
    if (err == CAIRN_OK) {
        err = make_table(env, first + 2);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_pool_assign(at(env, first + 1), at(env, first + 2));
    }
    return err;
}

/* Starts a thread in slot running at pc with a0 in vspace, above us: it runs at once. */
static enum cairn_error run_worker(const struct env *env, unsigned slot, cairn_cptr_t vspace,
                                   uint64_t pc, uint64_t a0)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_TCB, 0, at(env, slot));
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(at(env, slot), 0, ROOT, 0, vspace, 0, 0);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(at(env, slot), CAIRN_CAP_INIT_TCB, LOW + 1);
    }
    uint64_t regs[11] = {0};
    regs[0] = pc;
    regs[10] = a0;
    if (err == CAIRN_OK) {
        lower_self();
        err = cairn_tcb_write_registers(at(env, slot), true, 11, regs);
    }
    return err;
}

/* The pc of the (stopped) thread in slot, or 0 when it cannot be read. */
static uint64_t worker_pc(const struct env *env, unsigned slot)
{
    uint64_t regs[1] = {0};
    cairn_tcb_read_registers(at(env, slot), false, 1, regs);
    return regs[0];
}

static void map_write_read(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    /* Write alone is asked for: read comes with it (Sv39 has no write-only pages). */
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, CAIRN_RIGHT_WRITE), CAIRN_OK);
    *word_at(BASE) = 0x1122334455667788ul;
    *word_at(BASE + PAGE - 8) = 42;
    CHECK_EQ(*word_at(BASE), 0x1122334455667788ul);
    CHECK_EQ(*word_at(BASE + PAGE - 8), 42);
    CHECK_EQ(*word_at(BASE + 8), 0);   /* a new frame is zeroed */
}

static void get_address(struct env *env)
{
    struct cairn_untyped_info info;
    uint64_t paddr = 0;
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(make_frame(env, 0), CAIRN_OK);   /* the region's first object */
    CHECK_EQ(cairn_frame_get_address(at(env, 0), &paddr), CAIRN_OK);
    CHECK_EQ(paddr, info.paddr);
    CHECK_EQ(map_tables(env, 1, VSPACE), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_get_address(at(env, 0), &paddr), CAIRN_OK);
    CHECK_EQ(paddr, info.paddr);
    CHECK_EQ(copy_cap(env, 0, 3, CAIRN_RIGHT_READ), CAIRN_OK);
    CHECK_EQ(cairn_frame_get_address(at(env, 3), &paddr), CAIRN_OK);
    CHECK_EQ(paddr, info.paddr);
}

static void shared_through_a_copy(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(copy_cap(env, 2, 3, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE + 5 * PAGE, RW), CAIRN_OK);
    *word_at(BASE + 16) = 0xabcdef;
    CHECK_EQ(*word_at(BASE + 5 * PAGE + 16), 0xabcdef);
    *word_at(BASE + 5 * PAGE + 24) = 0x5555;
    CHECK_EQ(*word_at(BASE + 24), 0x5555);
}

static void map_once_and_delete_first(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_frame(env, 3), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    /* One mapping per capability, wherever the second would go. */
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE + PAGE, RW), CAIRN_E_ILLEGAL_OPERATION);
    /* Another frame at a mapped address. */
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_E_DELETE_FIRST);
    /* The root task's own IPC buffer is mapped by its capability. */
    CHECK_EQ(cairn_frame_map(CAIRN_CAP_INIT_IPC_BUFFER, VSPACE, BASE + PAGE, RW),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE + PAGE, RW), CAIRN_OK);
}

static void missing_tables(struct env *env)
{
    CHECK_EQ(make_frame(env, 0), CAIRN_OK);
    CHECK_EQ(make_table(env, 1), CAIRN_OK);
    /* No level-1 table: the walk stops in the root with 30 bits left. */
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, BASE, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_MISSING_CAPABILITY);
    CHECK_EQ(cairn_reply[2], 30);
    CHECK_EQ(cairn_page_table_map(at(env, 1), VSPACE, BASE), CAIRN_OK);
    /* No level-0 table: it stops in the level-1 table with 21 bits left. */
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, BASE, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_MISSING_CAPABILITY);
    CHECK_EQ(cairn_reply[2], 21);
}

static void unmap_and_map_again(struct env *env)
{
    uint64_t paddr = 0;
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_frame(env, 3), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    *word_at(BASE) = 0x600d;
    CHECK_EQ(cairn_frame_unmap(at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_frame_get_address(at(env, 2), &paddr), CAIRN_OK);
    /* The address is free for another frame ... */
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0);
    CHECK_EQ(cairn_frame_unmap(at(env, 3)), CAIRN_OK);
    /* ... and the capability may map again, its memory unchanged. */
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE + PAGE), 0x600d);
    CHECK_EQ(cairn_frame_unmap(at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_frame_unmap(at(env, 2)), CAIRN_OK);   /* unmapping twice is harmless */
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE + PAGE, RW), CAIRN_OK);
}

static void address_errors(struct env *env)
{
    CHECK_EQ(make_frame(env, 0), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_2M, 0, at(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, BASE + 8, RW), CAIRN_E_ALIGNMENT);
    CHECK_EQ(cairn_frame_map(at(env, 1), VSPACE, BASE + PAGE, RW), CAIRN_E_ALIGNMENT);
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, CAIRN_USER_VADDR_TOP, RW),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, ~0ul & ~(PAGE - 1), RW),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 0);
    /* The last page and the last 2 MiB of user space are fine (no tables there yet). */
    CHECK_EQ(cairn_frame_map(at(env, 0), VSPACE, CAIRN_USER_VADDR_TOP - PAGE, RW),
             CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_frame_map(at(env, 1), VSPACE, CAIRN_USER_VADDR_TOP - LARGE, RW),
             CAIRN_E_FAILED_LOOKUP);
}

static void rights_errors(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    /* Write with execute, nothing, or bits that are no page rights. */
    static const unsigned bad[] = {
        CAIRN_RIGHT_WRITE | CAIRN_RIGHT_EXECUTE, 0, CAIRN_RIGHTS_ALL,
        CAIRN_RIGHT_GRANT | CAIRN_RIGHT_READ,
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, bad[i]), CAIRN_E_INVALID_ARGUMENT);
        CHECK_EQ(cairn_reply[0], 1);
    }
    /* A read-only copy grants nothing of "execute". */
    CHECK_EQ(copy_cap(env, 2, 3, CAIRN_RIGHT_READ), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, CAIRN_RIGHT_EXECUTE),
             CAIRN_E_INVALID_CAPABILITY);
    /* Read with execute is fine; nothing above left a mapping behind. */
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RX), CAIRN_OK);
}

static void read_only_copy(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(copy_cap(env, 2, 3, CAIRN_RIGHT_READ), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    *word_at(BASE) = 0x1234;
    /* Write is asked for but the capability has read only: the mapping is read-only. */
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE + PAGE), 0x1234);
    /* A worker that writes there faults at that store; we carry on. */
    CHECK_EQ(run_worker(env, 4, VSPACE, address_of(vspace_blob), BASE + PAGE), CAIRN_OK);
    CHECK_EQ(worker_pc(env, 4), address_of(vspace_blob_store));
    CHECK_EQ(*word_at(BASE), 0x1234);
    /* The same worker through the writable mapping gets past its store. */
    CHECK_EQ(run_worker(env, 5, VSPACE, address_of(vspace_blob), BASE), CAIRN_OK);
    CHECK_EQ(worker_pc(env, 5), address_of(vspace_blob_stop));
    CHECK_EQ(*word_at(BASE + PAGE), 0x77);
}

static void bad_vspace_or_message(struct env *env)
{
    CHECK_EQ(make_frame(env, 0), CAIRN_OK);
    CHECK_EQ(make_table(env, 1), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, at(env, 2)), CAIRN_OK);
    /* A page table without an ASID is no VSpace; neither is anything else. */
    CHECK_EQ(cairn_frame_map(at(env, 0), at(env, 1), BASE, RW), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_frame_map(at(env, 0), at(env, 2), BASE, RW), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_frame_map(at(env, 0), ROOT, BASE, RW), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_page_table_map(at(env, 1), at(env, 2), BASE), CAIRN_E_INVALID_CAPABILITY);
    /* Words or the VSpace capability missing. */
    cairn_cptr_t vspace = VSPACE;
    uint64_t w[] = {BASE, RW};
    CHECK_EQ(cairn_invoke(at(env, 0), CAIRN_FRAME_MAP, w, 1, &vspace, 1),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(at(env, 0), CAIRN_FRAME_MAP, w, 2, 0, 0), CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(at(env, 1), CAIRN_PAGE_TABLE_MAP, w, 0, &vspace, 1),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_invoke(at(env, 1), CAIRN_PAGE_TABLE_MAP, w, 1, 0, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
}

static void delete_last_frame_cap(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_frame(env, 3), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 2), WORD), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0);
}

static void delete_mapped_copy(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_frame(env, 4), CAIRN_OK);
    CHECK_EQ(copy_cap(env, 2, 3, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    *word_at(BASE) = 0xc0ffee;
    /* The copy is not the last capability, but its mapping was its own. */
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 3), WORD), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 4), VSPACE, BASE, RW), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_frame_map(at(env, 4), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0xc0ffee);
    CHECK_EQ(*word_at(BASE + PAGE), 0);
}

static void table_levels(struct env *env)
{
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(make_table(env, i), CAIRN_OK);
    }
    CHECK_EQ(cairn_page_table_map(at(env, 0), VSPACE, BASE), CAIRN_OK);    /* level 1 */
    CHECK_EQ(cairn_page_table_map(at(env, 1), VSPACE, BASE + 5 * PAGE), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE), CAIRN_E_DELETE_FIRST);
    /* The same level-1 table takes another level-0 table 2 MiB on. */
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE + LARGE), CAIRN_OK);
    /* The root task's own tables are there below 2 GiB. */
    CHECK_EQ(cairn_page_table_map(at(env, 3), VSPACE, CAIRN_ROOT_IPC_BUFFER_VADDR),
             CAIRN_E_DELETE_FIRST);
    CHECK_EQ(make_frame(env, 4), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 4), VSPACE, BASE + LARGE + PAGE, RW), CAIRN_OK);
    *word_at(BASE + LARGE + PAGE) = 9;
    CHECK_EQ(*word_at(BASE + LARGE + PAGE), 9);
}

static void table_map_errors(struct env *env)
{
    CHECK_EQ(make_table(env, 0), CAIRN_OK);
    CHECK_EQ(make_table(env, 1), CAIRN_OK);
    /* A VSpace root is never mapped into another. */
    CHECK_EQ(cairn_page_table_map(VSPACE, VSPACE, BASE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_page_table_map(at(env, 0), VSPACE, CAIRN_USER_VADDR_TOP),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 0);
    /* Mapping goes through the only capability to the table. */
    CHECK_EQ(copy_cap(env, 1, 2, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 1), VSPACE, BASE), CAIRN_E_REVOKE_FIRST);
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE), CAIRN_E_REVOKE_FIRST);
    CHECK_EQ(cairn_page_table_map(at(env, 0), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 0), VSPACE, BASE + (1ul << 30)),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 2), WORD), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 1), VSPACE, BASE), CAIRN_OK);
}

static void table_unmap(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_frame(env, 3), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_page_table_unmap(at(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[2], 21);
    CHECK_EQ(cairn_page_table_unmap(at(env, 1)), CAIRN_OK);   /* not mapped: harmless */
    /* Mapped again, the table comes back empty: the old frame is not in it. */
    CHECK_EQ(cairn_page_table_map(at(env, 1), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0);
    /* A root is not unmapped; a table with copies is unmapped through its only cap. */
    CHECK_EQ(cairn_page_table_unmap(VSPACE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(copy_cap(env, 1, 4, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_page_table_unmap(at(env, 1)), CAIRN_E_REVOKE_FIRST);
    CHECK_EQ(cairn_page_table_unmap(at(env, 4)), CAIRN_E_REVOKE_FIRST);
}

static void delete_last_table_cap(struct env *env)
{
    CHECK_EQ(map_tables(env, 0, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 2), CAIRN_OK);
    CHECK_EQ(make_table(env, 3), CAIRN_OK);
    /* A copy made after mapping shares the mapping: deleting the first keeps it. */
    CHECK_EQ(copy_cap(env, 1, 4, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_unmap(at(env, 2)), CAIRN_OK);
    /* The last one takes the table out of its parent. */
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 4), WORD), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[2], 21);
    CHECK_EQ(cairn_page_table_map(at(env, 3), VSPACE, BASE), CAIRN_OK);
    /* Deleting the level-1 table cuts everything below it off. */
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 2), VSPACE, BASE, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[2], 30);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void large_frame(struct env *env)
{
    struct cairn_untyped_info info;
    uint64_t paddr = 0;
    uint64_t big = BASE + LARGE;
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    CHECK_EQ(make_table(env, 0), CAIRN_OK);
    CHECK_EQ(make_frame(env, 1), CAIRN_OK);
    CHECK_EQ(make_table(env, 2), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_2M, 0, at(env, 3)), CAIRN_OK);
    CHECK_EQ(cairn_frame_get_address(at(env, 3), &paddr), CAIRN_OK);
    CHECK_EQ(paddr, info.paddr + LARGE);
    /* Without the level-1 table: 30 bits left; with it, a 2 MiB frame needs no more. */
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, big, RW), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[2], 30);
    CHECK_EQ(cairn_page_table_map(at(env, 0), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, big, RW), CAIRN_OK);
    *word_at(big) = 1;
    *word_at(big + LARGE - 8) = 2;
    CHECK_EQ(*word_at(big) + *word_at(big + LARGE - 8), 3);
    /* Nothing else goes inside it. */
    CHECK_EQ(cairn_frame_map(at(env, 1), VSPACE, big + PAGE, RW), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, big), CAIRN_E_DELETE_FIRST);
    /* Nor does it go where a level-0 table is. */
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_frame_unmap(at(env, 3)), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, BASE, RW), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_frame_map(at(env, 3), VSPACE, big, RW), CAIRN_OK);
}

static void asid_makes_a_vspace(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, 0), ROOT, at(env, 1),
                                          WORD), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(at(env, 1)), CAIRN_CAP_TYPE_ASID_POOL);
    CHECK_EQ(make_table(env, 2), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, at(env, 3)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(at(env, 3), 0, ROOT, 0, at(env, 2), 0, 0),
             CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(at(env, 3), 0, ROOT, 0, at(env, 2), 0, 0), CAIRN_OK);
    /* The pool took the whole untyped. */
    struct cairn_untyped_info info;
    CHECK_EQ(cairn_untyped_describe(at(env, 0), &info), CAIRN_OK);
    CHECK_EQ(info.free_bytes, 0);
    /* It takes tables and frames like ours. */
    CHECK_EQ(map_tables(env, 4, at(env, 2)), CAIRN_OK);
    CHECK_EQ(make_frame(env, 6), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), at(env, 2), BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), VSPACE, BASE, RW), CAIRN_E_ILLEGAL_OPERATION);
}

static void thread_in_new_vspace(struct env *env)
{
    CHECK_EQ(make_vspace(env, 0), CAIRN_OK);   /* root in slot 2 */
    CHECK_EQ(map_tables(env, 3, at(env, 2)), CAIRN_OK);
    CHECK_EQ(map_tables(env, 5, VSPACE), CAIRN_OK);
    CHECK_EQ(make_frame(env, 7), CAIRN_OK);   /* code */
    CHECK_EQ(make_frame(env, 8), CAIRN_OK);   /* data */
    CHECK_EQ(copy_cap(env, 7, 9, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(copy_cap(env, 8, 10, CAIRN_RIGHTS_ALL), CAIRN_OK);
    /* Here: code writable at BASE, data at BASE + PAGE. There: code executable at BASE,
     * data at BASE + 2 pages. */
    CHECK_EQ(cairn_frame_map(at(env, 7), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 8), VSPACE, BASE + PAGE, RW), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 9), at(env, 2), BASE, RX), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 10), at(env, 2), BASE + 2 * PAGE, RW), CAIRN_OK);
    uint64_t length = address_of(vspace_blob_end) - address_of(vspace_blob);
    volatile char *code = (volatile char *)(uintptr_t)BASE;
    for (uint64_t i = 0; i < length; i++) {
        code[i] = vspace_blob[i];
    }
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(run_worker(env, 11, at(env, 2), BASE, BASE + 2 * PAGE), CAIRN_OK);
    CHECK_EQ(worker_pc(env, 11), BASE + address_of(vspace_blob_stop) - address_of(vspace_blob));
    CHECK_EQ(*word_at(BASE + PAGE), 0x77);
}

static void asid_errors(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS + 1, at(env, 1)),
             CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 2)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(at(env, 2), CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0, at(env, 3),
                                  1), CAIRN_OK);
    cairn_cptr_t control = CAIRN_CAP_ASID_CONTROL;
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 1), ROOT, at(env, 4), WORD),
             CAIRN_E_INVALID_CAPABILITY);   /* 8 KiB, not 4 */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 3), ROOT, at(env, 4), WORD),
             CAIRN_E_INVALID_CAPABILITY);   /* not an untyped */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 2), ROOT, at(env, 4), WORD),
             CAIRN_E_REVOKE_FIRST);          /* holds an endpoint */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 3), WORD),
             CAIRN_E_DELETE_FIRST);          /* destination full */
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 4), 0),
             CAIRN_E_RANGE);
    uint64_t w[] = {at(env, 4), WORD};
    CHECK_EQ(cairn_invoke(control, CAIRN_ASID_CONTROL_MAKE_POOL, w, 2, &control, 1),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 4), WORD), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(control, at(env, 0), ROOT, at(env, 5), WORD),
             CAIRN_E_REVOKE_FIRST);          /* a pool already */
    /* Assign: a page table, not yet a root, not mapped. */
    CHECK_EQ(make_table(env, 5), CAIRN_OK);
    CHECK_EQ(make_table(env, 6), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 3)), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), VSPACE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_page_table_map(at(env, 6), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 6)), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(at(env, 4), CAIRN_ASID_POOL_ASSIGN, 0, 0, 0, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 5)), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 4), at(env, 5)), CAIRN_E_ILLEGAL_OPERATION);
}

static void full_pool(struct env *env)
{
    enum { ASIDS = 64 };   /* a pool's ASIDs (kernel/arch/riscv64/vspace.h) */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, at(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, 0), ROOT, at(env, 1),
                                          WORD), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_PAGE_TABLE, 0, ROOT, 0, 0,
                                  at(env, 2), ASIDS + 1), CAIRN_OK);
    for (unsigned i = 0; i < ASIDS; i++) {
        CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + i)), CAIRN_OK);
    }
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + ASIDS)), CAIRN_E_DELETE_FIRST);
    /* Deleting a root gives its ASID back. */
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 2 + 7), WORD), CAIRN_OK);
    CHECK_EQ(cairn_asid_pool_assign(at(env, 1), at(env, 2 + ASIDS)), CAIRN_OK);
}

static void delete_pool(struct env *env)
{
    CHECK_EQ(make_vspace(env, 0), CAIRN_OK);   /* pool in slot 1, root in slot 2 */
    CHECK_EQ(map_tables(env, 3, at(env, 2)), CAIRN_OK);
    CHECK_EQ(make_frame(env, 5), CAIRN_OK);
    CHECK_EQ(make_frame(env, 6), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, at(env, 7)), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 5), at(env, 2), BASE, RW), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, at(env, 1), WORD), CAIRN_OK);
    /* The table is a VSpace no more. */
    CHECK_EQ(cairn_frame_map(at(env, 6), at(env, 2), BASE + PAGE, RW), CAIRN_E_INVALID_CAPABILITY);
    CHECK_EQ(cairn_tcb_configure(at(env, 7), 0, ROOT, 0, at(env, 2), 0, 0),
             CAIRN_E_INVALID_ARGUMENT);
    /* Now it is an ordinary table: it maps into ours, and comes in empty. */
    CHECK_EQ(cairn_page_table_map(at(env, 2), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 3), VSPACE, BASE), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(make_table(env, 8), CAIRN_OK);
    CHECK_EQ(cairn_page_table_map(at(env, 8), VSPACE, BASE), CAIRN_OK);
    CHECK_EQ(cairn_frame_map(at(env, 6), VSPACE, BASE, RW), CAIRN_OK);
    CHECK_EQ(*word_at(BASE), 0);
    CHECK_EQ(cairn_frame_unmap(at(env, 5)), CAIRN_OK);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void unknown_labels(struct env *env)
{
    CHECK_EQ(make_frame(env, 0), CAIRN_OK);
    CHECK_EQ(make_table(env, 1), CAIRN_OK);
    CHECK_EQ(make_vspace(env, 2), CAIRN_OK);   /* pool in slot 3 */
    CHECK_EQ(cairn_invoke(at(env, 0), CAIRN_PAGE_TABLE_MAP, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(at(env, 1), CAIRN_FRAME_MAP, 0, 0, 0, 0), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(CAIRN_CAP_ASID_CONTROL, CAIRN_ASID_POOL_ASSIGN, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(at(env, 3), CAIRN_ASID_CONTROL_MAKE_POOL, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
}

const struct test_case vspace_cases[] = {
    {"VSPACE0001", "a frame under two new page tables is written and read through it", map_write_read},
    {"VSPACE0002", "get address reports the frame's physical address, mapped or not", get_address},
    {"VSPACE0003", "a copy of a frame capability maps the same memory elsewhere", shared_through_a_copy},
    {"VSPACE0004", "a capability maps once (ILLEGAL_OPERATION); a mapped address is DELETE_FIRST", map_once_and_delete_first},
    {"VSPACE0005", "a missing page table is FAILED_LOOKUP with 30 or 21 bits left", missing_tables},
    {"VSPACE0006", "after unmap the address and the capability are free to map again", unmap_and_map_again},
    {"VSPACE0007", "misaligned is ALIGNMENT, past the user top INVALID_ARGUMENT(0)", address_errors},
    {"VSPACE0008", "bad rights are INVALID_ARGUMENT(1), none granted INVALID_CAPABILITY", rights_errors},
    {"VSPACE0009", "a read-only copy maps read-only; a write there stops only the writer", read_only_copy},
    {"VSPACE0010", "CAP0 must be a VSpace root; short messages are TRUNCATED_MESSAGE", bad_vspace_or_message},
    {"VSPACE0011", "deleting the last frame capability unmaps it", delete_last_frame_cap},
    {"VSPACE0012", "deleting a mapped copy removes its own mapping and no other", delete_mapped_copy},
    {"VSPACE0013", "a page table goes into the first missing level; then DELETE_FIRST", table_levels},
    {"VSPACE0014", "page-table map refuses roots, mapped tables, copies, bad addresses", table_map_errors},
    {"VSPACE0015", "page-table unmap frees its entry; mapped again it comes empty", table_unmap},
    {"VSPACE0016", "a page table leaves its parent with its last capability", delete_last_table_cap},
    {"VSPACE0017", "a 2 MiB frame maps at level 1 and is usable end to end", large_frame},
    {"VSPACE0018", "an ASID pool makes a page table a VSpace root TCBs accept", asid_makes_a_vspace},
    {"VSPACE0019", "a thread runs in a new VSpace on frames mapped there", thread_in_new_vspace},
    {"VSPACE0020", "ASID control and pool refusals, each with its code", asid_errors},
    {"VSPACE0021", "a pool holds 64 ASIDs; deleting a root gives one back", full_pool},
    {"VSPACE0022", "deleting a pool ends its VSpaces; the table maps in empty", delete_pool},
    {"VSPACE0023", "other objects' labels on VSpace objects are ILLEGAL_OPERATION", unknown_labels},
};
const unsigned vspace_cases_count = sizeof(vspace_cases) / sizeof(vspace_cases[0]);
