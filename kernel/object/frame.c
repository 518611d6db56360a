/*
 * frame.c: the VSpace invocations: frames, page tables, ASID control and ASID pools.
 *
 * A VSpace root is a page table with an ASID; mappings go into one through CAP0.
 * Nothing is allocated here: a frame maps only where the page tables above it are
 * mapped already (else FAILED_LOOKUP), and a page table goes into the first empty
 * level on the way to its address.
 *
 * Who owns a mapping differs, as in seL4. A frame mapping belongs to one capability:
 * a copy starts unmapped and may map the same frame elsewhere (shared memory), and
 * deleting a mapped frame capability, final or not, removes its mapping. A page table
 * is mapped at most once and every capability to it records that one mapping: map and
 * unmap need the only capability to it (copies made afterwards share the record), and
 * the table leaves its parent when its last capability goes. Capabilities record a
 * mapping as vaddr + 1 in cap.data and the ASID in cap.aux (vspace.h).
 *
 * ASID control turns a 4 KiB untyped region into an ASID pool; a pool gives page
 * tables ASIDs, which makes them VSpace roots that threads and mappings can use.
 *
 * Every check is in a decode_* function; the invoke_* steps cannot fail.
 */
#include "frame.h"

#include "abi/bootinfo.h"
#include "abi/invocation.h"
#include "memory.h"
#include "vspace.h"

#define FRAME_RIGHTS (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE | CAIRN_RIGHT_EXECUTE)

static uint64_t paddr_of(const struct cap *c)
{
    return virt_to_phys((void *)(uintptr_t)c->object);
}

/* The VSpace root in CAP0 and its ASID; INVALID_CAPABILITY when CAP0 is no root. */
static enum cairn_error find_vspace(const struct message *m, struct syscall_error *e,
                                    unsigned *asid)
{
    const struct cap *root = &m->extra[0]->cap;
    *asid = root->type == CAP_PAGE_TABLE ? vspace_root_asid(root) : 0;
    if (*asid == 0) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY, "vspace: CAP0 is not a VSpace root");
    }
    return CAIRN_OK;
}

static uint64_t vspace_paddr(const struct message *m)
{
    return paddr_of(&m->extra[0]->cap);
}

/* Why nothing can be put where a walk stopped: a table missing above, or something there. */
static enum cairn_error slot_error(struct vspace_slot slot, struct syscall_error *e,
                                   const char *occupied)
{
    if (slot.state == VSPACE_SLOT_MISSING_TABLE) {
        struct lookup_result r = {
            .failure = LOOKUP_MISSING_CAPABILITY, .bits_left = slot.bits_left,
        };
        return error_lookup(e, r, false, "vspace: a page table above the address is missing");
    }
    return error_plain(e, CAIRN_E_DELETE_FIRST, occupied);
}

/* ---- frames ----------------------------------------------------------------------- */

/* MR0: below the user top with the whole frame, aligned to the frame's size. */
static enum cairn_error check_frame_vaddr(const struct cap *frame, uint64_t vaddr,
                                          struct syscall_error *e)
{
    uint64_t size = 1ull << frame->size_bits;
    if (vaddr >= CAIRN_USER_VADDR_TOP || CAIRN_USER_VADDR_TOP - vaddr < size) {
        return error_invalid_argument(e, 0, "frame map: address outside user space");
    }
    if (vaddr % size != 0) {
        return error_plain(e, CAIRN_E_ALIGNMENT, "frame map: address not aligned to the frame");
    }
    return CAIRN_OK;
}

/* MR1: the VM_* rights of the mapping: what was asked (write implies read), as far as
 * the capability allows. */
static enum cairn_error frame_rights(uint64_t asked, unsigned cap_rights,
                                     struct syscall_error *e, unsigned *vm)
{
    if (asked == 0 || (asked & ~(uint64_t)FRAME_RIGHTS) != 0) {
        return error_invalid_argument(e, 1, "frame map: rights are read, write, execute");
    }
    if (asked & CAIRN_RIGHT_WRITE && asked & CAIRN_RIGHT_EXECUTE) {
        return error_invalid_argument(e, 1, "frame map: write and execute together");
    }
    if (asked & CAIRN_RIGHT_WRITE) {
        asked |= CAIRN_RIGHT_READ;
    }
    uint64_t granted = asked & cap_rights;
    if (granted == 0) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY, "frame map: the capability grants "
                                                          "none of the rights asked for");
    }
    *vm = ((granted & CAIRN_RIGHT_READ) ? VM_READ : 0) |
          ((granted & CAIRN_RIGHT_WRITE) ? VM_WRITE : 0) |
          ((granted & CAIRN_RIGHT_EXECUTE) ? VM_EXEC : 0);
    return CAIRN_OK;
}

