/*
 * test_timers.c: the timer service's table (system/timer_service/timers.c): deadlines,
 * periods, cancels and collection for many clients at once, against a model that
 * steps the clock one tick at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "timers.h"

#define CLIENTS 5

static struct timer_client clients[TIMERS_MAX_CLIENTS];
static struct timers t;

static int set_up(void **state)
{
    (void)state;
    timers_init(&t, clients, CLIENTS);
    return 0;
}

static void nothing_runs_at_first(void **state)
{
    (void)state;
    assert_int_equal(timers_next_deadline(&t), TIMERS_NEVER);
    assert_int_equal(timers_expire(&t, 1000000), 0);
    assert_int_equal(timers_collect(&t, 0), 0);
}

static void oneshot_completes_once_at_its_deadline(void **state)
{
    (void)state;
    assert_int_equal(timers_start(&t, 2, 7, 500, false, 1000), RPC_OK);
    assert_int_equal(timers_next_deadline(&t), 1500);
    assert_int_equal(timers_expire(&t, 1499), 0);            /* not yet */
    assert_int_equal(timers_expire(&t, 1500), 1u << 2);      /* client 2 to signal */
    assert_int_equal(timers_collect(&t, 2), 1u << 7);
    assert_int_equal(timers_collect(&t, 2), 0);              /* collecting clears */
    assert_int_equal(timers_next_deadline(&t), TIMERS_NEVER);
    assert_int_equal(timers_expire(&t, 99999), 0);            /* and it stopped */
}

static void periodic_keeps_its_phase_and_skips_missed_periods(void **state)
{
    (void)state;
    assert_int_equal(timers_start(&t, 0, 3, TIMER_MIN_PERIOD_NS, true, 0), RPC_OK);
    uint64_t p = TIMER_MIN_PERIOD_NS;
    assert_int_equal(timers_expire(&t, p + 10), 1);           /* a little late */
    assert_int_equal(timers_next_deadline(&t), 2 * p);        /* phase kept, not p + 10 + p */
    assert_int_equal(timers_expire(&t, 5 * p + 1), 1);        /* three missed: one completion */
    assert_int_equal(timers_next_deadline(&t), 6 * p);
    assert_int_equal(timers_collect(&t, 0), 1u << 3);
}

static void restart_replaces_and_forgets_a_completion(void **state)
{
    (void)state;
    assert_int_equal(timers_start(&t, 1, 0, 100, false, 0), RPC_OK);
    assert_int_equal(timers_expire(&t, 100), 1u << 1);
    assert_int_equal(timers_start(&t, 1, 0, 100, false, 150), RPC_OK);
    assert_int_equal(timers_collect(&t, 1), 0);
    assert_int_equal(timers_next_deadline(&t), 250);
}

static void cancel_stops_and_forgets(void **state)
{
    (void)state;
    assert_int_equal(timers_start(&t, 4, 31, 100, false, 0), RPC_OK);
    assert_int_equal(timers_start(&t, 4, 30, 200, false, 0), RPC_OK);
    assert_int_equal(timers_expire(&t, 150), 1u << 4);
    assert_int_equal(timers_cancel(&t, 4, 31), TIMER_E_NOT_RUNNING);   /* already done... */
    assert_int_equal(timers_collect(&t, 4), 0);                         /* ...and forgotten */
    assert_int_equal(timers_cancel(&t, 4, 30), RPC_OK);
    assert_int_equal(timers_expire(&t, 1000), 0);
    assert_int_equal(timers_cancel(&t, 4, 30), TIMER_E_NOT_RUNNING);
}

static void bad_requests_change_nothing(void **state)
{
    (void)state;
    assert_int_equal(timers_start(&t, 0, TIMER_MAX_PER_CLIENT, 100, false, 0), TIMER_E_BAD_ID);
    assert_int_equal(timers_start(&t, CLIENTS, 0, 100, false, 0), TIMER_E_BAD_ID);
    assert_int_equal(timers_start(&t, 0, 0, 0, false, 0), TIMER_E_BAD_DURATION);
    assert_int_equal(timers_start(&t, 0, 0, TIMER_MAX_NS + 1, false, 0), TIMER_E_BAD_DURATION);
    assert_int_equal(timers_start(&t, 0, 0, TIMER_MIN_PERIOD_NS - 1, true, 0),
                     TIMER_E_BAD_DURATION);
    assert_int_equal(timers_start(&t, 0, 0, TIMER_MAX_NS, false, 0), RPC_OK);   /* the limit */
    assert_int_equal(timers_cancel(&t, 0, 0), RPC_OK);
    assert_int_equal(timers_cancel(&t, 0, UINT64_MAX), TIMER_E_BAD_ID);
    assert_int_equal(timers_collect(&t, CLIENTS), 0);
    assert_int_equal(timers_next_deadline(&t), TIMERS_NEVER);
}

/* Random starts and cancels for every client against a model stepped one tick at a
 * time: every expiry at exactly the tick the model says, and to the right client. */
struct model_timer {
    uint64_t due, period;
    bool running;
};

static void random_step(struct model_timer m[CLIENTS][TIMER_MAX_PER_CLIENT], uint64_t now)
{
    unsigned c = (unsigned)rand() % CLIENTS, id = (unsigned)rand() % TIMER_MAX_PER_CLIENT;
    if (rand() % 3 == 0) {
        bool running = m[c][id].running;
        assert_int_equal(timers_cancel(&t, c, id), running ? RPC_OK : TIMER_E_NOT_RUNNING);
        m[c][id].running = false;
        return;
    }
    bool periodic = rand() % 2;
    uint64_t ns = periodic ? TIMER_MIN_PERIOD_NS + (uint64_t)(rand() % 50)
                           : 1 + (uint64_t)(rand() % 300000);
    assert_int_equal(timers_start(&t, c, id, ns, periodic, now), RPC_OK);
    m[c][id] = (struct model_timer){now + ns, periodic ? ns : 0, true};
}

static uint64_t model_expire(struct model_timer m[CLIENTS][TIMER_MAX_PER_CLIENT], unsigned c,
                             uint64_t now)
{
    uint64_t mask = 0;
    for (unsigned id = 0; id < TIMER_MAX_PER_CLIENT; id++) {
        struct model_timer *x = &m[c][id];
        if (x->running && x->due == now) {
            mask |= 1ull << id;
            x->running = x->period != 0;
            x->due += x->period;
        }
    }
    return mask;
}

static void random_against_model(void **state)
{
    (void)state;
    static struct model_timer m[CLIENTS][TIMER_MAX_PER_CLIENT];
    srand(5);
    for (uint64_t now = 1; now < 300000; now++) {
        if (rand() % 300 == 0) {
            random_step(m, now);
        }
        uint64_t signal = timers_expire(&t, now);
        for (unsigned c = 0; c < CLIENTS; c++) {
            uint64_t want = model_expire(m, c, now);
            assert_int_equal((signal >> c) & 1, want != 0);
            assert_int_equal(timers_collect(&t, c), want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(nothing_runs_at_first, set_up),
        cmocka_unit_test_setup(oneshot_completes_once_at_its_deadline, set_up),
        cmocka_unit_test_setup(periodic_keeps_its_phase_and_skips_missed_periods, set_up),
        cmocka_unit_test_setup(restart_replaces_and_forgets_a_completion, set_up),
        cmocka_unit_test_setup(cancel_stops_and_forgets, set_up),
        cmocka_unit_test_setup(bad_requests_change_nothing, set_up),
        cmocka_unit_test_setup(random_against_model, set_up),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
