/*
 * fault.h: fault messages, as a thread's fault handler receives them.
 *
 * When a thread with a fault endpoint (TCB configure, MR0) faults, the kernel sends a
 * message on that endpoint as if the thread had called it: label = the kind of fault,
 * CAIRN_FAULT_LENGTH words, and the badge of the fault endpoint capability. The thread
 * waits for the reply. Replying resumes it: with no words at the pc where it faulted
 * (to retry, e.g. after mapping a page); with 1 word at MR0 as its new pc; with 2 or
 * more words also with MR1 as its new sp. Not replying leaves it stopped. A thread
 * with no fault endpoint (or one that does not resolve to an endpoint capability with
 * the write right) is reported on the console and stopped instead.
 */
#ifndef CAIRN_ABI_FAULT_H
#define CAIRN_ABI_FAULT_H

enum cairn_fault_label {
    CAIRN_FAULT_CAPABILITY = 1,       /* MR0 pc, MR1 the cptr, MR2 the syscall number */
    CAIRN_FAULT_UNKNOWN_SYSCALL = 2,  /* MR0 pc, MR1 sp, MR2 the syscall number (a7) */
    CAIRN_FAULT_USER_EXCEPTION = 3,   /* MR0 pc, MR1 sp, MR2 scause, MR3 stval */
    CAIRN_FAULT_VM = 5,               /* MR0 pc, MR1 the address, MR2 scause */
};

#define CAIRN_FAULT_LENGTH 4

#endif
