/*
 * context.h: the user register file as trap.S saves it, shared by assembly and C.
 *
 * Slot i holds register xi (slot 0, for the hard-wired zero, holds nothing); then the
 * pc (sepc) and sstatus. The offsets are plain numbers so trap.S can use them, and
 * the static asserts below keep the C struct and the numbers in step.
 */
#ifndef CAIRN_ARCH_CONTEXT_H
#define CAIRN_ARCH_CONTEXT_H

#define CONTEXT_REG(i) ((i) * 8)
#define CONTEXT_PC (32 * 8)
#define CONTEXT_SSTATUS (33 * 8)
#define CONTEXT_SIZE (34 * 8)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Register numbers of the ABI names the kernel reads. */
enum {
    REG_RA = 1, REG_SP = 2, REG_GP = 3, REG_TP = 4,
    REG_A0 = 10, REG_A1 = 11, REG_A2 = 12, REG_A3 = 13,
    REG_A4 = 14, REG_A5 = 15, REG_A6 = 16, REG_A7 = 17,
};

struct user_context {
    uint64_t regs[32];
    uint64_t pc;
    uint64_t sstatus;
};

_Static_assert(offsetof(struct user_context, pc) == CONTEXT_PC, "pc offset");
_Static_assert(offsetof(struct user_context, sstatus) == CONTEXT_SSTATUS, "sstatus offset");
_Static_assert(sizeof(struct user_context) == CONTEXT_SIZE, "context size");

/* Leaves the kernel and runs the thread whose context this is. Never returns. */
void context_restore(struct user_context *context) __attribute__((noreturn));
#endif

#endif
