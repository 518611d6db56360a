/*
 * timer_alpha: a periodic timer and two one-shots running together, then the periodic
 * one cancelled (it must not complete again). The timer test's first client.
 */
#include "timer_alpha_caps.h"
#include "../timer_check.h"

#define PERIODIC 5

int main(void)
{
    struct check c;
    check_begin(&c, "alpha");
    check_status(&c, "periodic", timer_start(CAP_RPC_TIMER, PERIODIC, 10 * MS, true), RPC_OK);
    check_status(&c, "oneshot 0", timer_start(CAP_RPC_TIMER, 0, 25 * MS, false), RPC_OK);
    check_status(&c, "oneshot 1", timer_start(CAP_RPC_TIMER, 1, 55 * MS, false), RPC_OK);
    uint64_t next_tick = 10 * MS, done = 0, at;
    while (!(done & 2)) {
        uint64_t mask = check_wait(&c, &at);
        if (mask & (1u << PERIODIC)) {
            check_on_time(&c, next_tick, at);
            next_tick += 10 * MS;
        }
        if (mask & 1) {
            check_on_time(&c, 25 * MS, at);
        }
        if (mask & 2) {
            check_on_time(&c, 55 * MS, at);
        }
        done |= mask;
    }
    if (next_tick != 60 * MS) {
        check_fail(&c, "periodic completions before 55 ms", next_tick / (10 * MS) - 1);
    }
    check_status(&c, "cancel periodic", timer_cancel(CAP_RPC_TIMER, PERIODIC), RPC_OK);
    uint64_t now = check_now() - c.start;
    check_status(&c, "oneshot 2", timer_start(CAP_RPC_TIMER, 2, 30 * MS, false), RPC_OK);
    uint64_t mask = check_wait(&c, &at);
    if (mask != 4) {
        check_fail(&c, "after the cancel, completed mask", mask);
    }
    check_on_time(&c, now + 30 * MS, at);
    check_end(&c, "periodic 10 ms x5, one-shots at 25 and 55 ms, cancel");
    return 0;
}
