/*
 * fuzz_elf.c: libFuzzer target for the ELF loader's parser. Any input must be rejected
 * or accepted without reading outside it (ASan) or undefined behaviour (UBSan); an
 * accepted image must be safe to load: file ranges inside the input, segments sorted,
 * on separate pages, inside the address limit, never W+X, entry executable.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "elf.h"

#define VADDR_LIMIT (1ull << 38)
#define PAGE_SIZE 4096ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void check_segment(const struct elf_segment *s, size_t size)
{
    check(s->offset <= size && s->filesz <= size - s->offset);
    check(s->memsz > 0 && s->filesz <= s->memsz);
    check(s->vaddr < VADDR_LIMIT && s->memsz <= VADDR_LIMIT - s->vaddr);
    check(!((s->flags & ELF_SEGMENT_W) && (s->flags & ELF_SEGMENT_X)));
}

static bool entry_in(const struct elf_segment *s, uint64_t entry)
{
    return (s->flags & ELF_SEGMENT_X) && entry >= s->vaddr && entry - s->vaddr < s->memsz;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image img;
    if (elf_parse(data, size, VADDR_LIMIT, &img) != ELF_OK) {
        return 0;
    }
    check(img.segment_count >= 1 && img.segment_count <= ELF_MAX_SEGMENTS);
    bool entry_ok = false;
    for (unsigned i = 0; i < img.segment_count; i++) {
        const struct elf_segment *s = &img.segments[i];
        check_segment(s, size);
        if (i > 0) {
            const struct elf_segment *p = &img.segments[i - 1];
            check((p->vaddr + p->memsz - 1) / PAGE_SIZE < s->vaddr / PAGE_SIZE);
        }
        entry_ok = entry_ok || entry_in(s, img.entry);
    }
    check(entry_ok);
    return 0;
}
