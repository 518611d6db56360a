/*
 * machine.h: stopping the machine, with a status the host can read.
 */
#ifndef CAIRN_ARCH_MACHINE_H
#define CAIRN_ARCH_MACHINE_H

#include <stdint.h>

/* Remembers the physical address of the sifive,test0 exit device (0 = none). */
void machine_set_exit_device(uint64_t paddr);

/*
 * Stops the machine. Status 0 means success; 1..255 reach QEMU's exit status. Without
 * an exit device, success powers off through the firmware and failure stops in place.
 */
void machine_halt(unsigned status) __attribute__((noreturn));

#endif
