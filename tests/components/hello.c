/*
 * hello.c: the smallest component, loaded by tests/kernel/loader.c from a boot archive.
 *
 * It says where it runs, checks the three capabilities every component has to itself
 * (slots 1..3: TCB, CNode, VSpace), signals the notification in slot 5 and returns,
 * which suspends its thread.
 */
#include "cairn.h"

static int my_global = 41;   /* .data: loaded from the file */
static int my_zero;          /* .bss: a zeroed page */

int main(void)
{
    my_global++;
    bool own_caps = cairn_debug_cap_identify(1) == CAIRN_CAP_TYPE_TCB &&
                    cairn_debug_cap_identify(2) == CAIRN_CAP_TYPE_CNODE &&
                    cairn_debug_cap_identify(3) == CAIRN_CAP_TYPE_PAGE_TABLE;
    cairn_printf("hello: a component in its own address space: data %d, bss %d, own caps %s\n",
                 my_global, my_zero, own_caps ? "ok" : "WRONG");
    cairn_signal(5);
    return 0;
}
