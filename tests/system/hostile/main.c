/*
 * hostile: a client that sends malformed requests to the services it may call.
 *
 * Seeded and reproducible: 4,000 requests to each of memory_manager, uart_driver and
 * timer_service with
 * random methods, every message length 0..120 and random words (a UART_WRITE's length
 * field is often a lie). Every reply must be an RPC status (never a hang, never a crash);
 * then a well-formed request to each must still work. (Accepted writes print random
 * bytes; the summaries start on a new line.)
 */
#include "cairn.h"
#include "hostile_caps.h"
#include "memory_manager.h"
#include "rpc.h"
#include "timer_service.h"
#include "uart_driver.h"

#define ROUNDS 4000

static uint64_t seed = 0x40571e;

static uint64_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* One random request to server; returns its status (an RPC status or the service's). */
static unsigned garbage(cairn_cptr_t server)
{
    static uint64_t words[RPC_MAX_WORDS];
    unsigned length = (unsigned)(next() % (RPC_MAX_WORDS + 1));
    for (unsigned i = 0; i < length; i++) {
        words[i] = next() % 4 == 0 ? next() % 1024 : next();
    }
    unsigned method = (unsigned)(next() % 8);   /* mostly near the real ones */
    return rpc_call(server, method, words, length * sizeof(uint64_t), 0, 0);
}

static void attack(const char *name, cairn_cptr_t server, unsigned *ok)
{
    unsigned counts[RPC_SERVICE_ERROR_BASE + 1] = {0};
    for (unsigned i = 0; i < ROUNDS; i++) {
        unsigned status = garbage(server);
        counts[status < RPC_SERVICE_ERROR_BASE ? status : RPC_SERVICE_ERROR_BASE]++;
    }
    *ok = counts[RPC_OK] + counts[RPC_E_BAD_REPLY];   /* requests that happened to be valid */
    cairn_printf("\nhostile: %s: %u requests: %u refused as bad, %u unknown method, %u "
                 "accepted, %u unreachable\n", name, ROUNDS, counts[RPC_E_BAD_REQUEST],
                 counts[RPC_E_NO_METHOD], *ok, counts[RPC_E_UNREACHABLE]);
}

/* After the garbage (which may have started timers of ours): every timer cancelled, then
 * one of 1 ms must complete. */
static const char *timer_answers(void)
{
    for (uint64_t id = 0; id < TIMER_MAX_PER_CLIENT; id++) {
        (void)timer_cancel(CAP_RPC_TIMER, id);
    }
    if (timer_start(CAP_RPC_TIMER, 31, 1000000, false) != RPC_OK) {
        return "refused a good timer";
    }
    uint64_t mask = 0;
    while (!(mask & (1ull << 31))) {
        if (timer_wait(CAP_RPC_TIMER, CAP_SIGNALS_TIMER, &mask) != RPC_OK) {
            return "failed to wait";
        }
    }
    return "ok";
}

int main(void)
{
    unsigned accepted;
    attack("memory_manager", CAP_RPC_MEMORY, &accepted);
    attack("uart_driver", CAP_RPC_CONSOLE, &accepted);
    attack("timer_service", CAP_RPC_TIMER, &accepted);
    struct mm_stats stats;
    unsigned mm = rpc_call(CAP_RPC_MEMORY, MM_STATS, 0, 0, &stats, sizeof(stats));
    static struct uart_write hello = {.length = 22, .data = "hostile: uart answers\n"};
    unsigned uart = rpc_call(CAP_RPC_CONSOLE, UART_WRITE, &hello, 8 + hello.length, 0, 0);
    cairn_printf("\nhostile: afterwards memory_manager %s (%lu KiB free), uart_driver %s, "
                 "timer_service %s\n", rpc_status_name(mm), stats.free_bytes >> 10,
                 rpc_status_name(uart), timer_answers());
    return 0;
}
