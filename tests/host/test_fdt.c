/*
 * test_fdt.c: fdt_parse on small blobs built by the test FDT writer (fdt_writer.h), each
 * breaking one rule and getting that rule's error. Real trees: test_fdt_real.c.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fdt_writer.h"

/* --- synthetic trees that parse --------------------------------------------------------- */

static void test_minimal_tree(void **state)
{
    (void)state;
    struct blob b;
    struct platform_info info;
    build_minimal(&b);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    assert_int_equal(info.dtb_size, b.size);
    assert_int_equal(info.memory_count, 1);
    assert_int_equal(info.memory[0].base, 0x80000000);
    assert_int_equal(info.memory[0].size, 0x8000000);
    assert_int_equal(info.reserved_count, 0);
    assert_int_equal(info.timebase_hz, 10000000);
    assert_int_equal(info.uart_base, 0);
    assert_int_equal(info.plic_base, 0);
    assert_int_equal(info.test_base, 0);
}

static void fw_reg_2_2(struct fdt_writer *w, uint32_t base, uint32_t size)
{
    uint32_t reg[] = {0, base, 0, size};
    fw_prop_cells(w, "reg", reg, 4);
}

static void fw_soc(struct fdt_writer *w)
{
    static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
    fw_begin(w, "soc");
    fw_prop_u32(w, "#address-cells", 2);
    fw_prop_u32(w, "#size-cells", 2);
    fw_begin(w, "serial@10000000");
    fw_prop_u32(w, "interrupts", 10);
    fw_reg_2_2(w, 0x10000000, 0x100);
    fw_prop_str(w, "compatible", "ns16550a");
    fw_end_node(w);
    fw_begin(w, "serial@10001000");   /* a second UART: the first one wins */
    fw_prop_u32(w, "interrupts", 11);
    fw_reg_2_2(w, 0x10001000, 0x100);
    fw_prop_str(w, "compatible", "ns16550a");
    fw_end_node(w);
    fw_begin(w, "test@100000");
    fw_reg_2_2(w, 0x100000, 0x1000);
    fw_prop(w, "compatible", test_compat, sizeof(test_compat));
    fw_end_node(w);
    fw_begin(w, "plic@c000000");
    fw_prop_u32(w, "riscv,ndev", 96);
    fw_reg_2_2(w, 0xc000000, 0x600000);
    fw_prop(w, "compatible", plic_compat, sizeof(plic_compat));
    fw_prop_u32(w, "#address-cells", 0);
    fw_end_node(w);
    fw_end_node(w);
}

static void test_devices(void **state)
{
    (void)state;
    struct fdt_writer w;
    struct blob b;
    struct platform_info info;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 1000000);
    fw_memory(&w, 0x80000000, 0x100000);
    fw_soc(&w);
    fw_root_close(&w);
    fw_finish(&w, &b);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    assert_int_equal(info.timebase_hz, 1000000);
    assert_int_equal(info.uart_base, 0x10000000);
    assert_int_equal(info.uart_irq, 10);
    assert_int_equal(info.plic_base, 0xc000000);
    assert_int_equal(info.plic_size, 0x600000);
    assert_int_equal(info.plic_sources, 96);
    assert_int_equal(info.test_base, 0x100000);
}

/* OpenSBI's own reservation, as it appears in the tree the kernel really gets. */
static void fw_reserved_memory(struct fdt_writer *w)
{
    fw_begin(w, "reserved-memory");
    fw_prop_u32(w, "#address-cells", 2);
    fw_prop_u32(w, "#size-cells", 2);
    fw_prop(w, "ranges", "", 0);
    fw_begin(w, "mmode_resv0@80000000");
    fw_reg_2_2(w, 0x80000000, 0x80000);
    fw_prop(w, "no-map", "", 0);
    fw_end_node(w);
    fw_end_node(w);
}

