/*
 * test_sysdesc_bootplan.c: the boot plan from both ends: plans the analyser emits are
 * read back by the root server's reader (lib/bootplan) field for field; every truncation
 * is refused; every single-byte corruption is refused or leaves a plan that is still safe
 * to follow; and each rule of the reader is broken once, on purpose, for its error code.
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

#include "plan_encode.h"
#include "sysdesc_text.h"

static const char example[] =
    SD_TEST_PLATFORM
    "component memory_manager {\n    image memory_manager\n"
    "    thread main priority 250 stack 8K\n    heap 16K\n    untyped\n}\n"
    "component uart_driver {\n    image uart_driver\n    thread main priority 240\n"
    "    mmio regs at 0x10000000 size 0x100 rw\n    irq 10\n    fault memory_manager\n}\n"
    "component debug_console {\n    image debug_console\n"
    "    thread main priority 100 max 120 stack 8K\n    thread input priority 90\n"
    "    heap 32K\n    irq 11\n}\n"
    "rpc memory: debug_console, uart_driver -> memory_manager\n"
    "rpc console: debug_console -> uart_driver\n"
    "notify rx_ready: uart_driver -> debug_console\n"
    "shared rx_ring 4K: uart_driver rw, debug_console r\n";

/* The example encoded, and a plan opened from it. */
struct encoded {
    struct plan_bytes bytes;
    struct bootplan plan;
};

static struct encoded encode(const char *text)
{
    struct encoded e;
    assert_true(plan_encode(&sd_test_clean(text)->plan, &e.bytes));
    assert_int_equal(bootplan_open(e.bytes.data, e.bytes.size, &e.plan), BOOTPLAN_OK);
    return e;
}

/* Writable views of an encoded plan's records (the reader's views are const). */
#define RECORDS(e, type, section)                                                    \
    ((type *)((e)->bytes.data +                                                      \
              ((struct bootplan_header *)(e)->bytes.data)->sections[section].offset))

static void test_round_trip_components(void **state)
{
    (void)state;
    struct encoded e = encode(example);
    const struct plan *p = &sd_test_analyse(example)->plan;
    assert_int_equal(e.plan.header->total_size, e.bytes.size);
    assert_int_equal(e.plan.component_count, 3);
    const struct bootplan_component *c = &e.plan.components[1];
    assert_string_equal(bootplan_string(&e.plan, c->name), "uart_driver");
    assert_string_equal(bootplan_string(&e.plan, c->image), "uart_driver");
    assert_int_equal(c->first_thread, 1);
    assert_int_equal(c->thread_count, 1);
    assert_int_equal(c->fault_handler, 0);
    assert_int_equal(c->cnode_radix, 4);
    assert_int_equal(c->flags, 0);
    assert_int_equal(e.plan.components[0].flags, BOOTPLAN_COMPONENT_UNTYPED);
    assert_int_equal(e.plan.components[2].fault_handler, BOOTPLAN_NO_COMPONENT);
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(e.plan.components[i].mapping_count, p->components[i].region_count);
        assert_int_equal(e.plan.components[i].cap_count, p->components[i].cap_count);
    }
    free(e.bytes.data);
}

