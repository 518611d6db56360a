/*
 * console.c: the terminal of console.h over the UART driver's interface.
 */
#include "console.h"

#include <stdarg.h>

#include "cairn.h"
#include "cstring.h"
#include "debug_console_caps.h"
#include "fmt.h"
#include "rpc.h"
#include "uart_driver.h"

#define CTRL_C 0x03

static struct uart_write out;
static bool interrupt_seen;   /* a ^C taken that console_interrupted has not reported */
static struct uart_ring *const rx_ring = (struct uart_ring *)SHARED_RX_RING_VADDR;

void console_flush(void)
{
    if (out.length == 0) {
        return;
    }
    /* A failed write has nowhere to be reported but the kernel's console. */
    unsigned status = rpc_call(CAP_RPC_CONSOLE, UART_WRITE, &out,
                               sizeof(out.length) + out.length, 0, 0);
    if (status != RPC_OK) {
        cairn_printf("debug_console: uart write failed: %s\n", rpc_status_name(status));
    }
    out.length = 0;
}

void console_write(const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (out.length == UART_WRITE_MAX) {
            console_flush();
        }
        out.data[out.length++] = bytes[i];
    }
}

static void put(void *context, char c)
{
    (void)context;
    console_write(&c, 1);
}

void console_printf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fmt_vformat(put, 0, format, args);
    va_end(args);
}

void console_wait_input(void)
{
    console_flush();
    cairn_wait(CAP_NOTIFY_RX_READY);
}

int console_read_byte(void)
{
    uint8_t byte;
    return uart_ring_get(rx_ring, &byte) ? byte : -1;
}

bool console_take_interrupt(void)
{
    uint32_t tail = rx_ring->tail, head = __atomic_load_n(&rx_ring->head, __ATOMIC_ACQUIRE);
    if (head - tail > UART_RING_BYTES) {
        return false;   /* a broken producer: console_read_byte will empty the ring */
    }
    for (uint32_t at = tail; at != head; at++) {
        if (rx_ring->data[at % UART_RING_BYTES] == CTRL_C) {
            __atomic_store_n(&rx_ring->tail, at + 1, __ATOMIC_RELEASE);
            interrupt_seen = true;
            return true;
        }
    }
    return false;
}

bool console_interrupted(void)
{
    bool seen = interrupt_seen || console_take_interrupt();
    interrupt_seen = false;
    return seen;
}
