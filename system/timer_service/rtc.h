/*
 * rtc.h: the goldfish RTC of QEMU's virt machine, the timer service's only device.
 */
#ifndef TIMER_SERVICE_RTC_H
#define TIMER_SERVICE_RTC_H

#include <stdint.h>

/* Clears any alarm left from before and enables the alarm interrupt. */
void rtc_init(void);

/* Nanoseconds since rtc_init; never less than an earlier reading. */
uint64_t rtc_now(void);

/* Interrupts at `at` (rtc_now's time; at once if that has passed), replacing any alarm
 * set before; TIMERS_NEVER cancels the alarm. */
void rtc_set_alarm(uint64_t at);

/* Lowers the interrupt the alarm raised (before acknowledging it to the kernel). */
void rtc_clear_interrupt(void);

#endif
