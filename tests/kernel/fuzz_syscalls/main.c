/*
 * main.c: the system-call fuzzer's state, random arguments, calls, checks and run
 * (fuzz.h says what it does and what keeps it alive).
 */
#include "fuzz.h"

static uint64_t rng = FUZZ_SEED;
uint64_t step, calls, successes, resets;
volatile uint64_t faults_handled;
cairn_cptr_t untyped, handler_tcb, fault_ep, first;

/* The agent: one ecall with the registers it was given, then faults on every ecall.
 * Tripwires of illegal words sit before it and before fuzz_illegal: no pc we set is on
 * one, so a thread found there had its pc moved by the kernel. */
__asm__(".text\n.balign 4\n.globl fuzz_tripwire\nfuzz_tripwire:\n  .rept 8\n  .word 0\n  .endr\n"
        ".globl fuzz_agent\nfuzz_agent:\n  ecall\n1:  li a7, 1023\n  ecall\n  j 1b\n"
        ".balign 4\n.globl fuzz_tripwire2\nfuzz_tripwire2:\n  .rept 8\n  .word 0\n  .endr\n"
        ".globl fuzz_illegal\nfuzz_illegal:\n  .word 0\n");

/* ---- random numbers -------------------------------------------------------------- */

uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

unsigned below(unsigned n)
{
    return (unsigned)((next() >> 32) % n);
}

bool chance(unsigned percent)
{
    return below(100) < percent;
}

/* A playground slot: mostly the first 24, so objects meet each other often. */
cairn_cptr_t window_slot(void)
{
    return first + (chance(85) ? below(24) : below(SLOTS - (unsigned)first));
}

/* A cptr that resolves to nothing in the root CNode (a bit above the radix is set). */
uint64_t garbage(void)
{
    return next() | 1ull << (CAIRN_ROOT_CNODE_RADIX + below(56));
}

/* A cptr naming slot i of a guardless CNode of radix r (the top r bits). */
uint64_t small_cnode_cptr(void)
{
    unsigned radix = chance(60) ? 4 : 1 + below(8);
    return (uint64_t)below(1u << radix) << (WORD - radix);
}

/* An argument word. Never in [0x1000, 2^38) where the program lives (but by chance),
 * so a word that becomes some thread's pc (a fault reply's MR0) cannot run our code. */
uint64_t value(void)
{
    unsigned k;
    switch (below(8)) {
    case 0: return below(72);
    case 1: return below(256);
    case 2: return WORD;
    case 3: return next();
    case 4:
        k = below(64);
        return 1ull << (k >= 12 && k < 38 ? k + 26 : k);
    case 5: return ~0ull - below(4);
    case 6: return window_slot();
    default: return small_cnode_cptr();
    }
}

/* A pc for another thread: the agent stub, or somewhere that faults at once. */
uint64_t safe_pc(void)
{
    switch (below(6)) {
    case 0: return (uint64_t)fuzz_illegal;
    case 1: return 0x1000 + 8 * below(512);
    case 2: return CAIRN_USER_VADDR_TOP + 8 * below(512);
    case 3: return 0xffffffc080000000ull + 8 * below(512);
    case 4: return 0;
    default: return (uint64_t)fuzz_agent;
    }
}

/* A cap this thread may invoke with anything: playground, garbage or harmless (never
 * our own VSpace or IPC buffer: unmapping them is allowed, and would end the run). */
cairn_cptr_t target_cap(void)
{
    static const cairn_cptr_t harmless[] = {
        CAIRN_CAP_IRQ_CONTROL, CAIRN_CAP_ASID_CONTROL, CAIRN_CAP_NULL,
    };
    unsigned r = below(100);
    return r < 82 ? window_slot() : r < 92 ? garbage() : r < 96 ? untyped : harmless[below(3)];
}

/* A slot of the window CNode that identify says has `type` (a few tries). */
cairn_cptr_t find(unsigned type)
{
    for (unsigned i = 0; i < 12; i++) {
        cairn_cptr_t slot = window_slot();
        if ((unsigned)cairn_debug_cap_identify(slot) == type) {
            return slot;
        }
    }
    return chance(50) ? window_slot() : target_cap();
}

/* A playground slot that is empty (or holds a cap), if a few tries find one. */
cairn_cptr_t probe(bool full)
{
    cairn_cptr_t slot = window_slot();
    for (unsigned i = 0; i < 8; i++) {
        if ((cairn_debug_cap_identify(slot) != CAIRN_CAP_TYPE_NULL) == full) {
            break;
        }
        slot = window_slot();
    }
    return slot;
}

/* An extra cap of an invocation: never the root CNode, so nothing copies from it (our
 * VSpace may be a map target: no word we send is an address where we have mappings). */
