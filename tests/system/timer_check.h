/*
 * timer_check.h: what the timer test's clients (timer_alpha, timer_beta, timer_gamma)
 * share: waiting for completions and judging when they came.
 *
 * Each client includes its own generated header first (CAP_RPC_TIMER, CAP_SIGNALS_TIMER)
 * and then this. Times are the service's clock, in virtual nanoseconds under QEMU's
 * -icount: a timer is on time when it completed no earlier than due and less than
 * LATE_LIMIT_NS after (the alarm's path through the kernel, the service and back to the
 * client is some thousands of instructions, a few microseconds).
 */
#ifndef TIMER_CHECK_H
#define TIMER_CHECK_H

#include "cairn.h"
#include "timer_service.h"

#define MS 1000000ull
#define LATE_LIMIT_NS (1 * MS)

struct check {
    const char *name;
    uint64_t start;                /* the service's time when the client began */
    uint64_t latest;               /* the latest completion after its due time, ns */
    unsigned completions, failures;
};

static uint64_t check_now(void)
{
    uint64_t ns = 0;
    if (timer_now(CAP_RPC_TIMER, &ns) != RPC_OK) {
        cairn_printf("timer test: TIMER_NOW failed\n");
    }
    return ns;
}

static void check_begin(struct check *c, const char *name)
{
    *c = (struct check){name, check_now(), 0, 0, 0};
}

static void check_fail(struct check *c, const char *what, uint64_t value)
{
    cairn_printf("%s: FAIL: %s (%lu)\n", c->name, what, value);
    c->failures++;
}

/* A status that must be `want`. */
static void check_status(struct check *c, const char *what, unsigned got, unsigned want)
{
    if (got != want) {
        check_fail(c, what, got);
    }
}

/* Waits for the next completions; returns their mask and sets *at to the time (ns since
 * the client began). */
static uint64_t check_wait(struct check *c, uint64_t *at)
{
    uint64_t mask = 0;
    check_status(c, "timer_wait", timer_wait(CAP_RPC_TIMER, CAP_SIGNALS_TIMER, &mask), RPC_OK);
    *at = check_now() - c->start;
    return mask;
}

/* A completion at `at` of something due at `due` (both since the client began). */
static void check_on_time(struct check *c, uint64_t due, uint64_t at)
{
    c->completions++;
    if (at < due) {
        check_fail(c, "completed early, ns before due", due - at);
    } else if (at - due >= LATE_LIMIT_NS) {
        check_fail(c, "completed late, ns after due", at - due);
    } else if (at - due > c->latest) {
        c->latest = at - due;
    }
}

static void check_end(struct check *c, const char *what)
{
    cairn_printf("%s: %s: %u completions on time (at most %lu us late): %s\n", c->name, what,
                 c->completions, c->latest / 1000, c->failures == 0 ? "ok" : "FAIL");
}

#endif
