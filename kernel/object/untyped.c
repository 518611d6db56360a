/*
 * untyped.c: retype (carve objects out of an untyped region) and describe.
 *
 * A region hands out memory upwards from its watermark (cap.data), each object aligned
 * to its own size. When the region's capability has no children left (everything made
 * from it was deleted or revoked), the next retype starts again from the bottom:
 * that is the only way memory is reused, so no object can outlive its memory.
 * Untyped capabilities are never copied, so one watermark per region is enough.
 */
#include "untyped.h"

#include "abi/invocation.h"
#include "abi/object.h"
#include "cstring.h"
#include "memory.h"
#include "thread.h"

#define RETYPE_MAX_COUNT 256   /* objects per call: bounds the time one call takes */

struct cap untyped_cap(uint64_t paddr, unsigned size_bits, bool is_device)
{
    return (struct cap){
        .type = CAP_UNTYPED, .size_bits = (uint8_t)size_bits, .aux = is_device,
        .object = (uint64_t)(uintptr_t)phys_to_virt(paddr), .data = 0,
    };
}

unsigned untyped_object_bits(unsigned type, unsigned size_bits)
{
    switch (type) {
    case CAIRN_OBJECT_UNTYPED:
        return size_bits;
    case CAIRN_OBJECT_TCB:
        return CAIRN_TCB_BITS;
    case CAIRN_OBJECT_ENDPOINT:
        return CAIRN_ENDPOINT_BITS;
    case CAIRN_OBJECT_NOTIFICATION:
        return CAIRN_NOTIFICATION_BITS;
    case CAIRN_OBJECT_CNODE:
        return size_bits + CAIRN_SLOT_BITS;
    case CAIRN_OBJECT_FRAME_4K:
        return CAIRN_FRAME_4K_BITS;
    case CAIRN_OBJECT_FRAME_2M:
        return CAIRN_FRAME_2M_BITS;
    default:
        return CAIRN_PAGE_TABLE_BITS;
    }
}

struct cap untyped_make_object(unsigned type, unsigned size_bits, uint64_t object, bool device)
{
    unsigned bits = untyped_object_bits(type, size_bits);
    if (!device) {
        memset((void *)(uintptr_t)object, 0, 1ull << bits);
    }
    struct cap c = {.object = object, .rights = CAIRN_RIGHTS_ALL};
    switch (type) {
    case CAIRN_OBJECT_UNTYPED:
        return untyped_cap(virt_to_phys((void *)(uintptr_t)object), size_bits, device);
    case CAIRN_OBJECT_TCB:
        thread_create((struct tcb *)(uintptr_t)object);
        c.type = CAP_TCB;
        return c;
    case CAIRN_OBJECT_ENDPOINT:
        c.type = CAP_ENDPOINT;
        return c;
    case CAIRN_OBJECT_NOTIFICATION:
        c.type = CAP_NOTIFICATION;
        return c;
    case CAIRN_OBJECT_CNODE:
        c.type = CAP_CNODE;
        c.size_bits = (uint8_t)size_bits;
        return c;
    case CAIRN_OBJECT_FRAME_4K:
    case CAIRN_OBJECT_FRAME_2M:
        c.type = CAP_FRAME;
        c.size_bits = (uint8_t)bits;
        c.rights = CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE | CAIRN_RIGHT_EXECUTE;
        return c;
    default:
        c.type = CAP_PAGE_TABLE;
        return c;
    }
}

/* Checks type and size_bits (MR0, MR1). */
static enum cairn_error check_type(uint64_t type, uint64_t size_bits, bool device,
                                   struct syscall_error *e)
{
    if (type >= CAIRN_OBJECT_TYPE_COUNT) {
        return error_invalid_argument(e, 0, "retype: unknown object type");
    }
    if (device && type != CAIRN_OBJECT_UNTYPED && type != CAIRN_OBJECT_FRAME_4K &&
        type != CAIRN_OBJECT_FRAME_2M) {
        return error_invalid_argument(e, 0, "retype: device memory makes only frames");
    }
    if (type == CAIRN_OBJECT_UNTYPED &&
        (size_bits < CAIRN_UNTYPED_MIN_BITS || size_bits > CAIRN_UNTYPED_MAX_BITS)) {
        return error_range(e, CAIRN_UNTYPED_MIN_BITS, CAIRN_UNTYPED_MAX_BITS,
                           "retype: untyped size_bits out of range");
    }
    if (type == CAIRN_OBJECT_CNODE &&
        (size_bits < CAIRN_CNODE_MIN_RADIX || size_bits > CAIRN_CNODE_MAX_RADIX)) {
        return error_range(e, CAIRN_CNODE_MIN_RADIX, CAIRN_CNODE_MAX_RADIX,
                           "retype: CNode radix out of range");
    }
    return CAIRN_OK;
}

