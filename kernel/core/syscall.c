/*
 * syscall.c: decode each system call's arguments, then perform it.
 *
 * Following seL4, every check happens in the decode step, which is the only place a
 * call can fail; the step that acts cannot fail. Arguments come straight from user
 * registers and are untrusted: user addresses are translated through the thread's
 * own page table (never dereferenced directly), so a bad pointer is an error code,
 * not a kernel fault. In debug builds each failure also prints why.
 */
#include "syscall.h"

#include "config.h"
#include "abi/syscall.h"
#include "console.h"
#include "abi/bootinfo.h"
#include "abi/error.h"
#include "endpoint.h"
#include "fault.h"
#include "cspace.h"
#include "invocation.h"
#include "ipc_syscall.h"
#include "machine.h"
#include "memory.h"
#include "monitor.h"
#include "sched.h"
#include "vspace.h"

static uint64_t arg(const struct tcb *t, unsigned i)
{
    return t->context.regs[REG_A0 + i];
}

static enum cairn_error refuse(const struct tcb *t, enum cairn_error error, const char *why)
{
    if (CAIRN_DEBUG) {
        kprintf("syscall %lu from '%s' #%u refused: %s\n", t->context.regs[REG_A7], t->name,
                t->id, why);
    }
    return error;
}

static enum cairn_error debug_put_char(const struct tcb *t)
{
    uint64_t c = arg(t, 0);
    if (c > 0xff) {
        return refuse(t, CAIRN_E_INVALID_ARGUMENT, "character above 0xff");
    }
    console_put_char((char)c);
    return CAIRN_OK;
}

/* Resolves every page of [address, address + length) before printing any of it. */
static enum cairn_error debug_put_string(const struct tcb *t)
{
    uint64_t address = arg(t, 0), length = arg(t, 1);
    if (length > CAIRN_DEBUG_STRING_MAX) {
        return refuse(t, CAIRN_E_RANGE, "string longer than CAIRN_DEBUG_STRING_MAX");
    }
    if (address >= CAIRN_USER_VADDR_TOP || length > CAIRN_USER_VADDR_TOP - address) {
        return refuse(t, CAIRN_E_INVALID_ARGUMENT, "string outside user address space");
    }
    uint64_t chunk_paddr[CAIRN_DEBUG_STRING_MAX / CAIRN_PAGE_SIZE + 2];
    unsigned chunks = 0;
    for (uint64_t v = address; v < address + length; v = (v | (CAIRN_PAGE_SIZE - 1)) + 1) {
        if (!vspace_translate(tcb_vspace_root(t), v, VM_READ, &chunk_paddr[chunks++])) {
            return refuse(t, CAIRN_E_FAILED_LOOKUP, "string not mapped readable");
        }
    }
    uint64_t v = address;
    for (unsigned i = 0; i < chunks; i++) {
        uint64_t page_end = (v | (CAIRN_PAGE_SIZE - 1)) + 1;
        uint64_t n = (page_end < address + length ? page_end : address + length) - v;
        const char *s = phys_to_virt(chunk_paddr[i]);
        for (uint64_t j = 0; j < n; j++) {
            console_put_char(s[j]);
        }
        v += n;
    }
    return CAIRN_OK;
}

static enum cairn_error debug_halt(const struct tcb *t)
{
    uint64_t status = arg(t, 0);
    if (!CAIRN_DEBUG) {
        return refuse(t, CAIRN_E_ILLEGAL_OPERATION, "halt exists only in debug builds");
    }
    if (status > 255) {
        return refuse(t, CAIRN_E_INVALID_ARGUMENT, "status above 255");
    }
    kprintf("halt: thread '%s' #%u stops the machine with status %lu\n", t->name, t->id,
            status);
    machine_halt((unsigned)status);
}

/* Reports the type of the capability at cptr a0 (null when it does not resolve). */
static enum cairn_error debug_cap_identify(struct tcb *t)
{
    struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, arg(t, 0));
    t->context.regs[REG_A1] = r.failure == LOOKUP_OK ? r.slot->cap.type : CAP_NULL;
    return CAIRN_OK;
}

static void report_problem(const struct cte *slot, const char *problem)
{
    kprintf("self-check: slot %p (%s): %s\n", (const void *)slot, cap_type_name(slot->cap.type),
            problem);
}

