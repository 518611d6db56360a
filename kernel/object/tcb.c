/*
 * tcb.c: the TCB invocations: configure its spaces and IPC buffer, priorities under a
 * maximum controlled priority, registers, suspend and resume, and a debug name.
 *
 * A thread's CSpace root, VSpace root and IPC-buffer frame are held as capabilities in
 * the TCB's own slots (copies of the caller's), so those objects outlive their use.
 * Replacing one deletes the old copy first; if that was the last capability to a
 * CNode holding this very TCB's last capability, the TCB is gone when the delete
 * returns, which each step checks before it writes.
 */
#include "tcb.h"

#include "abi/invocation.h"
#include "delete.h"
#include "endpoint.h"
#include "memory.h"
#include "sched.h"
#include "vspace.h"

#define REGISTER_COUNT 32   /* pc, then x1..x31 */
#define GUARD_SIZE_BITS 6

static struct tcb *tcb_of(const struct cte *slot)
{
    return (struct tcb *)(uintptr_t)slot->cap.object;
}

/*
 * Puts a copy of source's capability into the TCB's own slot, replacing what was there.
 * Deleting the old capability may destroy objects (even this TCB, or the CNode holding
 * source): the copy is made only if the TCB lives and source still names the object.
 */
static void install(struct tcb *t, struct cte *own, struct cte *source, struct cap cap)
{
    cap_delete(own);
    if (t->alive && cap_is_null(&own->cap) && cap_same_object(&source->cap, &cap)) {
        cdt_insert(source, own, cap);
    }
}

/* The CSpace root with optional guard data (as CNode mint takes it); false if it won't fit. */
static bool cnode_with_guard(const struct cap *cnode, uint64_t data, struct cap *out)
{
    *out = *cnode;
    if (data == 0) {
        return true;
    }
    uint64_t bits = data & ((1u << GUARD_SIZE_BITS) - 1), guard = data >> GUARD_SIZE_BITS;
    if (bits + cnode->size_bits > CAIRN_WORD_BITS || (bits < 64 && guard >> bits != 0)) {
        return false;
    }
    out->guard_bits = (uint8_t)bits;
    out->data = guard;
    return true;
}

static void set_vspace(struct tcb *t, struct cte *vspace)
{
    install(t, &t->vtable, vspace, vspace->cap);
}

static void set_ipc_buffer(struct tcb *t, struct cte *frame, uint64_t address)
{
    if (frame == 0) {
        cap_delete(&t->ipc_buffer_frame);
        return;
    }
    struct cap copy = frame->cap;
    copy.data = 0;   /* the TCB's copy is not a mapping */
    copy.aux = 0;
    install(t, &t->ipc_buffer_frame, frame, copy);
    if (t->alive) {
        uint64_t offset = address & ((1ull << frame->cap.size_bits) - 1);
        t->ipc_buffer_offset = offset;
    }
}

/* Checks an IPC buffer frame capability and address. */
static enum cairn_error check_buffer(const struct cte *frame, uint64_t address, unsigned cap_index,
                                     struct syscall_error *e)
{
    if (frame == 0) {
        return address == 0 ? CAIRN_OK
                            : error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb: buffer frame missing");
    }
    if (frame->cap.type != CAP_FRAME) {
        return error_invalid_argument(e, cap_index, "tcb: IPC buffer is not a frame");
    }
    if (address % (1u << CAIRN_IPC_BUFFER_BITS) != 0) {
        return error_plain(e, CAIRN_E_ALIGNMENT, "tcb: IPC buffer not 1 KiB aligned");
    }
    return CAIRN_OK;
}

static enum cairn_error check_spaces(const struct message *m, struct syscall_error *e)
{
    if (m->extra[0]->cap.type != CAP_CNODE) {
        return error_invalid_argument(e, 0, "tcb: CSpace root is not a CNode");
    }
    if (!cap_is_writable_cnode(&m->extra[0]->cap)) {
        return error_plain(e, CAIRN_E_INVALID_CAPABILITY,
                           "tcb: CSpace root is inspect-only (no write right)");
    }
    if (m->extra[1]->cap.type != CAP_PAGE_TABLE || !vspace_is_root(&m->extra[1]->cap)) {
        return error_invalid_argument(e, 1, "tcb: VSpace root is not an address space");
    }
    return CAIRN_OK;
}

/* Checks the spaces (CAP0 CSpace with MR1 guard data, CAP1 VSpace) SET_SPACE and
 * CONFIGURE share, and works out the CSpace capability the TCB will hold. */
