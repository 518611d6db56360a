/*
 * prober: a component with no connections, trying to reach others anyway.
 *
 * It calls every cptr from 0 to 255 except its own four fixed capabilities as if it
 * were an RPC server: each call must fail (the kernel refuses: RPC_E_UNREACHABLE), never
 * return data; slots past its CNode, empty slots and the capabilities to its own pages
 * alike. It searches its whole image range for the vault's secret value (the vault's
 * image sits at the same addresses in the vault's own address space): it must not find
 * it. Last it reads an address it has nothing mapped at: its thread faults and stops,
 * and the others carry on.
 */
#include "cairn.h"
#include "prober_caps.h"
#include "rpc.h"

#define SECRET 0x5ec2e7ul   /* tests/system/vault/main.c */
#define IMAGE_START 0x10000ul

extern char __image_end[];

static bool own(unsigned slot)
{
    return slot == CAP_SELF_TCB || slot == CAP_SELF_CNODE || slot == CAP_SELF_VSPACE ||
           slot == CAP_SELF_IPC_BUFFER;
}

static void call_everything(void)
{
    unsigned called = 0, refused = 0, answered = 0;
    for (unsigned slot = 0; slot < 256; slot++) {
        if (own(slot)) {
            continue;
        }
        uint64_t data = 0;
        unsigned status = rpc_call(slot, 1, 0, 0, &data, sizeof(data));
        called++;
        refused += status == RPC_E_UNREACHABLE;
        answered += status == RPC_OK || data != 0;
    }
    cairn_printf("prober: called %u cptrs it holds no endpoint in: %u refused, %u answered\n",
                 called, refused, answered);
}

/* Every word of our own image (the secret is a constant in instructions here, never a
 * stored word): the vault's copy, at these same addresses in its space, is not ours. */
static void search_memory(void)
{
    unsigned found = 0;
    uint64_t end = (uint64_t)__image_end & ~7ul;
    for (uint64_t a = IMAGE_START; a < end; a += 8) {
        found += *(volatile uint64_t *)a == SECRET;
    }
    cairn_printf("prober: the vault's secret found %u times in 0x%lx..0x%lx\n", found,
                 IMAGE_START, end);
}

int main(void)
{
    call_everything();
    search_memory();
    cairn_printf("prober: reading 0x3f000000, where nothing of ours is mapped\n");
    cairn_printf("prober: read 0x%lx (must not get here)\n", *(volatile uint64_t *)0x3f000000ul);
    return 1;
}
