/*
 * test_sysdesc_plan.c: the plan of a description: the kernel objects and their order,
 * each component's virtual layout (addresses, sizes, guard pages, mmio rounded to
 * pages), its CSpace slot by slot with rights and badges, and the CNode radix.
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

#define PAGE 0x1000ull
#define RW (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE)
#define CALL (CAIRN_RIGHT_WRITE | CAIRN_RIGHT_GRANT_REPLY)

static const char example[] =
    SD_TEST_PLATFORM
    "component memory_manager {\n    image m\n    thread main priority 250 stack 8K\n"
    "    heap 16K\n    untyped\n}\n"
    "component uart_driver {\n    image u\n    thread main priority 240\n"
    "    mmio regs at 0x10000000 size 0x100 rw\n    irq 10\n    fault memory_manager\n}\n"
    "component debug_console {\n    image d\n    thread main priority 100 max 120 stack 8K\n"
    "    heap 32K\n}\n"
    "rpc memory: debug_console, uart_driver -> memory_manager\n"
    "rpc console: debug_console -> uart_driver\n"
    "notify rx_ready: uart_driver -> debug_console\n"
    "shared rx_ring 4K: uart_driver rw, debug_console r\n";

static const struct plan *example_plan(void)
{
    return &sd_test_clean(example)->plan;
}

static const struct plan_region *region(const struct plan *p, unsigned c, unsigned i)
{
    assert_true(i < p->components[c].region_count);
    return &p->regions[p->components[c].first_region + i];
}

static const struct plan_cap *cap(const struct plan *p, unsigned c, unsigned i)
{
    assert_true(i < p->components[c].cap_count);
    return &p->caps[p->components[c].first_cap + i];
}

static void assert_region(const struct plan_region *r, uint8_t kind, uint64_t vaddr,
                          uint64_t size, uint8_t rights)
{
    assert_int_equal(r->kind, kind);
    assert_int_equal(r->vaddr, vaddr);
    assert_int_equal(r->size, size);
    assert_int_equal(r->rights, rights);
}

static void assert_cap(const struct plan_cap *c, uint32_t slot, uint8_t kind, uint32_t object,
                       uint64_t badge, uint8_t rights)
{
    assert_int_equal(c->slot, slot);
    assert_int_equal(c->kind, kind);
    assert_int_equal(c->object, object);
    assert_int_equal(c->badge, badge);
    assert_int_equal(c->rights, rights);
}

static void test_objects(void **state)
{
    (void)state;
    const struct plan *p = example_plan();
    assert_int_equal(p->object_count, 6);   /* + the uart driver's IRQ notification */
    assert_int_equal(p->objects[0].kind, BOOTPLAN_OBJECT_ENDPOINT);
    assert_string_equal(p->objects[0].name, "memory");
    assert_int_equal(p->objects[1].kind, BOOTPLAN_OBJECT_ENDPOINT);
    assert_int_equal(p->objects[2].kind, BOOTPLAN_OBJECT_NOTIFICATION);
    assert_int_equal(p->objects[3].kind, BOOTPLAN_OBJECT_SHARED);
    assert_int_equal(p->objects[3].size, PAGE);
    assert_int_equal(p->objects[4].kind, BOOTPLAN_OBJECT_FAULT_ENDPOINT);
    assert_string_equal(p->objects[4].name, "memory_manager");
    assert_int_equal(p->components[0].fault_object, 4);
    assert_int_equal(p->components[1].fault_object, SD_NONE);
}

