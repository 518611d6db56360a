/*
 * test_elf.c: elf_parse on the real root server (argv[1]), on every truncation and
 * single-byte corruption of it, and on small ELFs assembled in memory so that each
 * one breaks exactly one rule and must get exactly that rule's error code.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "elf.h"
#include "elf_writer.h"
#include "host_file.h"

static int g_argc;
static char **g_argv;

/* --- the synthetic files -------------------------------------------------------------- */

static void test_synthetic_valid(void **state)
{
    (void)state;
    struct test_elf t;
    struct elf_image img;
    elf_baseline(&t);
    assert_int_equal(parse_limit(&t, LIMIT, &img), ELF_OK);
    assert_int_equal(img.entry, 0x10000);
    assert_int_equal(img.segment_count, 2);
    assert_int_equal(img.segments[0].vaddr, 0x10000);
    assert_int_equal(img.segments[0].memsz, 0x100);
    assert_int_equal(img.segments[0].offset, 0x1000);
    assert_int_equal(img.segments[0].filesz, 0x100);
    assert_int_equal(img.segments[0].flags, RX);
    assert_int_equal(img.segments[1].vaddr, 0x11000);
    assert_int_equal(img.segments[1].memsz, 0x1000);
    assert_int_equal(img.segments[1].filesz, 0x10);
    assert_int_equal(img.segments[1].flags, RW);
}

static void test_segments_sorted(void **state)
{
    (void)state;
    struct test_elf t;
    struct elf_image img;
    elf_start(&t, 0x10000);
    elf_add(&t, (struct phdr){PT_LOAD, RW, 0x2000, 0x30000, 0x10, 0x10, PAGE});
    elf_add(&t, data_segment());
    elf_add(&t, text_segment());
    assert_int_equal(parse_limit(&t, LIMIT, &img), ELF_OK);
    assert_int_equal(img.segment_count, 3);
    assert_int_equal(img.segments[0].vaddr, 0x10000);
    assert_int_equal(img.segments[1].vaddr, 0x11000);
    assert_int_equal(img.segments[2].vaddr, 0x30000);
}

static void test_ignored_headers(void **state)
{
    (void)state;
    struct test_elf t;
    struct elf_image img;
    elf_baseline(&t);
    /* A note far outside the file and an empty PT_LOAD are not loaded, so not checked. */
    elf_add(&t, (struct phdr){PT_NOTE, 0, 0xffff0000, 0, 0x100, 0x100, 1});
    elf_add(&t, (struct phdr){PT_LOAD, RW | ELF_SEGMENT_X, 0xffff0000, 0x10000, 0x1000, 0, 1});
    assert_int_equal(parse_limit(&t, LIMIT, &img), ELF_OK);
    assert_int_equal(img.segment_count, 2);
}

static void test_truncated(void **state)
{
    (void)state;
    struct test_elf t;
    elf_baseline(&t);
    static const size_t sizes[] = {0, 1, 4, 63};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        t.size = sizes[i];
        assert_int_equal(parse(&t), ELF_E_TRUNCATED);
    }
    t.size = EHDR_SIZE;   /* header complete, program headers missing */
    assert_int_equal(parse(&t), ELF_E_TRUNCATED);
    t.size = EHDR_SIZE + 2 * PHDR_SIZE - 1;
    assert_int_equal(parse(&t), ELF_E_TRUNCATED);
    elf_baseline(&t);
    put_le(t.bytes + 32, 0x3000 - PHDR_SIZE, 8);   /* table starts inside, runs past end */
    assert_int_equal(parse(&t), ELF_E_TRUNCATED);
    put_le(t.bytes + 32, UINT64_MAX - 8, 8);
    assert_int_equal(parse(&t), ELF_E_TRUNCATED);
}

static void corrupt_byte(size_t offset, uint8_t value, int expected)
{
    struct test_elf t;
    elf_baseline(&t);
    t.bytes[offset] = value;
    assert_int_equal(parse(&t), expected);
}

