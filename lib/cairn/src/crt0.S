/*
 * crt0.S: the first instructions of a Cairn root task.
 *
 * The kernel enters here with sp at the top of the stack it mapped and a0 pointing
 * at the boot-info page. bss needs no clearing: the loader zero-fills every page
 * past a segment's file bytes. main's return value becomes the halt status.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    rdinstret t0                    /* first: `make bench` measures up to here */
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    lla t1, cairn_start_instret
    sd t0, 0(t1)
    call cairn_root_start                 /* main(bootinfo), with tp set up */
    call cairn_debug_halt
1:  j 1b                            /* halt refused (release build): nothing left to do */

    .section .sbss, "aw", @nobits
    .balign 8
    .globl cairn_start_instret
cairn_start_instret:
    .zero 8
