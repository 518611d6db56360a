/*
 * rtc.c: driving the goldfish RTC (QEMU hw/rtc/goldfish_rtc.c; the registers are the
 * Android emulator's goldfish device's).
 *
 * The device counts nanoseconds of wall-clock time (QEMU's host clock, or its virtual
 * clock with `-rtc clock=vm`). Reading TIME_LOW latches the high half for TIME_HIGH;
 * writing ALARM_LOW arms the alarm at ALARM_HIGH:ALARM_LOW. Our time is the device's
 * minus `epoch`. A wall clock can be set back (the host's is); when a reading is below
 * the last one, epoch moves back by as much, so our time goes on from where it was and
 * alarms, set at epoch + time, stay in step.
 */
#include "rtc.h"

#include "timer_service_caps.h"
#include "timers.h"

enum {
    TIME_LOW = 0x00 / 4,
    TIME_HIGH = 0x04 / 4,
    ALARM_LOW = 0x08 / 4,
    ALARM_HIGH = 0x0c / 4,
    IRQ_ENABLED = 0x10 / 4,
    CLEAR_ALARM = 0x14 / 4,
    CLEAR_INTERRUPT = 0x1c / 4,
};

static volatile uint32_t *const regs = (volatile uint32_t *)MMIO_RTC_VADDR;
static uint64_t epoch;             /* the device's time when ours was 0 */
static uint64_t last;              /* the latest rtc_now */

static uint64_t device_time(void)
{
    uint64_t low = regs[TIME_LOW];
    return (uint64_t)regs[TIME_HIGH] << 32 | low;
}

void rtc_init(void)
{
    regs[CLEAR_ALARM] = 1;
    regs[CLEAR_INTERRUPT] = 1;
    regs[IRQ_ENABLED] = 1;
    epoch = device_time();
}

uint64_t rtc_now(void)
{
    uint64_t t = device_time();
    if (t < epoch + last) {
        epoch = t - last;   /* the clock went back */
    }
    last = t - epoch;
    return last;
}

void rtc_set_alarm(uint64_t at)
{
    if (at == TIMERS_NEVER) {
        regs[CLEAR_ALARM] = 1;
        return;
    }
    (void)rtc_now();   /* notices a clock set back before epoch is used */
    uint64_t device = epoch + at;
    regs[ALARM_HIGH] = (uint32_t)(device >> 32);
    regs[ALARM_LOW] = (uint32_t)device;
}

void rtc_clear_interrupt(void)
{
    regs[CLEAR_INTERRUPT] = 1;
}
