/*
 * console.h: the kernel's console on the serial line, and kprintf.
 *
 * Until the device tree names the UART the console goes through the firmware's
 * legacy putchar; afterwards it drives the ns16550a directly by polling. Output only
 * leaves the kernel through here, so one place decides how a line ends ("\r\n").
 */
#ifndef CAIRN_KERNEL_CONSOLE_H
#define CAIRN_KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

/* Switches the console to the ns16550a at physical address paddr. */
void console_use_uart(uint64_t paddr);

void console_put_char(char c);

/* Returns the next received byte, or -1 when none is waiting (or no UART is known). */
int console_get_char(void);

void kprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *format, va_list args);

#endif
