/*
 * transfer.c: message and capability transfer between two threads.
 *
 * Capability transfer follows seL4: each extra capability the sender names is looked up
 * in the sender's CSpace; an endpoint capability to the very endpoint carrying the
 * message is "unwrapped" (the receiver gets its badge, not the capability); any other
 * needs the grant right and the receiver's one receive slot (named in its IPC buffer),
 * which takes at most one capability. Transfer stops quietly at the first capability
 * that cannot go; the message info tells the receiver how many arrived.
 */
#include "transfer.h"

#include "abi/fault.h"
#include "cspace.h"

static unsigned min_unsigned(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

/* Words beyond the registers need both buffers; the caller has cut length otherwise. */
static void copy_words(struct tcb *sender, struct tcb *receiver, unsigned length)
{
    for (unsigned i = 0; i < min_unsigned(length, CAIRN_MSG_REGISTERS); i++) {
        receiver->context.regs[REG_A2 + i] = sender->context.regs[REG_A2 + i];
    }
    const struct cairn_ipc_buffer *from = tcb_ipc_buffer(sender);
    struct cairn_ipc_buffer *to = tcb_ipc_buffer(receiver);
    for (unsigned i = CAIRN_MSG_REGISTERS; from != 0 && to != 0 && i < length; i++) {
        to->msg[i] = from->msg[i];
    }
}

/* The receiver's empty receive slot, or 0 when it named none that resolves. */
static struct cte *receive_slot(struct tcb *receiver)
{
    const struct cairn_ipc_buffer *b = tcb_ipc_buffer(receiver);
    if (b == 0) {
        return 0;
    }
    struct lookup_result root = cspace_lookup_cap(&receiver->ctable.cap, b->receive_cnode);
    if (root.failure != LOOKUP_OK || !cap_is_writable_cnode(&root.slot->cap) ||
        b->receive_depth < 1 || b->receive_depth > CAIRN_WORD_BITS) {
        return 0;
    }
    struct lookup_result r = cspace_lookup_slot(&root.slot->cap, b->receive_index,
                                                (unsigned)b->receive_depth);
    return r.failure == LOOKUP_OK && cap_is_null(&r.slot->cap) ? r.slot : 0;
}

static bool transferable(const struct cap *c)
{
    return c->type != CAP_UNTYPED && c->type != CAP_REPLY && c->type != CAP_ZOMBIE &&
           c->type != CAP_NULL;
}

/* Moves the sender's extra capabilities; returns how many went, and the unwrapped mask. */
static unsigned transfer_caps(struct tcb *sender, struct tcb *receiver, unsigned wanted,
                              bool grant, const void *endpoint, unsigned *unwrapped)
{
    struct cte *dest = 0;
    bool dest_looked_up = false;
    const struct cairn_ipc_buffer *from = tcb_ipc_buffer(sender);
    struct cairn_ipc_buffer *to = tcb_ipc_buffer(receiver);
    if (from == 0 || to == 0) {
        return 0;
    }
    unsigned i = 0;
    for (; i < wanted; i++) {
        struct lookup_result r = cspace_lookup_cap(&sender->ctable.cap, from->caps_or_badges[i]);
        if (r.failure != LOOKUP_OK || !transferable(&r.slot->cap)) {
            break;
        }
        const struct cap *c = &r.slot->cap;
        if (c->type == CAP_ENDPOINT && c->object == (uint64_t)(uintptr_t)endpoint) {
            to->caps_or_badges[i] = c->data;
            *unwrapped |= 1u << i;
            continue;
        }
        if (!dest_looked_up) {
            dest = grant ? receive_slot(receiver) : 0;
            dest_looked_up = true;
        }
        if (dest == 0) {
            break;
        }
        struct cap copy = *c;
        if (copy.type == CAP_FRAME) {
            copy.data = 0;   /* a transferred frame capability starts unmapped */
            copy.aux = 0;
        }
        cdt_insert(r.slot, dest, copy);
        dest = 0;   /* one receive slot: later capabilities can only be unwrapped */
    }
    return i;
}

/* A fault message: the words the kernel composed, not the faulting thread's registers. */
static void transfer_fault(struct tcb *sender, struct tcb *receiver, uint64_t badge)
{
    for (unsigned i = 0; i < CAIRN_FAULT_LENGTH; i++) {
        receiver->context.regs[REG_A2 + i] = sender->fault_words[i];
    }
    receiver->context.regs[REG_A0] = badge;
    receiver->context.regs[REG_A1] = cairn_msg_info(sender->fault_label, 0, 0, CAIRN_FAULT_LENGTH);
}

void transfer_fault_reply(struct tcb *replier, struct tcb *faulted)
{
    unsigned length = cairn_msg_length(replier->context.regs[REG_A1]);
    if (length >= 1) {
        faulted->context.pc = replier->context.regs[REG_A2];
    }
    if (length >= 2) {
        faulted->context.regs[REG_SP] = replier->context.regs[REG_A3];
    }
    faulted->fault_label = 0;
}

void transfer_message(struct tcb *sender, struct tcb *receiver, uint64_t badge, bool grant,
                      const void *endpoint)
{
    if (sender->fault_label != 0) {
        transfer_fault(sender, receiver, badge);
        return;
    }
    uint64_t info = sender->context.regs[REG_A1];
    unsigned length = min_unsigned(cairn_msg_length(info), CAIRN_MSG_MAX_LENGTH);
    bool buffers = tcb_ipc_buffer(sender) != 0 && tcb_ipc_buffer(receiver) != 0;
    if (!buffers) {
        length = min_unsigned(length, CAIRN_MSG_REGISTERS);
    }
    copy_words(sender, receiver, length);
    unsigned unwrapped = 0, extra = 0;
    if (buffers) {
        extra = transfer_caps(sender, receiver, cairn_msg_extra_caps(info), grant, endpoint,
                              &unwrapped);
    }
    receiver->context.regs[REG_A0] = badge;
    receiver->context.regs[REG_A1] = cairn_msg_info(cairn_msg_label(info), unwrapped, extra,
                                                    length);
}

void transfer_signal(struct tcb *receiver, uint64_t badge)
{
    receiver->context.regs[REG_A0] = badge;
    receiver->context.regs[REG_A1] = 0;
}