static void corrupt_field(size_t offset, uint64_t value, unsigned bytes, int expected)
{
    struct test_elf t;
    elf_baseline(&t);
    put_le(t.bytes + offset, value, bytes);
    assert_int_equal(parse(&t), expected);
}

static void test_identity_errors(void **state)
{
    (void)state;
    corrupt_byte(0, 0x7e, ELF_E_MAGIC);
    corrupt_byte(3, 'G', ELF_E_MAGIC);
    corrupt_byte(4, 1, ELF_E_CLASS);      /* ELFCLASS32 */
    corrupt_byte(5, 2, ELF_E_ENDIAN);     /* ELFDATA2MSB */
    corrupt_byte(6, 0, ELF_E_VERSION);    /* EI_VERSION */
    corrupt_field(20, 2, 4, ELF_E_VERSION);
    corrupt_field(16, 3, 2, ELF_E_TYPE);  /* ET_DYN */
    corrupt_field(16, 1, 2, ELF_E_TYPE);  /* ET_REL */
    corrupt_field(18, 62, 2, ELF_E_MACHINE);
}

static void test_phdr_table_errors(void **state)
{
    (void)state;
    corrupt_field(54, 32, 2, ELF_E_PHDR);         /* e_phentsize */
    corrupt_field(54, PHDR_SIZE + 8, 2, ELF_E_PHDR);
    corrupt_field(56, 0, 2, ELF_E_PHDR);          /* e_phnum */
}

static void test_segment_file_range(void **state)
{
    (void)state;
    struct phdr ph = data_segment();
    ph.filesz = 0x1001;   /* 0x2000 + 0x1001 is one past the 0x3000-byte file */
    ph.memsz = 0x2000;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_SEGMENT_FILE);
    ph.filesz = 0x1000;   /* ends exactly at the end of the file: fine */
    assert_int_equal(parse_with_segment(1, ph), ELF_OK);
    ph = data_segment();
    ph.offset = 0x3001;   /* starts past the end, even with nothing to copy */
    ph.vaddr = 0x11001;
    ph.filesz = 0;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_SEGMENT_FILE);
}

static void test_segment_offset_overflow(void **state)
{
    (void)state;
    struct phdr ph = data_segment();
    ph.offset = UINT64_MAX - 0xfff;   /* offset + filesz wraps to a small number */
    ph.vaddr = 0x11000;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_SEGMENT_FILE);
    ph = data_segment();
    ph.filesz = UINT64_MAX - 0x1000;
    ph.memsz = UINT64_MAX;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_SEGMENT_FILE);
}

static void test_segment_size(void **state)
{
    (void)state;
    struct phdr ph = data_segment();
    ph.filesz = 0x11;
    ph.memsz = 0x10;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_SEGMENT_SIZE);
}

static void test_segment_address(void **state)
{
    (void)state;
    struct phdr ph = data_segment();
    ph.vaddr = LIMIT;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_ADDRESS);
    ph.vaddr = LIMIT - 0x1000;   /* ends exactly at the limit: fine */
    assert_int_equal(parse_with_segment(1, ph), ELF_OK);
    ph.memsz = 0x1001;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_ADDRESS);
}

static void test_segment_address_overflow(void **state)
{
    (void)state;
    struct test_elf t;
    struct elf_image img;
    elf_baseline(&t);
    elf_add(&t, (struct phdr){PT_LOAD, RW, 0x2000, 0x20000, 0x10, UINT64_MAX - 0x1000, PAGE});
    assert_int_equal(parse_limit(&t, UINT64_MAX, &img), ELF_E_ADDRESS);
    assert_int_equal(parse_limit(&t, LIMIT, &img), ELF_E_ADDRESS);
}

static void test_overlap(void **state)
{
    (void)state;
    struct phdr ph = data_segment();
    ph.vaddr = 0x10000;   /* the same addresses as the text */
    ph.offset = 0x2000;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_OVERLAP);
    ph.vaddr = 0x10800;   /* disjoint bytes, but one shared page */
    ph.offset = 0x2800;
    ph.memsz = 0x100;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_OVERLAP);
    ph.vaddr = 0x0f000;   /* the page before, running into the text's page */
    ph.offset = 0x2000;
    ph.memsz = 0x1001;
    assert_int_equal(parse_with_segment(1, ph), ELF_E_OVERLAP);
    ph.memsz = 0x1000;    /* ends exactly where the text's page starts: fine */
    assert_int_equal(parse_with_segment(1, ph), ELF_OK);
}

