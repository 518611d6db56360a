/*
 * test_fdt.c: fdt_parse on real QEMU virt device trees (argv[1..3]: 128M, 3M, 2G), on
 * every truncation and many single-byte corruptions of one, and on small blobs built
 * here by a tiny FDT writer so that each breaks one rule and gets that rule's error.
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

#include "fdt.h"

#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u
#define TOKEN_END 9u

/* Header field offsets. */
#define H_MAGIC 0
#define H_TOTALSIZE 4
#define H_OFF_STRUCT 8
#define H_OFF_STRINGS 12
#define H_OFF_RSVMAP 16
#define H_VERSION 20
#define H_LAST_COMP 24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT 36

#define MAX_RSV 16

static int g_argc;
static char **g_argv;

/* --- a tiny FDT writer ---------------------------------------------------------------- */

struct fdt_writer {
    uint8_t structure[8192];
    uint32_t struct_len;
    char strings[1024];
    uint32_t strings_len;
    uint64_t rsv[MAX_RSV][2];
    unsigned rsv_count;
};

struct blob {
    uint8_t data[16384];
    uint32_t size;
};

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be64(uint8_t *p, uint64_t v)
{
    put_be32(p, (uint32_t)(v >> 32));
    put_be32(p + 4, (uint32_t)v);
}

static void fw_bytes(struct fdt_writer *w, const void *data, uint32_t len)
{
    assert_true(len <= sizeof(w->structure) - w->struct_len);
    memcpy(w->structure + w->struct_len, data, len);
    w->struct_len += len;
}

static void fw_pad(struct fdt_writer *w)
{
    while (w->struct_len % 4 != 0) {
        fw_bytes(w, "", 1);
    }
}

static void fw_u32(struct fdt_writer *w, uint32_t v)
{
    uint8_t bytes[4];
    put_be32(bytes, v);
    fw_bytes(w, bytes, 4);
}

/* The offset of name in the strings block, adding it the first time. */
static uint32_t fw_string(struct fdt_writer *w, const char *name)
{
    uint32_t len = (uint32_t)strlen(name) + 1;
    for (uint32_t at = 0; at < w->strings_len; at += (uint32_t)strlen(w->strings + at) + 1) {
        if (strcmp(w->strings + at, name) == 0) {
            return at;
        }
    }
    assert_true(len <= sizeof(w->strings) - w->strings_len);
    memcpy(w->strings + w->strings_len, name, len);
    w->strings_len += len;
    return w->strings_len - len;
}

static void fw_begin(struct fdt_writer *w, const char *name)
{
    fw_u32(w, TOKEN_BEGIN_NODE);
    fw_bytes(w, name, (uint32_t)strlen(name) + 1);
    fw_pad(w);
}

static void fw_end_node(struct fdt_writer *w)
{
    fw_u32(w, TOKEN_END_NODE);
}

static void fw_raw_prop(struct fdt_writer *w, uint32_t len, uint32_t nameoff)
{
    fw_u32(w, TOKEN_PROP);
    fw_u32(w, len);
    fw_u32(w, nameoff);
}

static void fw_prop(struct fdt_writer *w, const char *name, const void *value, uint32_t len)
{
    fw_raw_prop(w, len, fw_string(w, name));
    fw_bytes(w, value, len);
    fw_pad(w);
}

static void fw_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells,
                          unsigned count)
{
    uint8_t value[256];
    assert_true(count * 4 <= sizeof(value));
    for (unsigned i = 0; i < count; i++) {
        put_be32(value + 4 * i, cells[i]);
    }
    fw_prop(w, name, value, 4 * count);
}

static void fw_prop_u32(struct fdt_writer *w, const char *name, uint32_t v)
{
    fw_prop_cells(w, name, &v, 1);
}

static void fw_prop_str(struct fdt_writer *w, const char *name, const char *s)
{
    fw_prop(w, name, s, (uint32_t)strlen(s) + 1);
}

static void fw_memreserve(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    assert_true(w->rsv_count < MAX_RSV);
    w->rsv[w->rsv_count][0] = base;
    w->rsv[w->rsv_count][1] = size;
    w->rsv_count++;
}

