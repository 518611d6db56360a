/*
 * syscall_arguments.c: every debug system call with bad arguments gets its error
 * code, prints nothing, and the caller carries on.
 *
 * Prints one "check ... ok|FAILED" line per case and halts with the failure count.
 */
#include "cairn.h"

static int failures;

static void check(const char *what, long got, long want)
{
    cairn_printf("check %-40s %s (got %ld, want %ld)\n", what, got == want ? "ok" : "FAILED",
                 got, want);
    failures += got != want;
}

static long call(long number, long arg0, long arg1)
{
    return cairn_syscall2(number, arg0, arg1);
}

int main(const struct cairn_bootinfo *info)
{
    static const char text[] = "visible\n";
    check("put_char 'x'", call(CAIRN_SYS_DEBUG_PUT_CHAR, 'x', 0), CAIRN_OK);
    check("put_char 256", call(CAIRN_SYS_DEBUG_PUT_CHAR, 256, 0), CAIRN_E_INVALID_ARGUMENT);
    check("put_string valid", call(CAIRN_SYS_DEBUG_PUT_STRING, (long)text, 8), CAIRN_OK);
    check("put_string empty", call(CAIRN_SYS_DEBUG_PUT_STRING, (long)text, 0), CAIRN_OK);
    check("put_string unmapped", call(CAIRN_SYS_DEBUG_PUT_STRING, 0x7ff000000l, 4),
          CAIRN_E_FAILED_LOOKUP);
    check("put_string null", call(CAIRN_SYS_DEBUG_PUT_STRING, 0, 4), CAIRN_E_FAILED_LOOKUP);
    check("put_string kernel address",
          call(CAIRN_SYS_DEBUG_PUT_STRING, (long)0xffffffc080100000ul, 4),
          CAIRN_E_INVALID_ARGUMENT);
    check("put_string wraps around", call(CAIRN_SYS_DEBUG_PUT_STRING, (long)text, -1),
          CAIRN_E_RANGE);
    check("put_string too long",
          call(CAIRN_SYS_DEBUG_PUT_STRING, (long)text, CAIRN_DEBUG_STRING_MAX + 1), CAIRN_E_RANGE);
    check("put_string crosses into unmapped page",
          call(CAIRN_SYS_DEBUG_PUT_STRING, (long)(CAIRN_ROOT_BOOTINFO_VADDR + CAIRN_PAGE_SIZE - 2),
               8),
          CAIRN_E_FAILED_LOOKUP);
    check("put_string from boot info (read-only)",
          call(CAIRN_SYS_DEBUG_PUT_STRING, (long)info->kernel_version, 5), CAIRN_OK);
    cairn_printf("\n");
    check("halt 256", call(CAIRN_SYS_DEBUG_HALT, 256, 0), CAIRN_E_INVALID_ARGUMENT);
    cairn_printf("syscall_arguments: %d failed\n", failures);
    return failures;
}