static enum cairn_error decode_spaces(const struct message *m, struct syscall_error *e,
                                      struct cap *cspace)
{
    enum cairn_error err = check_spaces(m, e);
    if (err == CAIRN_OK && !cnode_with_guard(&m->extra[0]->cap, message_word(m, 1), cspace)) {
        err = error_invalid_argument(e, 1, "tcb: CSpace guard does not fit");
    }
    return err;
}

/* The fault endpoint (MR0) and both spaces; the TCB may be gone afterwards (install). */
static void invoke_set_space(struct tcb *t, const struct message *m, struct cap cspace)
{
    t->fault_endpoint = message_word(m, 0);
    install(t, &t->ctable, m->extra[0], cspace);
    set_vspace(t, m->extra[1]);
}

/* CONFIGURE: MR0 fault endpoint, MR1 guard data, MR2 buffer; CAP0 CSpace, CAP1 VSpace,
 * CAP2 buffer frame (optional when the buffer address is 0). */
static enum cairn_error decode_configure(struct cte *slot, struct message *m,
                                         struct syscall_error *e)
{
    if (m->length < 3 || m->extra_count < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb configure: 3 words, 2 caps");
    }
    struct cte *frame = m->extra_count > 2 ? m->extra[2] : 0;
    struct cap cspace;
    enum cairn_error err = decode_spaces(m, e, &cspace);
    if (err == CAIRN_OK) {
        err = check_buffer(frame, message_word(m, 2), 2, e);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    struct tcb *t = tcb_of(slot);
    invoke_set_space(t, m, cspace);
    if (t->alive) {
        set_ipc_buffer(t, frame, message_word(m, 2));
    }
    return CAIRN_OK;
}

/* SET_SPACE: MR0 fault endpoint, MR1 guard data; CAP0 CSpace, CAP1 VSpace. */
static enum cairn_error decode_set_space(struct cte *slot, struct message *m,
                                         struct syscall_error *e)
{
    if (m->length < 2 || m->extra_count < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb set space: 2 words, 2 caps");
    }
    struct cap cspace;
    enum cairn_error err = decode_spaces(m, e, &cspace);
    if (err != CAIRN_OK) {
        return err;
    }
    invoke_set_space(tcb_of(slot), m, cspace);
    return CAIRN_OK;
}

/* SET_IPC_BUFFER: MR0 address; CAP0 frame (none with address 0). */
static enum cairn_error decode_set_ipc_buffer(struct cte *slot, struct message *m,
                                              struct syscall_error *e)
{
    if (m->length < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb set ipc buffer: 1 word");
    }
    struct cte *frame = m->extra_count > 0 ? m->extra[0] : 0;
    enum cairn_error err = check_buffer(frame, message_word(m, 0), 0, e);
    if (err != CAIRN_OK) {
        return err;
    }
    set_ipc_buffer(tcb_of(slot), frame, message_word(m, 0));
    return CAIRN_OK;
}

/* SET_PRIORITY and SET_MC_PRIORITY: MR0 value; CAP0 authority TCB, whose MCP bounds it. */
static enum cairn_error decode_priority(struct cte *slot, struct message *m, bool maximum,
                                        struct syscall_error *e)
{
    if (m->length < 1 || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb priority: 1 word, 1 cap");
    }
    if (m->extra[0]->cap.type != CAP_TCB) {
        return error_invalid_argument(e, 1, "tcb priority: authority is not a TCB");
    }
    const struct tcb *authority = tcb_of(m->extra[0]);
    uint64_t value = message_word(m, 0);
    if (value > authority->max_priority) {
        return error_range(e, 0, authority->max_priority, "tcb priority: above the authority's MCP");
    }
    struct tcb *t = tcb_of(slot);
    if (maximum) {
        t->max_priority = (uint8_t)value;
    } else {
        sched_set_priority(t, (unsigned)value);
    }
    return CAIRN_OK;
}

static uint64_t *register_at(struct tcb *t, unsigned i)
{
    return i == 0 ? &t->context.pc : &t->context.regs[i];
}

/* READ_REGISTERS: MR0 suspend, MR1 count. */
static enum cairn_error decode_read_registers(struct cte *slot, struct message *m,
                                              struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb read registers: 2 words");
    }
    uint64_t count = message_word(m, 1);
    if (count < 1 || count > REGISTER_COUNT) {
        return error_range(e, 1, REGISTER_COUNT, "tcb read registers: count");
    }
    struct tcb *t = tcb_of(slot);
    if (t == m->sender) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "tcb read registers: of itself");
    }
    if (message_word(m, 0) != 0) {
        thread_suspend(t);
    }
    for (unsigned i = 0; i < count; i++) {
        message_set_reply_word(m->sender, i, *register_at(t, i));
    }
    m->reply_length = (unsigned)count;
    return CAIRN_OK;
}

