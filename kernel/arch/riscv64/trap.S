/*
 * trap.S: trap entry and exit.
 *
 * While a thread runs in U-mode, sscratch holds a pointer to its saved-context area;
 * while the kernel runs, sscratch is 0. On entry we swap sp with sscratch: a non-zero
 * result means we came from user mode and sp now points at the context to fill. A
 * zero means the kernel itself trapped, which is always a kernel bug (the kernel runs
 * with interrupts off): we save what we can on the kernel stack and report it.
 *
 * Call and ReplyRecv, the two halves of every client/server round trip, go straight to
 * the fastpath (a0 = the thread: its context is the first thing in its TCB); it falls
 * back to the general path itself. Everything else goes through trap_from_user.
 */
#include "trap.h"

    .section .text
    .balign 4
    .globl trap_entry
trap_entry:
    csrrw sp, sscratch, sp
    beqz sp, from_kernel

    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\r, CONTEXT_REG(\r)(sp)
    .endr
    csrr t0, sscratch
    sd t0, CONTEXT_REG(2)(sp)
    csrw sscratch, zero
    csrr t0, sepc
    sd t0, CONTEXT_PC(sp)
    csrr t0, sstatus
    sd t0, CONTEXT_SSTATUS(sp)
    mv a0, sp
    csrr a1, scause
    lla sp, kernel_stack_top
    li t0, TRAP_CAUSE_USER_ECALL
    bne a1, t0, 2f
    li t0, TRAP_SYS_CALL            /* a7, the system call number, is still the user's */
    bne a7, t0, 1f
    tail fastpath_call              /* none of these three returns */
1:  li t0, TRAP_SYS_REPLY_RECV
    bne a7, t0, 2f
    tail fastpath_reply_recv
2:  csrr a2, stval
    tail trap_from_user

from_kernel:
    csrrw sp, sscratch, sp          /* sp back to the kernel's, sscratch back to 0 */
    addi sp, sp, -CONTEXT_SIZE
    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\r, CONTEXT_REG(\r)(sp)
    .endr
    addi t0, sp, CONTEXT_SIZE
    sd t0, CONTEXT_REG(2)(sp)
    csrr t0, sepc
    sd t0, CONTEXT_PC(sp)
    csrr t0, sstatus
    sd t0, CONTEXT_SSTATUS(sp)
    mv a0, sp
    csrr a1, scause
    csrr a2, stval
    call trap_from_kernel           /* panics */
7:  j 7b

/* void context_restore(struct user_context *context): return to user mode. */
    .globl context_restore
context_restore:
    csrw sscratch, a0
    ld t0, CONTEXT_PC(a0)
    csrw sepc, t0
    ld t0, CONTEXT_SSTATUS(a0)
    csrw sstatus, t0
    .irp r, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\r, CONTEXT_REG(\r)(a0)
    .endr
    ld a0, CONTEXT_REG(10)(a0)
    sret
