/*
 * fault_unknown_syscall.c: a root task that makes a system call the kernel lacks.
 *
 * Expected: an unknown-syscall report naming the number and the ecall's pc.
 */
#include "cairn.h"

#define UNKNOWN_SYSCALL 1234

extern const char unknown_ecall[];

int main(void)
{
    cairn_printf("test: syscall %d at pc 0x%lx\n", UNKNOWN_SYSCALL, (uint64_t)unknown_ecall);
    register long a7 __asm__("a7") = UNKNOWN_SYSCALL;
    __asm__ volatile(".globl unknown_ecall\nunknown_ecall: ecall" ::"r"(a7) : "memory");
    cairn_printf("test: FAILED: the call returned\n");
    return 1;
}
