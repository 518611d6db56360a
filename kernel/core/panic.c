/*
 * panic.c: report a broken kernel invariant and stop the machine.
 */
#include "panic.h"

#include "console.h"
#include "machine.h"

void panic(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    kprintf("\nKERNEL PANIC: ");
    kvprintf(format, args);
    kprintf("\n");
    va_end(args);
    machine_halt(PANIC_EXIT_STATUS);
}
