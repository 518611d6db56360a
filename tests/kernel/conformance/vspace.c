/*
 * vspace.c: conformance cases for address spaces: frames and page tables mapped into the
 * root task's VSpace, every refusal with its detail words, unmapping by invocation and by
 * deletion, 2 MiB frames and write protection (ASIDs and new VSpaces: asid.c). The rules
 * every case here follows are at the top of vspace_support.h.
 */
#include "vspace_support.h"

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
    {"VSPACE0023", "other objects' labels on VSpace objects are ILLEGAL_OPERATION", unknown_labels},
};
const unsigned vspace_cases_count = sizeof(vspace_cases) / sizeof(vspace_cases[0]);
