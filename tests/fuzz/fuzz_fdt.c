/*
 * fuzz_fdt.c: libFuzzer target for the device-tree parser. Any input must be rejected
 * or accepted without reading outside it (ASan) or undefined behaviour (UBSan); an
 * accepted tree must describe a sane platform.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int condition)
{
    if (!condition) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct platform_info info;
    if (fdt_parse(data, size, &info) != FDT_OK) {
        return 0;
    }
    check(info.memory_count >= 1 && info.memory_count <= FDT_MAX_MEMORY);
    check(info.reserved_count <= FDT_MAX_RESERVED);
    check(info.dtb_size >= FDT_HEADER_SIZE && info.dtb_size <= size);
    check(info.timebase_hz != 0);
    for (unsigned i = 0; i < info.memory_count; i++) {
        check(info.memory[i].size != 0);
    }
    return 0;
}
