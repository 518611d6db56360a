/*
 * boot.S: the kernel's first instructions, entered from OpenSBI in S-mode with paging off.
 *
 * a0 = hart id, a1 = physical address of the device tree. The kernel is linked in the
 * top half (KERNEL_WINDOW_BASE + physical address) but runs here at its physical
 * address, so this code uses only PC-relative addressing until paging is on. It fills
 * the kernel's root page table with the kernel window (see memory.h) plus one identity
 * gigapage that keeps the current PC valid, turns on Sv39, jumps to the high address,
 * clears bss and calls kernel_main(hart, dtb, instret at entry).
 */
#include "memory.h"

#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_DEVICE (PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D)
#define PTE_RAM (PTE_DEVICE | PTE_X)
#define RAM_BASE 0x80000000
#define KERNEL_STACK_SIZE 8192

    .section .text.boot, "ax"
    .globl _start
_start:
    rdinstret s2                    /* for `make bench`: instructions from here on */
    mv s0, a0
    mv s1, a1
    csrw sie, zero
    lla t0, kernel_root_table

    /* Identity gigapage over the first GiB of RAM: the PC is here when satp changes. */
    li t1, (RAM_BASE >> 2) | PTE_RAM & ~PTE_G
    sd t1, (RAM_BASE >> 30) * 8(t0)

    /* The window: gigapage i maps physical i GiB; devices below RAM_BASE, RAM above. */
    li t2, 0                        /* i */
    li t3, (RAM_BASE >> 30) + KERNEL_WINDOW_RAM_GIB
    li t4, KERNEL_WINDOW_ROOT_INDEX * 8
    add t4, t0, t4
1:  slli t1, t2, 28                 /* (i << 30) >> 2: the PPN field of a gigapage */
    li t5, (RAM_BASE >> 30)
    li t6, PTE_DEVICE
    blt t2, t5, 2f
    li t6, PTE_RAM
2:  or t1, t1, t6
    sd t1, 0(t4)
    addi t4, t4, 8
    addi t2, t2, 1
    blt t2, t3, 1b

    srli t1, t0, 12
    li t2, 8 << 60                  /* satp.MODE = Sv39 */
    or t1, t1, t2
    sfence.vma
    csrw satp, t1
    sfence.vma
    ld t0, high_entry_address       /* an absolute (high) address stored as data */
    jr t0

high_entry:
    lla sp, kernel_stack_top
    lla t0, __bss_start
    lla t1, __bss_end
3:  bgeu t0, t1, 4f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 3b
4:  mv a0, s0
    mv a1, s1
    mv a2, s2
    call kernel_main
5:  wfi
    j 5b

    .balign 8
high_entry_address:
    .dword high_entry

    /* The kernel's root page table: the window here is copied into every VSpace. */
    .section .data.page_table, "aw"
    .balign 4096
    .globl kernel_root_table
kernel_root_table:
    .zero 4096

    /* The one kernel stack: the kernel is not preemptible, so one is enough. */
    .section .bss.stack, "aw", @nobits
    .balign 16
kernel_stack:
    .zero KERNEL_STACK_SIZE
    .globl kernel_stack_top
kernel_stack_top:
