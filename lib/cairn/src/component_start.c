/*
 * component_start.c: from component_crt0.S to main (thread 0) or cairn_thread_main.
 *
 * A component's program is a service: when a thread's function returns, the thread has
 * nothing left to do, so it suspends itself (the root server passes the capability to
 * the thread's own TCB in a1) rather than run off the end of the code.
 */
#include "cairn.h"
#include "cairn_component.h"

int main(void);
void cairn_component_start(uint64_t thread_index, cairn_cptr_t own_tcb, uint64_t start_word);

uint64_t cairn_component_start_word;

/* Threads other than the first: a component with more than one thread defines this. */
__attribute__((weak)) void cairn_thread_main(unsigned index)
{
    cairn_printf("component: thread %u has no cairn_thread_main\n", index);
}

void cairn_component_start(uint64_t thread_index, cairn_cptr_t own_tcb, uint64_t start_word)
{
    if (thread_index == 0) {
        cairn_component_start_word = start_word;
        int status = main();
        if (status != 0) {
            cairn_printf("component: main returned %d; its thread stops\n", status);
        }
    } else {
        cairn_thread_main((unsigned)thread_index);
    }
    for (;;) {
        cairn_tcb_suspend(own_tcb);
    }
}
