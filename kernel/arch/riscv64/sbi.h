/*
 * sbi.h: calls into the M-mode firmware (OpenSBI) through the RISC-V SBI.
 */
#ifndef CAIRN_ARCH_SBI_H
#define CAIRN_ARCH_SBI_H

#include <stdint.h>

/* Writes one byte with the legacy console call (works before the UART is known). */
void sbi_console_put_char(char c);

/* Arms the timer interrupt for absolute time `deadline` (in timebase ticks). */
void sbi_set_timer(uint64_t deadline);

/* Asks the firmware to power off. Used only when no exit device is known. */
void sbi_shutdown(void) __attribute__((noreturn));

#endif
