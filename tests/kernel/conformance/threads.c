/*
 * threads.c: starting worker threads for the conformance cases (see framework.h).
 */
#include "framework.h"

#define STACK_WORDS 512

static uint64_t stacks[WORKER_STACKS][STACK_WORDS] __attribute__((aligned(16)));

static uint64_t read_gp(void)
{
    uint64_t gp;
    __asm__ volatile("mv %0, gp" : "=r"(gp));
    return gp;
}

enum cairn_error spawn_worker(const struct env *env, cairn_cptr_t slot, void (*fn)(uint64_t),
                              uint64_t arg, unsigned n, unsigned priority, uint64_t buffer,
                              bool start)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_TCB, 0, slot);
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(slot, 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, buffer,
                                  buffer != 0 ? CAIRN_CAP_INIT_IPC_BUFFER : 0);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(slot, CAIRN_CAP_INIT_TCB, priority);
    }
    uint64_t regs[11] = {0};
    regs[0] = (uint64_t)fn;
    regs[2] = (uint64_t)&stacks[n % WORKER_STACKS][STACK_WORDS];
    regs[3] = read_gp();
    regs[4] = buffer;   /* tp: where cairn_ipc_buffer() finds this thread's buffer */
    regs[10] = arg;
    if (err == CAIRN_OK) {
        err = cairn_tcb_write_registers(slot, start, 11, regs);
    }
    return err;
}

void lower_self(void)
{
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, LOW);
}
