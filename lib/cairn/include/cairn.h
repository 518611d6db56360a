/*
 * cairn.h: user-level system call stubs and console output for Cairn programs.
 *
 * Each stub puts its arguments in a0.. and the number in a7, executes ecall and
 * returns the kernel's enum cairn_error from a0. Numbers and codes come from the ABI
 * headers in include/abi/, the single place they are written.
 */
#ifndef CAIRN_USER_H
#define CAIRN_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "abi/cspace.h"
#include "abi/error.h"
#include "abi/invocation.h"
#include "abi/message.h"
#include "abi/object.h"
#include "abi/syscall.h"

/* instret read by crt0 at the program's first instruction (for `make bench`). */
extern uint64_t cairn_start_instret;

/* A raw system call with up to two arguments; returns a0. */
long cairn_syscall2(long number, long arg0, long arg1);

/* Writes one byte to the kernel console. */
enum cairn_error cairn_debug_put_char(int c);

/* Writes length bytes at s to the kernel console (at most CAIRN_DEBUG_STRING_MAX). */
enum cairn_error cairn_debug_put_string(const char *s, size_t length);

/* Gives the rest of this thread's timeslice to the next thread of its priority. */
void cairn_yield(void);

/* Stops the machine with status 0..255 (debug builds); returns only on failure. */
enum cairn_error cairn_debug_halt(unsigned status);

/* The type of the capability at cptr (CAIRN_CAP_TYPE_NULL when there is none). */
enum cairn_cap_type cairn_debug_cap_identify(cairn_cptr_t cptr);

/* Runs the kernel's self-check; returns how many problems it found (0 = sound). */
unsigned long cairn_debug_self_check(void);

/* Prints every thread and the scheduler's ready queues on the kernel console. */
void cairn_debug_dump_scheduler(void);

/* Prints the non-empty slots of the CNode at cptr on the kernel console. */
enum cairn_error cairn_debug_dump_cnode(cairn_cptr_t cnode);

/* ---- invocations -------------------------------------------------------------------
 * Each wrapper makes one Call and returns the reply's error code. The reply words (the
 * results, or an error's detail: see kernel/core/invocation.h) stay in cairn_reply[]
 * until the next call. Extra capability arguments travel in the IPC buffer.
 */
extern uint64_t cairn_reply[CAIRN_MSG_REGISTERS];

/*
 * The calling thread's IPC buffer. Each thread keeps its address in tp, the RISC-V
 * thread pointer, so threads sharing an address space each find their own: crt0 sets
 * it for the root task; whoever starts a thread sets its tp (0: the thread has none).
 */
static inline struct cairn_ipc_buffer *cairn_ipc_buffer(void)
{
    struct cairn_ipc_buffer *b;
    __asm__ volatile("mv %0, tp" : "=r"(b));
    return b;
}

/* ---- IPC --------------------------------------------------------------------------
 * Message words live in the IPC buffer (msg[0..3] are carried in registers by each
 * call and copied back after it). Each call returns the message info of what arrived
 * (cairn_msg_label/length/extra_caps/unwrapped read it); receives also give the
 * sender's badge. Signals carry no words: the badge is the whole message.
 */
static inline void cairn_set_mr(unsigned i, uint64_t value)
{
    cairn_ipc_buffer()->msg[i] = value;
}

static inline uint64_t cairn_get_mr(unsigned i)
{
    return cairn_ipc_buffer()->msg[i];
}

uint64_t cairn_send(cairn_cptr_t dest, uint64_t info);
uint64_t cairn_nb_send(cairn_cptr_t dest, uint64_t info);
uint64_t cairn_call(cairn_cptr_t dest, uint64_t info);
uint64_t cairn_recv(cairn_cptr_t src, uint64_t *badge);
uint64_t cairn_nb_recv(cairn_cptr_t src, uint64_t *badge);
void cairn_reply_to_caller(uint64_t info);
uint64_t cairn_reply_recv(cairn_cptr_t src, uint64_t info, uint64_t *badge);
void cairn_signal(cairn_cptr_t dest);
uint64_t cairn_wait(cairn_cptr_t src);     /* returns the signal bits */
uint64_t cairn_poll(cairn_cptr_t src);     /* 0 when nothing was pending */

enum cairn_error cairn_tcb_bind_notification(cairn_cptr_t tcb, cairn_cptr_t notification);
enum cairn_error cairn_tcb_unbind_notification(cairn_cptr_t tcb);
enum cairn_error cairn_cnode_save_caller(cairn_cptr_t root, uint64_t index, unsigned depth);
enum cairn_error cairn_cnode_cancel_badged_sends(cairn_cptr_t root, uint64_t index,
                                                 unsigned depth);

