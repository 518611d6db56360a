/*
 * timer.c: a fixed-rate tick through SBI set_timer.
 *
 * The SBI call is portable: with Sstc present OpenSBI programs stimecmp itself, and
 * without it the firmware multiplexes its machine timer. Deadlines are absolute, in
 * timebase ticks, and each one is computed from the previous deadline so the tick
 * does not drift with interrupt latency.
 */
#include "timer.h"

#include "csr.h"
#include "irq.h"
#include "sbi.h"

static uint64_t period;
static uint64_t deadline;
static uint64_t ticks;

static uint64_t read_time(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

void timer_init(uint32_t timebase_hz)
{
    period = timebase_hz / TIMER_TICKS_PER_SECOND;
    if (period == 0) {
        period = 1;
    }
    deadline = read_time() + period;
    sbi_set_timer(deadline);
    csr_set(sie, SIE_STIE);
}

void timer_handle_interrupt(void)
{
    ticks++;
    uint64_t now = read_time();
    deadline += period;
    if (deadline <= now) {
        deadline = now + period;   /* we fell behind (e.g. in a debugger): skip, don't storm */
    }
    sbi_set_timer(deadline);
}

void timer_wait_and_poll(void)
{
    wait_for_interrupt();
    if (csr_read(sip) & SIP_STIP) {
        timer_handle_interrupt();
    }
    if (csr_read(sip) & SIP_SEIP) {
        irq_handle();   /* a device woke us: its driver may now be runnable */
    }
}

uint64_t timer_ticks(void)
{
    return ticks;
}
