/*
 * console.h: the shell's terminal: output to the UART driver, input from its ring.
 */
#ifndef CAIRN_CONSOLE_H
#define CAIRN_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Buffers bytes for the UART (sent when the buffer fills or on console_flush). */
void console_write(const char *bytes, size_t length);
void console_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void console_flush(void);

/* Blocks until input has arrived; then console_read_byte gives it byte by byte. */
void console_wait_input(void);
/* The next byte received, or -1 when there is none (yet). */
int console_read_byte(void);
/* Whether a ^C is among the bytes received and not yet read; if so, it and every byte
 * before it are dropped (they belonged to what it interrupts). */
bool console_take_interrupt(void);
/* Whether a ^C came since the last call: one console_take_interrupt took (say, ending a
 * sleep), or one waiting among the bytes received now (taken). Clears it. */
bool console_interrupted(void);

#endif
