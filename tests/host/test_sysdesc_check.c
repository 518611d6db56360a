/*
 * test_sysdesc_check.c: the rules on descriptions built for the purpose: rpc cycles
 * (direct, long, several, none in a diamond, through many clients of one server), the
 * priority order of calls, shared regions, irqs and mmio claimed twice, that errors come
 * sorted by position whichever rule found them, and the cap of DIAG_MAX errors.
 * tests/sysdesc/bad has one fixture per rule; these cases cover what fixtures cannot
 * show as well: long generated systems and the exact order of several errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sysdesc_text.h"

#define TEXT_MAX (64 * 1024)

/* A platform, components c0 .. c(count-1) at one priority, then `tail`. */
static char *components(unsigned count, const char *tail)
{
    char *text = malloc(TEXT_MAX);
    assert_non_null(text);
    size_t at = (size_t)snprintf(text, TEXT_MAX, "%s", SD_TEST_PLATFORM);
    for (unsigned i = 0; i < count; i++) {
        at += (size_t)snprintf(text + at, TEXT_MAX - at,
                               "component c%u {\n    image c\n    thread main priority 9\n}\n", i);
    }
    snprintf(text + at, TEXT_MAX - at, "%s", tail);
    return text;
}

static void expect_with(unsigned count, const char *tail, const char *const *expected,
                        unsigned errors)
{
    char *text = components(count, tail);
    sd_test_expect_errors(text, expected, errors);
    free(text);
}

/* --- cycles ------------------------------------------------------------------------- */

static void test_cycle_direct(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "16:8: rpc cycle can deadlock: c0 -> c1 -> c0"};
    expect_with(2, "rpc a: c0 -> c1\nrpc b: c1 -> c0\n", expected, 1);
}

static void test_no_cycle_in_a_diamond(void **state)
{
    (void)state;
    /* c0 calls c1 and c2, both call c3: two paths, no circle. */
    char *text = components(4, "rpc a: c0 -> c1\nrpc b: c0 -> c2\nrpc c: c1, c2 -> c3\n");
    sd_test_clean(text);
    free(text);
}

static void test_cycle_found_from_any_start(void **state)
{
    (void)state;
    /* The cycle c2 -> c3 -> c2 is not reachable from c0 or c1. */
    static const char *const expected[] = {
        "25:8: rpc cycle can deadlock: c2 -> c3 -> c2"};
    expect_with(4, "rpc a: c0 -> c1\nrpc b: c2 -> c3\nrpc c: c3 -> c2\n", expected, 1);
}

/* A ring through all 64 components: the message names every one, in call order. */
static void test_cycle_through_every_component(void **state)
{
    (void)state;
    char tail[4096], expected_text[2048];
    size_t at = 0, e = 0;
    e += (size_t)snprintf(expected_text, sizeof(expected_text), "rpc cycle can deadlock: ");
    for (unsigned i = 0; i < 64; i++) {
        at += (size_t)snprintf(tail + at, sizeof(tail) - at, "rpc r%u: c%u -> c%u\n", i, i,
                               (i + 1) % 64);
        e += (size_t)snprintf(expected_text + e, sizeof(expected_text) - e, "c%u -> ", i);
    }
    snprintf(expected_text + e, sizeof(expected_text) - e, "c0");
    char *text = components(64, tail);
    struct analysis *a = sd_test_analyse(text);
    free(text);
    assert_int_equal(a->diag.found, 1);
    assert_string_equal(a->diag.entries[0].message, expected_text);
}

static void test_cycles_skip_unknown_components(void **state)
{
    (void)state;
    static const char *const expected[] = {"15:14: unknown component 'ghost'",
                                           "16:8: unknown component 'ghost'"};
    expect_with(2, "rpc a: c0 -> ghost\nrpc b: ghost -> c0\n", expected, 2);
}

/* --- other rules -------------------------------------------------------------------- */