/* Finds the destination CNode (MR2 index, MR3 depth, CAP0 root; depth 0 = the root). */
static enum cairn_error find_destination(const struct message *m, struct syscall_error *e,
                                         const struct cap **cnode)
{
    const struct cap *root = &m->extra[0]->cap;
    uint64_t depth = message_word(m, 3);
    if (depth == 0) {
        *cnode = root;
    } else {
        struct cte *slot;
        enum cairn_error err = lookup_slot_for_op(e, root, message_word(m, 2), depth, false,
                                                  &slot);
        if (err != CAIRN_OK) {
            return err;
        }
        *cnode = &slot->cap;
    }
    if ((*cnode)->type != CAP_CNODE) {
        struct lookup_result r = {.failure = LOOKUP_MISSING_CAPABILITY};
        return error_lookup(e, r, false, "retype: destination is not a CNode");
    }
    if (!cap_is_writable_cnode(*cnode)) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY,
                           "retype: destination CNode is inspect-only (no write right)");
    }
    return CAIRN_OK;
}

/* Checks slots offset..offset+count-1 of cnode exist and are empty (MR4, MR5). */
static enum cairn_error check_slots(const struct cap *cnode, uint64_t offset, uint64_t count,
                                   struct syscall_error *e)
{
    uint64_t slots = 1ull << cnode->size_bits;
    if (offset >= slots) {
        return error_range(e, 0, slots - 1, "retype: slot offset beyond the CNode");
    }
    uint64_t max = slots - offset < RETYPE_MAX_COUNT ? slots - offset : RETYPE_MAX_COUNT;
    /* cppcheck-suppress knownConditionTrueFalse ; count is the caller's word, anything */
    if (count == 0 || count > max) {
        return error_range(e, 1, max, "retype: object count out of range");
    }
    const struct cte *dest = (const struct cte *)(uintptr_t)cnode->object + offset;
    for (uint64_t i = 0; i < count; i++) {
        if (!cap_is_null(&dest[i].cap)) {
            return error_plain(e, CAIRN_E_DELETE_FIRST, "retype: a destination slot is full");
        }
    }
    return CAIRN_OK;
}

static void invoke_retype(struct cte *untyped, struct cte *dest, unsigned type,
                          unsigned size_bits, uint64_t count, uint64_t start)
{
    unsigned bits = untyped_object_bits(type, size_bits);
    bool device = untyped->cap.aux != 0;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t object = untyped->cap.object + start + (i << bits);
        cdt_insert(untyped, &dest[i], untyped_make_object(type, size_bits, object, device));
    }
    untyped->cap.data = start + (count << bits);
}

static enum cairn_error decode_retype(struct cte *slot, struct message *m,
                                      struct syscall_error *e)
{
    if (m->length < 6 || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "retype: needs 6 words and 1 cap");
    }
    uint64_t type = message_word(m, 0), size_bits = message_word(m, 1);
    bool device = slot->cap.aux != 0;
    const struct cap *cnode;
    enum cairn_error err = check_type(type, size_bits, device, e);
    if (err == CAIRN_OK) {
        err = find_destination(m, e, &cnode);
    }
    uint64_t offset = message_word(m, 4), count = message_word(m, 5);
    if (err == CAIRN_OK) {
        err = check_slots(cnode, offset, count, e);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    unsigned bits = untyped_object_bits((unsigned)type, (unsigned)size_bits);
    uint64_t size = 1ull << slot->cap.size_bits;
    uint64_t free_from = cdt_has_children(slot) ? slot->cap.data : 0;
    uint64_t start = (free_from + (1ull << bits) - 1) & ~((1ull << bits) - 1);
    if (bits > slot->cap.size_bits || start > size || count > (size - start) >> bits) {
        e->bytes_available = size - free_from;
        return error_plain(e, CAIRN_E_NOT_ENOUGH_MEMORY, "retype: not enough free memory");
    }
    struct cte *dest = (struct cte *)(uintptr_t)cnode->object + offset;
    invoke_retype(slot, dest, (unsigned)type, (unsigned)size_bits, count, start);
    return CAIRN_OK;
}

uint64_t untyped_free_bytes(const struct cte *slot)
{
    uint64_t used = cdt_has_children(slot) ? slot->cap.data : 0;
    return (1ull << slot->cap.size_bits) - used;
}

static enum cairn_error decode_describe(const struct cte *slot, struct message *m)
{
    message_set_reply_word(m->sender, 0, untyped_free_bytes(slot));
    message_set_reply_word(m->sender, 1, slot->cap.size_bits);
    message_set_reply_word(m->sender, 2, virt_to_phys((void *)(uintptr_t)slot->cap.object));
    message_set_reply_word(m->sender, 3, slot->cap.aux);
    m->reply_length = 4;
    return CAIRN_OK;
}

enum cairn_error decode_untyped(struct cte *slot, struct message *m, struct syscall_error *e)
{
    switch (m->label) {
    case CAIRN_UNTYPED_RETYPE:
        return decode_retype(slot, m, e);
    case CAIRN_UNTYPED_DESCRIBE:
        return decode_describe(slot, m);
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "untyped: unknown invocation label");
    }
}
