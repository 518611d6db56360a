/*
 * timer.h: the kernel's periodic tick (SBI timer), and the idle wait for interrupts.
 */
#ifndef CAIRN_ARCH_TIMER_H
#define CAIRN_ARCH_TIMER_H

#include <stdint.h>

#define TIMER_TICKS_PER_SECOND 100

/* Starts the tick; timebase_hz is the device tree's timebase-frequency. */
void timer_init(uint32_t timebase_hz);

/* Handles a timer interrupt: counts the tick and arms the next one. */
void timer_handle_interrupt(void);

/* Idles until an interrupt is pending; handles it if it is the timer's. */
void timer_wait_and_poll(void);

/* Ticks since timer_init. */
uint64_t timer_ticks(void);

#endif