cairn_cptr_t extra_cap(void)
{
    static const cairn_cptr_t ours[] = {
        CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_VSPACE, CAIRN_CAP_INIT_IPC_BUFFER,
    };
    return chance(60) ? probe(true) : chance(85) ? target_cap() : ours[below(3)];
}

/* A slot index in the root CNode that is never one of the fuzzer's own. */
uint64_t root_index(bool full)
{
    return chance(90) ? probe(full) : garbage();
}

/* ---- calls --------------------------------------------------------------------- */

/* One invocation (a Call), unless the cap is an endpoint: that Call could block for good.
 * A reply cap transfers extra caps to its caller, so those become playground slots. */
enum cairn_error inv(cairn_cptr_t cap, uint64_t label, const uint64_t *w, unsigned n,
                            const cairn_cptr_t *caps, unsigned ncaps)
{
    unsigned type = (unsigned)cairn_debug_cap_identify(cap);
    cairn_cptr_t own[CAIRN_MSG_MAX_EXTRA_CAPS];
    if (type == CAIRN_CAP_TYPE_ENDPOINT) {
        return CAIRN_E_INVALID_CAPABILITY;
    }
    for (unsigned i = 0; i < ncaps; i++) {
        own[i] = type == CAIRN_CAP_TYPE_REPLY ? window_slot() : caps[i];
    }
    if (TRACING) {   /* before the call, so a call that never returns shows last */
        cairn_printf("t %lu inv 0x%lx label %lu caps", step, cap, label);
        for (unsigned i = 0; i < ncaps + n; i++) {
            cairn_printf(i == ncaps ? " words 0x%lx" : " 0x%lx", i < ncaps ? own[i] : w[i - ncaps]);
        }
        cairn_printf("\n");
    }
    calls++;
    enum cairn_error err = cairn_invoke(cap, label, w, n, own, ncaps);
    successes += err == CAIRN_OK;
    return err;
}

/* A raw ecall: a[0..5] in a0..a5 (updated from them afterwards), number in a7. */
void raw(uint64_t number, uint64_t *a)
{
    uint64_t v0 = a[0], v1 = a[1], v2 = a[2], v3 = a[3], v4 = a[4], v5 = a[5];
    register uint64_t a0 __asm__("a0") = v0;
    register uint64_t a1 __asm__("a1") = v1;
    register uint64_t a2 __asm__("a2") = v2;
    register uint64_t a3 __asm__("a3") = v3;
    register uint64_t a4 __asm__("a4") = v4;
    register uint64_t a5 __asm__("a5") = v5;
    register uint64_t a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7) : "memory");
    a[0] = a0, a[1] = a1, a[2] = a2, a[3] = a3, a[4] = a4, a[5] = a5;
}

/* The fuzzer's fault handler: skips the ecall of a capability fault or unknown
 * syscall; any other fault of the fuzzer thread is a failure. */
static void handler_main(uint64_t ep)
{
    uint64_t a[6] = {ep};
    uint64_t number = CAIRN_SYS_RECV;
    for (;;) {
        a[0] = ep;
        raw(number, a);
        uint64_t label = cairn_msg_label(a[1]);
        if (label != CAIRN_FAULT_CAPABILITY && label != CAIRN_FAULT_UNKNOWN_SYSCALL) {
            cairn_printf("\nfuzz_syscalls: FAILED at step %lu (seed 0x%lx): fuzzer thread "
                         "fault %lu at pc 0x%lx (0x%lx 0x%lx)\n",
                         step, (uint64_t)FUZZ_SEED, label, a[2], a[3], a[4]);
            cairn_debug_halt(1);
        }
        faults_handled++;
        a[1] = cairn_msg_info(0, 0, 0, 1);
        a[2] += 4;
        number = CAIRN_SYS_REPLY_RECV;
    }
}

/* ---- checks and the run -------------------------------------------------------- */

static int fail(const char *what, uint64_t detail)
{
    cairn_printf("\nfuzz_syscalls: FAILED at step %lu (seed 0x%lx): %s (0x%lx)\n", step,
                 (uint64_t)FUZZ_SEED, what, detail);
    return 1;
}

/* Revokes the private untyped: every playground slot must be empty after (everything
 * there was made from it), and the region wholly free again. */
static int reset(void)
{
    uint64_t w[2] = {untyped, WORD};
    resets++;
    if (inv(ROOT, CAIRN_CNODE_REVOKE, w, 2, 0, 0) != CAIRN_OK) {
        return fail("revoking the private untyped", untyped);
    }
    for (cairn_cptr_t s = first; s < SLOTS; s++) {
        if (cairn_debug_cap_identify(s) != CAIRN_CAP_TYPE_NULL) {
            return fail("a slot survived revoking the untyped, slot", s);
        }
    }
    struct cairn_untyped_info info;
    if (cairn_untyped_describe(untyped, &info) != CAIRN_OK ||
        info.free_bytes != 1ull << UNTYPED_BITS) {
        return fail("untyped not wholly free after revoke, free bytes", info.free_bytes);
    }
    return 0;
}

