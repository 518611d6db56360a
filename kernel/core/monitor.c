/*
 * monitor.c: the idle-time debug monitor.
 */
#include "monitor.h"

#include "config.h"
#include "console.h"
#include "fault.h"
#include "irq.h"
#include "machine.h"
#include "sched.h"
#include "thread.h"
#include "timer.h"

static unsigned console_irq;

void monitor_enter_idle(void)
{
    if (console_irq != 0 && irq_is_issued(console_irq)) {
        return;   /* a user-level driver owns the serial line: the shell is on it, not us */
    }
    kprintf("kernel: no thread can run; idle\n");
    if (CAIRN_DEBUG) {
        kprintf("monitor: keys: d = dump threads, h = halt\n");
    }
}

void monitor_dump_threads(void)
{
    kprintf("ready queues:\n");
    sched_dump();
    kprintf("threads (tick %lu):\n", timer_ticks());
    for (struct tcb *t = thread_first(); t != 0; t = t->next_thread) {
        kprintf("  #%u %-16s ", t->id, t->name);
        static const char *const states[] = {
            [THREAD_INACTIVE] = "inactive", [THREAD_RUNNABLE] = "runnable",
            [THREAD_BLOCKED_SEND] = "blocked sending", [THREAD_BLOCKED_RECEIVE] = "blocked receiving",
            [THREAD_BLOCKED_REPLY] = "waiting for a reply",
            [THREAD_BLOCKED_NOTIFICATION] = "waiting on a notification",
        };
        if (t->state == THREAD_STOPPED) {
            kprintf("stopped: ");
            fault_describe(&t->stop);
            kprintf("\n");
        } else {
            kprintf("%s, priority %u, pc 0x%lx\n", states[t->state], t->priority, t->context.pc);
        }
    }
}

void monitor_set_console_irq(unsigned irq)
{
    console_irq = irq;
}

void monitor_poll(void)
{
    /* A user-level driver that owns the UART gets every byte: the monitor reads none. */
    if (!CAIRN_DEBUG || (console_irq != 0 && irq_is_issued(console_irq))) {
        return;
    }
    int key = console_get_char();
    if (key == 'd') {
        monitor_dump_threads();
    } else if (key == 'h') {
        kprintf("monitor: halt\n");
        machine_halt(0);
    } else if (key >= 0 && key != '\r' && key != '\n') {
        kprintf("monitor: unknown key (d = dump threads, h = halt)\n");
    }
}
