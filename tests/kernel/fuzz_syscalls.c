/*
 * fuzz_syscalls.c: a root task that throws random system calls and invocations at the
 * kernel, seeded and reproducible, and stops at the first sign the kernel lost its way.
 *
 * Each step picks an operation (retype, CNode operations, TCB invocations, armed worker
 * threads, raw IPC, random labels) with random arguments from an xorshift64* stream
 * seeded with FUZZ_SEED. Every FUZZ_CHECK_EVERY steps the kernel's self-check must
 * find nothing; every FUZZ_RESET_EVERY steps the private untyped is revoked, and then
 * every playground slot must be empty and the untyped wholly free again. Panics and
 * hangs show on the console (the QEMU test's timeout catches a hang).
 *
 * What keeps the fuzzer itself alive: caps to the objects it depends on (slots below
 * `first`) never enter the playground, because no CNode operation names them as a
 * source and no thread it starts gets a CSpace that reaches them; only this thread
 * runs at priority 255 (workers at most 254, so they never preempt it); a capability
 * fault or unknown syscall of this thread goes to a handler thread that skips the
 * ecall; and it never makes a call that could block for good (Call/Send on an
 * endpoint, Recv on an endpoint or notification). Workers run only the agent stub:
 * one ecall with the registers given, then a fault on every ecall after, so none of
 * them can spin. Build with -DFUZZ_TRACE_FROM=N to print every call from step N on.
 */
#include "abi/fault.h"
#include "cairn.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED 0x2c0ffee5eed1ull
#endif
#ifndef FUZZ_STEPS
#define FUZZ_STEPS 5000
#endif
#ifndef FUZZ_CHECK_EVERY
#define FUZZ_CHECK_EVERY 64
#endif
#ifndef FUZZ_RESET_EVERY
#define FUZZ_RESET_EVERY 2000
#endif
#ifndef FUZZ_TRACE_FROM
#define FUZZ_TRACE_FROM (~0ull)
#endif
#define PROGRESS_EVERY (FUZZ_STEPS >= 100000 ? 20000 : 500)

#define ROOT CAIRN_CAP_INIT_CNODE
#define WORD CAIRN_WORD_BITS
#define SLOTS (1u << CAIRN_ROOT_CNODE_RADIX)
#define UNTYPED_BITS 22
#define TOP_PRIORITY 255
#define UNKNOWN_SYSCALL 1023

static uint64_t rng = FUZZ_SEED;
static uint64_t step, calls, successes, resets;
static volatile uint64_t faults_handled;
/* Slots: the private untyped, the handler's untyped, TCB and endpoint; then the window. */
static cairn_cptr_t untyped, handler_tcb, fault_ep, first;

/* The agent: one ecall with the registers it was given, then faults on every ecall.
 * Tripwires of illegal words sit before it and before fuzz_illegal: no pc we set is on
 * one, so a thread found there had its pc moved by the kernel. */
extern const char fuzz_tripwire[], fuzz_agent[], fuzz_tripwire2[], fuzz_illegal[];
__asm__(".text\n.balign 4\n.globl fuzz_tripwire\nfuzz_tripwire:\n  .rept 8\n  .word 0\n  .endr\n"
        ".globl fuzz_agent\nfuzz_agent:\n  ecall\n1:  li a7, 1023\n  ecall\n  j 1b\n"
        ".balign 4\n.globl fuzz_tripwire2\nfuzz_tripwire2:\n  .rept 8\n  .word 0\n  .endr\n"
        ".globl fuzz_illegal\nfuzz_illegal:\n  .word 0\n");

/* ---- random numbers -------------------------------------------------------------- */

static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static unsigned below(unsigned n)
{
    return (unsigned)((next() >> 32) % n);
}

static bool chance(unsigned percent)
{
    return below(100) < percent;
}

/* A playground slot: mostly the first 24, so objects meet each other often. */
static cairn_cptr_t window_slot(void)
{
    return first + (chance(85) ? below(24) : below(SLOTS - (unsigned)first));
}

/* A cptr that resolves to nothing in the root CNode (a bit above the radix is set). */
static uint64_t garbage(void)
{
    return next() | 1ull << (CAIRN_ROOT_CNODE_RADIX + below(56));
}