/* The kernel's self-check, and no thread of ours on a tripwire. */
static int check(void)
{
    unsigned long problems = cairn_debug_self_check();
    if (problems != 0) {
        return fail("kernel self-check found problems", problems);
    }
    for (cairn_cptr_t s = first; s < SLOTS; s++) {
        uint64_t pc;
        if (cairn_debug_cap_identify(s) == CAIRN_CAP_TYPE_TCB &&
            cairn_tcb_read_registers(s, false, 1, &pc) == CAIRN_OK &&
            ((pc >= (uint64_t)fuzz_tripwire && pc < (uint64_t)fuzz_agent) ||
             (pc >= (uint64_t)fuzz_tripwire2 && pc < (uint64_t)fuzz_illegal))) {
            cairn_printf("fuzz: thread in slot %lu has pc 0x%lx, on a tripwire\n", s, pc);
            return fail("the kernel moved a thread's pc where no one put it", pc);
        }
    }
    return 0;
}

static int fuzz_step(void)
{
    unsigned r = below(100);
    if (r < 14) {
        op_retype();
    } else if (r < 38) {
        op_cnode();
    } else if (r < 41) {
        op_describe();
    } else if (r < 61) {
        op_tcb();
    } else if (r < 69) {
        op_agent();
    } else if (r < 75) {
        op_run_workers();
    } else if (r < 89) {
        op_raw();
    } else if (r < 99 || below(5) != 0) {
        op_invoke();
    } else {
        return reset();
    }
    return 0;
}

/* The private untyped, the fault handler thread, and this thread's fault endpoint. */
static enum cairn_error set_up(const struct cairn_bootinfo *info)
{
    static uint64_t stack[512] __attribute__((aligned(16)));
    cairn_cptr_t sys = untyped + 1, parent = cairn_largest_ram_untyped(info);
    enum cairn_error err =
        cairn_untyped_retype(parent, CAIRN_OBJECT_UNTYPED, UNTYPED_BITS, ROOT, 0, 0, untyped, 1);
    err = err ? err : cairn_untyped_retype(parent, CAIRN_OBJECT_UNTYPED, 14, ROOT, 0, 0, sys, 1);
    err = err ? err : cairn_untyped_retype(sys, CAIRN_OBJECT_TCB, 0, ROOT, 0, 0, handler_tcb, 1);
    err = err ? err : cairn_untyped_retype(sys, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0, fault_ep, 1);
    err = err ? err : cairn_tcb_configure(handler_tcb, 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0, 0);
    err = err ? err : cairn_tcb_set_priority(handler_tcb, CAIRN_CAP_INIT_TCB, TOP_PRIORITY);
    err = err ? err : cairn_tcb_set_name(handler_tcb, "fuzz-handler");
    uint64_t regs[11] = {(uint64_t)handler_main, 0, (uint64_t)&stack[512]};
    __asm__ volatile("mv %0, gp" : "=r"(regs[3]));
    regs[10] = fault_ep;
    err = err ? err : cairn_tcb_write_registers(handler_tcb, true, 11, regs);
    err = err ? err : cairn_tcb_set_space(CAIRN_CAP_INIT_TCB, fault_ep, ROOT, 0,
                                          CAIRN_CAP_INIT_VSPACE);
    cairn_yield();   /* the handler runs up to its first receive */
    return err;
}

int main(const struct cairn_bootinfo *info)
{
    untyped = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    handler_tcb = untyped + 2;
    fault_ep = untyped + 3;
    first = untyped + 4;
    cairn_printf("fuzz_syscalls: seed 0x%lx, %lu steps, playground slots %lu..%u\n",
                 (uint64_t)FUZZ_SEED, (uint64_t)FUZZ_STEPS, first, SLOTS - 1);
    enum cairn_error err = set_up(info);
    if (err != CAIRN_OK) {
        return fail("setting up", err);
    }
    for (step = 1; step <= FUZZ_STEPS; step++) {
        if (fuzz_step() != 0 || (step % FUZZ_CHECK_EVERY == 0 && check() != 0) ||
            (step % FUZZ_RESET_EVERY == 0 && reset() != 0)) {
            return 1;
        }
        if (step % PROGRESS_EVERY == 0) {
            cairn_printf("\nfuzz: step %lu ok (%lu calls, %lu invocations succeeded, %lu faults "
                         "handled, %lu resets)\n", step, calls, successes, faults_handled, resets);
        }
    }
    step--;
    if (check() != 0 || reset() != 0 || check() != 0) {
        return 1;
    }
    cairn_printf("\nfuzz_syscalls: %lu steps, seed 0x%lx, self-check clean\n", step,
                 (uint64_t)FUZZ_SEED);
    return 0;
}
