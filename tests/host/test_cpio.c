/*
 * test_cpio.c: the newc reader on archives written here, on one written by GNU cpio
 * (argv[1]), on every truncation and on corrupted headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpio_newc.h"
#include "host_file.h"

static char *g_real_archive;

/* --- a small newc writer --------------------------------------------------------- */

struct archive {
    uint8_t bytes[16384];
    size_t size;
};

static void put(struct archive *a, const void *data, size_t n)
{
    assert_true(a->size + n <= sizeof(a->bytes));
    memcpy(a->bytes + a->size, data, n);
    a->size += n;
}

static void pad(struct archive *a)
{
    while (a->size % 4 != 0) {
        a->bytes[a->size++] = 0;
    }
}

static void add(struct archive *a, const char *name, const void *data, size_t n, unsigned mode)
{
    char header[CPIO_HEADER_BYTES + 1];
    snprintf(header, sizeof(header),
             "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", 1u, mode, 0u, 0u,
             1u, 0u, (unsigned)n, 0u, 0u, 0u, 0u, (unsigned)strlen(name) + 1, 0u);
    put(a, header, CPIO_HEADER_BYTES);
    put(a, name, strlen(name) + 1);
    pad(a);
    put(a, data, n);
    pad(a);
}

static void finish(struct archive *a)
{
    add(a, "TRAILER!!!", "", 0, 0);
}

#define FILE_MODE 0100644u
#define DIR_MODE 0040755u

static struct archive *sample(void)
{
    static struct archive a;
    memset(&a, 0, sizeof(a));
    add(&a, "etc", "", 0, DIR_MODE);
    add(&a, "bootplan.bin", "PLAN", 4, FILE_MODE);
    add(&a, "empty", "", 0, FILE_MODE);
    add(&a, "odd", "12345", 5, FILE_MODE);
    finish(&a);
    return &a;
}

/* --- tests ------------------------------------------------------------------------ */

static void finds_each_file(void **state)
{
    (void)state;
    struct archive *a = sample();
    struct cpio_entry e;
    assert_int_equal(cpio_find(a->bytes, a->size, "bootplan.bin", &e), CPIO_OK);
    assert_int_equal(e.size, 4);
    assert_memory_equal(e.data, "PLAN", 4);
    assert_int_equal(cpio_find(a->bytes, a->size, "odd", &e), CPIO_OK);
    assert_memory_equal(e.data, "12345", 5);
    assert_int_equal(cpio_find(a->bytes, a->size, "empty", &e), CPIO_OK);
    assert_int_equal(e.size, 0);
    assert_int_equal(cpio_find(a->bytes, a->size, "missing", &e), CPIO_E_NOT_FOUND);
    assert_int_equal(cpio_find(a->bytes, a->size, "etc", &e), CPIO_E_NOT_FOUND);   /* a dir */
}

static void walks_in_order_to_the_trailer(void **state)
{
    (void)state;
    struct archive *a = sample();
    const char *names[] = {"etc", "bootplan.bin", "empty", "odd"};
    size_t offset = 0;
    struct cpio_entry e;
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_OK);
        assert_string_equal(e.name, names[i]);
        assert_int_equal(offset % 4, 0);
    }
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_END);
    assert_int_equal(offset, a->size);
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_TRUNCATED);
}

/* Every prefix of a valid archive: never a read outside it (ASan), never a wrong file. */
static void every_truncation_is_refused_or_consistent(void **state)
{
    (void)state;
    struct archive *a = sample();
    for (size_t n = 0; n < a->size; n++) {
        uint8_t *copy = malloc(n + 1);   /* exactly n bytes visible to ASan (+1 for n = 0) */
        memcpy(copy, a->bytes, n);
        struct cpio_entry e;
        int r = cpio_find(copy, n, "odd", &e);
        if (r == CPIO_OK) {
            assert_memory_equal(e.data, "12345", 5);
        } else {
            assert_true(r < 0);
        }
        free(copy);
    }
}

static void corrupt_headers_are_refused(void **state)
{
    (void)state;
    struct cpio_entry e;
    size_t offset;
    struct archive *a = sample();
    a->bytes[0] = 'X';
    offset = 0;
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_MAGIC);

    a = sample();
    a->bytes[6 + 8 * 3 + 2] = 'g';   /* gid: unused, still must be hex */
    offset = 0;
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_FIELD);

    a = sample();
    memcpy(a->bytes + 6 + 8 * 11, "00000000", 8);   /* namesize 0 */
    offset = 0;
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_NAME);

    a = sample();
    memcpy(a->bytes + 6 + 8 * 11, "00000003", 8);   /* "etc" without its NUL */
    offset = 0;
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_NAME);

    a = sample();
    memcpy(a->bytes + 6 + 8 * 6, "ffffffff", 8);   /* a file larger than the archive */
    offset = 0;
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_TRUNCATED);

    offset = a->size + 1;   /* an offset past the end */
    assert_int_equal(cpio_next(a->bytes, a->size, &offset, &e), CPIO_E_TRUNCATED);
}

static void names_with_an_inner_nul_are_refused(void **state)
{
    (void)state;
    static struct archive a;
    memset(&a, 0, sizeof(a));
    add(&a, "ab", "x", 1, FILE_MODE);
    finish(&a);
    a.bytes[CPIO_HEADER_BYTES] = '\0';   /* "\0b\0": the name is shorter than namesize says */
    size_t offset = 0;
    struct cpio_entry e;
    assert_int_equal(cpio_next(a.bytes, a.size, &offset, &e), CPIO_E_NAME);
}

static void reads_what_gnu_cpio_wrote(void **state)
{
    (void)state;
    struct host_file f = host_file_read(g_real_archive, CPIO_HEADER_BYTES);
    struct cpio_entry e;
    assert_int_equal(cpio_find(f.data, f.size, "hello.txt", &e), CPIO_OK);
    assert_int_equal(e.size, 6);
    assert_memory_equal(e.data, "hello\n", 6);
    assert_int_equal(cpio_find(f.data, f.size, "sub/three.bin", &e), CPIO_OK);
    assert_int_equal(e.size, 3);
    assert_memory_equal(e.data, "abc", 3);
    free(f.data);
}

static void error_names(void **state)
{
    (void)state;
    assert_string_equal(cpio_strerror(CPIO_E_NOT_FOUND), "no such file in the archive");
    assert_string_equal(cpio_strerror(-99), "unknown cpio error");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s <archive written by cpio -H newc>\n", argv[0]);
        return 2;
    }
    g_real_archive = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_each_file),
        cmocka_unit_test(walks_in_order_to_the_trailer),
        cmocka_unit_test(every_truncation_is_refused_or_consistent),
        cmocka_unit_test(corrupt_headers_are_refused),
        cmocka_unit_test(names_with_an_inner_nul_are_refused),
        cmocka_unit_test(reads_what_gnu_cpio_wrote),
        cmocka_unit_test(error_names),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