static void test_layout(void **state)
{
    (void)state;
    const struct plan *p = example_plan();
    const uint64_t base = BOOTPLAN_WINDOW_BASE;
    assert_int_equal(p->components[0].region_count, 3);
    assert_region(region(p, 0, 0), BOOTPLAN_MAP_STACK, base + 0x1000, 0x2000, RW);
    assert_region(region(p, 0, 1), BOOTPLAN_MAP_IPC_BUFFER, base + 0x4000, PAGE, RW);
    assert_region(region(p, 0, 2), BOOTPLAN_MAP_HEAP, base + 0x6000, 0x4000, RW);
    assert_int_equal(p->components[1].region_count, 4);
    assert_region(region(p, 1, 0), BOOTPLAN_MAP_STACK, base + 0x1000, PAGE, RW);
    assert_region(region(p, 1, 2), BOOTPLAN_MAP_SHARED, base + 0x5000, PAGE, RW);
    assert_int_equal(region(p, 1, 2)->object, 3);
    assert_region(region(p, 1, 3), BOOTPLAN_MAP_MMIO, base + 0x7000, PAGE, RW);
    assert_int_equal(region(p, 1, 3)->paddr, 0x10000000);   /* 0x100 bytes, one page */
    assert_region(region(p, 2, 3), BOOTPLAN_MAP_SHARED, base + 0xf000, PAGE, CAIRN_RIGHT_READ);
    assert_int_equal(p->threads[2].stack_vaddr, base + 0x1000);
    assert_int_equal(p->threads[2].stack_size, 0x2000);
    assert_int_equal(p->threads[2].ipc_buffer_vaddr, base + 0x4000);
}

/* Every region of every component lies above the base guard page and one guard page
 * above the end of the region before it. */
static void assert_guarded(const struct plan *p)
{
    for (unsigned c = 0; c < p->sys->component_count; c++) {
        uint64_t lowest = BOOTPLAN_WINDOW_BASE + PAGE;
        for (unsigned i = 0; i < p->components[c].region_count; i++) {
            const struct plan_region *r = region(p, c, i);
            assert_true(r->vaddr >= lowest);
            assert_true(r->vaddr % PAGE == 0 && r->size % PAGE == 0 && r->size > 0);
            lowest = r->vaddr + r->size + PAGE;
        }
        assert_true(p->components[c].fits);
    }
}

static void test_guard_pages(void **state)
{
    (void)state;
    assert_guarded(example_plan());
    assert_guarded(&sd_test_clean(
        SD_TEST_PLATFORM "component a {\n    image a\n    thread t0 priority 1 stack 12K\n"
        "    thread t1 priority 1 stack 1M\n    thread t2 priority 1\n    heap 2M\n"
        "    mmio uart0 r\n    mmio rtc rw\n}\n"
        "component b {\n    image b\n    thread main priority 1\n}\n"
        "shared x 8K: a rw, b r\nshared y 4K: b rw, a rw\n")->plan);
}

static void test_slots(void **state)
{
    (void)state;
    const struct plan *p = example_plan();
    /* uart_driver: the fixed slots, its fault endpoint, then one cap per connection end,
     * the notification its irqs signal, and its irq. */
    assert_int_equal(p->components[1].cap_count, 10);
    assert_cap(cap(p, 1, 0), BOOTPLAN_SLOT_TCB, BOOTPLAN_CAP_TCB, 1, 0, RW);
    assert_cap(cap(p, 1, 1), BOOTPLAN_SLOT_CNODE, BOOTPLAN_CAP_CNODE, 1, 0, RW);
    assert_cap(cap(p, 1, 2), BOOTPLAN_SLOT_VSPACE, BOOTPLAN_CAP_VSPACE, 1, 0, RW);
    assert_cap(cap(p, 1, 3), BOOTPLAN_SLOT_IPC_BUFFER, BOOTPLAN_CAP_IPC_BUFFER, 1, 0, RW);
    assert_cap(cap(p, 1, 4), BOOTPLAN_SLOT_FAULT, BOOTPLAN_CAP_ENDPOINT, 4, 1, CALL);
    assert_cap(cap(p, 1, 5), 8, BOOTPLAN_CAP_ENDPOINT, 0, 2, CALL);        /* memory */
    assert_cap(cap(p, 1, 6), 9, BOOTPLAN_CAP_ENDPOINT, 1, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 1, 7), 10, BOOTPLAN_CAP_NOTIFICATION, 2, BOOTPLAN_SIGNAL_FLAG | 1,
               CAIRN_RIGHT_WRITE);
    assert_cap(cap(p, 1, 8), 11, BOOTPLAN_CAP_NOTIFICATION, 5, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 1, 9), 12, BOOTPLAN_CAP_IRQ_HANDLER, 10, BOOTPLAN_SIGNAL_FLAG | 1, 0);
    assert_int_equal(p->components[1].cnode_radix, 4);
    /* memory_manager: no fault endpoint; receives on memory and on its fault endpoint. */
    assert_int_equal(p->components[0].cap_count, 6);
    assert_cap(cap(p, 0, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 0, 5), 9, BOOTPLAN_CAP_ENDPOINT, 4, 0, CAIRN_RIGHT_READ);
    assert_int_equal(p->components[0].cnode_radix, BOOTPLAN_UNTYPED_RADIX);
    assert_cap(cap(p, 2, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 1, CALL);
}

