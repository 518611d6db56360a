/*
 * faults.c: conformance cases for faults delivered as messages: each kind of fault
 * arrives at the fault endpoint with its label and words, a reply resumes the thread
 * (at a new pc if asked), no reply leaves it stopped, and a thread without a usable
 * fault endpoint is only reported and stopped.
 */
#include "abi/fault.h"
#include "framework.h"

#define UNMAPPED 0x7ff000000ul

static volatile uint64_t recovered;
extern const char fault_syscall_insn[], fault_illegal_insn[];

/* Parks a worker for good without spinning above the root task: receiving on a cptr
 * that names nothing is a capability fault, sent to its handler, where it waits. */
static void park(void)
{
    for (;;) {
        cairn_recv(0x3333, 0);
    }
}

static void recover(uint64_t unused)
{
    (void)unused;
    recovered = 1;
    park();
}

static void read_unmapped(uint64_t unused)
{
    (void)unused;
    recovered = *(volatile uint64_t *)UNMAPPED;
}

static void unknown_syscall(uint64_t unused)
{
    (void)unused;
    register long a7 __asm__("a7") = 4321;
    __asm__ volatile(".globl fault_syscall_insn\nfault_syscall_insn: ecall" ::"r"(a7) : "memory");
    recovered = 77;   /* reached only when the handler moved the pc past the ecall */
    park();
}

static void illegal_instruction(uint64_t unused)
{
    (void)unused;
    __asm__ volatile(".option push\n.option norvc\n.globl fault_illegal_insn\n"
                     "fault_illegal_insn: csrw mstatus, zero\n.option pop");
}

static void receive_on_nothing(uint64_t cptr)
{
    cairn_recv(cptr, 0);
}

/* A worker in slot with fault endpoint `handler` (a cptr in the root CNode), started. */
static enum cairn_error faulting_worker(struct env *env, cairn_cptr_t slot, void (*fn)(uint64_t),
                                        uint64_t arg, cairn_cptr_t handler)
{
    enum cairn_error err = spawn(env, slot, fn, arg, 0, LOW + 10, false);
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(slot, handler, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0, 0);
    }
    return err == CAIRN_OK ? cairn_tcb_resume(slot) : err;
}

static void vm_fault_delivered(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    recovered = 0;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), read_unmapped, 0, ep), CAIRN_OK);
    uint64_t badge = 1;
    uint64_t info = cairn_recv(ep, &badge);
    CHECK_EQ(cairn_msg_label(info), CAIRN_FAULT_VM);
    CHECK_EQ(cairn_msg_length(info), CAIRN_FAULT_LENGTH);
    CHECK_EQ(badge, 0);
    CHECK_EQ(cairn_get_mr(1), UNMAPPED);
    CHECK_EQ(cairn_get_mr(2), 13);   /* load page fault */
    /* Resume it somewhere else: at recover(5). */
    cairn_set_mr(0, (uint64_t)recover);
    cairn_reply_to_caller(cairn_msg_info(0, 0, 0, 1));
    CHECK_EQ(recovered, 1);   /* higher priority: it ran recover() at once */
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), CAIRN_FAULT_CAPABILITY);   /* parked */
}

static void unknown_syscall_delivered(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    recovered = 0;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), unknown_syscall, 0, ep), CAIRN_OK);
    uint64_t info = cairn_recv(ep, 0);
    CHECK_EQ(cairn_msg_label(info), CAIRN_FAULT_UNKNOWN_SYSCALL);
    CHECK_EQ(cairn_get_mr(0), (uint64_t)fault_syscall_insn);
    CHECK_EQ(cairn_get_mr(2), 4321);
    /* Emulate the call: resume after the ecall. */
    cairn_set_mr(0, (uint64_t)fault_syscall_insn + 4);
    cairn_reply_to_caller(cairn_msg_info(0, 0, 0, 1));
    CHECK_EQ(recovered, 77);   /* higher priority: it ran as soon as it was resumed */
}

static void user_exception_delivered(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), illegal_instruction, 0, ep), CAIRN_OK);
    uint64_t info = cairn_recv(ep, 0);
    CHECK_EQ(cairn_msg_label(info), CAIRN_FAULT_USER_EXCEPTION);
    CHECK_EQ(cairn_get_mr(0), (uint64_t)fault_illegal_insn);
    CHECK_EQ(cairn_get_mr(2), 2);   /* illegal instruction */
    CHECK_EQ(cairn_get_mr(3), *(const uint32_t *)fault_illegal_insn);
}

static void capability_fault_delivered(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), receive_on_nothing, 0x33, ep), CAIRN_OK);
    uint64_t info = cairn_recv(ep, 0);
    CHECK_EQ(cairn_msg_label(info), CAIRN_FAULT_CAPABILITY);
    CHECK_EQ(cairn_get_mr(1), 0x33);
    CHECK_EQ(cairn_get_mr(2), CAIRN_SYS_RECV);
}

static void retry_after_reply_without_words(struct env *env)
{
    /* A reply with no words retries the faulting instruction: it faults again. */
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), read_unmapped, 0, ep), CAIRN_OK);
    uint64_t first_pc;
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), CAIRN_FAULT_VM);
    first_pc = cairn_get_mr(0);
    uint64_t info = cairn_reply_recv(ep, cairn_msg_info(0, 0, 0, 0), 0);
    CHECK_EQ(cairn_msg_label(info), CAIRN_FAULT_VM);
    CHECK_EQ(cairn_get_mr(0), first_pc);
}

static void badge_of_fault_endpoint(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), badged = slot_of(env, 2);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, badged, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 0xfa),
             CAIRN_OK);
    CHECK_EQ(faulting_worker(env, slot_of(env, 1), read_unmapped, 0, badged), CAIRN_OK);
    uint64_t badge = 0;
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, &badge)), CAIRN_FAULT_VM);
    CHECK_EQ(badge, 0xfa);
}

static void unusable_fault_endpoint_stops_thread(struct env *env)
{
    /* The fault endpoint names a notification: no message, the thread is just stopped. */
    cairn_cptr_t n = slot_of(env, 0), worker = slot_of(env, 1);
    lower_self();
    recovered = 0;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(faulting_worker(env, worker, read_unmapped, 0, n), CAIRN_OK);
    uint64_t pc;
    CHECK_EQ(cairn_tcb_read_registers(worker, false, 1, &pc), CAIRN_OK);
    CHECK(pc >= (uint64_t)read_unmapped && pc < (uint64_t)read_unmapped + 64);
    CHECK_EQ(recovered, 0);
    CHECK_EQ(cairn_poll(n), 0);
}

const struct test_case fault_cases[] = {
    {"FAULT0001", "a VM fault arrives as a message; a reply with a pc resumes there", vm_fault_delivered},
    {"FAULT0002", "an unknown syscall arrives with its number; the handler skips it", unknown_syscall_delivered},
    {"FAULT0003", "an illegal instruction arrives with scause and the instruction", user_exception_delivered},
    {"FAULT0004", "a capability fault arrives with the cptr and syscall", capability_fault_delivered},
    {"FAULT0005", "a reply without words retries the faulting instruction", retry_after_reply_without_words},
    {"FAULT0006", "the fault message carries the fault endpoint's badge", badge_of_fault_endpoint},
    {"FAULT0007", "a fault endpoint that is not an endpoint stops the thread", unusable_fault_endpoint_stops_thread},
};
const unsigned fault_cases_count = sizeof(fault_cases) / sizeof(fault_cases[0]);
