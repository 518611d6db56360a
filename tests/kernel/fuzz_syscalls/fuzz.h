/*
 * fuzz.h: the system-call fuzzer, a root task that throws random system calls and invocations at the
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
 *
 * main.c holds the state, the random arguments, the calls and the run; ops.c the
 * operations one step picks from.
 */
#ifndef CAIRN_FUZZ_SYSCALLS_H
#define CAIRN_FUZZ_SYSCALLS_H

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

/* State (main.c). */
extern uint64_t step, calls, successes, resets;
extern volatile uint64_t faults_handled;
/* Slots: the private untyped, the handler's untyped, TCB and endpoint; then the window. */
extern cairn_cptr_t untyped, handler_tcb, fault_ep, first;
extern const char fuzz_tripwire[], fuzz_agent[], fuzz_tripwire2[], fuzz_illegal[];

#define TRACING (step + 1 > (uint64_t)(FUZZ_TRACE_FROM))

/* Random numbers and arguments (main.c). */
uint64_t next(void);
unsigned below(unsigned n);
bool chance(unsigned percent);
cairn_cptr_t window_slot(void);
uint64_t garbage(void);
uint64_t small_cnode_cptr(void);
uint64_t value(void);
uint64_t safe_pc(void);
cairn_cptr_t target_cap(void);
cairn_cptr_t find(unsigned type);
cairn_cptr_t probe(bool full);
cairn_cptr_t extra_cap(void);
uint64_t root_index(bool full);

/* One invocation (never a Call on an endpoint), and a raw ecall (main.c). */
enum cairn_error inv(cairn_cptr_t cap, uint64_t label, const uint64_t *w, unsigned n,
                            const cairn_cptr_t *caps, unsigned ncaps);
void raw(uint64_t number, uint64_t *a);

/* The operations a step picks from (ops.c). */
void op_retype(void);
void op_cnode(void);
void op_describe(void);
void op_tcb(void);
void op_run_workers(void);
void op_agent(void);
void op_raw(void);
void op_invoke(void);

#endif