static void test_equal_priorities_may_call(void **state)
{
    (void)state;
    char *text = components(2, "rpc a: c0 -> c1\n");
    sd_test_clean(text);
    free(text);
}

/* The server's highest thread counts, so a server with one fast thread is fine. */
static void test_server_priority_is_its_highest_thread(void **state)
{
    (void)state;
    sd_test_clean(SD_TEST_PLATFORM
                  "component client {\n    image a\n    thread main priority 100\n}\n"
                  "component server {\n    image b\n    thread main priority 50\n"
                  "    thread fast priority 120\n}\n"
                  "rpc x: client -> server\n");
}

static void test_errors_sorted_by_position(void **state)
{
    (void)state;
    /* Found by three different groups, in another order; printed by position. */
    static const char *const expected[] = {
        "7:11: component 'a' has no image",
        "8:26: priority 300 is above 254 (255 is the root server's)",
        "9:9: no platform device has irq 99",
        "11:16: unknown component 'nobody'",
    };
    sd_test_expect_errors(SD_TEST_PLATFORM "component a {\n    thread main priority 300\n"
                          "    irq 99\n}\nnotify n: a -> nobody\n", expected, 4);
}

static void test_at_most_50_errors(void **state)
{
    (void)state;
    char tail[8192];
    size_t at = 0;
    for (unsigned i = 0; i < 60; i++) {
        at += (size_t)snprintf(tail + at, sizeof(tail) - at, "rpc r%u: c0 -> x%u\n", i, i);
    }
    char *text = components(1, tail);
    struct analysis *a = sd_test_analyse(text);
    free(text);
    assert_int_equal(a->diag.found, 60);
    assert_int_equal(a->diag.count, DIAG_MAX);
    assert_string_equal(sd_test_error(a, 0), "11:15: unknown component 'x0'");
    assert_string_equal(sd_test_error(a, 49), "60:16: unknown component 'x49'");
}

static void test_mmio_and_irq_claims(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "16:10: mmio 'uart0' claimed twice: 0x10000000..0x10000fff is also mapped by a "
        "('regs', line 10)",
        "17:9: irq 11 claimed twice (also held by a, line 11)",
    };
    sd_test_expect_errors(SD_TEST_PLATFORM
                          "component a {\n    image a\n    thread main priority 1\n"
                          "    mmio regs at 0x10000000 size 0x10 r\n    irq rtc\n}\n"
                          "component b {\n    image b\n    thread main priority 1\n"
                          "    mmio uart0 rw\n    irq 11\n}\n",
                          expected, 2);
}

static void test_shared_rules(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "15:8: shared 's' has only one component",
        "15:8: shared 's': no component may write it",
        "16:21: c0 listed twice in shared 't'",
    };
    expect_with(2, "shared s 4K: c0 r\nshared t 8K: c0 rw, c0 r, c1 r\n", expected, 3);
}

static void test_power_holders(void **state)
{
    (void)state;
    sd_test_clean(SD_TEST_PLATFORM
                  "component memory_manager {\n    image m\n    thread main priority 9\n"
                  "    untyped\n}\n"
                  "component process_manager {\n    image p\n    thread main priority 9\n"
                  "    asid_control\n}\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycle_direct),
        cmocka_unit_test(test_no_cycle_in_a_diamond),
        cmocka_unit_test(test_cycle_found_from_any_start),
        cmocka_unit_test(test_cycle_through_every_component),
        cmocka_unit_test(test_cycles_skip_unknown_components),
        cmocka_unit_test(test_equal_priorities_may_call),
        cmocka_unit_test(test_server_priority_is_its_highest_thread),
        cmocka_unit_test(test_errors_sorted_by_position),
        cmocka_unit_test(test_at_most_50_errors),
        cmocka_unit_test(test_mmio_and_irq_claims),
        cmocka_unit_test(test_shared_rules),
        cmocka_unit_test(test_power_holders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
