/*
 * fault_unmapped_jump.c: a root task that jumps to an address nothing is mapped at.
 *
 * Expected: an instruction page fault at that address, with the pc equal to it.
 */
#include "cairn.h"

#define UNMAPPED_ADDRESS 0x7ff000000ul

int main(void)
{
    cairn_printf("test: jump to 0x%lx\n", UNMAPPED_ADDRESS);
    void (*target)(void) = (void (*)(void))UNMAPPED_ADDRESS;
    target();
    cairn_printf("test: FAILED: came back\n");
    return 1;
}
