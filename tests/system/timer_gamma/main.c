/*
 * timer_gamma: a cancelled timer never completes, a poll does not block, and another
 * client's timer is out of reach (its own timer 5 is not alpha's). The timer test's
 * third client.
 */
#include "timer_gamma_caps.h"
#include "../timer_check.h"

int main(void)
{
    struct check c;
    check_begin(&c, "gamma");
    uint64_t mask = 1, at;
    check_status(&c, "first poll", timer_completed(CAP_RPC_TIMER, &mask), RPC_OK);
    if (mask != 0) {
        check_fail(&c, "first poll, mask", mask);
    }
    check_status(&c, "alpha's timer 5", timer_cancel(CAP_RPC_TIMER, 5), TIMER_E_NOT_RUNNING);
    check_status(&c, "start 0", timer_start(CAP_RPC_TIMER, 0, 15 * MS, false), RPC_OK);
    check_status(&c, "cancel 0", timer_cancel(CAP_RPC_TIMER, 0), RPC_OK);
    check_status(&c, "start 1", timer_start(CAP_RPC_TIMER, 1, 40 * MS, false), RPC_OK);
    mask = check_wait(&c, &at);
    if (mask != 2) {
        check_fail(&c, "completed mask, want only timer 1", mask);
    }
    check_on_time(&c, 40 * MS, at);
    check_end(&c, "cancel, poll, another's id");
    return 0;
}
