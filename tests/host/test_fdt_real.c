/*
 * test_fdt_real.c: fdt_parse on real QEMU virt device trees (argv[1..3]: 128M, 3M, 2G),
 * on every truncation of one, and on every single-byte corruption of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fdt_writer.h"
#include "host_file.h"

static int g_argc;
static char **g_argv;

/* --- the trees --------------------------------------------------------------- */

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
        fail_msg("usage: test_fdt_real VIRT-128M.dtb VIRT-3M.dtb VIRT-2G.dtb");
    }
    struct host_file f = host_file_read(g_argv[index], FDT_HEADER_SIZE);
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
        fail_msg("usage: test_fdt_real VIRT-128M.dtb ...");
    }
    struct host_file f = host_file_read(g_argv[1], FDT_HEADER_SIZE);
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
        fail_msg("usage: test_fdt_real VIRT-128M.dtb ...");
    }
    struct host_file f = host_file_read(g_argv[1], FDT_HEADER_SIZE);
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
        cmocka_unit_test(test_real_128m),
        cmocka_unit_test(test_real_3m),
        cmocka_unit_test(test_real_2g),
        cmocka_unit_test(test_real_truncations),
        cmocka_unit_test(test_real_byte_flips),
    };
    return cmocka_run_group_tests_name("fdt_real", tests, NULL, NULL);
}
