/*
 * syscall.h: system call numbers and the register convention of the kernel/user ABI.
 *
 * A thread enters the kernel with `ecall`. a7 holds the syscall number, a0..a5 the
 * arguments; the kernel returns a cairn_error in a0 and resumes after the ecall.
 * Numbers 0..63 are kept for the capability syscalls (send, call, receive, ...);
 * the debug calls sit at 64 and above. Every number is written here once.
 */
#ifndef CAIRN_ABI_SYSCALL_H
#define CAIRN_ABI_SYSCALL_H

enum cairn_syscall {
    CAIRN_SYS_DEBUG_PUT_CHAR = 64,   /* a0 = byte: write it to the kernel console */
    CAIRN_SYS_DEBUG_PUT_STRING = 65, /* a0 = address, a1 = length (<= CAIRN_DEBUG_STRING_MAX) */
    CAIRN_SYS_DEBUG_HALT = 66,       /* a0 = status 0..255: stop the machine (debug builds) */
};

/* The longest string one CAIRN_SYS_DEBUG_PUT_STRING call may print. */
#define CAIRN_DEBUG_STRING_MAX 1024

#endif
