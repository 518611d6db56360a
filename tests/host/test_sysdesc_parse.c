/*
 * test_sysdesc_parse.c: the description parser: the model it builds from the spec's
 * example (every field), defaults, both forms of mmio and irq, the pool of connection
 * members, recovery after an error (the next lines still parse and report), the limits,
 * and that syntax errors stop the analysis before the rules.
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

/* docs/system-description.md's example (also tests/sysdesc/good/example.desc). */
static const char example[] =
    "# A small system: a UART driver and a console that talks through it.\n"
    "platform qemu_virt {\n"
    "    ram     0x80000000 size 2M\n"
    "    device  uart0   at 0x10000000 size 0x100   irq 10\n"
    "    device  rtc     at 0x101000   size 0x1000  irq 11\n"
    "}\n"
    "\n"
    "component memory_manager {\n"
    "    image     memory_manager\n"
    "    thread    main priority 250 stack 8K\n"
    "    heap      16K\n"
    "    untyped                       # holds all untyped memory\n"
    "}\n"
    "\n"
    "component uart_driver {\n"
    "    image     uart_driver\n"
    "    thread    main priority 240 stack 4K\n"
    "    mmio      regs at 0x10000000 size 0x100 rw\n"
    "    irq       10\n"
    "    fault     memory_manager      # where this component's faults are sent\n"
    "}\n"
    "\n"
    "component debug_console {\n"
    "    image     debug_console\n"
    "    thread    main priority 100 max 120 stack 8K\n"
    "    heap      32K\n"
    "}\n"
    "\n"
    "rpc     memory:   debug_console, uart_driver -> memory_manager\n"
    "rpc     console:  debug_console -> uart_driver\n"
    "notify  rx_ready: uart_driver -> debug_console\n"
    "shared  rx_ring 4K: uart_driver rw, debug_console r\n";

static void assert_pos(struct sd_pos pos, uint32_t line, uint32_t column)
{
    assert_int_equal(pos.line, line);
    assert_int_equal(pos.column, column);
}

static void test_example_platform(void **state)
{
    (void)state;
    const struct sd_platform *p = &sd_test_clean(example)->system.platform;
    assert_string_equal(p->name.text, "qemu_virt");
    assert_pos(p->name.pos, 2, 10);
    assert_pos(p->ram_pos, 3, 5);
    assert_int_equal(p->ram_addr.value, 0x80000000);
    assert_int_equal(p->ram_size.value, 2u << 20);
    assert_int_equal(p->device_count, 2);
    assert_string_equal(p->devices[0].name.text, "uart0");
    assert_int_equal(p->devices[0].addr.value, 0x10000000);
    assert_int_equal(p->devices[0].size.value, 0x100);
    assert_int_equal(p->devices[0].irq.value, 10);
    assert_pos(p->devices[1].irq.pos, 5, 52);
}

static void test_example_components(void **state)
{
    (void)state;
    const struct sd_system *sys = &sd_test_clean(example)->system;
    assert_int_equal(sys->component_count, 3);
    const struct sd_component *mm = &sys->components[0], *uart = &sys->components[1];
    const struct sd_component *console = &sys->components[2];
    assert_string_equal(mm->image.text, "memory_manager");
    assert_int_equal(mm->thread_count, 1);
    assert_int_equal(mm->threads[0].priority.value, 250);
    assert_int_equal(sd_thread_max(&mm->threads[0]), 250);
    assert_int_equal(sd_thread_stack(&mm->threads[0]), 8192);
    assert_int_equal(mm->heap.value, 16384);
    assert_pos(mm->untyped, 12, 5);
    assert_false(sd_given(mm->asid_control));
    assert_int_equal(uart->mmio_count, 1);
    assert_string_equal(uart->mmio[0].name.text, "regs");
    assert_false(uart->mmio[0].whole_device);
    assert_int_equal(uart->mmio[0].rights, SD_RIGHTS_RW);
    assert_int_equal(uart->irq_count, 1);
    assert_int_equal(uart->irqs[0].number.value, 10);
    assert_string_equal(uart->fault.text, "memory_manager");
    assert_int_equal(uart->fault_handler, 0);          /* resolved by the checks */
    assert_int_equal(console->fault_handler, SD_NONE);
    assert_int_equal(sd_thread_max(&console->threads[0]), 120);
    assert_false(sd_given(console->untyped));
}

static void test_example_connections(void **state)
{
    (void)state;
    const struct sd_system *sys = &sd_test_clean(example)->system;
    assert_int_equal(sys->connection_count, 4);
    assert_int_equal(sys->party_count, 6);
    const struct sd_connection *memory = &sys->connections[0];
    assert_int_equal(memory->kind, SD_RPC);
    assert_string_equal(memory->name.text, "memory");
    assert_int_equal(memory->party_count, 2);
    assert_string_equal(sd_parties(sys, memory)[1].name.text, "uart_driver");
    assert_int_equal(sd_parties(sys, memory)[1].component, 1);
    assert_string_equal(memory->target.name.text, "memory_manager");
    assert_int_equal(memory->target.component, 0);
    const struct sd_connection *ring = &sys->connections[3];
    assert_int_equal(ring->kind, SD_SHARED);
    assert_int_equal(ring->size.value, 4096);
    assert_int_equal(sd_parties(sys, ring)[0].rights, SD_RIGHTS_RW);
    assert_int_equal(sd_parties(sys, ring)[1].rights, SD_RIGHTS_R);
    assert_int_equal(sys->connections[2].kind, SD_NOTIFY);
}

