/*
 * panic.h: stopping the kernel when an invariant is broken.
 */
#ifndef CAIRN_KERNEL_PANIC_H
#define CAIRN_KERNEL_PANIC_H

/* The machine exit status of a kernel panic, so a test harness can tell it apart. */
#define PANIC_EXIT_STATUS 99

/* Prints "KERNEL PANIC: <message>" and stops the machine with PANIC_EXIT_STATUS. */
void panic(const char *format, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Panics naming the function and condition when cond is false. */
#define kassert(cond) \
    ((cond) ? (void)0 : panic("%s:%d: %s: assertion failed: %s", __FILE__, __LINE__, __func__, #cond))

#endif
