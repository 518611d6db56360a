/*
 * timers.c: the timer table of timers.h.
 *
 * A linear scan finds the next deadline: 62 clients of 32 timers is under 2,000 entries,
 * scanned once per request or expiry, which costs less than keeping a heap in order on
 * a service whose clients set a timer every few milliseconds at most.
 */
#include "timers.h"

void timers_init(struct timers *t, struct timer_client *clients, unsigned count)
{
    t->clients = clients;
    t->client_count = count <= TIMERS_MAX_CLIENTS ? count : TIMERS_MAX_CLIENTS;
    for (unsigned c = 0; c < t->client_count; c++) {
        t->clients[c].completed = 0;
        for (unsigned i = 0; i < TIMER_MAX_PER_CLIENT; i++) {
            t->clients[c].timers[i] = (struct timer){TIMERS_NEVER, 0};
        }
    }
}

static bool duration_ok(uint64_t ns, bool periodic)
{
    return ns > 0 && ns <= TIMER_MAX_NS && (!periodic || ns >= TIMER_MIN_PERIOD_NS);
}

unsigned timers_start(struct timers *t, unsigned client, uint64_t id, uint64_t ns,
                      bool periodic, uint64_t now)
{
    if (client >= t->client_count || id >= TIMER_MAX_PER_CLIENT) {
        return TIMER_E_BAD_ID;
    }
    if (!duration_ok(ns, periodic)) {
        return TIMER_E_BAD_DURATION;
    }
    struct timer_client *c = &t->clients[client];
    c->timers[id] = (struct timer){now + ns, periodic ? ns : 0};   /* both under 2^62 */
    c->completed &= ~(1ull << id);   /* a restarted timer has not completed yet */
    return RPC_OK;
}

unsigned timers_cancel(struct timers *t, unsigned client, uint64_t id)
{
    if (client >= t->client_count || id >= TIMER_MAX_PER_CLIENT) {
        return TIMER_E_BAD_ID;
    }
    struct timer_client *c = &t->clients[client];
    bool running = c->timers[id].deadline != TIMERS_NEVER;
    c->timers[id] = (struct timer){TIMERS_NEVER, 0};
    c->completed &= ~(1ull << id);
    return running ? RPC_OK : TIMER_E_NOT_RUNNING;
}

/* Whether timer tm expired by now; a periodic one moves past now, a one-shot stops. */
static bool expire_one(struct timer *tm, uint64_t now)
{
    if (tm->deadline > now) {
        return false;
    }
    if (tm->period == 0) {
        tm->deadline = TIMERS_NEVER;
    } else {
        uint64_t missed = (now - tm->deadline) / tm->period;
        tm->deadline += (missed + 1) * tm->period;
    }
    return true;
}

uint64_t timers_expire(struct timers *t, uint64_t now)
{
    uint64_t signal = 0;
    for (unsigned c = 0; c < t->client_count; c++) {
        struct timer_client *client = &t->clients[c];
        for (unsigned i = 0; i < TIMER_MAX_PER_CLIENT; i++) {
            if (expire_one(&client->timers[i], now)) {
                client->completed |= 1ull << i;
                signal |= 1ull << c;
            }
        }
    }
    return signal;
}

uint64_t timers_collect(struct timers *t, unsigned client)
{
    if (client >= t->client_count) {
        return 0;
    }
    uint64_t mask = t->clients[client].completed;
    t->clients[client].completed = 0;
    return mask;
}

uint64_t timers_next_deadline(const struct timers *t)
{
    uint64_t next = TIMERS_NEVER;
    for (unsigned c = 0; c < t->client_count; c++) {
        for (unsigned i = 0; i < TIMER_MAX_PER_CLIENT; i++) {
            uint64_t d = t->clients[c].timers[i].deadline;
            next = d < next ? d : next;
        }
    }
    return next;
}