static void test_reserved(void **state)
{
    (void)state;
    struct fdt_writer w;
    struct blob b;
    struct platform_info info;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_reserved_memory(&w);
    fw_root_close(&w);
    fw_memreserve(&w, 0x87e00000, 0x200000);
    fw_memreserve(&w, 0x1000000000ull, 0x1000);
    fw_finish(&w, &b);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    assert_int_equal(info.reserved_count, 3);
    assert_int_equal(info.reserved[0].base, 0x87e00000);
    assert_int_equal(info.reserved[0].size, 0x200000);
    assert_int_equal(info.reserved[1].base, 0x1000000000ull);
    assert_int_equal(info.reserved[1].size, 0x1000);
    assert_int_equal(info.reserved[2].base, 0x80000000);
    assert_int_equal(info.reserved[2].size, 0x80000);
    assert_int_equal(info.memory_count, 1);
}

static int parse_with_memreserves(unsigned count)
{
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    for (unsigned i = 0; i < count; i++) {
        fw_memreserve(&w, 0x80000000 + 0x1000ull * i, 0x1000);
    }
    return parse_writer(&w);
}

static void test_too_many_reserved(void **state)
{
    (void)state;
    assert_int_equal(parse_with_memreserves(FDT_MAX_RESERVED), FDT_OK);
    assert_int_equal(parse_with_memreserves(FDT_MAX_RESERVED + 1), FDT_E_TOO_MANY);
}

/* One memory node whose reg lists count ranges (2 address cells, 2 size cells). */
static int parse_with_memory_ranges(unsigned count, struct platform_info *info)
{
    struct fdt_writer w;
    struct blob b;
    uint32_t reg[4 * (FDT_MAX_MEMORY + 1)];
    assert_true(count <= FDT_MAX_MEMORY + 1);
    for (unsigned i = 0; i < count; i++) {
        uint32_t cells[] = {i, 0x80000000, 0, 0x100000 * (i + 1)};
        memcpy(reg + 4 * i, cells, sizeof(cells));
    }
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_begin(&w, "memory@80000000");
    fw_prop_str(&w, "device_type", "memory");
    fw_prop_cells(&w, "reg", reg, 4 * count);
    fw_end_node(&w);
    fw_root_close(&w);
    fw_finish(&w, &b);
    return parse_blob(&b, info);
}

static void test_memory_ranges(void **state)
{
    (void)state;
    struct platform_info info;
    assert_int_equal(parse_with_memory_ranges(FDT_MAX_MEMORY, &info), FDT_OK);
    assert_int_equal(info.memory_count, FDT_MAX_MEMORY);
    for (unsigned i = 0; i < FDT_MAX_MEMORY; i++) {
        assert_int_equal(info.memory[i].base, ((uint64_t)i << 32) | 0x80000000);
        assert_int_equal(info.memory[i].size, 0x100000 * (i + 1));
    }
    assert_int_equal(parse_with_memory_ranges(FDT_MAX_MEMORY + 1, &info), FDT_E_TOO_MANY);
}

static void test_memory_one_cell(void **state)
{
    (void)state;
    struct fdt_writer w;
    struct blob b;
    struct platform_info info;
    uint32_t reg[] = {0x80000000, 0x300000, 0x90000000, 0x1000};
    fw_root_open(&w, 1, 1);
    fw_cpus(&w, 10000000);
    fw_begin(&w, "ram");   /* named oddly: device_type alone makes it memory */
    fw_prop_str(&w, "device_type", "memory");
    fw_prop_cells(&w, "reg", reg, 4);
    fw_end_node(&w);
    fw_root_close(&w);
    fw_finish(&w, &b);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    assert_int_equal(info.memory_count, 2);
    assert_int_equal(info.memory[0].base, 0x80000000);
    assert_int_equal(info.memory[0].size, 0x300000);
    assert_int_equal(info.memory[1].base, 0x90000000);
    assert_int_equal(info.memory[1].size, 0x1000);
}

static void test_nops_ignored(void **state)
{
    (void)state;
    struct fdt_writer w;
    memset(&w, 0, sizeof(w));
    fw_u32(&w, TOKEN_NOP);
    fw_begin(&w, "");
    fw_u32(&w, TOKEN_NOP);
    fw_prop_u32(&w, "#address-cells", 2);
    fw_prop_u32(&w, "#size-cells", 2);
    fw_cpus(&w, 10000000);
    fw_u32(&w, TOKEN_NOP);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_OK);
}