/* WRITE_REGISTERS: MR0 resume, MR1 count, MR2.. values. */
static enum cairn_error decode_write_registers(struct cte *slot, struct message *m,
                                               struct syscall_error *e)
{
    if (m->length < 2) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb write registers: 2 words");
    }
    uint64_t count = message_word(m, 1);
    if (count < 1 || count > REGISTER_COUNT) {
        return error_range(e, 1, REGISTER_COUNT, "tcb write registers: count");
    }
    if (m->length < 2 + count) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb write registers: values missing");
    }
    struct tcb *t = tcb_of(slot);
    if (t == m->sender) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "tcb write registers: of itself");
    }
    /* A thread waiting in a system call gives it up first: its new pc is final, never
     * rewound later as if it still pointed after that call (found by the fuzzer). */
    if (thread_is_blocked(t)) {
        thread_suspend(t);
    }
    for (unsigned i = 0; i < count; i++) {
        *register_at(t, i) = message_word(m, 2 + i);
    }
    if (message_word(m, 0) != 0) {
        thread_resume(t);
    }
    return CAIRN_OK;
}

/* SET_NAME: up to 23 bytes in MR0..MR2. */
static enum cairn_error decode_set_name(struct cte *slot, struct message *m)
{
    char name[THREAD_NAME_LEN] = {0};
    for (unsigned i = 0; i < THREAD_NAME_LEN - 1; i++) {
        name[i] = (char)(message_word(m, i / 8) >> (8 * (i % 8)));
    }
    thread_set_name(tcb_of(slot), name);
    return CAIRN_OK;
}

/* BIND_NOTIFICATION: CAP0 a notification that no thread is bound to yet. */
static enum cairn_error decode_bind(struct cte *slot, struct message *m, struct syscall_error *e)
{
    if (m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "tcb bind: needs a notification");
    }
    if (m->extra[0]->cap.type != CAP_NOTIFICATION) {
        return error_invalid_argument(e, 0, "tcb bind: not a notification");
    }
    struct notification *n = (struct notification *)(uintptr_t)m->extra[0]->cap.object;
    struct tcb *t = tcb_of(slot);
    if (t->bound != 0 || n->bound != 0) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "tcb bind: already bound");
    }
    notification_bind(n, t);
    return CAIRN_OK;
}

static enum cairn_error decode_unbind(struct cte *slot, struct syscall_error *e)
{
    struct tcb *t = tcb_of(slot);
    if (t->bound == 0) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "tcb unbind: nothing bound");
    }
    notification_unbind(t);
    return CAIRN_OK;
}

enum cairn_error decode_tcb(struct cte *slot, struct message *m, struct syscall_error *e)
{
    switch (m->label) {
    case CAIRN_TCB_CONFIGURE:
        return decode_configure(slot, m, e);
    case CAIRN_TCB_SET_SPACE:
        return decode_set_space(slot, m, e);
    case CAIRN_TCB_SET_IPC_BUFFER:
        return decode_set_ipc_buffer(slot, m, e);
    case CAIRN_TCB_SET_PRIORITY:
        return decode_priority(slot, m, false, e);
    case CAIRN_TCB_SET_MC_PRIORITY:
        return decode_priority(slot, m, true, e);
    case CAIRN_TCB_READ_REGISTERS:
        return decode_read_registers(slot, m, e);
    case CAIRN_TCB_WRITE_REGISTERS:
        return decode_write_registers(slot, m, e);
    case CAIRN_TCB_SUSPEND:
        thread_suspend(tcb_of(slot));
        return CAIRN_OK;
    case CAIRN_TCB_RESUME:
        thread_resume(tcb_of(slot));
        return CAIRN_OK;
    case CAIRN_TCB_SET_NAME:
        return decode_set_name(slot, m);
    case CAIRN_TCB_BIND_NOTIFICATION:
        return decode_bind(slot, m, e);
    case CAIRN_TCB_UNBIND_NOTIFICATION:
        return decode_unbind(slot, e);
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "tcb: unknown invocation label");
    }
}
