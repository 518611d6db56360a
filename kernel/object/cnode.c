/*
 * cnode.c: the CNode invocations, one decode function per label.
 *
 * Slots are named relative to the invoked CNode (destinations) or to a CNode passed as
 * an extra capability (sources), each by index and depth. Deriving a capability (copy,
 * mint) may reduce its rights and, for endpoints and notifications, give it a badge;
 * for CNodes the same word sets the guard. Untyped, reply and zombie capabilities are
 * never derived: an untyped region must have exactly one watermark.
 *
 * A CNode capability without the write right is inspect-only: DESCRIBE reads a slot's
 * capability through it; every other label is refused (and cspace.h's walks stop at it).
 */
#include "cnode.h"

#include "abi/invocation.h"
#include "delete.h"
#include "endpoint.h"
#include "memory.h"
#include "untyped.h"
#include "vspace.h"

/* CNode guard data (MR "badge" of a CNode): bits 5..0 guard size, the rest the guard. */
#define GUARD_SIZE_BITS 6

struct transfer {
    struct cte *dest;
    struct cte *src;
};

/* Finds an empty destination (MR0, MR1 on the invoked CNode) and a full source
 * (MR2, MR3 on the CNode in CAP0). */
static enum cairn_error find_transfer(const struct cte *cnode, const struct message *m,
                                      unsigned words, struct syscall_error *e,
                                      struct transfer *t)
{
    if (m->length < words || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "cnode: message too short");
    }
    enum cairn_error err = lookup_slot_for_op(e, &cnode->cap, message_word(m, 0),
                                              message_word(m, 1), false, &t->dest);
    if (err == CAIRN_OK) {
        err = lookup_slot_for_op(e, &m->extra[0]->cap, message_word(m, 2), message_word(m, 3),
                                 true, &t->src);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    if (!cap_is_null(&t->dest->cap)) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "cnode: destination slot is full");
    }
    if (cap_is_null(&t->src->cap)) {
        struct lookup_result r = {.failure = LOOKUP_MISSING_CAPABILITY};
        return error_lookup(e, r, true, "cnode: source slot is empty");
    }
    return CAIRN_OK;
}

static bool has_badge(unsigned type)
{
    return type == CAP_ENDPOINT || type == CAP_NOTIFICATION;
}

/*
 * Applies a badge (endpoints, notifications) or guard (CNodes) word to cap, as mint and
 * mutate do. For a CNode the word always sets the guard (0: no guard), as in seL4; for
 * other types 0 changes nothing. A capability that already carries a badge keeps it:
 * asking for a different one is an error, not a silent no-op.
 */
static enum cairn_error apply_data(struct cap *cap, uint64_t data, unsigned argument,
                                   struct syscall_error *e)
{
    if (data == 0 && cap->type != CAP_CNODE) {
        return CAIRN_OK;
    }
    if (has_badge(cap->type)) {
        if (cap->data != 0 && cap->data != data) {
            return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cnode: capability already badged");
        }
        cap->data = data;
        return CAIRN_OK;
    }
    if (cap->type != CAP_CNODE) {
        return error_invalid_argument(e, argument, "cnode: this capability takes no badge");
    }
    uint64_t guard_bits = data & ((1u << GUARD_SIZE_BITS) - 1);
    uint64_t guard = data >> GUARD_SIZE_BITS;
    if (guard_bits + cap->size_bits > CAIRN_WORD_BITS ||
        (guard_bits < 64 && guard >> guard_bits != 0)) {
        return error_invalid_argument(e, argument, "cnode: guard does not fit its size");
    }
    cap->guard_bits = (uint8_t)guard_bits;
    cap->data = guard;
    return CAIRN_OK;
}

/* The capability a copy of src gets (before rights and badge), or an error. */
static enum cairn_error derive(const struct cap *src, struct cap *out, struct syscall_error *e)
{
    if (src->type == CAP_UNTYPED || src->type == CAP_REPLY || src->type == CAP_ZOMBIE) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cnode: this capability cannot be copied");
    }
    *out = *src;
    if (out->type == CAP_FRAME) {
        out->data = 0;   /* a copy starts unmapped: one mapping per frame capability */
        out->aux = 0;
    }
    return CAIRN_OK;
}

