/*
 * ops.c: the operations a fuzzer step picks from: retype, CNode operations, describe, TCB
 * invocations, armed worker threads, raw system calls and random invocations.
 */
#include "fuzz.h"

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

void op_retype(void)
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

void op_cnode(void)
{
    /* Labels REVOKE (10) .. DESCRIBE (19), in order. */
    static const unsigned lengths[] = {2, 2, 2, 5, 6, 4, 5, 8, 2, 2};
    unsigned op = below(10);
    struct place d = place(op <= 2 || op == 9), s = place(true), p = place(true);
    /* Minted CNode capabilities are often inspect-only (read, no write), whose walks stop. */
    uint64_t rights = op == 4 && chance(25) ? CAIRN_RIGHT_READ
                    : chance(50) ? CAIRN_RIGHTS_ALL : value();
    uint64_t w[8] = {d.index, d.depth, s.index, s.depth, rights, badge_or_guard()};
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

void op_describe(void)
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

void op_tcb(void)
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
void op_run_workers(void)
{
    uint64_t w[1] = {chance(50) ? 0 : below(TOP_PRIORITY)};
    cairn_cptr_t self = CAIRN_CAP_INIT_TCB;
    inv(CAIRN_CAP_INIT_TCB, CAIRN_TCB_SET_PRIORITY, w, 1, &self, 1);
    w[0] = TOP_PRIORITY;
    inv(CAIRN_CAP_INIT_TCB, CAIRN_TCB_SET_PRIORITY, w, 1, &self, 1);
}

/* Arms a TCB as an agent (mostly with our address space, so the stub runs): suspended,
 * then started at the stub with a random syscall in its registers; maybe run it. */
void op_agent(void)
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
void op_raw(void)
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
void op_invoke(void)
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

