/*
 * host_file.c: host_file_read, with cmocka failures naming the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "host_file.h"

struct host_file host_file_read(const char *path, size_t min_size)
{
    struct host_file f = {NULL, 0};
    FILE *stream = fopen(path, "rb");
    if (stream == NULL) {
        fail_msg("cannot open %s", path);
    }
    assert_int_equal(fseek(stream, 0, SEEK_END), 0);
    long size = ftell(stream);
    assert_true(size >= 0 && (size_t)size >= min_size);
    rewind(stream);
    f.size = (size_t)size;
    f.data = malloc(f.size > 0 ? f.size : 1);
    assert_non_null(f.data);
    assert_int_equal(fread(f.data, 1, f.size, stream), f.size);
    fclose(stream);
    return f;
}
