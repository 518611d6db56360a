/*
 * fuzz_cpio.c: libFuzzer target for the boot archive's reader. Any input must be walked
 * or refused without reading outside it (ASan) or undefined behaviour (UBSan); every
 * entry returned must lie inside the input, with a NUL-terminated name inside it too.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpio_newc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void check_entry(const struct cpio_entry *e, const uint8_t *data, size_t size)
{
    const uint8_t *name = (const uint8_t *)e->name, *bytes = e->data;
    check(name >= data && name < data + size);
    check(strlen(e->name) < (size_t)(data + size - name));
    check(bytes >= data && bytes <= data + size && e->size <= (size_t)(data + size - bytes));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t offset = 0, previous = 0;
    struct cpio_entry e;
    int result;
    while ((result = cpio_next(data, size, &offset, &e)) == CPIO_OK) {
        check_entry(&e, data, size);
        check(offset > previous && offset <= size);   /* progress, inside the input */
        previous = offset;
    }
    check(result == CPIO_END || result < 0);
    if (cpio_find(data, size, "bootplan.bin", &e) == CPIO_OK) {
        check_entry(&e, data, size);
    }
    return 0;
}
