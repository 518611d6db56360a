/*
 * main.c: timer_service, per-client timers on the goldfish RTC.
 *
 * The only component that maps the RTC and holds its interrupt. One rpc_serve loop gets
 * both the clients' calls and, through the IRQ notification bound to its thread, the
 * alarm. After every change it sets the device's one alarm to the earliest deadline of
 * all clients (timers.c); when the alarm rings it marks what expired and signals each
 * client concerned on its own notification (the rpc's `signals`: the signal capability
 * of the client with badge b is CAP_SIGNAL_TIMER_FIRST + b - 1). A client is known by
 * its badge alone, so it reaches its own timers and no one else's.
 */
#include "cairn.h"
#include "log.h"
#include "rpc.h"
#include "rtc.h"
#include "timer_service.h"
#include "timer_service_caps.h"
#include "timers.h"

_Static_assert(SIGNAL_TIMER_CLIENTS <= TIMERS_MAX_CLIENTS, "one rpc has at most 62 clients");

static struct timer_client clients[SIGNAL_TIMER_CLIENTS];
static struct timers timers;

/* Signals every client in mask (bit c: the client with badge c + 1). */
static void signal_clients(uint64_t mask)
{
    for (unsigned c = 0; c < SIGNAL_TIMER_CLIENTS; c++) {
        if (mask & (1ull << c)) {
            cairn_signal(CAP_SIGNAL_TIMER_FIRST + c);
        }
    }
}

/* Completes what is due and sets the alarm for what is next. A deadline that passes
 * while the alarm is being set rings at once (the device raises an alarm in the past). */
static void settle(void)
{
    signal_clients(timers_expire(&timers, rtc_now()));
    rtc_set_alarm(timers_next_deadline(&timers));
}

static void alarm(void)
{
    rtc_clear_interrupt();
    settle();
    cairn_irq_handler_ack(CAP_IRQ_11);
}

static unsigned start(unsigned client, const struct rpc_request *request, bool periodic)
{
    struct timer_start s;
    if (!rpc_request_read(request, &s, sizeof(s))) {
        return RPC_E_BAD_REQUEST;
    }
    return timers_start(&timers, client, s.id, s.ns, periodic, rtc_now());
}

static unsigned cancel(unsigned client, const struct rpc_request *request)
{
    struct timer_cancel c;
    if (!rpc_request_read(request, &c, sizeof(c))) {
        return RPC_E_BAD_REQUEST;
    }
    return timers_cancel(&timers, client, c.id);
}

/* The methods without a request: what completed, and the time. */
static void answer(unsigned client, const struct rpc_request *request, struct rpc_reply *reply)
{
    if (request->words != 0) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
    } else if (request->method == TIMER_COMPLETED) {
        struct timer_completed done = {timers_collect(&timers, client)};
        rpc_reply_set(reply, RPC_OK, &done, sizeof(done));
    } else {
        struct timer_now now = {rtc_now()};
        rpc_reply_set(reply, RPC_OK, &now, sizeof(now));
    }
}

static void handle(void *context, const struct rpc_request *request, struct rpc_reply *reply)
{
    (void)context;
    if (rpc_is_signal(request)) {
        alarm();
        return;
    }
    unsigned client = (unsigned)(request->badge - 1);   /* badges are 1.. (plan.c) */
    if (request->badge == 0 || client >= SIGNAL_TIMER_CLIENTS) {
        rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
        return;
    }
    switch (request->method) {
    case TIMER_ONESHOT:
    case TIMER_PERIODIC:
        rpc_reply_set(reply, start(client, request, request->method == TIMER_PERIODIC), 0, 0);
        settle();
        return;
    case TIMER_CANCEL:
        rpc_reply_set(reply, cancel(client, request), 0, 0);
        settle();
        return;
    case TIMER_COMPLETED:
    case TIMER_NOW:
        answer(client, request, reply);
        return;
    default:
        return;   /* RPC_E_NO_METHOD */
    }
}

int main(void)
{
    log_set_name("timer_service");
    timers_init(&timers, clients, SIGNAL_TIMER_CLIENTS);
    rtc_init();
    log_info("goldfish rtc at 0x%lx, irq 11: %u clients of %u timers each",
             (unsigned long)MMIO_RTC_VADDR, (unsigned)SIGNAL_TIMER_CLIENTS,
             (unsigned)TIMER_MAX_PER_CLIENT);
    rpc_serve(CAP_RPC_TIMER, handle, 0);
}
