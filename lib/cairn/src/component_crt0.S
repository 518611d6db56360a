/*
 * component_crt0.S: the first instructions of every thread of a component.
 *
 * The root server starts each thread here with a0 = its index in the component (0 for
 * the first), a1 = the slot of its own TCB capability, a2 = a word for the first thread
 * (cairn_component.h), sp at the top of its stack, and tp at its IPC buffer (cairn.h
 * keeps it there). bss needs no clearing: every page past a segment's file bytes is new and
 * zeroed. Thread 0 runs main(); the others run cairn_thread_main(index).
 */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    call cairn_component_start      /* does not return */
1:  j 1b
