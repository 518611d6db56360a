/*
 * timer_beta: all 32 of a client's timers at once, started in reverse order, each due
 * 1 ms after the one before; then every request the service must refuse. The timer
 * test's second client.
 */
#include "timer_beta_caps.h"
#include "../timer_check.h"

static void all_timers(struct check *c)
{
    uint64_t started[TIMER_MAX_PER_CLIENT];   /* when each was started: no early slips by */
    for (int id = TIMER_MAX_PER_CLIENT - 1; id >= 0; id--) {
        started[id] = check_now() - c->start;
        check_status(c, "start", timer_start(CAP_RPC_TIMER, (uint64_t)id,
                                             (uint64_t)(id + 1) * MS, false), RPC_OK);
    }
    uint64_t done = 0, at;
    unsigned next = 0;
    while (next < TIMER_MAX_PER_CLIENT) {
        uint64_t mask = check_wait(c, &at);
        if (mask & done) {
            check_fail(c, "completed twice, mask", mask & done);
        }
        for (; next < TIMER_MAX_PER_CLIENT && (mask & (1ull << next)); next++) {
            check_on_time(c, started[next] + (next + 1) * MS, at);
            mask &= ~(1ull << next);
            done |= 1ull << next;
        }
        if (mask != 0) {
            check_fail(c, "completed out of order, mask", mask);
            break;
        }
    }
}

static void refusals(struct check *c)
{
    check_status(c, "id 32", timer_start(CAP_RPC_TIMER, 32, MS, false), TIMER_E_BAD_ID);
    check_status(c, "id -1", timer_cancel(CAP_RPC_TIMER, ~0ull), TIMER_E_BAD_ID);
    check_status(c, "0 ns", timer_start(CAP_RPC_TIMER, 0, 0, false), TIMER_E_BAD_DURATION);
    check_status(c, "period 50 us", timer_start(CAP_RPC_TIMER, 0, 50000, true),
                 TIMER_E_BAD_DURATION);
    check_status(c, "cancel idle", timer_cancel(CAP_RPC_TIMER, 3), TIMER_E_NOT_RUNNING);
    uint64_t words[3] = {1, MS, 0};
    check_status(c, "short request", rpc_call(CAP_RPC_TIMER, TIMER_ONESHOT, words, 8, 0, 0),
                 RPC_E_BAD_REQUEST);
    check_status(c, "long request", rpc_call(CAP_RPC_TIMER, TIMER_ONESHOT, words, 24, 0, 0),
                 RPC_E_BAD_REQUEST);
    check_status(c, "words to TIMER_NOW", rpc_call(CAP_RPC_TIMER, TIMER_NOW, words, 8, 0, 0),
                 RPC_E_BAD_REQUEST);
    check_status(c, "method 99", rpc_call(CAP_RPC_TIMER, 99, 0, 0, 0, 0), RPC_E_NO_METHOD);
    uint64_t mask = 1;
    check_status(c, "poll", timer_completed(CAP_RPC_TIMER, &mask), RPC_OK);
    if (mask != 0) {
        check_fail(c, "refused requests started something, mask", mask);
    }
}

int main(void)
{
    struct check c;
    check_begin(&c, "beta");
    all_timers(&c);
    refusals(&c);
    check_end(&c, "32 timers 1 ms apart, 9 refusals");
    return 0;
}