static void test_round_trip_records(void **state)
{
    (void)state;
    struct encoded e = encode(example);
    const struct plan *p = &sd_test_analyse(example)->plan;
    const struct bootplan_thread *input = &e.plan.threads[3];
    assert_string_equal(bootplan_string(&e.plan, input->name), "input");
    assert_int_equal(input->component, 2);
    assert_int_equal(input->index, 1);
    assert_int_equal(input->priority, 90);
    assert_int_equal(input->max_priority, 90);
    assert_int_equal(e.plan.threads[2].max_priority, 120);
    assert_int_equal(e.plan.object_count, p->object_count);
    assert_int_equal(e.plan.objects[3].size, 4096);
    for (unsigned i = 0; i < p->region_count; i++) {
        const struct bootplan_mapping *m = &e.plan.mappings[i];
        assert_int_equal(m->kind, p->regions[i].kind);
        assert_int_equal(m->vaddr, p->regions[i].vaddr);
        assert_int_equal(m->size, p->regions[i].size);
        assert_int_equal(m->paddr, p->regions[i].paddr);
        assert_string_equal(bootplan_string(&e.plan, m->name), p->regions[i].name);
    }
    for (unsigned i = 0; i < p->cap_count; i++) {
        assert_int_equal(e.plan.caps[i].slot, p->caps[i].slot);
        assert_int_equal(e.plan.caps[i].kind, p->caps[i].kind);
        assert_int_equal(e.plan.caps[i].object, p->caps[i].object);
        assert_int_equal(e.plan.caps[i].badge, p->caps[i].badge);
        assert_int_equal(e.plan.caps[i].rights, p->caps[i].rights);
    }
    free(e.bytes.data);
}

static void test_truncations_refused(void **state)
{
    (void)state;
    struct encoded e = encode(example);
    for (size_t size = 0; size < e.bytes.size; size++) {
        uint8_t *copy = malloc(size > 0 ? size : 1);   /* exactly sized: ASan sees overreads */
        assert_non_null(copy);
        memcpy(copy, e.bytes.data, size);
        struct bootplan plan;
        assert_int_not_equal(bootplan_open(copy, size, &plan), BOOTPLAN_OK);
        free(copy);
    }
    free(e.bytes.data);
}

/* What a root server following an accepted plan relies on. */
static void assert_safe(const struct bootplan *p)
{
    for (uint32_t i = 0; i < p->component_count; i++) {
        const struct bootplan_component *c = &p->components[i];
        assert_true(c->name < p->strings_size && c->image < p->strings_size);
        assert_true(c->first_thread + c->thread_count <= p->thread_count);
        assert_true(c->first_mapping + c->mapping_count <= p->mapping_count);
        assert_true(c->first_cap + c->cap_count <= p->cap_count);
        for (uint32_t k = 0; k < c->cap_count; k++) {
            assert_true(p->caps[c->first_cap + k].slot < (1u << c->cnode_radix));
        }
    }
    assert_int_equal(p->strings[p->strings_size - 1], '\0');
}

static void test_byte_flips_refused_or_safe(void **state)
{
    (void)state;
    static const uint8_t flips[] = {0x01, 0x10, 0x80, 0xff};
    struct encoded e = encode(example);
    unsigned accepted = 0;
    for (size_t at = 0; at < e.bytes.size; at++) {
        for (unsigned f = 0; f < sizeof(flips); f++) {
            e.bytes.data[at] ^= flips[f];
            struct bootplan plan;
            if (bootplan_open(e.bytes.data, e.bytes.size, &plan) == BOOTPLAN_OK) {
                assert_safe(&plan);
                accepted++;
            }
            e.bytes.data[at] ^= flips[f];
        }
    }
    /* Badges, rights and names may change and stay valid; most bytes may not. */
    assert_true(accepted < e.bytes.size);
    free(e.bytes.data);
}

/* --- each rule broken once ---------------------------------------------------------- */

typedef void (*corrupt_fn)(struct encoded *e);

static void expect_error(corrupt_fn corrupt, int error, uint32_t record)
{
    struct encoded e = encode(example);
    corrupt(&e);
    struct bootplan plan;
    assert_int_equal(bootplan_open(e.bytes.data, e.bytes.size, &plan), error);
    assert_int_equal(plan.error_record, record);
    free(e.bytes.data);
}

static struct bootplan_header *header(struct encoded *e)
{
    return (struct bootplan_header *)e->bytes.data;
}

static void bad_magic(struct encoded *e)
{
    header(e)->magic ^= 1;
}

static void bad_version(struct encoded *e)
{
    header(e)->version = 2;
}

static void bad_header_size(struct encoded *e)
{
    header(e)->header_size = 63;
}

