/*
 * cause.h: RISC-V trap causes in words.
 */
#ifndef CAIRN_ARCH_CAUSE_H
#define CAIRN_ARCH_CAUSE_H

#include <stdbool.h>
#include <stdint.h>

#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_USER_ECALL 8
#define INTERRUPT_SUPERVISOR_TIMER 5
#define INTERRUPT_SUPERVISOR_EXTERNAL 9

/* The name of an scause value, e.g. "store page fault"; never NULL. */
const char *cause_name(uint64_t scause);

/* True when stval holds the faulting address for this cause. */
bool cause_has_address(uint64_t scause);

#endif
