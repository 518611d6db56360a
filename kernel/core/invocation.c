/*
 * invocation.c: from a Call or Send on a capability to the object's decode step, and the
 * reply that carries the result or the error back.
 *
 * A lookup failure of the invoked capability itself is answered with FAILED_LOOKUP
 * (seL4 would raise a capability fault instead): a thread that names a wrong slot gets
 * an error code it can report, and no fault handler is needed to survive it.
 */
#include "invocation.h"

#include "cnode.h"
#include "config.h"
#include "console.h"
#include "frame.h"
#include "irq.h"
#include "tcb.h"
#include "untyped.h"

uint64_t message_word(const struct message *m, unsigned i)
{
    if (i < CAIRN_MSG_REGISTERS) {
        return m->sender->context.regs[REG_A2 + i];
    }
    const struct cairn_ipc_buffer *b = tcb_ipc_buffer(m->sender);
    return b != 0 && i < CAIRN_MSG_MAX_LENGTH ? b->msg[i] : 0;
}

void message_set_reply_word(struct tcb *t, unsigned i, uint64_t value)
{
    if (i < CAIRN_MSG_REGISTERS) {
        t->context.regs[REG_A2 + i] = value;
    } else if (tcb_ipc_buffer(t) != 0 && i < CAIRN_MSG_MAX_LENGTH) {
        tcb_ipc_buffer(t)->msg[i] = value;
    }
}

static enum cairn_error debug_reason(struct syscall_error *e, enum cairn_error type,
                                     const char *why)
{
    e->type = type;
    if (CAIRN_DEBUG) {
        kprintf("invocation refused: %s\n", why);
    }
    return type;
}

enum cairn_error error_invalid_argument(struct syscall_error *e, unsigned argument,
                                        const char *why)
{
    e->argument = argument;
    return debug_reason(e, CAIRN_E_INVALID_ARGUMENT, why);
}

enum cairn_error error_range(struct syscall_error *e, uint64_t min, uint64_t max,
                             const char *why)
{
    e->min = min;
    e->max = max;
    return debug_reason(e, CAIRN_E_RANGE, why);
}

enum cairn_error error_lookup(struct syscall_error *e, struct lookup_result lookup,
                              bool source, const char *why)
{
    e->lookup = lookup;
    e->lookup_was_source = source;
    return debug_reason(e, CAIRN_E_FAILED_LOOKUP, why);
}

enum cairn_error error_plain(struct syscall_error *e, enum cairn_error type, const char *why)
{
    return debug_reason(e, type, why);
}

enum cairn_error lookup_slot_to_read(struct syscall_error *e, const struct cap *root,
                                     uint64_t index, uint64_t depth, bool source,
                                     struct cte **slot)
{
    if (depth < 1 || depth > CAIRN_WORD_BITS) {
        return error_range(e, 1, CAIRN_WORD_BITS, "depth outside 1..64");
    }
    struct lookup_result r = cspace_lookup_slot(root, index, (unsigned)depth);
    if (r.failure != LOOKUP_OK) {
        return error_lookup(e, r, source, source ? "source slot does not resolve"
                                                 : "destination slot does not resolve");
    }
    *slot = r.slot;
    return CAIRN_OK;
}

enum cairn_error lookup_slot_for_op(struct syscall_error *e, const struct cap *root,
                                    uint64_t index, uint64_t depth, bool source,
                                    struct cte **slot)
{
    if (root->type == CAP_CNODE && !cap_is_writable_cnode(root)) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY,
                           source ? "source root CNode is inspect-only (no write right)"
                                  : "destination root CNode is inspect-only (no write right)");
    }
    return lookup_slot_to_read(e, root, index, depth, source, slot);
}

