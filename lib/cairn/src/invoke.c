/*
 * invoke.c: the Call primitive and one wrapper per invocation.
 *
 * Words 0..3 travel in registers a2..a5, the rest in the IPC buffer; the reply comes
 * back the same way. The wrappers only arrange arguments in the order
 * include/abi/invocation.h documents.
 */
#include "cairn.h"

uint64_t cairn_reply[CAIRN_MSG_REGISTERS];

static uint64_t word_or_zero(const uint64_t *words, unsigned length, unsigned i)
{
    return i < length ? words[i] : 0;
}

enum cairn_error cairn_invoke(cairn_cptr_t cap, uint64_t label, const uint64_t *words,
                              unsigned length, const cairn_cptr_t *caps, unsigned extra_caps)
{
    struct cairn_ipc_buffer *buffer = cairn_ipc_buffer();
    for (unsigned i = CAIRN_MSG_REGISTERS; i < length && buffer != 0; i++) {
        buffer->msg[i] = words[i];
    }
    for (unsigned i = 0; i < extra_caps && buffer != 0; i++) {
        buffer->caps_or_badges[i] = caps[i];
    }
    register uint64_t a0 __asm__("a0") = cap;
    register uint64_t a1 __asm__("a1") = cairn_msg_info(label, 0, extra_caps, length);
    register uint64_t a2 __asm__("a2") = word_or_zero(words, length, 0);
    register uint64_t a3 __asm__("a3") = word_or_zero(words, length, 1);
    register uint64_t a4 __asm__("a4") = word_or_zero(words, length, 2);
    register uint64_t a5 __asm__("a5") = word_or_zero(words, length, 3);
    register uint64_t a7 __asm__("a7") = CAIRN_SYS_CALL;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7)
                     : "memory");
    cairn_reply[0] = a2;
    cairn_reply[1] = a3;
    cairn_reply[2] = a4;
    cairn_reply[3] = a5;
    return (enum cairn_error)cairn_msg_label(a1);
}

enum cairn_error cairn_untyped_retype(cairn_cptr_t untyped, unsigned type, unsigned size_bits,
                                      cairn_cptr_t root, uint64_t index, unsigned depth,
                                      uint64_t offset, uint64_t count)
{
    uint64_t w[] = {type, size_bits, index, depth, offset, count};
    return cairn_invoke(untyped, CAIRN_UNTYPED_RETYPE, w, 6, &root, 1);
}

enum cairn_error cairn_untyped_describe(cairn_cptr_t untyped, struct cairn_untyped_info *info)
{
    enum cairn_error err = cairn_invoke(untyped, CAIRN_UNTYPED_DESCRIBE, 0, 0, 0, 0);
    if (err == CAIRN_OK) {
        info->free_bytes = cairn_reply[0];
        info->size_bits = (unsigned)cairn_reply[1];
        info->paddr = cairn_reply[2];
        info->is_device = cairn_reply[3] != 0;
    }
    return err;
}

enum cairn_error cairn_cnode_copy(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                  unsigned rights)
{
    uint64_t w[] = {dest, dest_depth, src, src_depth, rights};
    return cairn_invoke(root, CAIRN_CNODE_COPY, w, 5, &src_root, 1);
}

enum cairn_error cairn_cnode_mint(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                  unsigned rights, uint64_t badge)
{
    uint64_t w[] = {dest, dest_depth, src, src_depth, rights, badge};
    return cairn_invoke(root, CAIRN_CNODE_MINT, w, 6, &src_root, 1);
}

enum cairn_error cairn_cnode_move(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth)
{
    uint64_t w[] = {dest, dest_depth, src, src_depth};
    return cairn_invoke(root, CAIRN_CNODE_MOVE, w, 4, &src_root, 1);
}

enum cairn_error cairn_cnode_mutate(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                    cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                    uint64_t badge)
{
    uint64_t w[] = {dest, dest_depth, src, src_depth, badge};
    return cairn_invoke(root, CAIRN_CNODE_MUTATE, w, 5, &src_root, 1);
}

