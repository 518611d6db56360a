/*
 * ipc.c: the IPC system calls. Message words 0..3 go in registers a2..a5 on the way in
 * and come back into the IPC buffer's msg[0..3] on the way out, so user code only ever
 * reads and writes the buffer (cairn_set_mr, cairn_get_mr).
 */
#include "cairn.h"

struct ipc_result {
    uint64_t info;
    uint64_t badge;
};

static uint64_t buffer_word(const struct cairn_ipc_buffer *b, unsigned i)
{
    return b != 0 ? b->msg[i] : 0;
}

static struct ipc_result ipc(long number, cairn_cptr_t cap, uint64_t info)
{
    struct cairn_ipc_buffer *b = cairn_ipc_buffer();
    register uint64_t a0 __asm__("a0") = cap;
    register uint64_t a1 __asm__("a1") = info;
    register uint64_t a2 __asm__("a2") = buffer_word(b, 0);
    register uint64_t a3 __asm__("a3") = buffer_word(b, 1);
    register uint64_t a4 __asm__("a4") = buffer_word(b, 2);
    register uint64_t a5 __asm__("a5") = buffer_word(b, 3);
    register uint64_t a7 __asm__("a7") = (uint64_t)number;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7)
                     : "memory");
    const uint64_t out[CAIRN_MSG_REGISTERS] = {a2, a3, a4, a5};
    for (unsigned i = 0; b != 0 && i < CAIRN_MSG_REGISTERS; i++) {
        b->msg[i] = out[i];
    }
    return (struct ipc_result){.info = a1, .badge = a0};
}

uint64_t cairn_send(cairn_cptr_t dest, uint64_t info)
{
    return ipc(CAIRN_SYS_SEND, dest, info).info;
}

uint64_t cairn_nb_send(cairn_cptr_t dest, uint64_t info)
{
    return ipc(CAIRN_SYS_NB_SEND, dest, info).info;
}

uint64_t cairn_call(cairn_cptr_t dest, uint64_t info)
{
    return ipc(CAIRN_SYS_CALL, dest, info).info;
}

static uint64_t receive(long number, cairn_cptr_t src, uint64_t info, uint64_t *badge)
{
    struct ipc_result r = ipc(number, src, info);
    if (badge != 0) {
        *badge = r.badge;
    }
    return r.info;
}

uint64_t cairn_recv(cairn_cptr_t src, uint64_t *badge)
{
    return receive(CAIRN_SYS_RECV, src, 0, badge);
}

uint64_t cairn_nb_recv(cairn_cptr_t src, uint64_t *badge)
{
    return receive(CAIRN_SYS_NB_RECV, src, 0, badge);
}

void cairn_reply_to_caller(uint64_t info)
{
    ipc(CAIRN_SYS_REPLY, 0, info);
}

uint64_t cairn_reply_recv(cairn_cptr_t src, uint64_t info, uint64_t *badge)
{
    return receive(CAIRN_SYS_REPLY_RECV, src, info, badge);
}

void cairn_signal(cairn_cptr_t dest)
{
    ipc(CAIRN_SYS_SEND, dest, 0);
}

uint64_t cairn_wait(cairn_cptr_t src)
{
    uint64_t badge = 0;
    receive(CAIRN_SYS_RECV, src, 0, &badge);
    return badge;
}

uint64_t cairn_poll(cairn_cptr_t src)
{
    uint64_t badge = 0;
    receive(CAIRN_SYS_NB_RECV, src, 0, &badge);
    return badge;
}