static void invoke_frame_map(struct cte *frame, struct vspace_slot slot, uint64_t vaddr,
                             unsigned asid, unsigned rights)
{
    vspace_set_leaf(slot, paddr_of(&frame->cap), rights, vaddr, asid);
    frame->cap.data = vaddr + 1;
    frame->cap.aux = asid;
}

/* MAP: MR0 vaddr, MR1 rights; CAP0 VSpace root. */
static enum cairn_error decode_frame_map(struct cte *frame, struct message *m,
                                         struct syscall_error *e)
{
    if (m->length < 2 || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "frame map: 2 words, 1 cap");
    }
    if (frame->cap.data != 0) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "frame map: this capability is "
                                                         "mapped already (copy it to map again)");
    }
    uint64_t vaddr = message_word(m, 0);
    unsigned asid = 0, rights = 0;
    enum cairn_error err = find_vspace(m, e, &asid);
    if (err == CAIRN_OK) {
        err = check_frame_vaddr(&frame->cap, vaddr, e);
    }
    if (err == CAIRN_OK) {
        err = frame_rights(message_word(m, 1), frame->cap.rights, e, &rights);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    bool large = frame->cap.size_bits == CAIRN_FRAME_2M_BITS;
    struct vspace_slot slot = vspace_find_leaf_slot(vspace_paddr(m), vaddr,
                                                    large ? VSPACE_LEVEL_2M : VSPACE_LEVEL_4K);
    if (slot.state != VSPACE_SLOT_FREE) {
        return slot_error(slot, e, "frame map: the address is mapped already");
    }
    invoke_frame_map(frame, slot, vaddr, asid, rights);
    return CAIRN_OK;
}

static enum cairn_error invoke_frame_unmap(struct cte *frame)
{
    vspace_unmap_frame(&frame->cap);
    frame->cap.data = 0;
    frame->cap.aux = 0;
    return CAIRN_OK;
}

static enum cairn_error invoke_frame_get_address(const struct cte *frame, struct message *m)
{
    message_set_reply_word(m->sender, 0, paddr_of(&frame->cap));
    m->reply_length = 1;
    return CAIRN_OK;
}

enum cairn_error decode_frame(struct cte *slot, struct message *m, struct syscall_error *e)
{
    switch (m->label) {
    case CAIRN_FRAME_MAP:
        return decode_frame_map(slot, m, e);
    case CAIRN_FRAME_UNMAP:
        return invoke_frame_unmap(slot);
    case CAIRN_FRAME_GET_ADDRESS:
        return invoke_frame_get_address(slot, m);
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "frame: unknown invocation label");
    }
}

/* ---- page tables ------------------------------------------------------------------ */

/* A table that may be mapped: no root, not mapped, and the only capability to it. */
static enum cairn_error check_table_unmapped(const struct cte *table, struct syscall_error *e)
{
    if (vspace_is_root(&table->cap)) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "page table map: it is a VSpace root");
    }
    if (table->cap.data != 0) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "page table map: mapped already");
    }
    if (!cdt_is_final(table)) {
        return error_plain(e, CAIRN_E_REVOKE_FIRST, "page table map: other capabilities "
                                                    "to the table exist");
    }
    return CAIRN_OK;
}

static void invoke_table_map(struct cte *table, struct vspace_slot slot, uint64_t vaddr,
                             unsigned asid)
{
    vspace_set_table(slot, paddr_of(&table->cap), asid);
    table->cap.data = vspace_table_base(slot, vaddr) + 1;
    table->cap.aux = asid;
}

/* MAP: MR0 vaddr; CAP0 VSpace root. */
static enum cairn_error decode_table_map(struct cte *table, struct message *m,
                                         struct syscall_error *e)
{
    if (m->length < 1 || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "page table map: 1 word, 1 cap");
    }
    uint64_t vaddr = message_word(m, 0);
    unsigned asid = 0;
    enum cairn_error err = check_table_unmapped(table, e);
    if (err == CAIRN_OK) {
        err = find_vspace(m, e, &asid);
    }
    if (err == CAIRN_OK && vaddr >= CAIRN_USER_VADDR_TOP) {
        err = error_invalid_argument(e, 0, "page table map: address outside user space");
    }
    if (err != CAIRN_OK) {
        return err;
    }
    struct vspace_slot slot = vspace_find_table_slot(vspace_paddr(m), vaddr);
    if (slot.state != VSPACE_SLOT_FREE) {
        return slot_error(slot, e, "page table map: both tables for the address exist");
    }
    invoke_table_map(table, slot, vaddr, asid);
    return CAIRN_OK;
}

