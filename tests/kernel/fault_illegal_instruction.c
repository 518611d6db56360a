/*
 * fault_illegal_instruction.c: a root task that runs a privileged instruction.
 *
 * `csrw mstatus` is illegal in U-mode. Expected: an illegal-instruction report with
 * the instruction's own encoding (stval) and its pc.
 */
#include "cairn.h"

extern const uint32_t illegal_insn[];

int main(void)
{
    cairn_printf("test: instruction 0x%x at pc 0x%lx\n", illegal_insn[0], (uint64_t)illegal_insn);
    __asm__ volatile(".option push\n.option norvc\n"
                     ".globl illegal_insn\nillegal_insn: csrw mstatus, zero\n.option pop");
    cairn_printf("test: FAILED: the instruction ran\n");
    return 1;
}