/* Resolves the extra capabilities named in the sender's IPC buffer. */
static enum cairn_error read_extra_caps(struct tcb *t, uint64_t info, struct message *m,
                                        struct syscall_error *e)
{
    unsigned wanted = cairn_msg_extra_caps(info);
    m->extra_count = 0;
    const struct cairn_ipc_buffer *buffer = tcb_ipc_buffer(t);
    if (buffer == 0) {
        return CAIRN_OK;   /* without a buffer there is nowhere to name them */
    }
    for (unsigned i = 0; i < wanted; i++) {
        struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, buffer->caps_or_badges[i]);
        if (r.failure == LOOKUP_OK && cap_is_null(&r.slot->cap)) {
            r = (struct lookup_result){.failure = LOOKUP_MISSING_CAPABILITY};
        }
        if (r.failure != LOOKUP_OK) {
            return error_lookup(e, r, true, "an extra capability does not resolve");
        }
        m->extra[m->extra_count++] = r.slot;
    }
    return CAIRN_OK;
}

static enum cairn_error decode(struct cte *target, struct message *m, struct syscall_error *e)
{
    switch (target->cap.type) {
    case CAP_UNTYPED:
        return decode_untyped(target, m, e);
    case CAP_CNODE:
        return decode_cnode(target, m, e);
    case CAP_TCB:
        return decode_tcb(target, m, e);
    case CAP_FRAME:
        return decode_frame(target, m, e);
    case CAP_PAGE_TABLE:
        return decode_page_table(target, m, e);
    case CAP_ASID_CONTROL:
        return decode_asid_control(target, m, e);
    case CAP_ASID_POOL:
        return decode_asid_pool(target, m, e);
    case CAP_IRQ_CONTROL:
        return decode_irq_control(target, m, e);
    case CAP_IRQ_HANDLER:
        return decode_irq_handler(target, m, e);
    default:
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY, "this capability takes no invocations");
    }
}

/* Writes the reply: label = error code, then the result or error-detail words. */
static void reply(struct tcb *t, enum cairn_error result, const struct syscall_error *e,
                  unsigned result_words)
{
    unsigned words = result_words;
    if (result == CAIRN_E_INVALID_ARGUMENT) {
        message_set_reply_word(t, 0, e->argument);
        words = 1;
    } else if (result == CAIRN_E_RANGE) {
        message_set_reply_word(t, 0, e->min);
        message_set_reply_word(t, 1, e->max);
        words = 2;
    } else if (result == CAIRN_E_FAILED_LOOKUP) {
        message_set_reply_word(t, 0, e->lookup_was_source);
        message_set_reply_word(t, 1, e->lookup.failure);
        message_set_reply_word(t, 2, e->lookup.bits_left);
        words = 3;
    } else if (result == CAIRN_E_NOT_ENOUGH_MEMORY) {
        message_set_reply_word(t, 0, e->bytes_available);
        words = 1;
    } else if (result != CAIRN_OK) {
        words = 0;
    }
    t->context.regs[REG_A1] = cairn_msg_info(result, 0, 0, words);
}

void invocation_handle(struct tcb *t, bool wants_reply)
{
    uint64_t info = t->context.regs[REG_A1];
    struct message m = {
        .sender = t, .label = cairn_msg_label(info), .length = cairn_msg_length(info),
    };
    struct syscall_error e = {.type = CAIRN_OK};
    enum cairn_error result;
    struct lookup_result target = cspace_lookup_cap(&t->ctable.cap, t->context.regs[REG_A0]);
    if (target.failure != LOOKUP_OK || cap_is_null(&target.slot->cap)) {
        if (target.failure == LOOKUP_OK) {
            target.failure = LOOKUP_MISSING_CAPABILITY;
        }
        result = error_lookup(&e, target, false, "the invoked capability does not resolve");
    } else {
        result = read_extra_caps(t, info, &m, &e);
        if (result == CAIRN_OK) {
            result = decode(target.slot, &m, &e);
        }
    }
    /* The invoker may have destroyed itself (e.g. deleted its own TCB): then no reply. */
    if (wants_reply && t->state != THREAD_INACTIVE) {
        reply(t, result, &e, m.reply_length);
    }
}