static void invoke_table_unmap(struct cte *table)
{
    vspace_unmap_table(&table->cap);
    table->cap.data = 0;
    table->cap.aux = 0;
}

/* UNMAP: the table leaves its parent (a no-op when it is not mapped). */
static enum cairn_error decode_table_unmap(struct cte *table, struct syscall_error *e)
{
    if (vspace_is_root(&table->cap)) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "page table unmap: a VSpace root "
                                                         "is not mapped (delete it instead)");
    }
    if (table->cap.data != 0 && !cdt_is_final(table)) {
        return error_plain(e, CAIRN_E_REVOKE_FIRST, "page table unmap: other capabilities "
                                                    "to the table exist");
    }
    invoke_table_unmap(table);
    return CAIRN_OK;
}

enum cairn_error decode_page_table(struct cte *slot, struct message *m, struct syscall_error *e)
{
    switch (m->label) {
    case CAIRN_PAGE_TABLE_MAP:
        return decode_table_map(slot, m, e);
    case CAIRN_PAGE_TABLE_UNMAP:
        return decode_table_unmap(slot, e);
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "page table: unknown invocation label");
    }
}

/* ---- ASIDs ------------------------------------------------------------------------ */

/* The pool takes the whole region: the untyped's watermark goes to its end. */
static void invoke_make_pool(struct cte *untyped, struct cte *dest, unsigned pool)
{
    vspace_claim_pool(pool);
    untyped->cap.data = 1ull << CAIRN_ASID_POOL_BITS;
    struct cap c = {
        .type = CAP_ASID_POOL, .rights = CAIRN_RIGHTS_ALL, .size_bits = CAIRN_ASID_POOL_BITS,
        .aux = pool, .object = untyped->cap.object,
    };
    cdt_insert(untyped, dest, c);
}

/* MAKE_POOL: MR0 index, MR1 depth; CAP0 a 4 KiB RAM untyped with nothing in it,
 * CAP1 the root the slot is looked up from. */
static enum cairn_error decode_make_pool(struct message *m, struct syscall_error *e)
{
    if (m->length < 2 || m->extra_count < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "make pool: 2 words, 2 caps");
    }
    struct cte *untyped = m->extra[0];
    if (untyped->cap.type != CAP_UNTYPED || untyped->cap.size_bits != CAIRN_ASID_POOL_BITS ||
        untyped->cap.aux != 0) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY, "make pool: CAP0 is not a 4 KiB "
                                                          "RAM untyped");
    }
    if (cdt_has_children(untyped)) {
        return error_plain(e, CAIRN_E_REVOKE_FIRST, "make pool: the untyped holds objects");
    }
    struct cte *dest;
    enum cairn_error err = lookup_slot_for_op(e, &m->extra[1]->cap, message_word(m, 0),
                                              message_word(m, 1), false, &dest);
    if (err != CAIRN_OK) {
        return err;
    }
    if (!cap_is_null(&dest->cap)) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "make pool: destination slot is full");
    }
    unsigned pool = vspace_free_pool();
    if (pool == 0) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "make pool: every ASID pool is taken");
    }
    invoke_make_pool(untyped, dest, pool);
    return CAIRN_OK;
}

enum cairn_error decode_asid_control(struct cte *slot, struct message *m, struct syscall_error *e)
{
    (void)slot;
    if (m->label == CAIRN_ASID_CONTROL_MAKE_POOL) {
        return decode_make_pool(m, e);
    }
    return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "asid control: unknown invocation label");
}

/* ASSIGN: CAP0 a page table that is neither mapped nor a root yet. */
static enum cairn_error decode_assign(const struct cte *pool, const struct message *m,
                                      struct syscall_error *e)
{
    if (m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "asid assign: needs a page table");
    }
    const struct cap *table = &m->extra[0]->cap;
    if (table->type != CAP_PAGE_TABLE) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY, "asid assign: CAP0 is no page table");
    }
    if (table->data != 0 || vspace_is_root(table)) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "asid assign: the table is mapped "
                                                         "or a root already");
    }
    unsigned asid = vspace_pool_free_asid(pool->cap.aux);
    if (asid == 0) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "asid assign: the pool is full");
    }
    vspace_bind_asid(asid, paddr_of(table));   /* the whole invoke step */
    return CAIRN_OK;
}

enum cairn_error decode_asid_pool(struct cte *slot, struct message *m, struct syscall_error *e)
{
    if (m->label == CAIRN_ASID_POOL_ASSIGN) {
        return decode_assign(slot, m, e);
    }
    return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "asid pool: unknown invocation label");
}
