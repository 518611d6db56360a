/*
 * monitor.h: the kernel's debug monitor, alive only while no thread can run.
 *
 * When every thread has stopped (say the root task faulted) the system would be a
 * silent brick. In debug builds the idle loop instead answers single keys on the
 * serial line: 'd' dumps every thread and why it stopped, 'h' halts the machine.
 * It only reads the UART while idle, so it never competes with a user-level driver.
 */
#ifndef CAIRN_KERNEL_MONITOR_H
#define CAIRN_KERNEL_MONITOR_H

/* The console UART's interrupt: while a user driver holds it, the monitor keeps off. */
void monitor_set_console_irq(unsigned irq);

/* Called once each time the kernel starts idling. */
void monitor_enter_idle(void);

/* Called on every idle wake-up: handles at most one waiting key. */
void monitor_poll(void);

/* Prints every thread with its state (like seL4's DebugDumpScheduler). */
void monitor_dump_threads(void);

#endif
