/*
 * test_fmt.c: fmt_snprintf against the C library's snprintf, plus the behaviour only
 * Cairn's formatter has: "(null)" for a NULL %s, fixed-width %p, literal unknown
 * conversions that consume no argument, and snprintf-style truncation.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fmt.h"

#define BIG 1100

/* Formats with both fmt and libc (same arguments) and requires identical output. */
static void check_same(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void check_same(const char *format, ...)
{
    char want[BIG];
    char got[BIG];
    va_list a;
    va_list b;
    va_start(a, format);
    va_copy(b, a);
    int want_n = vsnprintf(want, sizeof(want), format, a);
    int got_n = fmt_vsnprintf(got, sizeof(got), format, b);
    va_end(b);
    va_end(a);
    if (strcmp(got, want) != 0 || got_n != want_n) {
        print_error("format \"%s\": fmt gave \"%s\" (%d), libc \"%s\" (%d)\n", format, got,
                    got_n, want, want_n);
    }
    assert_string_equal(got, want);
    assert_int_equal(got_n, want_n);
}

/* Formats without compile-time format checking, for deliberately bad formats. */
static int fmt_raw(char *buffer, size_t capacity, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = fmt_vsnprintf(buffer, capacity, format, args);
    va_end(args);
    return n;
}

static void test_integers(void **state)
{
    (void)state;
    check_same("%d", 0);
    check_same("%d", 1);
    check_same("%d", -1);
    check_same("%d", INT_MAX);
    check_same("%d", INT_MIN);
    check_same("%i", -12345);
    check_same("%u", 0u);
    check_same("%u", UINT_MAX);
    check_same("%ld", LONG_MIN);
    check_same("%ld", LONG_MAX);
    check_same("%li", -7L);
    check_same("%lu", ULONG_MAX);
    check_same("%lld", LLONG_MIN);
    check_same("%lld", LLONG_MAX);
    check_same("%llu", ULLONG_MAX);
    check_same("%zu", (size_t)0);
    check_same("%zu", SIZE_MAX);
    check_same("%zd", (ptrdiff_t)-5);
    check_same("%zd", (ptrdiff_t)PTRDIFF_MIN);
    check_same("%zi", (ptrdiff_t)PTRDIFF_MAX);
}

static void test_hex(void **state)
{
    (void)state;
    check_same("%x", 0u);
    check_same("%x", 0xdeadbeefu);
    check_same("%X", 0xdeadbeefu);
    check_same("%x", UINT_MAX);
    check_same("%lx", ULONG_MAX);
    check_same("%lX", 0x0123456789abcdefUL);
    check_same("%llx", 0xfedcba9876543210ULL);
    check_same("%zx", SIZE_MAX);
    check_same("%08x", 0xbeefu);
    check_same("%-8x|", 0xbeefu);
    check_same("%2X", 0xabcdefu);
}

static void test_width_and_flags(void **state)
{
    (void)state;
    check_same("%5d", 42);
    check_same("%5d", -42);
    check_same("%-5d|", 42);
    check_same("%-5d|", -42);
    check_same("%05d", 42);
    check_same("%05d", -42);
    check_same("%1d", 123456);
    check_same("%20ld", LONG_MIN);
    check_same("%020ld", LONG_MIN);
    check_same("%-20lu|", ULONG_MAX);
    check_same("%010u", 3000000000u);
    check_same("%999d", 7);
    check_same("%-999d|", -7);
}

/* '-' beats '0' (C says so; gcc rejects the combination at compile time, hence fmt_raw). */
static void test_left_beats_zero(void **state)
{
    (void)state;
    char buffer[64];
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%-05d|", -42), 6);
    assert_string_equal(buffer, "-42  |");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%0-5d|", 42), 6);
    assert_string_equal(buffer, "42   |");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%-08x|", 0xbeefu), 9);
    assert_string_equal(buffer, "beef    |");
}

static void test_empty_format(void **state)
{
    (void)state;
    char buffer[4] = "###";
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), ""), 0);
    assert_string_equal(buffer, "");
}

static void test_strings_and_chars(void **state)
{
    (void)state;
    check_same("%s", "");
    check_same("%s", "hello");
    check_same("%10s|", "hello");
    check_same("%-10s|", "hello");
    check_same("%3s", "longer than width");
    check_same("%c", 'x');
    check_same("%3c|", 'y');
    check_same("%-3c|", 'z');
    check_same("[%c%c%c]", 'a', 'b', 'c');
    check_same("%%");
    check_same("100%% done %d%%", 50);
    check_same("plain text, no conversions");
    check_same("%s=%d (%x) %c %lu", "key", -3, 255u, '!', 99UL);
}

static void test_null_string(void **state)
{
    (void)state;
    char buffer[64];
    const char *none = NULL;
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%s", none), 6);
    assert_string_equal(buffer, "(null)");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "[%8s]", none), 10);
    assert_string_equal(buffer, "[  (null)]");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "[%-8s]", none), 10);
    assert_string_equal(buffer, "[(null)  ]");
}