enum cairn_error cairn_cnode_rotate(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                    uint64_t dest_badge, cairn_cptr_t pivot_root,
                                    uint64_t pivot, unsigned pivot_depth, uint64_t pivot_badge,
                                    cairn_cptr_t src_root, uint64_t src, unsigned src_depth)
{
    uint64_t w[] = {dest, dest_depth, dest_badge, pivot, pivot_depth, pivot_badge, src,
                    src_depth};
    cairn_cptr_t caps[] = {pivot_root, src_root};
    return cairn_invoke(root, CAIRN_CNODE_ROTATE, w, 8, caps, 2);
}

enum cairn_error cairn_cnode_delete(cairn_cptr_t root, uint64_t index, unsigned depth)
{
    uint64_t w[] = {index, depth};
    return cairn_invoke(root, CAIRN_CNODE_DELETE, w, 2, 0, 0);
}

enum cairn_error cairn_cnode_revoke(cairn_cptr_t root, uint64_t index, unsigned depth)
{
    uint64_t w[] = {index, depth};
    return cairn_invoke(root, CAIRN_CNODE_REVOKE, w, 2, 0, 0);
}

enum cairn_error cairn_cnode_describe(cairn_cptr_t root, uint64_t index, unsigned depth,
                                      struct cairn_cap_description *out)
{
    uint64_t w[] = {index, depth};
    enum cairn_error err = cairn_invoke(root, CAIRN_CNODE_DESCRIBE, w, 2, 0, 0);
    uint64_t *words = (uint64_t *)out;
    for (unsigned i = 0; err == CAIRN_OK && i < CAIRN_CAP_DESCRIPTION_WORDS; i++) {
        words[i] = i < CAIRN_MSG_REGISTERS ? cairn_reply[i] : cairn_ipc_buffer()->msg[i];
    }
    return err;
}

enum cairn_error cairn_tcb_configure(cairn_cptr_t tcb, cairn_cptr_t fault_endpoint,
                                     cairn_cptr_t cspace, uint64_t guard_data,
                                     cairn_cptr_t vspace, uint64_t buffer, cairn_cptr_t frame)
{
    uint64_t w[] = {fault_endpoint, guard_data, buffer};
    cairn_cptr_t caps[] = {cspace, vspace, frame};
    return cairn_invoke(tcb, CAIRN_TCB_CONFIGURE, w, 3, caps, frame != 0 ? 3 : 2);
}

enum cairn_error cairn_tcb_set_space(cairn_cptr_t tcb, cairn_cptr_t fault_endpoint,
                                     cairn_cptr_t cspace, uint64_t guard_data,
                                     cairn_cptr_t vspace)
{
    uint64_t w[] = {fault_endpoint, guard_data};
    cairn_cptr_t caps[] = {cspace, vspace};
    return cairn_invoke(tcb, CAIRN_TCB_SET_SPACE, w, 2, caps, 2);
}

enum cairn_error cairn_tcb_set_ipc_buffer(cairn_cptr_t tcb, uint64_t buffer, cairn_cptr_t frame)
{
    uint64_t w[] = {buffer};
    return cairn_invoke(tcb, CAIRN_TCB_SET_IPC_BUFFER, w, 1, &frame, frame != 0 ? 1 : 0);
}

enum cairn_error cairn_tcb_set_priority(cairn_cptr_t tcb, cairn_cptr_t authority,
                                        unsigned priority)
{
    uint64_t w[] = {priority};
    return cairn_invoke(tcb, CAIRN_TCB_SET_PRIORITY, w, 1, &authority, 1);
}

enum cairn_error cairn_tcb_set_mc_priority(cairn_cptr_t tcb, cairn_cptr_t authority,
                                           unsigned max_priority)
{
    uint64_t w[] = {max_priority};
    return cairn_invoke(tcb, CAIRN_TCB_SET_MC_PRIORITY, w, 1, &authority, 1);
}