static void test_write_exec(void **state)
{
    (void)state;
    struct phdr ph = text_segment();
    ph.flags = RX | ELF_SEGMENT_W;
    assert_int_equal(parse_with_segment(0, ph), ELF_E_WRITE_EXEC);
    ph.flags = ELF_SEGMENT_W | ELF_SEGMENT_X;
    assert_int_equal(parse_with_segment(0, ph), ELF_E_WRITE_EXEC);
}

static void check_entry(uint64_t entry, int expected)
{
    struct test_elf t;
    elf_baseline(&t);
    put_le(t.bytes + 24, entry, 8);
    assert_int_equal(parse(&t), expected);
}

static void test_entry(void **state)
{
    (void)state;
    check_entry(0x10000, ELF_OK);
    check_entry(0x100ff, ELF_OK);
    check_entry(0x10100, ELF_E_ENTRY);   /* one past the text */
    check_entry(0x0ffff, ELF_E_ENTRY);
    check_entry(0x11000, ELF_E_ENTRY);   /* inside data, which is not executable */
    check_entry(0, ELF_E_ENTRY);
    check_entry(UINT64_MAX, ELF_E_ENTRY);
}

/* count PT_LOAD segments, one page apart, the first executable. */
static int parse_many(unsigned count)
{
    struct test_elf t;
    elf_start(&t, 0x10000);
    for (unsigned i = 0; i < count; i++) {
        uint32_t flags = i == 0 ? RX : ELF_SEGMENT_R;
        elf_add(&t, (struct phdr){PT_LOAD, flags, 0x1000, 0x10000 + i * PAGE, 8, 8, PAGE});
    }
    return parse(&t);
}

static void test_too_many(void **state)
{
    (void)state;
    assert_int_equal(parse_many(ELF_MAX_SEGMENTS), ELF_OK);
    assert_int_equal(parse_many(ELF_MAX_SEGMENTS + 1), ELF_E_TOO_MANY);
}

static void test_no_segments(void **state)
{
    (void)state;
    struct test_elf t;
    elf_start(&t, 0x10000);
    elf_add(&t, (struct phdr){PT_NOTE, ELF_SEGMENT_R, 0x1000, 0x10000, 0x10, 0x10, 4});
    assert_int_equal(parse(&t), ELF_E_NO_SEGMENTS);
    elf_start(&t, 0x10000);
    elf_add(&t, (struct phdr){PT_LOAD, RX, 0x1000, 0x10000, 0, 0, PAGE});
    assert_int_equal(parse(&t), ELF_E_NO_SEGMENTS);
}

static void test_misaligned(void **state)
{
    (void)state;
    struct phdr ph = text_segment();
    ph.offset = 0x1010;
    assert_int_equal(parse_with_segment(0, ph), ELF_E_ALIGN);
    ph.offset = 0x2000;   /* a different page, same offset within it: fine */
    assert_int_equal(parse_with_segment(0, ph), ELF_OK);
    ph.offset = 0x1010;
    ph.align = 1;         /* no alignment asked for: not checked */
    assert_int_equal(parse_with_segment(0, ph), ELF_OK);
    ph.align = 0;
    assert_int_equal(parse_with_segment(0, ph), ELF_OK);
}

static void test_strerror(void **state)
{
    (void)state;
    const char *fallback = elf_strerror(1);
    assert_non_null(fallback);
    assert_true(strlen(fallback) > 0);
    for (int a = ELF_OK; a >= ELF_E_NO_SEGMENTS; a--) {
        const char *text = elf_strerror(a);
        assert_non_null(text);
        assert_true(strlen(text) > 0);
        assert_string_not_equal(text, fallback);
        for (int b = ELF_OK; b > a; b--) {
            assert_string_not_equal(text, elf_strerror(b));
        }
    }
    assert_string_equal(elf_strerror(ELF_E_NO_SEGMENTS - 1), fallback);
    assert_string_equal(elf_strerror(-1000), fallback);
    assert_string_equal(elf_strerror(INT_MAX), fallback);
}