/* A cptr naming slot i of a guardless CNode of radix r (the top r bits). */
static uint64_t small_cnode_cptr(void)
{
    unsigned radix = chance(60) ? 4 : 1 + below(8);
    return (uint64_t)below(1u << radix) << (WORD - radix);
}

/* An argument word. Never in [0x1000, 2^38) where the program lives (but by chance),
 * so a word that becomes some thread's pc (a fault reply's MR0) cannot run our code. */
static uint64_t value(void)
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
static uint64_t safe_pc(void)
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
static cairn_cptr_t target_cap(void)
{
    static const cairn_cptr_t harmless[] = {
        CAIRN_CAP_IRQ_CONTROL, CAIRN_CAP_ASID_CONTROL, CAIRN_CAP_NULL,
    };
    unsigned r = below(100);
    return r < 82 ? window_slot() : r < 92 ? garbage() : r < 96 ? untyped : harmless[below(3)];
}

/* A slot of the window CNode that identify says has `type` (a few tries). */
static cairn_cptr_t find(unsigned type)
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
static cairn_cptr_t probe(bool full)
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
static cairn_cptr_t extra_cap(void)
{
    static const cairn_cptr_t ours[] = {
        CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_VSPACE, CAIRN_CAP_INIT_IPC_BUFFER,
    };
    return chance(60) ? probe(true) : chance(85) ? target_cap() : ours[below(3)];
}

/* A slot index in the root CNode that is never one of the fuzzer's own. */
static uint64_t root_index(bool full)
{
    return chance(90) ? probe(full) : garbage();
}

/* ---- calls --------------------------------------------------------------------- */

#define TRACING (step + 1 > (uint64_t)(FUZZ_TRACE_FROM))

/* One invocation (a Call), unless the cap is an endpoint: that Call could block for good.
 * A reply cap transfers extra caps to its caller, so those become playground slots. */
