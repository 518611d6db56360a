/*
 * fault_kernel_write.c: a root task that stores to a kernel address.
 *
 * Expected: the kernel reports a store page fault at exactly that address and the
 * pc of the store, stops the thread and stays up (its monitor answers).
 */
#include "cairn.h"

#define KERNEL_ADDRESS 0xffffffc080100000ul

extern const char store_insn[];

int main(void)
{
    cairn_printf("test: store to 0x%lx at pc 0x%lx\n", KERNEL_ADDRESS, (uint64_t)store_insn);
    __asm__ volatile(".globl store_insn\nstore_insn: sd %1, 0(%0)"
                     ::"r"(KERNEL_ADDRESS), "r"(1ul) : "memory");
    cairn_printf("test: FAILED: the store went through\n");
    return 1;
}