/* Runs last: on failure UBSan ends the process. */
static void test_strerror_int_min(void **state)
{
    (void)state;
    assert_string_equal(elf_strerror(INT_MIN), elf_strerror(1));
}

/* --- the real root server ------------------------------------------------------------ */

static int setup_real(void **state)
{
    if (g_argc < 2) {
        print_error("usage: test_elf ROOTSERVER.elf\n");
        return -1;
    }
    struct host_file *f = malloc(sizeof(*f));
    if (f == NULL) {
        return -1;
    }
    *f = host_file_read(g_argv[1], 1);
    *state = f;
    return 0;
}

static int teardown_real(void **state)
{
    struct host_file *f = *state;
    if (f != NULL) {
        free(f->data);
        free(f);
    }
    return 0;
}

/* Everything a loader relies on, checked on a parsed image of a file of size bytes. */
static void check_image(const struct elf_image *img, size_t size)
{
    bool entry_ok = false;
    assert_true(img->segment_count >= 1 && img->segment_count <= ELF_MAX_SEGMENTS);
    for (unsigned i = 0; i < img->segment_count; i++) {
        const struct elf_segment *s = &img->segments[i];
        assert_true(s->offset <= size && s->filesz <= size - s->offset);
        assert_true(s->filesz <= s->memsz && s->memsz > 0);
        assert_true(s->vaddr < LIMIT && s->memsz <= LIMIT - s->vaddr);
        assert_false((s->flags & ELF_SEGMENT_W) && (s->flags & ELF_SEGMENT_X));
        if (i > 0) {
            const struct elf_segment *p = &img->segments[i - 1];
            assert_true((p->vaddr + p->memsz - 1) / PAGE < s->vaddr / PAGE);
        }
        if ((s->flags & ELF_SEGMENT_X) && img->entry >= s->vaddr &&
            img->entry - s->vaddr < s->memsz) {
            entry_ok = true;
        }
    }
    assert_true(entry_ok);
}

/* Smallest prefix of the file that holds the program headers and all segment bytes. */
static size_t needed_size(const struct host_file *f, const struct elf_image *img)
{
    uint64_t need = get_le(f->data + 32, 8) + get_le(f->data + 56, 2) * PHDR_SIZE;
    for (unsigned i = 0; i < img->segment_count; i++) {
        uint64_t end = img->segments[i].offset + img->segments[i].filesz;
        need = end > need ? end : need;
    }
    return (size_t)need;
}

static unsigned count_loadable(const struct host_file *f)
{
    unsigned count = 0;
    uint64_t phoff = get_le(f->data + 32, 8);
    for (unsigned i = 0; i < get_le(f->data + 56, 2); i++) {
        const uint8_t *ph = f->data + phoff + i * PHDR_SIZE;
        count += get_le(ph, 4) == PT_LOAD && get_le(ph + 40, 8) != 0;
    }
    return count;
}

static void test_real_parses(void **state)
{
    const struct host_file *f = *state;
    struct elf_image img;
    assert_int_equal(elf_parse(f->data, f->size, LIMIT, &img), ELF_OK);
    check_image(&img, f->size);
    assert_int_equal(img.entry, get_le(f->data + 24, 8));
    assert_int_equal(img.segment_count, count_loadable(f));
    /* The address limit is enforced on the real file too. */
    uint64_t top = img.segments[img.segment_count - 1].vaddr;
    assert_int_equal(elf_parse(f->data, f->size, top, &img), ELF_E_ADDRESS);
}

static int parse_prefix(const struct host_file *f, size_t size, struct elf_image *img)
{
    uint8_t *copy = malloc(size > 0 ? size : 1);
    assert_non_null(copy);
    memcpy(copy, f->data, size);
    int err = elf_parse(copy, size, LIMIT, img);
    free(copy);
    return err;
}

