/*
 * syscall.h: system call numbers and the register convention of the kernel/user ABI.
 *
 * A thread enters the kernel with `ecall`. a7 holds the syscall number.
 *
 * Capability syscalls (1..63) follow seL4: a0 = the capability's address (cptr),
 * a1 = the message info (message.h), a2..a5 = message words 0..3. A Call on a kernel
 * object (an invocation) returns the reply's info in a1, whose label is a cairn_error,
 * and reply words in a2..a5 (and the IPC buffer beyond them). A received message
 * arrives the same way, with the sender's badge in a0. Receiving on, or sending to,
 * a capability that is not an endpoint or notification with the needed right is a
 * capability fault of the caller.
 *
 * Debug calls (64 and above): a0..a5 = arguments, a cairn_error comes back in a0.
 * Every number is written here once.
 */
#ifndef CAIRN_ABI_SYSCALL_H
#define CAIRN_ABI_SYSCALL_H

enum cairn_syscall {
    CAIRN_SYS_CALL = 1,              /* send and wait for the reply (or invoke an object) */
    CAIRN_SYS_REPLY_RECV = 2,        /* reply to the caller, then receive on a0 */
    CAIRN_SYS_SEND = 3,              /* send (endpoint), signal (notification), invoke */
    CAIRN_SYS_NB_SEND = 4,           /* send only if a receiver waits; else dropped */
    CAIRN_SYS_RECV = 5,              /* wait for a message or signal on a0 */
    CAIRN_SYS_REPLY = 6,             /* answer the thread whose call was received last */
    CAIRN_SYS_YIELD = 7,             /* give up the rest of the timeslice */
    CAIRN_SYS_NB_RECV = 8,           /* receive only if something is there; else badge 0 */
    CAIRN_SYS_DEBUG_PUT_CHAR = 64,   /* a0 = byte: write it to the kernel console */
    CAIRN_SYS_DEBUG_PUT_STRING = 65, /* a0 = address, a1 = length (<= CAIRN_DEBUG_STRING_MAX) */
    CAIRN_SYS_DEBUG_HALT = 66,       /* a0 = status 0..255: stop the machine (debug builds) */
    CAIRN_SYS_DEBUG_CAP_IDENTIFY = 67, /* a0 = cptr: returns its enum cairn_cap_type in a1 */
    CAIRN_SYS_DEBUG_SELF_CHECK = 68, /* checks kernel invariants; problems found in a1 */
    CAIRN_SYS_DEBUG_DUMP_SCHEDULER = 69, /* prints every thread and the ready queues */
    CAIRN_SYS_DEBUG_DUMP_CNODE = 70, /* a0 = cptr of a CNode: prints its non-empty slots */
};

/* The longest string one CAIRN_SYS_DEBUG_PUT_STRING call may print. */
#define CAIRN_DEBUG_STRING_MAX 1024

#endif