/* --- synthetic trees that must not parse ------------------------------------------------ */

static void test_missing_memory(void **state)
{
    (void)state;
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_NO_MEMORY);
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0);   /* a memory node of size 0 */
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_NO_MEMORY);
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_begin(&w, "memory@80000000");
    fw_prop_u32(&w, "reg", 0x80000000);   /* too short for one (address, size) pair */
    fw_end_node(&w);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_NO_MEMORY);
}

static void test_missing_timebase(void **state)
{
    (void)state;
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_NO_TIMEBASE);
    fw_root_open(&w, 2, 2);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_cpus(&w, 0);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_NO_TIMEBASE);
}

static int parse_minimal_with(unsigned field, uint32_t value, size_t max_size_delta)
{
    struct blob b;
    struct platform_info info;
    build_minimal(&b);
    put_be32(b.data + field, value);
    return parse_bytes(b.data, b.size - max_size_delta, &info);
}

/* Two header fields changed at once, to break one rule while keeping the others. */
static int parse_minimal_with2(unsigned field_a, uint32_t a, unsigned field_b, uint32_t b)
{
    struct blob blob;
    struct platform_info info;
    build_minimal(&blob);
    put_be32(blob.data + field_a, a);
    put_be32(blob.data + field_b, b);
    return parse_blob(&blob, &info);
}

static uint32_t minimal_field(unsigned field)
{
    struct blob b;
    build_minimal(&b);
    return get_be32(b.data + field);
}

static void test_header_errors(void **state)
{
    (void)state;
    struct blob b;
    struct platform_info info;
    build_minimal(&b);
    for (size_t size = 0; size < 40; size++) {
        assert_int_equal(parse_bytes(b.data, size, &info), FDT_E_TRUNCATED);
    }
    uint32_t total = minimal_field(H_TOTALSIZE);
    assert_int_equal(parse_minimal_with(H_MAGIC, 0xedfe0dd0, 0), FDT_E_MAGIC);
    assert_int_equal(parse_minimal_with(H_VERSION, 16, 0), FDT_E_VERSION);
    assert_int_equal(parse_minimal_with(H_LAST_COMP, 18, 0), FDT_E_VERSION);
    assert_int_equal(parse_minimal_with(H_TOTALSIZE, total + 1, 0), FDT_E_TRUNCATED);
    assert_int_equal(parse_minimal_with(H_TOTALSIZE, UINT32_MAX, 0), FDT_E_TRUNCATED);
    assert_int_equal(parse_minimal_with(H_TOTALSIZE, total, 1), FDT_E_TRUNCATED);
    assert_int_equal(parse_minimal_with(H_TOTALSIZE, 39, 0), FDT_E_TRUNCATED);
    /* A newer version that stays compatible with 17 is fine. */
    assert_int_equal(parse_minimal_with(H_VERSION, 18, 0), FDT_OK);
}

static void test_layout_errors(void **state)
{
    (void)state;
    uint32_t total = minimal_field(H_TOTALSIZE);
    uint32_t off_struct = minimal_field(H_OFF_STRUCT);
    uint32_t off_strings = minimal_field(H_OFF_STRINGS);
    uint32_t size_struct = minimal_field(H_SIZE_STRUCT);
    uint32_t size_strings = minimal_field(H_SIZE_STRINGS);
    assert_int_equal(parse_minimal_with(H_OFF_STRUCT, total + 4, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_STRUCT, total - 4, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_STRUCT, off_struct + 2, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_SIZE_STRUCT, size_struct + 4 + size_strings, 0),
                     FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_SIZE_STRUCT, 0, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_STRINGS, total + 4, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_STRINGS, UINT32_MAX - 3, 0), FDT_E_LAYOUT);
    /* The strings block needs no alignment: shifted by one, names no longer match. */
    assert_int_equal(parse_minimal_with2(H_OFF_STRINGS, off_strings + 1, H_SIZE_STRINGS,
                                         size_strings - 1), FDT_E_NO_MEMORY);
    assert_int_equal(parse_minimal_with2(H_OFF_STRUCT, off_struct + 4, H_SIZE_STRUCT,
                                         size_struct - 4), FDT_E_TOKEN);
    assert_int_equal(parse_minimal_with(H_SIZE_STRINGS, size_strings + 1, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_RSVMAP, 44, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_RSVMAP, 32, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_RSVMAP, total, 0), FDT_E_LAYOUT);
    /* Reservation maps that run to the end of the blob without a terminator. */
    assert_int_equal(parse_minimal_with(H_OFF_RSVMAP, (total - 8) & ~7u, 0), FDT_E_LAYOUT);
    assert_int_equal(parse_minimal_with(H_OFF_RSVMAP, (total - 24) & ~7u, 0), FDT_E_LAYOUT);
}