static enum cairn_error inv(cairn_cptr_t cap, uint64_t label, const uint64_t *w, unsigned n,
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
static void raw(uint64_t number, uint64_t *a)
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

/* ---- operations ---------------------------------------------------------------- */

struct place {
    cairn_cptr_t root;
    uint64_t index, depth;
};

/* A slot as CNode operations name it: in the root CNode or in a playground CNode;
 * `full`: a source (better hold a cap) rather than a destination. */
static struct place place(bool full)
{
    struct place p = {ROOT, root_index(full), chance(92) ? WORD : below(71)};
    if (chance(30)) {
        p.root = find(CAIRN_CAP_TYPE_CNODE);
        p.index = chance(70) ? below(16) : value();
        p.depth = chance(60) ? 4 : chance(50) ? 1 + below(8) : below(71);
    }
    return p;
}

static uint64_t badge_or_guard(void)
{
    unsigned r = below(10);
    return r < 4 ? 0 : r < 8 ? value() : cairn_cnode_guard(below(16), below(24));
}

static void op_retype(void)
{
    cairn_cptr_t ut = chance(60) ? untyped : find(CAIRN_CAP_TYPE_UNTYPED);
    static const uint8_t types[] = {
        CAIRN_OBJECT_UNTYPED, CAIRN_OBJECT_TCB, CAIRN_OBJECT_TCB, CAIRN_OBJECT_ENDPOINT,
        CAIRN_OBJECT_ENDPOINT, CAIRN_OBJECT_NOTIFICATION, CAIRN_OBJECT_NOTIFICATION,
        CAIRN_OBJECT_CNODE, CAIRN_OBJECT_CNODE, CAIRN_OBJECT_FRAME_4K, CAIRN_OBJECT_PAGE_TABLE,
    };
    uint64_t type = chance(95) ? types[below(sizeof(types))] : chance(40) ? value()
                  : chance(50) ? CAIRN_OBJECT_FRAME_2M : CAIRN_OBJECT_TYPE_COUNT;
    uint64_t bits = type == CAIRN_OBJECT_UNTYPED ? 4 + below(13) : chance(70) ? 4 : 1 + below(8);
    uint64_t w[6] = {type, chance(85) ? bits : below(71), 0, 0, root_index(false),
                     chance(80) ? 1 + below(3) : value()};
    cairn_cptr_t dest = ROOT;
    if (chance(30)) {   /* into a playground CNode, named from the root or directly */
        bool named = chance(50);
        dest = named ? ROOT : find(CAIRN_CAP_TYPE_CNODE);
        w[2] = named ? (uint64_t)find(CAIRN_CAP_TYPE_CNODE) : value();
        w[3] = named ? WORD : chance(50) ? 0 : below(71);
        w[4] = chance(80) ? below(16) : value();
    }
    inv(ut, CAIRN_UNTYPED_RETYPE, w, chance(95) ? 6 : below(6), &dest, chance(95));
}

static void op_cnode(void)
{
    static const unsigned lengths[] = {2, 2, 2, 5, 6, 4, 5, 8, 2};
    unsigned op = below(9);
    struct place d = place(op == 0 || op == 1 || op == 2), s = place(true), p = place(true);
    uint64_t w[8] = {d.index, d.depth, s.index, s.depth, chance(50) ? CAIRN_RIGHTS_ALL : value(),
                     badge_or_guard()};
    cairn_cptr_t caps[2] = {s.root, s.root};
    unsigned ncaps = op >= 3 && op <= 6 ? 1 : op == 7 ? 2 : 0;
    if (op == 5 || op == 6) {   /* move, mutate: MR4 is the badge */
        w[4] = badge_or_guard();
    } else if (op == 7) {       /* rotate: dest, dest badge, pivot, pivot badge, src */
        w[2] = badge_or_guard(), w[3] = p.index, w[4] = p.depth, w[5] = badge_or_guard();
        w[6] = s.index, w[7] = s.depth, caps[0] = p.root;
    }
    unsigned length = chance(95) ? lengths[op] : below(lengths[op] + 1);
    inv(d.root, CAIRN_CNODE_REVOKE + op, w, length, caps, chance(95) ? ncaps : below(3));
}

static void op_describe(void)
{
    uint64_t boot = CAIRN_CAP_FIRST_UNTYPED + below((unsigned)(untyped - CAIRN_CAP_FIRST_UNTYPED));
    cairn_cptr_t ut = chance(40) ? untyped : chance(50) ? find(CAIRN_CAP_TYPE_UNTYPED) : boot;
    inv(ut, CAIRN_UNTYPED_DESCRIBE, 0, 0, 0, 0);
}

/* An IPC buffer: none, a spare 1 KiB of our buffer page, or a playground frame. */
static cairn_cptr_t buffer_frame(uint64_t *address)
{
    unsigned r = below(4);
    *address = r == 1 ? CAIRN_ROOT_IPC_BUFFER_VADDR + 1024 * (1 + below(3))
             : chance(80) ? 1024ull * below(r == 2 ? 2048 : 1) : value();
    return r == 0 ? 0 : r == 1 ? CAIRN_CAP_INIT_IPC_BUFFER
         : r == 2 ? find(CAIRN_CAP_TYPE_FRAME) : extra_cap();
}

/* Arguments of configure / set space / set IPC buffer: the CSpace is never the root. */
static unsigned space_args(uint64_t *w, cairn_cptr_t *caps, bool buffer)
{
    w[0] = chance(50) ? value() : window_slot();   /* fault endpoint cptr */
    w[1] = chance(60) ? 0 : badge_or_guard();      /* CSpace guard data */
    caps[0] = chance(75) ? find(CAIRN_CAP_TYPE_CNODE) : extra_cap();
    caps[1] = chance(80) ? CAIRN_CAP_INIT_VSPACE : extra_cap();
    caps[2] = buffer ? buffer_frame(&w[2]) : 0;
    return caps[2] != 0 ? 3 : 2;
}

/* Registers 0..31 for write-registers: a safe pc, random rest, a7 a random syscall. */
static void agent_registers(uint64_t *regs)
{
    regs[0] = chance(70) ? (uint64_t)fuzz_agent : safe_pc();
    for (unsigned i = 1; i < 32; i++) {
        regs[i] = value();
    }
    regs[10] = chance(80) ? small_cnode_cptr() : value();
    regs[11] = cairn_msg_info(chance(80) ? below(64) : value(), below(8), below(4), below(128));
    regs[17] = chance(70) ? 1 + below(8) : chance(50) ? 64 + below(5) : value();
    if (regs[17] == CAIRN_SYS_DEBUG_HALT) {
        regs[17] = UNKNOWN_SYSCALL;
    }
    if (regs[17] == CAIRN_SYS_DEBUG_PUT_CHAR) {
        regs[10] |= 0x100;   /* refused, not printed */
    }
}

static void op_tcb(void)
{
    cairn_cptr_t tcb = chance(90) ? find(CAIRN_CAP_TYPE_TCB) : target_cap();
    uint64_t label = chance(92) ? CAIRN_TCB_READ_REGISTERS + below(12) : value();
    uint64_t w[34] = {0};
    cairn_cptr_t caps[3] = {0};
    unsigned n = 0, ncaps = 0;
    switch (label) {
    case CAIRN_TCB_CONFIGURE:
    case CAIRN_TCB_SET_SPACE:
        ncaps = space_args(w, caps, label == CAIRN_TCB_CONFIGURE);
        n = label == CAIRN_TCB_CONFIGURE ? 3 : 2;
        break;
    case CAIRN_TCB_SET_IPC_BUFFER:
        caps[0] = buffer_frame(&w[0]);
        n = 1, ncaps = caps[0] != 0;
        break;
    case CAIRN_TCB_SET_PRIORITY:
    case CAIRN_TCB_SET_MC_PRIORITY:
        w[0] = chance(90) ? below(TOP_PRIORITY) : chance(50) ? 256 + below(999) : next() | 1ull << 63;
        caps[0] = chance(80) ? CAIRN_CAP_INIT_TCB : extra_cap();
        n = 1, ncaps = 1;
        break;
    case CAIRN_TCB_READ_REGISTERS:
    case CAIRN_TCB_WRITE_REGISTERS:
        w[0] = below(2);
        w[1] = chance(90) ? 1 + below(32) : value();
        agent_registers(&w[2]);
        n = label == CAIRN_TCB_READ_REGISTERS ? 2 : w[1] <= 32 ? 2 + (unsigned)w[1] : 34;
        break;
    case CAIRN_TCB_BIND_NOTIFICATION:
        caps[0] = chance(80) ? find(CAIRN_CAP_TYPE_NOTIFICATION) : extra_cap();
        ncaps = 1;
        break;
    case CAIRN_TCB_SET_NAME:
        for (unsigned i = 0; i < 23; i++) {
            w[i / 8] |= (uint64_t)(chance(95) ? 'a' + below(26) : 0) << (8 * (i % 8));
        }
        n = 3;
        break;
    default:
        break;
    }
    if (chance(5)) {
        n = below(n + 1), ncaps = below(ncaps + 1);   /* truncated */
    }
    inv(tcb, label, w, n, caps, ncaps);
}

/* Lets the workers above priority p run until they all block, stop or fault. */
static void op_run_workers(void)
{
    uint64_t w[1] = {chance(50) ? 0 : below(TOP_PRIORITY)};
    cairn_cptr_t self = CAIRN_CAP_INIT_TCB;
    inv(CAIRN_CAP_INIT_TCB, CAIRN_TCB_SET_PRIORITY, w, 1, &self, 1);
    w[0] = TOP_PRIORITY;
    inv(CAIRN_CAP_INIT_TCB, CAIRN_TCB_SET_PRIORITY, w, 1, &self, 1);
}

/* Arms a TCB as an agent (mostly with our address space, so the stub runs): suspended,
 * then started at the stub with a random syscall in its registers; maybe run it. */
static void op_agent(void)
{
    cairn_cptr_t tcb = find(CAIRN_CAP_TYPE_TCB);
    uint64_t w[2 + 32];
    cairn_cptr_t caps[3];
    if (chance(70)) {
        unsigned ncaps = space_args(w, caps, true);
        caps[1] = CAIRN_CAP_INIT_VSPACE;
        inv(tcb, CAIRN_TCB_CONFIGURE, w, 3, caps, ncaps);
    }
    if (chance(70)) {
        w[0] = below(TOP_PRIORITY);
        caps[0] = CAIRN_CAP_INIT_TCB;
        inv(tcb, CAIRN_TCB_SET_PRIORITY, w, 1, caps, 1);
    }
    w[0] = 1, w[1] = 18;
    agent_registers(&w[2]);
    w[2] = chance(90) ? (uint64_t)fuzz_agent : w[2];
    inv(tcb, CAIRN_TCB_SUSPEND, 0, 0, 0, 0);
    inv(tcb, CAIRN_TCB_WRITE_REGISTERS, w, 20, 0, 0);
    if (chance(50)) {
        op_run_workers();
    }
}

/* A raw IPC or debug syscall from this thread, never one that could block for good. */
static void op_raw(void)
{
    static const uint16_t numbers[] = {
        CAIRN_SYS_CALL, CAIRN_SYS_REPLY_RECV, CAIRN_SYS_SEND, CAIRN_SYS_NB_SEND, CAIRN_SYS_RECV,
        CAIRN_SYS_REPLY, CAIRN_SYS_YIELD, CAIRN_SYS_NB_RECV, CAIRN_SYS_DEBUG_PUT_CHAR,
        CAIRN_SYS_DEBUG_PUT_STRING, CAIRN_SYS_DEBUG_CAP_IDENTIFY, CAIRN_SYS_DEBUG_SELF_CHECK,
        UNKNOWN_SYSCALL, 0, 9,
    };
    uint64_t number = numbers[below(sizeof(numbers) / sizeof(numbers[0]))];
    uint64_t a[6] = {chance(40) ? find(CAIRN_CAP_TYPE_ENDPOINT + below(2)) : target_cap(), 0,
                     safe_pc(), value(), value(), value()};
    a[1] = cairn_msg_info(chance(70) ? below(64) : value(), below(8), below(4), below(128));
    unsigned type = (unsigned)cairn_debug_cap_identify(a[0]);
    bool waits = type == CAIRN_CAP_TYPE_ENDPOINT || type == CAIRN_CAP_TYPE_NOTIFICATION;
    if ((number == CAIRN_SYS_CALL || number == CAIRN_SYS_SEND) &&
        type == CAIRN_CAP_TYPE_ENDPOINT) {
        number = CAIRN_SYS_NB_SEND;
    } else if ((number == CAIRN_SYS_RECV || number == CAIRN_SYS_REPLY_RECV) && waits) {
        number = CAIRN_SYS_NB_RECV;
    } else if (number == CAIRN_SYS_DEBUG_PUT_CHAR) {
        a[0] |= 0x100;
    }
    struct cairn_ipc_buffer *b = cairn_ipc_buffer();
    for (unsigned i = 0; i < CAIRN_MSG_MAX_EXTRA_CAPS; i++) {
        b->caps_or_badges[i] = chance(90) ? window_slot() : garbage();
    }
    for (unsigned i = CAIRN_MSG_REGISTERS; i < 16; i++) {
        b->msg[i] = value();
    }
    b->receive_cnode = chance(90) ? ROOT : value();
    b->receive_index = root_index(false);
    b->receive_depth = chance(90) ? WORD : below(71);
    if (TRACING) {
        cairn_printf("t %lu sys %lu a0-a5 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx recv 0x%lx/0x%lx\n",
                     step, number, a[0], a[1], a[2], a[3], a[4], a[5], b->receive_index,
                     b->receive_depth);
    }
    calls++;
    raw(number, a);
}

/* Any label, any words, any extra caps, on any cap this thread may touch. */
static void op_invoke(void)
{
    uint64_t w[CAIRN_MSG_MAX_LENGTH];
    cairn_cptr_t caps[CAIRN_MSG_MAX_EXTRA_CAPS];
    unsigned n = chance(85) ? below(10) : below(CAIRN_MSG_MAX_LENGTH + 1);
    for (unsigned i = 0; i < n; i++) {
        w[i] = value();
    }
    for (unsigned i = 0; i < CAIRN_MSG_MAX_EXTRA_CAPS; i++) {
        caps[i] = extra_cap();
    }
    uint64_t label = chance(85) ? below(70) : value();
    inv(target_cap(), label, w, n, caps, below(CAIRN_MSG_MAX_EXTRA_CAPS + 1));
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