static void bad_reserved(struct encoded *e)
{
    header(e)->reserved = 1;
}

static void bad_total_size(struct encoded *e)
{
    header(e)->total_size += 8;
}

static void misaligned_section(struct encoded *e)
{
    header(e)->sections[BOOTPLAN_THREADS].offset += 4;
}
static void sections_overlap(struct encoded *e)
{
    header(e)->sections[BOOTPLAN_OBJECTS].offset -= 8;
}
static void section_outside(struct encoded *e)
{
    header(e)->sections[BOOTPLAN_CAPS].count += 1000;
}
static void no_components(struct encoded *e)
{
    header(e)->sections[BOOTPLAN_COMPONENTS].count = 0;
}
static void unterminated_strings(struct encoded *e)
{
    e->bytes.data[e->bytes.size - 1] = 'x';
}

static void test_header_and_section_errors(void **state)
{
    (void)state;
    expect_error(bad_magic, BOOTPLAN_E_MAGIC, 0);
    expect_error(bad_version, BOOTPLAN_E_VERSION, 0);
    expect_error(bad_header_size, BOOTPLAN_E_HEADER, 0);
    expect_error(bad_reserved, BOOTPLAN_E_HEADER, 0);
    expect_error(bad_total_size, BOOTPLAN_E_HEADER, 0);
    expect_error(misaligned_section, BOOTPLAN_E_SECTION, BOOTPLAN_THREADS);
    expect_error(sections_overlap, BOOTPLAN_E_SECTION, BOOTPLAN_OBJECTS);
    expect_error(section_outside, BOOTPLAN_E_SECTION, BOOTPLAN_CAPS);
    expect_error(no_components, BOOTPLAN_E_SECTION, BOOTPLAN_COMPONENTS);
    expect_error(unterminated_strings, BOOTPLAN_E_STRING, 0);
}

#define COMPONENTS(e) RECORDS(e, struct bootplan_component, BOOTPLAN_COMPONENTS)
#define THREADS(e) RECORDS(e, struct bootplan_thread, BOOTPLAN_THREADS)
#define OBJECTS(e) RECORDS(e, struct bootplan_object, BOOTPLAN_OBJECTS)
#define MAPPINGS(e) RECORDS(e, struct bootplan_mapping, BOOTPLAN_MAPPINGS)
#define CAPS(e) RECORDS(e, struct bootplan_cap, BOOTPLAN_CAPS)

static void name_outside(struct encoded *e)
{
    COMPONENTS(e)[2].name = e->plan.strings_size;
}

static void empty_image_name(struct encoded *e)
{
    COMPONENTS(e)[1].image = 0;
}

static void threads_not_in_order(struct encoded *e)
{
    COMPONENTS(e)[1].first_thread = 0;
}

static void radix_too_big(struct encoded *e)
{
    COMPONENTS(e)[1].cnode_radix = 17;
}

static void own_fault_handler(struct encoded *e)
{
    COMPONENTS(e)[1].fault_handler = 1;
}

static void two_untyped_holders(struct encoded *e)
{
    COMPONENTS(e)[2].flags = BOOTPLAN_COMPONENT_UNTYPED;
    COMPONENTS(e)[2].cnode_radix = BOOTPLAN_UNTYPED_RADIX;
}
static void priority_above_max(struct encoded *e)
{
    THREADS(e)[2].priority = 121;
}

static void max_above_254(struct encoded *e)
{
    THREADS(e)[0].max_priority = 255;
}

static void thread_index_wrong(struct encoded *e)
{
    THREADS(e)[3].index = 0;
}

static void unknown_object(struct encoded *e)
{
    OBJECTS(e)[1].kind = 9;
}

static void shared_half_page(struct encoded *e)
{
    OBJECTS(e)[3].size = 2048;
}