static void test_property_past_block(void **state)
{
    (void)state;
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_raw_prop(&w, 64, fw_string(&w, "reg"));   /* only 8 bytes follow */
    fw_u32(&w, TOKEN_END_NODE);
    fw_u32(&w, TOKEN_END);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
    fw_root_open(&w, 2, 2);
    fw_raw_prop(&w, UINT32_MAX, fw_string(&w, "reg"));
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
    fw_root_open(&w, 2, 2);
    fw_u32(&w, TOKEN_PROP);   /* the structure block ends inside the property header */
    fw_u32(&w, 0);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
}

static void test_property_before_root(void **state)
{
    (void)state;
    struct fdt_writer w;
    memset(&w, 0, sizeof(w));
    fw_prop_u32(&w, "#address-cells", 2);
    fw_begin(&w, "");
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
}

static void test_name_offset_past_strings(void **state)
{
    (void)state;
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_raw_prop(&w, 0, w.strings_len);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
    fw_root_open(&w, 2, 2);
    fw_raw_prop(&w, 0, UINT32_MAX);
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
}

static void test_unterminated_strings(void **state)
{
    (void)state;
    struct fdt_writer w;
    struct blob b;
    struct platform_info info;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_prop(&w, "zz-last-name", "", 0);   /* its name is the last string in the block */
    fw_root_close(&w);
    fw_finish(&w, &b);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    put_be32(b.data + H_SIZE_STRINGS, w.strings_len - 1);   /* drop its NUL */
    assert_int_equal(parse_blob(&b, &info), FDT_E_PROPERTY);
    /* A node name that runs to the end of the structure block. */
    fw_root_open(&w, 2, 2);
    fw_u32(&w, TOKEN_BEGIN_NODE);
    fw_bytes(&w, "abcdefgh", 8);
    assert_int_equal(parse_writer(&w), FDT_E_TOKEN);
}

static void test_bad_tokens(void **state)
{
    (void)state;
    static const uint32_t bad[] = {0, 5, 8, 10, 0x01000000, UINT32_MAX};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct fdt_writer w;
        fw_root_open(&w, 2, 2);
        fw_u32(&w, bad[i]);
        fw_cpus(&w, 10000000);
        fw_memory(&w, 0x80000000, 0x8000000);
        fw_root_close(&w);
        assert_int_equal(parse_writer(&w), FDT_E_TOKEN);
    }
    struct fdt_writer w;   /* no END token: the walk runs off the block */
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_end_node(&w);
    assert_int_equal(parse_writer(&w), FDT_E_TOKEN);
}

static void test_unbalanced(void **state)
{
    (void)state;
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_end_node(&w);
    fw_end_node(&w);   /* one END_NODE too many */
    fw_u32(&w, TOKEN_END);
    assert_int_equal(parse_writer(&w), FDT_E_NESTING);
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_u32(&w, TOKEN_END);   /* the root is still open */
    assert_int_equal(parse_writer(&w), FDT_E_NESTING);
}

/* A tree whose deepest node is levels deep, counting the root as level 1. */
static int parse_nested(unsigned levels)
{
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    for (unsigned i = 1; i < levels; i++) {
        fw_begin(&w, "nested");
    }
    for (unsigned i = 1; i < levels; i++) {
        fw_end_node(&w);
    }
    fw_root_close(&w);
    return parse_writer(&w);
}