/* COPY (words 5) and MINT (words 6): derive, reduce rights, maybe badge, insert as child. */
static enum cairn_error decode_copy(struct cte *cnode, struct message *m, bool mint,
                                    struct syscall_error *e)
{
    struct transfer t;
    struct cap copy;
    enum cairn_error err = find_transfer(cnode, m, mint ? 6 : 5, e, &t);
    if (err == CAIRN_OK) {
        err = derive(&t.src->cap, &copy, e);
    }
    if (err == CAIRN_OK && mint) {
        err = apply_data(&copy, message_word(m, 5), 5, e);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    copy.rights &= (uint8_t)message_word(m, 4);
    cdt_insert(t.src, t.dest, copy);
    return CAIRN_OK;
}

/* MOVE (words 4) and MUTATE (words 5): the capability changes slot, keeping its tree place. */
static enum cairn_error decode_move(struct cte *cnode, struct message *m, bool mutate,
                                    struct syscall_error *e)
{
    struct transfer t;
    enum cairn_error err = find_transfer(cnode, m, mutate ? 5 : 4, e, &t);
    struct cap moved;
    if (err == CAIRN_OK) {
        moved = t.src->cap;
        if (moved.type == CAP_ZOMBIE) {
            return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cnode: cannot move a zombie");
        }
        if (mutate) {
            err = apply_data(&moved, message_word(m, 4), 4, e);
        }
    }
    if (err != CAIRN_OK) {
        return err;
    }
    cdt_move(t.src, t.dest);
    t.dest->cap = moved;
    return CAIRN_OK;
}

/* The slot named by (MR index_word, MR index_word + 1) on the root in CAP root_cap. */
static enum cairn_error rotate_slot(const struct message *m, unsigned index_word,
                                    unsigned root_cap, bool source, struct syscall_error *e,
                                    struct cte **slot)
{
    return lookup_slot_for_op(e, &m->extra[root_cap]->cap, message_word(m, index_word),
                              message_word(m, index_word + 1), source, slot);
}

/* ROTATE: src -> pivot -> dest, badges applied on the way. dest may equal src (swap). */
static enum cairn_error decode_rotate(struct cte *cnode, struct message *m,
                                      struct syscall_error *e)
{
    if (m->length < 8 || m->extra_count < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "rotate: needs 8 words and 2 caps");
    }
    struct cte *dest, *pivot, *src;
    enum cairn_error err = lookup_slot_for_op(e, &cnode->cap, message_word(m, 0),
                                              message_word(m, 1), false, &dest);
    if (err == CAIRN_OK) {
        err = rotate_slot(m, 3, 0, true, e, &pivot);
    }
    if (err == CAIRN_OK) {
        err = rotate_slot(m, 6, 1, true, e, &src);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    if (pivot == src || pivot == dest) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "rotate: pivot equals src or dest");
    }
    if (cap_is_null(&src->cap) || cap_is_null(&pivot->cap) ||
        src->cap.type == CAP_ZOMBIE || pivot->cap.type == CAP_ZOMBIE) {
        struct lookup_result r = {.failure = LOOKUP_MISSING_CAPABILITY};
        return error_lookup(e, r, true, "rotate: source or pivot empty");
    }
    if (dest != src && !cap_is_null(&dest->cap)) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "rotate: destination slot is full");
    }
    struct cap new_src = src->cap, new_pivot = pivot->cap;
    err = apply_data(&new_src, message_word(m, 5), 5, e);
    if (err == CAIRN_OK) {
        err = apply_data(&new_pivot, message_word(m, 2), 2, e);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    if (dest == src) {
        cdt_swap(src, pivot);
        pivot->cap = new_src;
        src->cap = new_pivot;
    } else {
        cdt_move(pivot, dest);
        dest->cap = new_pivot;
        cdt_move(src, pivot);
        pivot->cap = new_src;
    }
    return CAIRN_OK;
}

/* DELETE and REVOKE: MR0 index, MR1 depth on the invoked CNode. */
static enum cairn_error decode_delete(struct cte *cnode, struct message *m, bool revoke,
                                      struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "cnode: needs index and depth");
    }
    struct cte *slot;
    enum cairn_error err = lookup_slot_for_op(e, &cnode->cap, message_word(m, 0),
                                              message_word(m, 1), false, &slot);
    if (err != CAIRN_OK) {
        return err;
    }
    if (slot->cap.type == CAP_ZOMBIE) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cnode: slot is being deleted");
    }
    if (revoke) {
        cap_revoke(slot);
    } else {
        cap_delete(slot);
    }
    return CAIRN_OK;
}

/* SAVE_CALLER: MR0 index, MR1 depth: the caller's reply capability moves there. */
static enum cairn_error decode_save_caller(struct cte *cnode, struct message *m,
                                           struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "save caller: needs index and depth");
    }
    struct cte *slot;
    enum cairn_error err = lookup_slot_for_op(e, &cnode->cap, message_word(m, 0),
                                              message_word(m, 1), false, &slot);
    if (err != CAIRN_OK) {
        return err;
    }
    if (!cap_is_null(&slot->cap)) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "save caller: slot is full");
    }
    if (!cap_is_null(&m->sender->caller.cap)) {
        cdt_move(&m->sender->caller, slot);
    }
    return CAIRN_OK;
}