static void report_thread_problem(const struct tcb *thread, const char *problem)
{
    kprintf("self-check: thread '%s': %s\n", thread != 0 ? thread->name : "?", problem);
}

/* Verifies the derivation tree, the scheduler and IPC state; problems found go in a1. */
static enum cairn_error debug_self_check(struct tcb *t)
{
    unsigned problems = cdt_check(report_problem);
    /* The caller itself is mid-syscall: it counts as runnable and queued. */
    problems += sched_check(report_thread_problem);
    problems += ipc_check(report_thread_problem);
    t->context.regs[REG_A1] = problems;
    return CAIRN_OK;
}

/* Prints the non-empty slots of the CNode at cptr a0. */
static enum cairn_error debug_dump_cnode(struct tcb *t)
{
    struct lookup_result r = cspace_lookup_cap(&t->ctable.cap, arg(t, 0));
    if (r.failure != LOOKUP_OK || r.slot->cap.type != CAP_CNODE) {
        return refuse(t, CAIRN_E_INVALID_CAPABILITY, "dump cnode: not a CNode capability");
    }
    const struct cap *c = &r.slot->cap;
    const struct cte *slots = (const struct cte *)(uintptr_t)c->object;
    kprintf("cnode %p: radix %u, guard %lu (%u bits)\n", (const void *)slots, c->size_bits,
            c->data, c->guard_bits);
    for (uint64_t i = 0; i < (1ull << c->size_bits); i++) {
        if (!cap_is_null(&slots[i].cap)) {
            kprintf("  %4lu %-12s object %p data 0x%lx rights 0x%x\n", i,
                    cap_type_name(slots[i].cap.type), (void *)(uintptr_t)slots[i].cap.object,
                    slots[i].cap.data, slots[i].cap.rights);
        }
    }
    return CAIRN_OK;
}

/* The debug calls, out of the hot path (not inlined: their locals would make every
 * system call save and restore registers it does not need). */
static __attribute__((noinline)) void debug_syscall(struct tcb *t)
{
    enum cairn_error result;
    switch (t->context.regs[REG_A7]) {
    case CAIRN_SYS_DEBUG_PUT_CHAR:
        result = debug_put_char(t);
        break;
    case CAIRN_SYS_DEBUG_PUT_STRING:
        result = debug_put_string(t);
        break;
    case CAIRN_SYS_DEBUG_HALT:
        result = debug_halt(t);
        break;
    case CAIRN_SYS_DEBUG_CAP_IDENTIFY:
        result = debug_cap_identify(t);
        break;
    case CAIRN_SYS_DEBUG_SELF_CHECK:
        result = debug_self_check(t);
        break;
    case CAIRN_SYS_DEBUG_DUMP_SCHEDULER:
        monitor_dump_threads();
        result = CAIRN_OK;
        break;
    case CAIRN_SYS_DEBUG_DUMP_CNODE:
        result = debug_dump_cnode(t);
        break;
    default:
        fault_unknown_syscall(t, t->context.regs[REG_A7]);
        return;
    }
    t->context.regs[REG_A0] = result;
    t->context.pc += 4;   /* ecall is always 4 bytes: there is no compressed form */
}

void syscall_handle(struct tcb *t)
{
    switch (t->context.regs[REG_A7]) {
    case CAIRN_SYS_CALL:
        ipc_syscall_send(t, true, true);
        return;
    case CAIRN_SYS_REPLY_RECV:
        ipc_syscall_reply(t);
        t->context.pc -= 4;   /* one ecall, two steps: receive advances it again */
        ipc_syscall_receive(t, true);
        return;
    case CAIRN_SYS_SEND:
        ipc_syscall_send(t, true, false);
        return;
    case CAIRN_SYS_NB_SEND:
        ipc_syscall_send(t, false, false);
        return;
    case CAIRN_SYS_RECV:
        ipc_syscall_receive(t, true);
        return;
    case CAIRN_SYS_NB_RECV:
        ipc_syscall_receive(t, false);
        return;
    case CAIRN_SYS_REPLY:
        ipc_syscall_reply(t);
        return;
    case CAIRN_SYS_YIELD:
        t->context.pc += 4;
        sched_yield();
        return;
    default:
        debug_syscall(t);
    }
}