static void test_nesting_depth(void **state)
{
    (void)state;
    assert_int_equal(parse_nested(FDT_MAX_DEPTH), FDT_OK);
    assert_int_equal(parse_nested(FDT_MAX_DEPTH + 1), FDT_E_NESTING);
    assert_int_equal(parse_nested(FDT_MAX_DEPTH + 50), FDT_E_NESTING);
}

static int parse_root_cells(uint32_t address_cells, uint32_t size_cells)
{
    struct fdt_writer w;
    fw_root_open(&w, address_cells, size_cells);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    return parse_writer(&w);
}

static void test_cells(void **state)
{
    (void)state;
    assert_int_equal(parse_root_cells(FDT_MAX_CELLS + 1, 2), FDT_E_CELLS);
    assert_int_equal(parse_root_cells(2, FDT_MAX_CELLS + 1), FDT_E_CELLS);
    assert_int_equal(parse_root_cells(UINT32_MAX, 2), FDT_E_CELLS);
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    uint32_t two_cells[] = {0, 2};
    fw_prop_cells(&w, "#address-cells", two_cells, 2);   /* 8 bytes, not 4 */
    fw_root_close(&w);
    assert_int_equal(parse_writer(&w), FDT_E_PROPERTY);
}

/* A PCI-style bus with 3 address cells: accepted, its children's addresses not used. */
static void test_three_cell_bus(void **state)
{
    (void)state;
    struct fdt_writer w;
    struct blob b;
    struct platform_info info;
    uint32_t reg[] = {0, 0, 0x10000000, 0, 0x100};
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_begin(&w, "pci@30000000");
    fw_prop_u32(&w, "#address-cells", 3);
    fw_prop_u32(&w, "#size-cells", 2);
    fw_begin(&w, "serial@0");
    fw_prop_cells(&w, "reg", reg, 5);
    fw_prop_str(&w, "compatible", "ns16550a");
    fw_end_node(&w);
    fw_end_node(&w);
    fw_root_close(&w);
    fw_finish(&w, &b);
    assert_true(FDT_MAX_CELLS >= 3);
    assert_int_equal(parse_blob(&b, &info), FDT_OK);
    assert_int_equal(info.uart_base, 0);
    assert_int_equal(info.memory[0].base, 0x80000000);
}

static void test_strerror(void **state)
{
    (void)state;
    const char *fallback = fdt_strerror(1);
    assert_true(strlen(fallback) > 0);
    for (int a = FDT_OK; a >= FDT_E_NO_TIMEBASE; a--) {
        const char *text = fdt_strerror(a);
        assert_non_null(text);
        assert_true(strlen(text) > 0);
        assert_string_not_equal(text, fallback);
        for (int b = FDT_OK; b > a; b--) {
            assert_string_not_equal(text, fdt_strerror(b));
        }
    }
    assert_string_equal(fdt_strerror(FDT_E_NO_TIMEBASE - 1), fallback);
    assert_string_equal(fdt_strerror(INT_MAX), fallback);
}

/* Runs last: on failure UBSan ends the process. */
static void test_strerror_int_min(void **state)
{
    (void)state;
    assert_string_equal(fdt_strerror(INT_MIN), fdt_strerror(1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_tree),
        cmocka_unit_test(test_devices),
        cmocka_unit_test(test_reserved),
        cmocka_unit_test(test_too_many_reserved),
        cmocka_unit_test(test_memory_ranges),
        cmocka_unit_test(test_memory_one_cell),
        cmocka_unit_test(test_nops_ignored),
        cmocka_unit_test(test_missing_memory),
        cmocka_unit_test(test_missing_timebase),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_layout_errors),
        cmocka_unit_test(test_property_past_block),
        cmocka_unit_test(test_property_before_root),
        cmocka_unit_test(test_name_offset_past_strings),
        cmocka_unit_test(test_unterminated_strings),
        cmocka_unit_test(test_bad_tokens),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_nesting_depth),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_three_cell_bus),
        cmocka_unit_test(test_strerror),
    };
    const struct CMUnitTest last[] = {
        cmocka_unit_test(test_strerror_int_min),
    };
    int failed = cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("strerror_int_min", last, NULL, NULL);
    return failed;
}
