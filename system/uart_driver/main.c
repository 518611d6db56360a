/*
 * main.c: uart_driver, the only component that touches the ns16550a UART.
 *
 * It maps the UART's registers (and nothing else of the device space), takes its receive
 * interrupt through an IRQ handler, and serves UART_WRITE calls on its endpoint. Its IRQ
 * notification is bound to its thread, so one rpc_serve loop gets both: a call, or the
 * interrupt as a signal. On an interrupt it moves every received byte into the shared
 * ring, signals the reader and acknowledges the interrupt; it never polls while idle.
 */
#include "cairn.h"
#include "log.h"
#include "rpc.h"
#include "uart_driver.h"
#include "uart_driver_caps.h"

#define RBR 0          /* receive buffer (read) / transmit holding (write) */
#define THR 0
#define IER 1          /* interrupt enable: bit 0, data received */
#define LSR 5          /* line status: bit 0 data ready, bit 5 transmitter empty */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static volatile uint8_t *const regs = (volatile uint8_t *)MMIO_UART0_VADDR;
static struct uart_ring *const rx_ring = (struct uart_ring *)SHARED_RX_RING_VADDR;

/* Moves every byte the UART holds into the ring; how many. */
static unsigned drain_receiver(void)
{
    unsigned moved = 0;
    while (regs[LSR] & LSR_DATA_READY) {
        moved += uart_ring_put(rx_ring, regs[RBR]);
    }
    return moved;
}

/* Waits for room to send; input arriving meanwhile is kept (the receive FIFO would
 * overflow during a long write on real hardware). */
static void put_byte(char c)
{
    while (!(regs[LSR] & LSR_THR_EMPTY)) {
        if (drain_receiver() > 0) {
            cairn_signal(CAP_NOTIFY_RX_READY);
        }
    }
    regs[THR] = (uint8_t)c;
}

static void receive(void)
{
    if (drain_receiver() > 0) {
        cairn_signal(CAP_NOTIFY_RX_READY);
    }
    cairn_irq_handler_ack(CAP_IRQ_10);
}

static void handle(void *context, const struct rpc_request *request, struct rpc_reply *reply)
{
    (void)context;
    static struct uart_write w;
    if (rpc_is_signal(request)) {
        receive();
        return;
    }
    if (request->method != UART_WRITE) {
        return;   /* RPC_E_NO_METHOD */
    }
    uint64_t words = request->words;
    if (words < 1 || words > sizeof(w) / sizeof(uint64_t) ||
        !rpc_request_read(request, &w, words * sizeof(uint64_t)) ||
        w.length > UART_WRITE_MAX || w.length > (words - 1) * sizeof(uint64_t)) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
        return;
    }
    for (uint64_t i = 0; i < w.length; i++) {
        put_byte(w.data[i]);
    }
    rpc_reply_set(reply, RPC_OK, 0, 0);
}

int main(void)
{
    log_set_name("uart_driver");
    regs[IER] = 0x01;   /* interrupt when a byte arrives */
    while (regs[LSR] & LSR_DATA_READY) {
        (void)regs[RBR];   /* whatever came before anyone listened */
    }
    log_info("ns16550a at 0x%lx, irq 10: ready", (unsigned long)MMIO_UART0_VADDR);
    rpc_serve(CAP_RPC_CONSOLE, handle, 0);
}