/* CANCEL_BADGED_SENDS: MR0 index, MR1 depth of a badged endpoint capability. */
static enum cairn_error decode_cancel_badged(struct cte *cnode, struct message *m,
                                             struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "cancel badged: needs index and depth");
    }
    struct cte *slot;
    enum cairn_error err = lookup_slot_for_op(e, &cnode->cap, message_word(m, 0),
                                              message_word(m, 1), false, &slot);
    if (err != CAIRN_OK) {
        return err;
    }
    if (slot->cap.type != CAP_ENDPOINT || slot->cap.data == 0) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cancel badged: not a badged endpoint");
    }
    endpoint_cancel_badged((struct endpoint *)(uintptr_t)slot->cap.object, slot->cap.data);
    return CAIRN_OK;
}

/* What DESCRIBE says about the capability in slot (abi/invocation.h). */
static struct cairn_cap_description describe(const struct cte *slot)
{
    const struct cap *c = &slot->cap;
    struct cairn_cap_description d = {.type = c->type, .rights = c->rights};
    uint64_t bytes = cap_object_size(c);
    d.object = c->object != 0 ? virt_to_phys((const void *)(uintptr_t)c->object) : 0;
    d.size_bits = c->type == CAP_CNODE ? c->size_bits : bytes != 0 ? __builtin_ctzll(bytes) : 0;
    if (has_badge(c->type)) {
        d.badge = c->data;
    } else if (c->type == CAP_CNODE) {
        d.guard = c->data;
        d.guard_bits = c->guard_bits;
    } else if (c->type == CAP_FRAME || c->type == CAP_PAGE_TABLE) {
        d.flags = c->data != 0 ? CAIRN_DESCRIBE_MAPPED : 0;   /* data: vaddr + 1 */
        d.flags |= c->type == CAP_PAGE_TABLE && vspace_is_root(c) ? CAIRN_DESCRIBE_VSPACE_ROOT : 0;
        d.vaddr = c->data != 0 ? c->data - 1 : 0;
    } else if (c->type == CAP_UNTYPED) {
        d.free_bytes = untyped_free_bytes(slot);
        d.flags = c->aux != 0 ? CAIRN_DESCRIBE_DEVICE : 0;
    } else if (c->type == CAP_IRQ_HANDLER || c->type == CAP_ASID_POOL) {
        d.number = c->aux;
    }
    return d;
}

/* DESCRIBE: MR0 index, MR1 depth; the one label an inspect-only CNode answers. */
static enum cairn_error decode_describe(struct cte *cnode, struct message *m,
                                        struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "describe: needs index and depth");
    }
    struct cte *slot;
    enum cairn_error err = lookup_slot_to_read(e, &cnode->cap, message_word(m, 0),
                                               message_word(m, 1), false, &slot);
    if (err != CAIRN_OK) {
        return err;
    }
    struct cairn_cap_description d = describe(slot);
    const uint64_t *words = (const uint64_t *)&d;
    for (unsigned i = 0; i < CAIRN_CAP_DESCRIPTION_WORDS; i++) {
        message_set_reply_word(m->sender, i, words[i]);
    }
    m->reply_length = CAIRN_CAP_DESCRIPTION_WORDS;
    return CAIRN_OK;
}

enum cairn_error decode_cnode(struct cte *slot, struct message *m, struct syscall_error *e)
{
    if (m->label == CAIRN_CNODE_DESCRIBE) {
        return decode_describe(slot, m, e);
    }
    if (!cap_is_writable_cnode(&slot->cap)) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY,
                           "cnode: inspect-only capability (no write right): describe only");
    }
    switch (m->label) {
    case CAIRN_CNODE_COPY:
        return decode_copy(slot, m, false, e);
    case CAIRN_CNODE_MINT:
        return decode_copy(slot, m, true, e);
    case CAIRN_CNODE_MOVE:
        return decode_move(slot, m, false, e);
    case CAIRN_CNODE_MUTATE:
        return decode_move(slot, m, true, e);
    case CAIRN_CNODE_ROTATE:
        return decode_rotate(slot, m, e);
    case CAIRN_CNODE_DELETE:
        return decode_delete(slot, m, false, e);
    case CAIRN_CNODE_REVOKE:
        return decode_delete(slot, m, true, e);
    case CAIRN_CNODE_SAVE_CALLER:
        return decode_save_caller(slot, m, e);
    case CAIRN_CNODE_CANCEL_BADGED_SENDS:
        return decode_cancel_badged(slot, m, e);
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "cnode: unknown invocation label");
    }
}
