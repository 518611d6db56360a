/*
 * uart_driver.h: the UART driver's interface: bytes out by RPC, bytes in through a ring.
 *
 * Output: UART_WRITE carries up to UART_WRITE_MAX bytes; the driver returns once they
 * are in the UART. Input: the driver puts every received byte into the shared `rx_ring`
 * (struct uart_ring) and signals `rx_ready`; the reader takes bytes out at its own pace.
 * The driver only writes `head` and the data, the reader only `tail`: one producer, one
 * consumer, no lock. A full ring drops new bytes and counts them.
 */
#ifndef CAIRN_UART_DRIVER_H
#define CAIRN_UART_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

enum uart_driver_method {
    UART_WRITE = 1,      /* request: struct uart_write; no reply data */
};

#define UART_WRITE_MAX 512

struct uart_write {
    uint64_t length;                 /* bytes used in data, at most UART_WRITE_MAX */
    char data[UART_WRITE_MAX];
};

#define UART_RING_BYTES 2048u        /* a power of two: the free-running 32-bit counters
                                        stay in step with the index when they wrap */

struct uart_ring {
    uint32_t head;                   /* next byte the driver writes (counts up, wraps) */
    uint32_t tail;                   /* next byte the reader takes */
    uint32_t dropped;                /* bytes lost to a full ring */
    uint32_t reserved;
    uint8_t data[UART_RING_BYTES];
};

_Static_assert(sizeof(struct uart_ring) <= 4096, "the ring fits its page");

/* Producer side: false (and the byte dropped) when the ring is full. */
static inline bool uart_ring_put(struct uart_ring *r, uint8_t byte)
{
    uint32_t head = r->head, tail = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
    if (head - tail >= UART_RING_BYTES) {
        r->dropped++;
        return false;
    }
    r->data[head % UART_RING_BYTES] = byte;
    __atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
    return true;
}

/* Consumer side: false when the ring is empty. A head that claims more bytes than the
 * ring holds (a broken producer) empties the ring instead of reading garbage. */
static inline bool uart_ring_get(struct uart_ring *r, uint8_t *byte)
{
    uint32_t tail = r->tail, head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
    if (head == tail) {
        return false;
    }
    if (head - tail > UART_RING_BYTES) {
        __atomic_store_n(&r->tail, head, __ATOMIC_RELEASE);
        return false;
    }
    *byte = r->data[tail % UART_RING_BYTES];
    __atomic_store_n(&r->tail, tail + 1, __ATOMIC_RELEASE);
    return true;
}

#endif