static void test_record_errors(void **state)
{
    (void)state;
    expect_error(name_outside, BOOTPLAN_E_STRING, 2);
    expect_error(empty_image_name, BOOTPLAN_E_STRING, 1);
    expect_error(threads_not_in_order, BOOTPLAN_E_COMPONENT, 1);
    expect_error(radix_too_big, BOOTPLAN_E_COMPONENT, 1);
    expect_error(own_fault_handler, BOOTPLAN_E_COMPONENT, 1);
    expect_error(two_untyped_holders, BOOTPLAN_E_COMPONENT, 2);
    expect_error(priority_above_max, BOOTPLAN_E_THREAD, 2);
    expect_error(max_above_254, BOOTPLAN_E_THREAD, 0);
    expect_error(thread_index_wrong, BOOTPLAN_E_THREAD, 3);
    expect_error(unknown_object, BOOTPLAN_E_OBJECT, 1);
    expect_error(shared_half_page, BOOTPLAN_E_OBJECT, 3);
}

/* Mappings 0..2 are memory_manager's: stack, IPC buffer, heap. */
static void heap_over_stack(struct encoded *e)
{
    MAPPINGS(e)[2].vaddr = MAPPINGS(e)[0].vaddr;
}

static void below_window(struct encoded *e)
{
    MAPPINGS(e)[2].vaddr = 0x10000;
}

static void executable(struct encoded *e)
{
    MAPPINGS(e)[2].rights |= CAIRN_RIGHT_EXECUTE;
}

static void stack_moved(struct encoded *e)
{
    MAPPINGS(e)[0].vaddr += 0x1000000;
}

static void shared_is_endpoint(struct encoded *e)
{
    struct bootplan_mapping *m = &MAPPINGS(e)[e->plan.components[1].first_mapping + 2];
    assert_int_equal(m->kind, BOOTPLAN_MAP_SHARED);
    m->object = 0;
}
static void missing_stack(struct encoded *e)
{
    MAPPINGS(e)[0].kind = BOOTPLAN_MAP_HEAP;
}

static void test_mapping_errors(void **state)
{
    (void)state;
    expect_error(heap_over_stack, BOOTPLAN_E_OVERLAP, 2);
    expect_error(below_window, BOOTPLAN_E_MAPPING, 2);
    expect_error(executable, BOOTPLAN_E_MAPPING, 2);
    expect_error(stack_moved, BOOTPLAN_E_MAPPING, 0);
    expect_error(shared_is_endpoint, BOOTPLAN_E_MAPPING, 5);
    expect_error(missing_stack, BOOTPLAN_E_MAPPING, 0);
}

/* Caps 0..5 are memory_manager's (slots 1-4, 8, 9), 6..14 uart_driver's, 15..23
 * debug_console's (its irq last). */
static void slot_twice(struct encoded *e)
{
    CAPS(e)[5].slot = 8;
}

static void slot_outside(struct encoded *e)
{
    CAPS(e)[14].slot = 16;
}

static void slot_reserved(struct encoded *e)
{
    CAPS(e)[11].slot = 6;
}

static void slot_untyped(struct encoded *e)
{
    CAPS(e)[5].slot = BOOTPLAN_SLOT_UNTYPED_FIRST;
}

static void unknown_cap(struct encoded *e)
{
    CAPS(e)[4].kind = 99;
}

static void endpoint_to_notification(struct encoded *e)
{
    CAPS(e)[4].object = 2;
}

static void badged_tcb(struct encoded *e)
{
    CAPS(e)[0].badge = 1;
}

static void fixed_slot_wrong(struct encoded *e)
{
    CAPS(e)[1].kind = BOOTPLAN_CAP_VSPACE;
}

static void fault_slot_without_handler(struct encoded *e)
{
    COMPONENTS(e)[1].fault_handler = BOOTPLAN_NO_COMPONENT;
}
static void handler_without_fault_slot(struct encoded *e)
{
    COMPONENTS(e)[2].fault_handler = 0;
}

