/*
 * cause.c: names for the exception and interrupt codes of the privileged spec
 * (scause; table "Supervisor cause register values after trap").
 */
#include "cause.h"

#include "csr.h"

static const char *const exception_names[] = {
    [0] = "instruction address misaligned",
    [1] = "instruction access fault",
    [2] = "illegal instruction",
    [3] = "breakpoint",
    [4] = "load address misaligned",
    [5] = "load access fault",
    [6] = "store address misaligned",
    [7] = "store access fault",
    [8] = "system call from user mode",
    [9] = "system call from supervisor mode",
    [12] = "instruction page fault",
    [13] = "load page fault",
    [15] = "store page fault",
};

static const char *const interrupt_names[] = {
    [1] = "supervisor software interrupt",
    [5] = "supervisor timer interrupt",
    [9] = "supervisor external interrupt",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *cause_name(uint64_t scause)
{
    uint64_t code = scause & ~SCAUSE_INTERRUPT;
    const char *name = 0;
    if (scause & SCAUSE_INTERRUPT) {
        name = code < COUNT(interrupt_names) ? interrupt_names[code] : 0;
    } else {
        name = code < COUNT(exception_names) ? exception_names[code] : 0;
    }
    return name != 0 ? name : "unknown cause";
}

bool cause_has_address(uint64_t scause)
{
    switch (scause) {
    case 0: case 1: case 4: case 5: case 6: case 7: case 12: case 13: case 15:
        return true;
    default:
        return false;
    }
}
