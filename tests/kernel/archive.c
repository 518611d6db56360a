/*
 * archive.c: the boot archive reaches the root task intact, read-only, and page-padded.
 *
 * The build embeds 12,411 bytes of tests/make_archive_pattern.py's pattern as this
 * image's archive. The boot info must say where and how long it is; every byte must be
 * the pattern's; the rest of the last page must read as zeros; and a store into it must
 * fault (a worker thread tries and is stopped, which we see from its state).
 */
#include "cairn.h"

#define ARCHIVE_BYTES 12411u

static uint8_t expected(uint64_t i)
{
    return (uint8_t)((i * 7 + i / 4096) % 256);
}

static unsigned bad_bytes(const volatile uint8_t *archive)
{
    unsigned bad = 0;
    for (uint64_t i = 0; i < ARCHIVE_BYTES; i++) {
        bad += archive[i] != expected(i);
    }
    uint64_t padded = (ARCHIVE_BYTES + CAIRN_PAGE_SIZE - 1) & ~(CAIRN_PAGE_SIZE - 1);
    for (uint64_t i = ARCHIVE_BYTES; i < padded; i++) {
        bad += archive[i] != 0;
    }
    return bad;
}

int main(const struct cairn_bootinfo *info)
{
    cairn_printf("archive: at 0x%lx, %lu bytes\n", info->archive_vaddr, info->archive_bytes);
    if (info->archive_vaddr != CAIRN_ROOT_ARCHIVE_VADDR || info->archive_bytes != ARCHIVE_BYTES) {
        cairn_printf("archive: FAILED: not where or not as long as expected\n");
        return 1;
    }
    unsigned bad = bad_bytes((const volatile uint8_t *)info->archive_vaddr);
    cairn_printf("archive: %u bytes differ from the pattern\n", bad);
    if (bad != 0) {
        return 1;
    }
    cairn_printf("archive: writing into it (must fault)\n");
    *(volatile uint8_t *)info->archive_vaddr = 1;
    cairn_printf("archive: FAILED: the write went through\n");
    return 1;
}