static void irq_twice(struct encoded *e)
{
    struct bootplan_cap *last = &CAPS(e)[e->plan.cap_count - 1];
    assert_int_equal(last->kind, BOOTPLAN_CAP_IRQ_HANDLER);
    last->object = 10;
}

static void irq_badge_without_signal_flag(struct encoded *e)
{
    struct bootplan_cap *last = &CAPS(e)[e->plan.cap_count - 1];
    assert_int_equal(last->kind, BOOTPLAN_CAP_IRQ_HANDLER);
    last->badge &= ~BOOTPLAN_SIGNAL_FLAG;
}

/* The IRQ notification's capability turned into another IRQ handler's: the component's
 * handlers would have nothing to signal. */
static void irq_handlers_without_notification(struct encoded *e)
{
    struct bootplan_cap *last = &CAPS(e)[e->plan.cap_count - 1];
    struct bootplan_cap *before = last - 1;
    assert_int_equal(before->kind, BOOTPLAN_CAP_NOTIFICATION);
    *before = *last;
    before->slot = last->slot - 1;
    before->object = 12;
}

static void test_cap_errors(void **state)
{
    (void)state;
    expect_error(slot_twice, BOOTPLAN_E_SLOT, 5);
    expect_error(slot_outside, BOOTPLAN_E_SLOT, 14);
    expect_error(slot_reserved, BOOTPLAN_E_SLOT, 11);
    expect_error(slot_untyped, BOOTPLAN_E_SLOT, 5);
    expect_error(unknown_cap, BOOTPLAN_E_CAP, 4);
    expect_error(endpoint_to_notification, BOOTPLAN_E_CAP, 4);
    expect_error(badged_tcb, BOOTPLAN_E_CAP, 0);
    expect_error(fixed_slot_wrong, BOOTPLAN_E_SLOT, 1);
    expect_error(fault_slot_without_handler, BOOTPLAN_E_SLOT, 10);
    expect_error(handler_without_fault_slot, BOOTPLAN_E_SLOT, 16);
    expect_error(irq_twice, BOOTPLAN_E_CAP, 25);
    expect_error(irq_badge_without_signal_flag, BOOTPLAN_E_CAP, 25);
    expect_error(irq_handlers_without_notification, BOOTPLAN_E_CAP, 16);   /* its first */
}

static void test_alignment_and_size(void **state)
{
    (void)state;
    struct encoded e = encode(example);
    uint8_t *shifted = malloc(e.bytes.size + 8);
    assert_non_null(shifted);
    memcpy(shifted + 1, e.bytes.data, e.bytes.size);
    struct bootplan plan;
    assert_int_equal(bootplan_open(shifted + 1, e.bytes.size, &plan), BOOTPLAN_E_ALIGN);
    assert_int_equal(bootplan_open(e.bytes.data, 63, &plan), BOOTPLAN_E_TRUNCATED);
    free(shifted);
    free(e.bytes.data);
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(bootplan_strerror(BOOTPLAN_OK), "ok");
    assert_string_equal(bootplan_strerror(BOOTPLAN_E_OVERLAP), "overlapping mappings");
    assert_string_equal(bootplan_strerror(BOOTPLAN_E_SLOT), "bad capability slot");
    assert_string_equal(bootplan_strerror(-15), "unknown boot plan error");
    assert_string_equal(bootplan_strerror(1), "unknown boot plan error");
    assert_string_equal(bootplan_strerror(-2147483647 - 1), "unknown boot plan error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_components),
        cmocka_unit_test(test_round_trip_records),
        cmocka_unit_test(test_truncations_refused),
        cmocka_unit_test(test_byte_flips_refused_or_safe),
        cmocka_unit_test(test_header_and_section_errors),
        cmocka_unit_test(test_record_errors),
        cmocka_unit_test(test_mapping_errors),
        cmocka_unit_test(test_cap_errors),
        cmocka_unit_test(test_alignment_and_size),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
