/*
 * test_duration.c: the shell's durations (system/debug_console/duration.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "duration.h"

static uint64_t parsed(const char *text)
{
    uint64_t ns = 12345;
    assert_true(duration_parse(text, &ns));
    return ns;
}

static void refused(const char *text)
{
    uint64_t ns = 12345;
    assert_false(duration_parse(text, &ns));
    assert_int_equal(ns, 12345);   /* untouched */
}

static void units_and_fractions(void **state)
{
    (void)state;
    assert_int_equal(parsed("2"), 2000000000ull);
    assert_int_equal(parsed("2s"), 2000000000ull);
    assert_int_equal(parsed("0.5"), 500000000ull);
    assert_int_equal(parsed(".25"), 250000000ull);
    assert_int_equal(parsed("1."), 1000000000ull);
    assert_int_equal(parsed("250ms"), 250000000ull);
    assert_int_equal(parsed("1.5ms"), 1500000ull);
    assert_int_equal(parsed("40us"), 40000ull);
    assert_int_equal(parsed("0.001us"), 1ull);
    assert_int_equal(parsed("0.000000001"), 1ull);
    assert_int_equal(parsed("86400"), DURATION_MAX_NS);
    assert_int_equal(parsed("007"), 7000000000ull);
}

static void nonsense_is_refused(void **state)
{
    (void)state;
    const char *bad[] = {
        "", ".", "s", "ms", "0", "0.0", "0ms", "-1", "+1", "1 s", " 1", "1x", "1sec", "1m",
        "1h", "1.2.3", "1e3", "0x10", "1..", "0.0000000001", "0.0001us", "86400.000000001",
        "86401", "99999999999999999999999", "18446744073709551616", "1ms2", "ms1", "1S",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        refused(bad[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(units_and_fractions),
        cmocka_unit_test(nonsense_is_refused),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
