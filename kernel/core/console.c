/*
 * console.c: polled serial output and input for the kernel.
 */
#include "console.h"

#include "fmt.h"
#include "memory.h"
#include "sbi.h"

#define UART_THR 0   /* transmit holding register */
#define UART_RBR 0   /* receive buffer register */
#define UART_IER 1   /* interrupt enable */
#define UART_LSR 5   /* line status */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static volatile uint8_t *uart;

void console_use_uart(uint64_t paddr)
{
    uart = phys_to_virt(paddr);
    uart[UART_IER] = 0;   /* the kernel polls; interrupts belong to the user-level driver */
}

static void put_raw(char c)
{
    if (uart == 0) {
        sbi_console_put_char(c);
        return;
    }
    while ((uart[UART_LSR] & LSR_THR_EMPTY) == 0) {
    }
    uart[UART_THR] = (uint8_t)c;
}

void console_put_char(char c)
{
    if (c == '\n') {
        put_raw('\r');
    }
    put_raw(c);
}

int console_get_char(void)
{
    if (uart == 0 || (uart[UART_LSR] & LSR_DATA_READY) == 0) {
        return -1;
    }
    return uart[UART_RBR];
}

static void console_sink(void *context, char c)
{
    (void)context;
    console_put_char(c);
}

void kvprintf(const char *format, va_list args)
{
    fmt_vformat(console_sink, 0, format, args);
}

void kprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    kvprintf(format, args);
    va_end(args);
}