static void test_pointer(void **state)
{
    (void)state;
    char buffer[64];
    assert_int_equal(fmt_snprintf(buffer, sizeof(buffer), "%p", (void *)0x1234), 18);
    assert_string_equal(buffer, "0x0000000000001234");
    assert_int_equal(fmt_snprintf(buffer, sizeof(buffer), "%p", (void *)NULL), 18);
    assert_string_equal(buffer, "0x0000000000000000");
    fmt_snprintf(buffer, sizeof(buffer), "%p", (void *)(uintptr_t)0xffffffc000abcdefULL);
    assert_string_equal(buffer, "0xffffffc000abcdef");
    fmt_snprintf(buffer, sizeof(buffer), "<%p|%d>", (void *)0x10, 5);
    assert_string_equal(buffer, "<0x0000000000000010|5>");
}

/* '-' has no width to pad here, so it must not change the 16 zero-padded digits. */
static void test_pointer_left_flag(void **state)
{
    (void)state;
    char buffer[64];
    assert_int_equal(fmt_snprintf(buffer, sizeof(buffer), "[%-p]", (void *)0x1234), 20);
    assert_string_equal(buffer, "[0x0000000000001234]");
}

static void test_unknown_conversions(void **state)
{
    (void)state;
    char buffer[64];
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%q"), 2);
    assert_string_equal(buffer, "%q");
    /* The argument meant for nothing stays for the next real conversion. */
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%q%d", 7), 3);
    assert_string_equal(buffer, "%q7");
    fmt_raw(buffer, sizeof(buffer), "a%-05qb%s", "str");
    assert_string_equal(buffer, "a%-05qbstr");
    fmt_raw(buffer, sizeof(buffer), "%hd|%d", 9);
    assert_string_equal(buffer, "%hd|9");
    fmt_raw(buffer, sizeof(buffer), "%lq %lld", 8LL);
    assert_string_equal(buffer, "%lq 8");
}

static void test_trailing_percent(void **state)
{
    (void)state;
    char buffer[64];
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%"), 1);
    assert_string_equal(buffer, "%");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "abc%"), 4);
    assert_string_equal(buffer, "abc%");
    assert_int_equal(fmt_raw(buffer, sizeof(buffer), "%d%-08l", 3), 6);
    assert_string_equal(buffer, "3%-08l");
}

/* Every capacity from 0 to beyond the full length: libc and fmt agree byte for byte. */
static void check_truncation(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void check_truncation(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    for (size_t capacity = 0; capacity < 40; capacity++) {
        char want[48];
        char got[48];
        memset(want, '#', sizeof(want));
        memset(got, '#', sizeof(got));
        va_list a;
        va_list b;
        va_copy(a, args);
        va_copy(b, args);
        int want_n = vsnprintf(want, capacity, format, a);
        int got_n = fmt_vsnprintf(got, capacity, format, b);
        va_end(b);
        va_end(a);
        assert_int_equal(got_n, want_n);
        assert_memory_equal(got, want, sizeof(got));
    }
    va_end(args);
}

static void test_truncation_matches_libc(void **state)
{
    (void)state;
    check_truncation("%d", 123456);
    check_truncation("%s and %s", "first", "second");
    check_truncation("%-10s|%05d|%x", "ab", -12, 0xfeedu);
    check_truncation("%lu", ULONG_MAX);
}

static void test_truncation_small_buffers(void **state)
{
    (void)state;
    char buffer[8] = "#######";
    assert_int_equal(fmt_snprintf(buffer, 0, "%d", 123456), 6);
    assert_string_equal(buffer, "#######");
    assert_int_equal(fmt_snprintf(NULL, 0, "%s", "no buffer at all"), 16);
    assert_int_equal(fmt_snprintf(buffer, 1, "%d", 123456), 6);
    assert_int_equal(buffer[0], '\0');
    assert_string_equal(buffer + 1, "######");
    assert_int_equal(fmt_snprintf(buffer, 5, "%d", 123456), 6);
    assert_string_equal(buffer, "1234");
    assert_int_equal(fmt_snprintf(buffer, 7, "%d", 123456), 6);
    assert_string_equal(buffer, "123456");
    assert_int_equal(fmt_snprintf(buffer, 8, "%p", (void *)0xab), 18);
    assert_string_equal(buffer, "0x00000");
}

struct collect {
    char text[64];
    size_t used;
};

static void collect_char(void *context, char c)
{
    struct collect *collect = context;
    if (collect->used + 1 < sizeof(collect->text)) {
        collect->text[collect->used++] = c;
        collect->text[collect->used] = '\0';
    }
}

static int format_into(struct collect *collect, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static int format_into(struct collect *collect, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = fmt_vformat(collect_char, collect, format, args);
    va_end(args);
    return n;
}

static void test_vformat_sink(void **state)
{
    (void)state;
    struct collect collect = {.used = 0};
    assert_int_equal(format_into(&collect, "x=%d%c", -5, '\0'), 5);
    assert_int_equal(collect.used, 5);
    assert_memory_equal(collect.text, "x=-5\0", 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_width_and_flags),
        cmocka_unit_test(test_left_beats_zero),
        cmocka_unit_test(test_empty_format),
        cmocka_unit_test(test_strings_and_chars),
        cmocka_unit_test(test_null_string),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_pointer_left_flag),
        cmocka_unit_test(test_unknown_conversions),
        cmocka_unit_test(test_trailing_percent),
        cmocka_unit_test(test_truncation_matches_libc),
        cmocka_unit_test(test_truncation_small_buffers),
        cmocka_unit_test(test_vformat_sink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