static void test_thread_defaults_and_order(void **state)
{
    (void)state;
    const struct sd_system *sys = &sd_test_clean(
        SD_TEST_PLATFORM "component a {\n    image a\n"
        "    thread one stack 8K max 9 priority 3\n"
        "    thread two priority 4\n}\n")->system;
    const struct sd_thread *one = &sys->components[0].threads[0];
    const struct sd_thread *two = &sys->components[0].threads[1];
    assert_int_equal(one->priority.value, 3);
    assert_int_equal(sd_thread_max(one), 9);
    assert_int_equal(sd_thread_stack(one), 8192);
    assert_int_equal(sd_thread_max(two), 4);
    assert_int_equal(sd_thread_stack(two), SD_DEFAULT_STACK);
    assert_false(sd_given(two->stack.pos));
}

static void test_device_forms(void **state)
{
    (void)state;
    const struct sd_component *c = &sd_test_clean(
        SD_TEST_PLATFORM "component a {\n    image a\n    thread main priority 1\n"
        "    mmio rtc r\n    mmio part at 0x10001000 size 0x800 rw\n"
        "    irq rtc\n    irq 10\n}\n")->system.components[0];
    assert_true(c->mmio[0].whole_device);
    assert_int_equal(c->mmio[0].device, 1);
    assert_int_equal(c->mmio[0].addr.value, 0x101000);   /* from the device */
    assert_int_equal(c->mmio[0].size.value, 0x1000);
    assert_int_equal(c->mmio[0].rights, SD_RIGHTS_R);
    assert_false(c->mmio[1].whole_device);
    assert_int_equal(c->mmio[1].size.value, 0x800);
    assert_true(c->irqs[0].resolved);
    assert_int_equal(c->irqs[0].number.value, 11);
    assert_string_equal(c->irqs[0].device.text, "rtc");
    assert_int_equal(c->irqs[1].number.value, 10);
}

static void test_recovery_reports_every_line(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "8:10: missing an image name",
        "9:28: expected 'priority', 'max' or 'stack', found 'x'",
        "10:5: unknown statement 'heaps' in component 'a'",
        "12:7: expected ':', found 'a'",
        "13:1: unknown statement 'rcp'",
    };
    sd_test_expect_errors(SD_TEST_PLATFORM
                          "component a {\n"           /* 7 */
                          "    image\n"               /* 8 */
                          "    thread main priority 1 x\n"
                          "    heaps 4K\n"
                          "}\n"
                          "rpc c a -> b\n"
                          "rcp c: a -> b\n",
                          expected, 5);
}

static void test_syntax_errors_stop_the_rules(void **state)
{
    (void)state;
    /* Without its thread line the component "has no thread", but that is not said. */
    static const char *const expected[] = {"8:28: unexpected character '!'"};
    sd_test_expect_errors(SD_TEST_PLATFORM "component a {\n    thread main priority 1 !\n}\n",
                          expected, 1);
}

static void test_broken_head_still_reads_block(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "7:11: bad name 'A' (lower-case letters, digits and '_', starting with a letter)",
        "8:5: unknown statement 'imag' in component '?'",
        "11:1: second platform statement (the first is at line 1)",
        "11:10: expected a platform name, found '{'",
        "12:5: unknown statement 'rom' in platform '?'",
    };
    sd_test_expect_errors(SD_TEST_PLATFORM "component A {\n    imag a\n}\n\nplatform {\n"
                          "    rom 0 size 4K\n}\n", expected, 5);
}

static void test_empty_description(void **state)
{
    (void)state;
    static const char *const expected[] = {"1:1: no platform statement",
                                           "1:1: no component statement"};
    sd_test_expect_errors("", expected, 2);
    sd_test_expect_errors("# nothing but a comment\n\n", expected, 2);
}

/* rpc lines of 40 members each: the pool of 1024 members is full after 25 lines and 24
 * members of the 26th, whose 25th member (column 10 + 5 * 24) is one too many. */
static void test_member_pool_limit(void **state)
{
    (void)state;
    size_t size = 64 * 1024;
    char *text = malloc(size);
    assert_non_null(text);
    size_t at = (size_t)snprintf(text, size, "%s", SD_TEST_PLATFORM);
    for (int line = 0; line < 26; line++) {
        at += (size_t)snprintf(text + at, size - at, "rpc r%d: ", line);
        for (int m = 0; m < 40; m++) {
            at += (size_t)snprintf(text + at, size - at, "m%02d%s", m, m < 39 ? ", " : "");
        }
        at += (size_t)snprintf(text + at, size - at, " -> s\n");
    }
    struct analysis *a = sd_test_analyse(text);
    free(text);
    assert_int_equal(a->diag.found, 1);
    assert_string_equal(sd_test_error(a, 0),
                        "32:130: too many connection members in the description (at most 1024)");
}

static void test_oversized_description(void **state)
{
    (void)state;
    struct analysis *a = analysis_new();
    assert_non_null(a);
    char *big = calloc(1, ANALYSE_MAX_BYTES + 1);
    assert_non_null(big);
    assert_false(analyse(a, "big.desc", big, ANALYSE_MAX_BYTES + 1, NULL));
    assert_int_equal(a->diag.count, 1);
    assert_string_equal(a->diag.entries[0].message, "the description is larger than 1024 KiB");
    free(big);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_platform),
        cmocka_unit_test(test_example_components),
        cmocka_unit_test(test_example_connections),
        cmocka_unit_test(test_thread_defaults_and_order),
        cmocka_unit_test(test_device_forms),
        cmocka_unit_test(test_recovery_reports_every_line),
        cmocka_unit_test(test_syntax_errors_stop_the_rules),
        cmocka_unit_test(test_broken_head_still_reads_block),
        cmocka_unit_test(test_empty_description),
        cmocka_unit_test(test_member_pool_limit),
        cmocka_unit_test(test_oversized_description),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