/* Header, reservation map, structure block, strings block, in that order. */
static void fw_finish(const struct fdt_writer *w, struct blob *b)
{
    memset(b, 0, sizeof(*b));
    uint32_t rsv = 40;
    uint32_t structure = rsv + 16 * (w->rsv_count + 1);
    uint32_t strings = structure + w->struct_len;
    b->size = strings + w->strings_len;
    assert_true(b->size <= sizeof(b->data));
    for (unsigned i = 0; i < w->rsv_count; i++) {
        put_be64(b->data + rsv + 16 * i, w->rsv[i][0]);
        put_be64(b->data + rsv + 16 * i + 8, w->rsv[i][1]);
    }
    memcpy(b->data + structure, w->structure, w->struct_len);
    memcpy(b->data + strings, w->strings, w->strings_len);
    put_be32(b->data + H_MAGIC, 0xd00dfeed);
    put_be32(b->data + H_TOTALSIZE, b->size);
    put_be32(b->data + H_OFF_STRUCT, structure);
    put_be32(b->data + H_OFF_STRINGS, strings);
    put_be32(b->data + H_OFF_RSVMAP, rsv);
    put_be32(b->data + H_VERSION, 17);
    put_be32(b->data + H_LAST_COMP, 16);
    put_be32(b->data + H_SIZE_STRINGS, w->strings_len);
    put_be32(b->data + H_SIZE_STRUCT, w->struct_len);
}

/* --- building blocks of synthetic trees ----------------------------------------------- */

static void fw_root_open(struct fdt_writer *w, uint32_t address_cells, uint32_t size_cells)
{
    memset(w, 0, sizeof(*w));
    fw_begin(w, "");
    fw_prop_u32(w, "#address-cells", address_cells);
    fw_prop_u32(w, "#size-cells", size_cells);
    fw_prop_str(w, "compatible", "riscv-virtio");
}

static void fw_cpus(struct fdt_writer *w, uint32_t timebase)
{
    fw_begin(w, "cpus");
    fw_prop_u32(w, "#address-cells", 1);
    fw_prop_u32(w, "#size-cells", 0);
    fw_prop_u32(w, "timebase-frequency", timebase);
    fw_begin(w, "cpu@0");
    fw_prop_str(w, "device_type", "cpu");
    fw_prop_u32(w, "reg", 0);
    fw_end_node(w);
    fw_end_node(w);
}

/* A memory node for a parent with 2 address and 2 size cells. */
static void fw_memory(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    uint32_t reg[] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                      (uint32_t)size};
    fw_begin(w, "memory@80000000");
    fw_prop_str(w, "device_type", "memory");
    fw_prop_cells(w, "reg", reg, 4);
    fw_end_node(w);
}

static void fw_root_close(struct fdt_writer *w)
{
    fw_end_node(w);
    fw_u32(w, TOKEN_END);
}

static void build_minimal(struct blob *b)
{
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    fw_finish(&w, b);
}

/* Parses the first max_size bytes of data from an exactly sized heap copy (ASan). */
static int parse_bytes(const uint8_t *data, size_t max_size, struct platform_info *info)
{
    uint8_t *copy = malloc(max_size > 0 ? max_size : 1);
    assert_non_null(copy);
    memcpy(copy, data, max_size);
    int err = fdt_parse(copy, max_size, info);
    free(copy);
    return err;
}

static int parse_blob(const struct blob *b, struct platform_info *info)
{
    return parse_bytes(b->data, b->size, info);
}

static int parse_writer(const struct fdt_writer *w)
{
    struct blob b;
    struct platform_info info;
    fw_finish(w, &b);
    return parse_blob(&b, &info);
}

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

/* --- the real device trees --------------------------------------------------------------- */

struct file {
    uint8_t *data;
    size_t size;
};

static struct file read_file(const char *path)
{
    struct file f = {NULL, 0};
    FILE *stream = fopen(path, "rb");
    if (stream == NULL) {
        fail_msg("cannot open %s", path);
    }
    assert_int_equal(fseek(stream, 0, SEEK_END), 0);
    long size = ftell(stream);
    assert_true(size >= 40);
    rewind(stream);
    f.size = (size_t)size;
    f.data = malloc(f.size);
    assert_non_null(f.data);
    assert_int_equal(fread(f.data, 1, f.size, stream), f.size);
    fclose(stream);
    return f;
}

static void assert_same_range(const struct fdt_range *a, const struct fdt_range *b)
{
    assert_int_equal(a->base, b->base);
    assert_int_equal(a->size, b->size);
}

static void assert_same_info(const struct platform_info *a, const struct platform_info *b)
{
    assert_int_equal(a->dtb_size, b->dtb_size);
    assert_int_equal(a->memory_count, b->memory_count);
    for (unsigned i = 0; i < a->memory_count; i++) {
        assert_same_range(&a->memory[i], &b->memory[i]);
    }
    assert_int_equal(a->reserved_count, b->reserved_count);
    for (unsigned i = 0; i < a->reserved_count; i++) {
        assert_same_range(&a->reserved[i], &b->reserved[i]);
    }
    assert_int_equal(a->timebase_hz, b->timebase_hz);
    assert_int_equal(a->uart_base, b->uart_base);
    assert_int_equal(a->uart_irq, b->uart_irq);
    assert_int_equal(a->plic_base, b->plic_base);
    assert_int_equal(a->plic_size, b->plic_size);
    assert_int_equal(a->plic_sources, b->plic_sources);
    assert_int_equal(a->test_base, b->test_base);
}

