/*
 * timers.h: every client's timers and which expire when; no device, no kernel.
 *
 * The table is pure bookkeeping so that a host test can drive it through any sequence
 * of starts, cancels and clock readings; main.c connects it to the RTC and to the
 * clients' notifications.
 */
#ifndef TIMER_SERVICE_TIMERS_H
#define TIMER_SERVICE_TIMERS_H

#include <stdbool.h>
#include <stdint.h>

#include "timer_service.h"

#define TIMERS_MAX_CLIENTS 62       /* the most clients one rpc can have */
#define TIMERS_NEVER UINT64_MAX

struct timer {
    uint64_t deadline;              /* TIMERS_NEVER: not running */
    uint64_t period;                /* 0: one-shot */
};

struct timer_client {
    struct timer timers[TIMER_MAX_PER_CLIENT];
    uint64_t completed;             /* bit i: timer i completed since last collected */
};

struct timers {
    unsigned client_count;
    struct timer_client *clients;   /* [client_count], the caller's: sized for its system */
};

/* No timer running, for `count` clients (at most TIMERS_MAX_CLIENTS) in clients[]. */
void timers_init(struct timers *t, struct timer_client *clients, unsigned count);

/* Starts (or restarts) timer id of client, due at now + ns and then every ns if
 * periodic. Returns RPC_OK or a TIMER_E_* status; nothing changes on an error. */
unsigned timers_start(struct timers *t, unsigned client, uint64_t id, uint64_t ns,
                      bool periodic, uint64_t now);

/* Stops timer id of client and forgets a completion of it not yet collected. */
unsigned timers_cancel(struct timers *t, unsigned client, uint64_t id);

/* Marks every timer due at or before now completed, moves periodic ones to their next
 * deadline after now (missed periods complete once), stops one-shots. Returns a mask
 * of the clients that gained a completion (bit c: client c), to be signalled. */
uint64_t timers_expire(struct timers *t, uint64_t now);

/* The client's completed timers, cleared. */
uint64_t timers_collect(struct timers *t, unsigned client);

/* The earliest deadline of any running timer, or TIMERS_NEVER. */
uint64_t timers_next_deadline(const struct timers *t);

#endif