static void assert_same_image(const struct elf_image *a, const struct elf_image *b)
{
    assert_int_equal(a->entry, b->entry);
    assert_int_equal(a->segment_count, b->segment_count);
    for (unsigned i = 0; i < a->segment_count; i++) {
        assert_int_equal(a->segments[i].vaddr, b->segments[i].vaddr);
        assert_int_equal(a->segments[i].memsz, b->segments[i].memsz);
        assert_int_equal(a->segments[i].offset, b->segments[i].offset);
        assert_int_equal(a->segments[i].filesz, b->segments[i].filesz);
        assert_int_equal(a->segments[i].flags, b->segments[i].flags);
    }
}

/* Every prefix, in an exactly sized buffer: short ones fail, long enough ones parse. */
static void test_real_truncations(void **state)
{
    const struct host_file *f = *state;
    struct elf_image full;
    assert_int_equal(elf_parse(f->data, f->size, LIMIT, &full), ELF_OK);
    size_t need = needed_size(f, &full);
    assert_true(need > EHDR_SIZE && need <= f->size);
    for (size_t size = 0; size < f->size; size++) {
        struct elf_image img;
        int err = parse_prefix(f, size, &img);
        if (size < EHDR_SIZE) {
            assert_int_equal(err, ELF_E_TRUNCATED);
        } else if (size < need) {
            assert_true(err == ELF_E_TRUNCATED || err == ELF_E_SEGMENT_FILE);
        } else {
            assert_int_equal(err, ELF_OK);
            assert_same_image(&img, &full);
        }
    }
}

static uint8_t mutate(uint8_t byte, unsigned how)
{
    static const uint8_t flips[] = {0xff, 0x80, 0x01};
    return how < sizeof(flips) ? byte ^ flips[how] : 0;
}

/* Each early byte xor-ed or zeroed: never a crash, and ELF_OK still means valid. */
static void test_real_byte_flips(void **state)
{
    const struct host_file *f = *state;
    uint8_t *copy = malloc(f->size);
    assert_non_null(copy);
    memcpy(copy, f->data, f->size);
    size_t end = f->size < 0x1000 ? f->size : 0x1000;
    /* cppcheck-suppress knownConditionTrueFalse ; f->size is the real file's, read at run time */
    for (size_t i = 0; i < end; i++) {
        for (unsigned how = 0; how < 4; how++) {
            copy[i] = mutate(f->data[i], how);
            struct elf_image img;
            if (elf_parse(copy, f->size, LIMIT, &img) == ELF_OK) {
                check_image(&img, f->size);
            }
        }
        copy[i] = f->data[i];
    }
    free(copy);
}

int main(int argc, char **argv)
{
    g_argc = argc;
    g_argv = argv;
    const struct CMUnitTest synthetic[] = {
        cmocka_unit_test(test_synthetic_valid),
        cmocka_unit_test(test_segments_sorted),
        cmocka_unit_test(test_ignored_headers),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_identity_errors),
        cmocka_unit_test(test_phdr_table_errors),
        cmocka_unit_test(test_segment_file_range),
        cmocka_unit_test(test_segment_offset_overflow),
        cmocka_unit_test(test_segment_size),
        cmocka_unit_test(test_segment_address),
        cmocka_unit_test(test_segment_address_overflow),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_write_exec),
        cmocka_unit_test(test_entry),
        cmocka_unit_test(test_too_many),
        cmocka_unit_test(test_no_segments),
        cmocka_unit_test(test_misaligned),
        cmocka_unit_test(test_strerror),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_real_parses),
        cmocka_unit_test(test_real_truncations),
        cmocka_unit_test(test_real_byte_flips),
    };
    const struct CMUnitTest last[] = {
        cmocka_unit_test(test_strerror_int_min),
    };
    int failed = cmocka_run_group_tests_name("synthetic", synthetic, NULL, NULL);
    failed += cmocka_run_group_tests_name("rootserver", real, setup_real, teardown_real);
    failed += cmocka_run_group_tests_name("strerror_int_min", last, NULL, NULL);
    return failed;
}
