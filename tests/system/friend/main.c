/*
 * friend: the vault's one client (the positive control of the isolation test). It asks
 * twice: before and after the prober has tried everything.
 */
#include "cairn.h"
#include "friend_caps.h"
#include "rpc.h"

static void ask(const char *when)
{
    uint64_t secret = 0;
    unsigned status = rpc_call(CAP_RPC_VAULT, 1, 0, 0, &secret, sizeof(secret));
    cairn_printf("friend: %s: %s, secret 0x%lx\n", when, rpc_status_name(status), secret);
}

int main(void)
{
    ask("first call");
    for (int i = 0; i < 20; i++) {
        cairn_yield();   /* lower priorities cannot run while we are runnable... */
    }
    return 0;
}
