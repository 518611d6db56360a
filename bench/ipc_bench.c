/*
 * ipc_bench.c: a root task that measures kernel paths in instructions (rdinstret).
 *
 * Run under QEMU -icount shift=0,sleep=off the counts are exact and repeatable. Each
 * figure is the average over ITERATIONS warm iterations, loop overhead included,
 * and is printed as "bench <name> <instructions>" for bench.py to tabulate.
 */
#include "cairn.h"
#include "cairn_clone.h"

#define ITERATIONS 10000
#define ROOT CAIRN_CAP_INIT_CNODE
#define STACK_WORDS 512

enum { SLOT_UNTYPED, SLOT_EP, SLOT_NTFN, SLOT_SERVER, SLOT_PEER, SLOT_REMOTE, SLOT_COUNT };

#define TEMP_VADDR 0x40000000ul

static uint64_t stacks[2][STACK_WORDS] __attribute__((aligned(16)));
static cairn_cptr_t first_free;

static uint64_t instret(void)
{
    uint64_t v;
    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

static cairn_cptr_t slot(unsigned which)
{
    return first_free + which;
}

static void report(const char *name, uint64_t start, uint64_t end)
{
    cairn_printf("bench %s %lu\n", name, (end - start) / ITERATIONS);
}

static void echo_server(uint64_t ep)
{
    uint64_t info = cairn_recv(ep, 0);
    for (;;) {
        info = cairn_reply_recv(ep, info, 0);
    }
}

static void waiter(uint64_t ntfn)
{
    for (;;) {
        cairn_wait(ntfn);
    }
}

static void yielder(uint64_t unused)
{
    (void)unused;
    for (;;) {
        cairn_yield();
    }
}

static uint64_t read_gp(void)
{
    uint64_t gp;
    __asm__ volatile("mv %0, gp" : "=r"(gp));
    return gp;
}

/* A thread in `vspace` running fn(arg), with IPC buffer `buffer` (ours only). */
static void start_thread_in(cairn_cptr_t tcb, cairn_cptr_t vspace, void (*fn)(uint64_t),
                            uint64_t arg, unsigned n, unsigned priority, uint64_t buffer)
{
    cairn_untyped_retype(slot(SLOT_UNTYPED), CAIRN_OBJECT_TCB, 0, ROOT, 0, 0, tcb, 1);
    cairn_tcb_configure(tcb, 0, ROOT, 0, vspace, buffer,
                        buffer != 0 ? CAIRN_CAP_INIT_IPC_BUFFER : 0);
    cairn_tcb_set_priority(tcb, CAIRN_CAP_INIT_TCB, priority);
    uint64_t regs[11] = {0};
    regs[0] = (uint64_t)fn;
    regs[2] = (uint64_t)&stacks[n][STACK_WORDS];
    regs[3] = read_gp();
    regs[4] = buffer;
    regs[10] = arg;
    cairn_tcb_write_registers(tcb, true, 11, regs);
}

static void start_thread(cairn_cptr_t tcb, void (*fn)(uint64_t), uint64_t arg, unsigned n,
                         unsigned priority, uint64_t buffer)
{
    start_thread_in(tcb, CAIRN_CAP_INIT_VSPACE, fn, arg, n, priority, buffer);
}

static void bench_null_syscall(void)
{
    uint64_t start = instret();
    for (unsigned i = 0; i < ITERATIONS; i++) {
        cairn_yield();   /* alone at its priority: into the kernel and straight back */
    }
    report("null_syscall", start, instret());
}

static void bench_call_reply(void)
{
    cairn_untyped_retype(slot(SLOT_UNTYPED), CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                         slot(SLOT_EP), 1);
    start_thread(slot(SLOT_SERVER), echo_server, slot(SLOT_EP), 0, 200,
                 CAIRN_ROOT_IPC_BUFFER_VADDR + 1024);
    uint64_t info = cairn_msg_info(1, 0, 0, 1);
    cairn_call(slot(SLOT_EP), info);   /* warm */
    uint64_t start = instret();
    for (unsigned i = 0; i < ITERATIONS; i++) {
        cairn_call(slot(SLOT_EP), info);
    }
    report("ipc_call_reply_same_space", start, instret());
}

/* The same round trip with the server in an address space of its own (a copy of us). */
static void bench_call_reply_other_space(void)
{
    struct cairn_clone clone = {.untyped = slot(SLOT_UNTYPED), .first_slot = slot(SLOT_COUNT)};
    if (cairn_clone_image(&clone, TEMP_VADDR) != CAIRN_OK) {
        cairn_printf("bench: cloning the image failed\n");
        return;
    }
    cairn_tcb_suspend(slot(SLOT_SERVER));
    start_thread_in(slot(SLOT_REMOTE), clone.vspace, echo_server, slot(SLOT_EP), 0, 200, 0);
    uint64_t info = cairn_msg_info(1, 0, 0, 1);
    cairn_call(slot(SLOT_EP), info);   /* warm */
    uint64_t start = instret();
    for (unsigned i = 0; i < ITERATIONS; i++) {
        cairn_call(slot(SLOT_EP), info);
    }
    report("ipc_call_reply_other_space", start, instret());
    cairn_tcb_suspend(slot(SLOT_REMOTE));
}

static void bench_signal(void)
{
    cairn_untyped_retype(slot(SLOT_UNTYPED), CAIRN_OBJECT_NOTIFICATION, 0, ROOT, 0, 0,
                         slot(SLOT_NTFN), 1);
    start_thread(slot(SLOT_PEER), waiter, slot(SLOT_NTFN), 1, 200, 0);
    /* Below the waiter, so each signal switches to it and its wait switches back. */
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, 100);
    uint64_t start = instret();
    for (unsigned i = 0; i < ITERATIONS; i++) {
        cairn_signal(slot(SLOT_NTFN));   /* wakes the waiter, which waits again */
    }
    report("signal_to_waiting_thread", start, instret());
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, 255);
}

static void bench_context_switch(void)
{
    cairn_tcb_suspend(slot(SLOT_PEER));
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, 100);
    cairn_cnode_delete(ROOT, slot(SLOT_PEER), CAIRN_WORD_BITS);
    start_thread(slot(SLOT_PEER), yielder, 0, 1, 100, 0);
    uint64_t start = instret();
    for (unsigned i = 0; i < ITERATIONS; i++) {
        cairn_yield();   /* to the other thread and back: two switches */
    }
    cairn_printf("bench context_switch %lu\n", (instret() - start) / ITERATIONS / 2);
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, 255);
}

int main(const struct cairn_bootinfo *info)
{
    first_free = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    cairn_untyped_retype(cairn_largest_ram_untyped(info), CAIRN_OBJECT_UNTYPED, 18, ROOT, 0, 0,
                         slot(SLOT_UNTYPED), 1);
    bench_null_syscall();
    bench_call_reply();
    bench_call_reply_other_space();
    bench_signal();
    bench_context_switch();
    cairn_printf("bench done\n");
    return 0;
}