enum cairn_error cairn_tcb_read_registers(cairn_cptr_t tcb, bool suspend, unsigned count,
                                          uint64_t *registers)
{
    uint64_t w[] = {suspend, count};
    enum cairn_error err = cairn_invoke(tcb, CAIRN_TCB_READ_REGISTERS, w, 2, 0, 0);
    for (unsigned i = 0; err == CAIRN_OK && i < count; i++) {
        registers[i] = i < CAIRN_MSG_REGISTERS ? cairn_reply[i] : cairn_ipc_buffer()->msg[i];
    }
    return err;
}

enum cairn_error cairn_tcb_write_registers(cairn_cptr_t tcb, bool resume, unsigned count,
                                           const uint64_t *registers)
{
    uint64_t w[2 + 32] = {resume, count};
    for (unsigned i = 0; i < count && i < 32; i++) {
        w[2 + i] = registers[i];
    }
    return cairn_invoke(tcb, CAIRN_TCB_WRITE_REGISTERS, w, 2 + (count < 32 ? count : 32), 0, 0);
}

enum cairn_error cairn_tcb_suspend(cairn_cptr_t tcb)
{
    return cairn_invoke(tcb, CAIRN_TCB_SUSPEND, 0, 0, 0, 0);
}

enum cairn_error cairn_tcb_resume(cairn_cptr_t tcb)
{
    return cairn_invoke(tcb, CAIRN_TCB_RESUME, 0, 0, 0, 0);
}

enum cairn_error cairn_tcb_set_name(cairn_cptr_t tcb, const char *name)
{
    uint64_t w[3] = {0, 0, 0};
    for (unsigned i = 0; i < 23 && name[i] != '\0'; i++) {
        w[i / 8] |= (uint64_t)(unsigned char)name[i] << (8 * (i % 8));
    }
    return cairn_invoke(tcb, CAIRN_TCB_SET_NAME, w, 3, 0, 0);
}

enum cairn_error cairn_tcb_bind_notification(cairn_cptr_t tcb, cairn_cptr_t notification)
{
    return cairn_invoke(tcb, CAIRN_TCB_BIND_NOTIFICATION, 0, 0, &notification, 1);
}

enum cairn_error cairn_tcb_unbind_notification(cairn_cptr_t tcb)
{
    return cairn_invoke(tcb, CAIRN_TCB_UNBIND_NOTIFICATION, 0, 0, 0, 0);
}

enum cairn_error cairn_cnode_save_caller(cairn_cptr_t root, uint64_t index, unsigned depth)
{
    uint64_t w[] = {index, depth};
    return cairn_invoke(root, CAIRN_CNODE_SAVE_CALLER, w, 2, 0, 0);
}

enum cairn_error cairn_cnode_cancel_badged_sends(cairn_cptr_t root, uint64_t index,
                                                 unsigned depth)
{
    uint64_t w[] = {index, depth};
    return cairn_invoke(root, CAIRN_CNODE_CANCEL_BADGED_SENDS, w, 2, 0, 0);
}

enum cairn_error cairn_irq_control_get(cairn_cptr_t control, unsigned irq, cairn_cptr_t root,
                                       uint64_t index, unsigned depth)
{
    uint64_t w[] = {irq, index, depth};
    return cairn_invoke(control, CAIRN_IRQ_CONTROL_GET, w, 3, &root, 1);
}

enum cairn_error cairn_irq_handler_set_notification(cairn_cptr_t handler,
                                                    cairn_cptr_t notification)
{
    return cairn_invoke(handler, CAIRN_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &notification, 1);
}

enum cairn_error cairn_irq_handler_ack(cairn_cptr_t handler)
{
    return cairn_invoke(handler, CAIRN_IRQ_HANDLER_ACK, 0, 0, 0, 0);
}

enum cairn_error cairn_irq_handler_clear(cairn_cptr_t handler)
{
    return cairn_invoke(handler, CAIRN_IRQ_HANDLER_CLEAR, 0, 0, 0, 0);
}
