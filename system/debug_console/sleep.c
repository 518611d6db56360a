/*
 * sleep.c: the `sleep DURATION` command, on the timer service.
 *
 * Timer 0 of the console's own is the sleep; timer 1 ticks every SLEEP_CHECK_NS while
 * it lasts, so that a ^C typed meanwhile ends it within a tick. (The console waits on
 * one notification at a time; the tick is what lets it look at its input without a
 * second one.) Other input typed during a sleep waits in the ring for the prompt.
 */
#include "sleep.h"

#include "console.h"
#include "debug_console_caps.h"
#include "duration.h"
#include "timer_service.h"

#define SLEEP_TIMER 0
#define CHECK_TIMER 1
#define SLEEP_CHECK_NS 100000000ull   /* 100 ms */

static void report(const char *what, unsigned status)
{
    console_printf("error: sleep: %s: %s\n", what, timer_status_name(status));
}

/* Waits until the sleep timer completes, ^C is typed, or waiting fails (said). */
static void wait_out(void)
{
    for (;;) {
        uint64_t mask = 0;
        unsigned status = timer_wait(CAP_RPC_TIMER, CAP_SIGNALS_TIMER, &mask);
        if (status != RPC_OK) {
            report("waiting", status);
            return;
        }
        if (mask & (1u << SLEEP_TIMER)) {
            return;
        }
        if (console_take_interrupt()) {
            console_printf("^C\n");
            return;
        }
    }
}

void sleep_command(int argc, char **argv)
{
    uint64_t ns;
    if (argc != 2 || !duration_parse(argv[1], &ns)) {
        console_printf("error: usage: sleep DURATION (for example 2, 0.5, 250ms; at most "
                       "a day)\n");
        return;
    }
    console_flush();
    unsigned status = timer_start(CAP_RPC_TIMER, SLEEP_TIMER, ns, false);
    if (status == RPC_OK) {
        status = timer_start(CAP_RPC_TIMER, CHECK_TIMER, SLEEP_CHECK_NS, true);
    }
    if (status != RPC_OK) {
        report("starting a timer", status);
    } else {
        wait_out();
    }
    (void)timer_cancel(CAP_RPC_TIMER, CHECK_TIMER);   /* either may have stopped: no error */
    (void)timer_cancel(CAP_RPC_TIMER, SLEEP_TIMER);
}