/* `grant` after an rpc's server: its receive capability gets the grant right, and only
 * it (the clients' capabilities and other rpcs are as before). */
static void test_rpc_grant(void **state)
{
    (void)state;
    const struct plan *p = &sd_test_clean(
        SD_TEST_PLATFORM SD_TEST_COMPONENT("h", 9) SD_TEST_COMPONENT("a", 1)
        "rpc g: a -> h grant\nrpc plain: a -> h\n")->plan;
    assert_cap(cap(p, 0, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 0,
               CAIRN_RIGHT_READ | CAIRN_RIGHT_GRANT);
    assert_cap(cap(p, 0, 5), 9, BOOTPLAN_CAP_ENDPOINT, 1, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 1, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 1, CALL);
    assert_cap(cap(p, 1, 5), 9, BOOTPLAN_CAP_ENDPOINT, 1, 1, CALL);
}

/* The smallest radix holding the highest slot: 8 .. 15 need 4, 16 needs 5. */
static void test_radix(void **state)
{
    (void)state;
    char text[2048];
    size_t at = (size_t)snprintf(text, sizeof(text), "%s", SD_TEST_PLATFORM
                                 "component a {\n    image a\n");
    for (unsigned threads = 1; threads <= 10; threads++) {
        at += (size_t)snprintf(text + at, sizeof(text) - at,
                               "    thread t%u priority 1\n", threads);
        snprintf(text + at, sizeof(text) - at, "}\n");
        const struct plan *p = &sd_test_clean(text)->plan;
        uint32_t highest = threads == 1 ? BOOTPLAN_SLOT_IPC_BUFFER : 8 + threads - 2;
        uint8_t radix = highest < 8 ? 3 : highest < 16 ? 4 : 5;
        assert_int_equal(cap(p, 0, p->components[0].cap_count - 1)->slot, highest);
        assert_int_equal(p->components[0].cnode_radix, radix);
    }
}

static void test_badges(void **state)
{
    (void)state;
    const struct plan *p = &sd_test_clean(
        SD_TEST_PLATFORM
        SD_TEST_COMPONENT("h", 9) SD_TEST_COMPONENT("a", 1) SD_TEST_COMPONENT("b", 1)
        SD_TEST_COMPONENT("c", 1)
        "notify n: a, b, c -> h\nrpc r: c, b, a -> h\n")->plan;
    uint64_t notify[3], rpc[3];
    for (unsigned c = 1; c <= 3; c++) {
        notify[c - 1] = cap(p, c, 4)->badge;
        rpc[c - 1] = cap(p, c, 5)->badge;
    }
    assert_int_equal(notify[0], BOOTPLAN_SIGNAL_FLAG | 1);
    assert_int_equal(notify[1], BOOTPLAN_SIGNAL_FLAG | 2);
    assert_int_equal(notify[2], BOOTPLAN_SIGNAL_FLAG | 4);
    assert_int_equal(rpc[2], 1);    /* c is listed first */
    assert_int_equal(rpc[1], 2);
    assert_int_equal(rpc[0], 3);
}

static void test_fault_badges(void **state)
{
    (void)state;
    const struct plan *p = &sd_test_clean(
        SD_TEST_PLATFORM SD_TEST_COMPONENT("h", 9)
        "component a {\n    image a\n    thread main priority 1\n    fault h\n}\n"
        "component g {\n    image g\n    thread main priority 1\n}\n"
        "component b {\n    image b\n    thread main priority 1\n    fault g\n}\n"
        "component c {\n    image c\n    thread main priority 1\n    fault h\n}\n")->plan;
    assert_int_equal(p->components[1].fault_badge, 1);   /* a, first for h */
    assert_int_equal(p->components[3].fault_badge, 1);   /* b, first for g */
    assert_int_equal(p->components[4].fault_badge, 2);   /* c, second for h */
    assert_int_equal(cap(p, 4, 4)->object, (uint32_t)p->components[0].fault_object);
    assert_int_equal(p->object_count, 2);                /* h's and g's endpoints */
}

static void test_window_overflow(void **state)
{
    (void)state;
    struct analysis *a = sd_test_analyse(SD_TEST_PLATFORM
        "component a {\n    image a\n    thread main priority 1\n    heap 0x3fffdfb000\n}\n");
    assert_int_equal(a->diag.found, 0);   /* exactly fits: stack, IPC buffer, heap, guards */
    assert_true(a->plan.components[0].fits);
    a = sd_test_analyse(SD_TEST_PLATFORM
        "component a {\n    image a\n    thread main priority 1\n    heap 0x3fffdfc000\n}\n");
    assert_int_equal(a->diag.found, 1);
    assert_false(a->plan.components[0].fits);
}

/* `signals`: one notification per client after the other objects; the client's wait
 * capability follows its call capability, the server's signal capabilities (one per
 * client, badge order) its receive capability. `inspect`: a read-only capability to
 * every other component's CNode, last, in component order. */
static void test_signals_and_inspect(void **state)
{
    (void)state;
    const struct plan *p = &sd_test_clean(SD_TEST_PLATFORM
        "component server {\n    image s\n    thread main priority 200\n}\n"
        "component a {\n    image a\n    thread main priority 100\n    inspect\n}\n"
        "component b {\n    image b\n    thread main priority 100\n}\n"
        "rpc timer: a, b -> server signals\n")->plan;
    assert_int_equal(p->object_count, 3);          /* the endpoint, then a's and b's */
    assert_int_equal(p->signal_objects[0], 1);
    assert_int_equal(p->objects[1].kind, BOOTPLAN_OBJECT_NOTIFICATION);
    assert_int_equal(p->components[0].cap_count, 4 + 3);
    assert_cap(cap(p, 0, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 0, 5), 9, BOOTPLAN_CAP_NOTIFICATION, 1, BOOTPLAN_SIGNAL_FLAG | 1,
               CAIRN_RIGHT_WRITE);
    assert_cap(cap(p, 0, 6), 10, BOOTPLAN_CAP_NOTIFICATION, 2, BOOTPLAN_SIGNAL_FLAG | 1,
               CAIRN_RIGHT_WRITE);
    assert_int_equal(p->components[1].cap_count, 4 + 2 + 2);
    assert_cap(cap(p, 1, 4), 8, BOOTPLAN_CAP_ENDPOINT, 0, 1, CALL);
    assert_cap(cap(p, 1, 5), 9, BOOTPLAN_CAP_NOTIFICATION, 1, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 1, 6), 10, BOOTPLAN_CAP_INSPECT, 0, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 1, 7), 11, BOOTPLAN_CAP_INSPECT, 2, 0, CAIRN_RIGHT_READ);
    assert_cap(cap(p, 2, 5), 9, BOOTPLAN_CAP_NOTIFICATION, 2, 0, CAIRN_RIGHT_READ);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_guard_pages),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_rpc_grant),
        cmocka_unit_test(test_radix),
        cmocka_unit_test(test_badges),
        cmocka_unit_test(test_fault_badges),
        cmocka_unit_test(test_window_overflow),
        cmocka_unit_test(test_signals_and_inspect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
