/*
 * vault: serves its secret to whoever holds a capability to call it (tests/system/
 * isolation.desc gives one to `friend` only), and says who called by badge.
 */
#include "cairn.h"
#include "rpc.h"
#include "vault_caps.h"

volatile uint64_t vault_secret = 0x5ec2e7;   /* in .data: a known address in its image */

static void handle(void *context, const struct rpc_request *request, struct rpc_reply *reply)
{
    (void)context;
    cairn_printf("vault: call from badge %lu\n", request->badge);
    uint64_t secret = vault_secret;
    rpc_reply_set(reply, RPC_OK, &secret, sizeof(secret));
}

int main(void)
{
    cairn_printf("vault: secret at 0x%lx\n", (unsigned long)&vault_secret);
    rpc_serve(CAP_RPC_VAULT, handle, 0);
}
