/*
 * timer_service.h: the timer service's interface (lib/rpc methods on its endpoint).
 *
 * Each client has TIMER_MAX_PER_CLIENT timers, numbered 0..31, of its own: another
 * client's timers are out of its reach, as the service knows a client only by the badge
 * the kernel delivers. A timer is one-shot or periodic; starting a running timer starts
 * it afresh. When timers expire the service marks them completed and signals the
 * client's notification (the rpc's `signals` in the system description); the client
 * then asks which with TIMER_COMPLETED, which also clears them. `timer_wait` below
 * blocks until at least one has completed; TIMER_COMPLETED alone is the poll.
 *
 * Times are nanoseconds of the service's clock, which starts at 0 when the service
 * does and never goes back.
 */
#ifndef CAIRN_TIMER_SERVICE_H
#define CAIRN_TIMER_SERVICE_H

#include <stdint.h>

#include "cairn.h"
#include "rpc.h"

enum timer_service_method {
    TIMER_ONESHOT = 1,       /* struct timer_start: completes once, ns from now */
    TIMER_PERIODIC = 2,      /* struct timer_start: completes every ns, the first ns from now */
    TIMER_CANCEL = 3,        /* struct timer_cancel: stops it; a completion not yet
                                collected is forgotten */
    TIMER_COMPLETED = 4,     /* no request; reply struct timer_completed */
    TIMER_NOW = 5,           /* no request; reply struct timer_now */
};

enum timer_service_error {
    TIMER_E_BAD_ID = RPC_SERVICE_ERROR_BASE,  /* id is not 0..TIMER_MAX_PER_CLIENT-1 */
    TIMER_E_BAD_DURATION,                     /* 0, over TIMER_MAX_NS, or a period under
                                                 TIMER_MIN_PERIOD_NS */
    TIMER_E_NOT_RUNNING,                      /* cancel of a timer that is not running */
};

#define TIMER_MAX_PER_CLIENT 32
#define TIMER_MIN_PERIOD_NS 100000ull               /* 100 us: faster would flood a client */
#define TIMER_MAX_NS (1000000000ull * 86400 * 365)  /* a year */

struct timer_start {
    uint64_t id;
    uint64_t ns;
};

struct timer_cancel {
    uint64_t id;
};

struct timer_completed {
    uint64_t mask;           /* bit i: timer i completed (at least once) since last asked */
};

struct timer_now {
    uint64_t ns;
};

/* The name of a status of this service or of lib/rpc, for messages. */
static inline const char *timer_status_name(unsigned status)
{
    switch (status) {
    case TIMER_E_BAD_ID:
        return "no such timer (ids are 0..31)";
    case TIMER_E_BAD_DURATION:
        return "bad duration";
    case TIMER_E_NOT_RUNNING:
        return "timer not running";
    default:
        return rpc_status_name(status);
    }
}

/* Starts timer id of the caller: once (periodic false) or every ns. Returns the status. */
static inline unsigned timer_start(cairn_cptr_t server, uint64_t id, uint64_t ns, bool periodic)
{
    struct timer_start request = {id, ns};
    return rpc_call(server, periodic ? TIMER_PERIODIC : TIMER_ONESHOT, &request,
                    sizeof(request), 0, 0);
}

static inline unsigned timer_cancel(cairn_cptr_t server, uint64_t id)
{
    struct timer_cancel request = {id};
    return rpc_call(server, TIMER_CANCEL, &request, sizeof(request), 0, 0);
}

/* The timers completed since the last call, cleared as they are returned (the poll). */
static inline unsigned timer_completed(cairn_cptr_t server, uint64_t *mask)
{
    struct timer_completed reply = {0};
    unsigned status = rpc_call(server, TIMER_COMPLETED, 0, 0, &reply, sizeof(reply));
    *mask = reply.mask;
    return status;
}

/* Blocks on the caller's notification (`signals`, its CAP_SIGNALS_<rpc>) until at least
 * one timer has completed; returns the status and the completed timers in *mask. */
static inline unsigned timer_wait(cairn_cptr_t server, cairn_cptr_t signals, uint64_t *mask)
{
    unsigned status;
    do {
        cairn_wait(signals);
        status = timer_completed(server, mask);
    } while (status == RPC_OK && *mask == 0);   /* collected by a poll meanwhile */
    return status;
}

static inline unsigned timer_now(cairn_cptr_t server, uint64_t *ns)
{
    struct timer_now reply = {0};
    unsigned status = rpc_call(server, TIMER_NOW, 0, 0, &reply, sizeof(reply));
    *ns = reply.ns;
    return status;
}

#endif