/* Parses argv[index] (the whole file as max_size) and checks the common QEMU virt facts. */
static void parse_real(int index, struct platform_info *info)
{
    if (g_argc <= index) {
        fail_msg("usage: test_fdt VIRT-128M.dtb VIRT-3M.dtb VIRT-2G.dtb");
    }
    struct file f = read_file(g_argv[index]);
    uint32_t total = get_be32(f.data + H_TOTALSIZE);
    assert_int_equal(fdt_parse(f.data, f.size, info), FDT_OK);
    assert_int_equal(info->dtb_size, total);
    struct platform_info exact;   /* exactly totalsize bytes is enough */
    assert_true(total <= f.size);
    assert_int_equal(parse_bytes(f.data, total, &exact), FDT_OK);
    assert_same_info(&exact, info);
    free(f.data);
    assert_int_equal(info->memory_count, 1);
    assert_int_equal(info->memory[0].base, 0x80000000);
    assert_int_equal(info->uart_base, 0x10000000);
    assert_int_equal(info->uart_irq, 10);
    assert_int_equal(info->plic_base, 0xc000000);
    assert_int_equal(info->plic_size, 0x600000);
    assert_int_equal(info->plic_sources, 96);   /* riscv,ndev = <0x60> in this QEMU */
    assert_int_equal(info->test_base, 0x100000);
    assert_int_equal(info->timebase_hz, 10000000);
    /* QEMU's dump predates OpenSBI, which adds its reservation at boot. */
    assert_int_equal(info->reserved_count, 0);
}

static void test_real_128m(void **state)
{
    (void)state;
    struct platform_info info;
    parse_real(1, &info);
    assert_int_equal(info.memory[0].size, 0x8000000);
}

static void test_real_3m(void **state)
{
    (void)state;
    struct platform_info info;
    parse_real(2, &info);
    assert_int_equal(info.memory[0].size, 0x300000);
}

static void test_real_2g(void **state)
{
    (void)state;
    struct platform_info info;
    parse_real(3, &info);
    assert_int_equal(info.memory[0].size, 0x80000000);
}

static void test_real_truncations(void **state)
{
    (void)state;
    if (g_argc < 2) {
        fail_msg("usage: test_fdt VIRT-128M.dtb ...");
    }
    struct file f = read_file(g_argv[1]);
    uint32_t total = get_be32(f.data + H_TOTALSIZE);
    assert_true(total <= f.size);
    for (size_t size = 0; size < total; size++) {
        struct platform_info info;
        assert_int_equal(parse_bytes(f.data, size, &info), FDT_E_TRUNCATED);
    }
    free(f.data);
}

static uint8_t mutate(uint8_t byte, unsigned how)
{
    static const uint8_t flips[] = {0xff, 0x80, 0x01};
    return how < sizeof(flips) ? byte ^ flips[how] : 0;
}

/* Every byte xor-ed or zeroed in turn: never a crash, and FDT_OK still means sane. */
static void test_real_byte_flips(void **state)
{
    (void)state;
    if (g_argc < 2) {
        fail_msg("usage: test_fdt VIRT-128M.dtb ...");
    }
    struct file f = read_file(g_argv[1]);
    uint32_t total = get_be32(f.data + H_TOTALSIZE);
    uint8_t *copy = malloc(total);
    assert_non_null(copy);
    memcpy(copy, f.data, total);
    for (uint32_t i = 0; i < total; i++) {
        for (unsigned how = 0; how < 4; how++) {
            struct platform_info info;
            copy[i] = mutate(f.data[i], how);
            if (fdt_parse(copy, total, &info) == FDT_OK) {
                assert_true(info.memory_count >= 1 && info.memory_count <= FDT_MAX_MEMORY);
                assert_true(info.reserved_count <= FDT_MAX_RESERVED);
                assert_true(info.dtb_size <= total && info.timebase_hz != 0);
            }
        }
        copy[i] = f.data[i];
    }
    free(copy);
    free(f.data);
}

int main(int argc, char **argv)
{
    g_argc = argc;
    g_argv = argv;
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
        cmocka_unit_test(test_real_128m),
        cmocka_unit_test(test_real_3m),
        cmocka_unit_test(test_real_2g),
        cmocka_unit_test(test_real_truncations),
        cmocka_unit_test(test_real_byte_flips),
    };
    const struct CMUnitTest last[] = {
        cmocka_unit_test(test_strerror_int_min),
    };
    int failed = cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("strerror_int_min", last, NULL, NULL);
    return failed;
}
