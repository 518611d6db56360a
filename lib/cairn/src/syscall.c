/*
 * syscall.c: the ecall stubs behind cairn.h.
 */
#include "cairn.h"

long cairn_syscall2(long number, long arg0, long arg1)
{
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
    return a0;
}

enum cairn_error cairn_debug_put_char(int c)
{
    return (enum cairn_error)cairn_syscall2(CAIRN_SYS_DEBUG_PUT_CHAR, c & 0xff, 0);
}

enum cairn_error cairn_debug_put_string(const char *s, size_t length)
{
    return (enum cairn_error)cairn_syscall2(CAIRN_SYS_DEBUG_PUT_STRING, (long)s, (long)length);
}

enum cairn_error cairn_debug_halt(unsigned status)
{
    return (enum cairn_error)cairn_syscall2(CAIRN_SYS_DEBUG_HALT, status, 0);
}

enum cairn_cap_type cairn_debug_cap_identify(cairn_cptr_t cptr)
{
    register long a0 __asm__("a0") = (long)cptr;
    register long a1 __asm__("a1") = 0;
    register long a7 __asm__("a7") = CAIRN_SYS_DEBUG_CAP_IDENTIFY;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
    return (enum cairn_cap_type)a1;
}

unsigned long cairn_debug_self_check(void)
{
    register long a0 __asm__("a0") = 0;
    register long a1 __asm__("a1") = 0;
    register long a7 __asm__("a7") = CAIRN_SYS_DEBUG_SELF_CHECK;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
    return (unsigned long)a1;
}

void cairn_yield(void)
{
    cairn_syscall2(CAIRN_SYS_YIELD, 0, 0);
}

void cairn_debug_dump_scheduler(void)
{
    cairn_syscall2(CAIRN_SYS_DEBUG_DUMP_SCHEDULER, 0, 0);
}

enum cairn_error cairn_debug_dump_cnode(cairn_cptr_t cnode)
{
    return (enum cairn_error)cairn_syscall2(CAIRN_SYS_DEBUG_DUMP_CNODE, (long)cnode, 0);
}