/* The general form: label, `length` words from words[], `caps` extra capabilities. */
enum cairn_error cairn_invoke(cairn_cptr_t cap, uint64_t label, const uint64_t *words,
                              unsigned length, const cairn_cptr_t *caps, unsigned extra_caps);

enum cairn_error cairn_untyped_retype(cairn_cptr_t untyped, unsigned type, unsigned size_bits,
                                      cairn_cptr_t root, uint64_t index, unsigned depth,
                                      uint64_t offset, uint64_t count);

struct cairn_untyped_info {
    uint64_t free_bytes;
    unsigned size_bits;
    uint64_t paddr;
    bool is_device;
};
enum cairn_error cairn_untyped_describe(cairn_cptr_t untyped, struct cairn_untyped_info *info);

enum cairn_error cairn_cnode_copy(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                  unsigned rights);
enum cairn_error cairn_cnode_mint(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                  unsigned rights, uint64_t badge);
enum cairn_error cairn_cnode_move(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                  cairn_cptr_t src_root, uint64_t src, unsigned src_depth);
enum cairn_error cairn_cnode_mutate(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                    cairn_cptr_t src_root, uint64_t src, unsigned src_depth,
                                    uint64_t badge);
enum cairn_error cairn_cnode_rotate(cairn_cptr_t root, uint64_t dest, unsigned dest_depth,
                                    uint64_t dest_badge, cairn_cptr_t pivot_root,
                                    uint64_t pivot, unsigned pivot_depth, uint64_t pivot_badge,
                                    cairn_cptr_t src_root, uint64_t src, unsigned src_depth);
enum cairn_error cairn_cnode_delete(cairn_cptr_t root, uint64_t index, unsigned depth);
enum cairn_error cairn_cnode_revoke(cairn_cptr_t root, uint64_t index, unsigned depth);
/* The capability in slot (index, depth) of the CNode at root, which may be inspect-only
 * (no write right). Words 4.. of the reply come through the IPC buffer, so the calling
 * thread needs one; *out is filled only on CAIRN_OK. */
enum cairn_error cairn_cnode_describe(cairn_cptr_t root, uint64_t index, unsigned depth,
                                      struct cairn_cap_description *out);

enum cairn_error cairn_tcb_configure(cairn_cptr_t tcb, cairn_cptr_t fault_endpoint,
                                     cairn_cptr_t cspace, uint64_t guard_data,
                                     cairn_cptr_t vspace, uint64_t buffer, cairn_cptr_t frame);
enum cairn_error cairn_tcb_set_space(cairn_cptr_t tcb, cairn_cptr_t fault_endpoint,
                                     cairn_cptr_t cspace, uint64_t guard_data,
                                     cairn_cptr_t vspace);
enum cairn_error cairn_tcb_set_ipc_buffer(cairn_cptr_t tcb, uint64_t buffer, cairn_cptr_t frame);
enum cairn_error cairn_tcb_set_priority(cairn_cptr_t tcb, cairn_cptr_t authority,
                                        unsigned priority);
enum cairn_error cairn_tcb_set_mc_priority(cairn_cptr_t tcb, cairn_cptr_t authority,
                                           unsigned max_priority);
/* Register i: 0 = pc, 1..31 = x1..x31. count <= 32 (more than 4 need the IPC buffer). */
enum cairn_error cairn_tcb_read_registers(cairn_cptr_t tcb, bool suspend, unsigned count,
                                          uint64_t *registers);
enum cairn_error cairn_tcb_write_registers(cairn_cptr_t tcb, bool resume, unsigned count,
                                           const uint64_t *registers);
enum cairn_error cairn_tcb_suspend(cairn_cptr_t tcb);
enum cairn_error cairn_tcb_resume(cairn_cptr_t tcb);
enum cairn_error cairn_tcb_set_name(cairn_cptr_t tcb, const char *name);

enum cairn_error cairn_irq_control_get(cairn_cptr_t control, unsigned irq, cairn_cptr_t root,
                                       uint64_t index, unsigned depth);
enum cairn_error cairn_irq_handler_set_notification(cairn_cptr_t handler,
                                                    cairn_cptr_t notification);
enum cairn_error cairn_irq_handler_ack(cairn_cptr_t handler);
enum cairn_error cairn_irq_handler_clear(cairn_cptr_t handler);

/* CNode guard data for mint/mutate: `guard` in the top `guard_bits` bits of what is left. */
static inline uint64_t cairn_cnode_guard(uint64_t guard, unsigned guard_bits)
{
    return guard << 6 | guard_bits;
}

/* The capability of the largest RAM (not device) untyped region the kernel handed over,
 * or 0 when there is none. */
cairn_cptr_t cairn_largest_ram_untyped(const struct cairn_bootinfo *info);

/* printf to the kernel console, in chunks of at most CAIRN_DEBUG_STRING_MAX bytes. */
void cairn_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
