/*
 * sbi.c: the few SBI calls the kernel makes. Arguments in a0..a5, the extension id
 * in a7 and the function id in a6; the firmware returns an error in a0.
 */
#include "sbi.h"

#define SBI_LEGACY_PUTCHAR 0x01
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_SRST 0x53525354

static long sbi_call(long extension, long function, long arg0, long arg1)
{
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a6 __asm__("a6") = function;
    register long a7 __asm__("a7") = extension;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    return a0;
}

void sbi_console_put_char(char c)
{
    sbi_call(SBI_LEGACY_PUTCHAR, 0, (unsigned char)c, 0);
}

void sbi_set_timer(uint64_t deadline)
{
    sbi_call(SBI_EXT_TIME, 0, (long)deadline, 0);
}

void sbi_shutdown(void)
{
    sbi_call(SBI_EXT_SRST, 0, 0 /* shutdown */, 0 /* no reason */);
    for (;;) {
        __asm__ volatile("wfi");
    }
}
