/*
 * elf.c: validate an RV64 ELF executable and describe its loadable segments.
 *
 * Fields are read byte by byte as little-endian, so the input needs no alignment and
 * the parser runs the same on any host. All size arithmetic is checked for overflow:
 * the file is untrusted input (later, apps arrive in bundles from outside).
 */
#include "elf.h"

#include <stdbool.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define PT_LOAD 1
#define ET_EXEC 2
#define EM_RISCV 243
#define PAGE_SIZE 4096ull

static uint64_t read_le(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static int check_identity(const uint8_t *e, size_t size)
{
    if (size < EHDR_SIZE) {
        return ELF_E_TRUNCATED;
    }
    if (e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' || e[3] != 'F') {
        return ELF_E_MAGIC;
    }
    if (e[4] != 2) {
        return ELF_E_CLASS;
    }
    if (e[5] != 1) {
        return ELF_E_ENDIAN;
    }
    if (e[6] != 1 || read_le(e + 20, 4) != 1) {
        return ELF_E_VERSION;
    }
    if (read_le(e + 16, 2) != ET_EXEC) {
        return ELF_E_TYPE;
    }
    if (read_le(e + 18, 2) != EM_RISCV) {
        return ELF_E_MACHINE;
    }
    return ELF_OK;
}

/* Checks one PT_LOAD header against the file and the address limit. */
static int check_segment(const struct elf_segment *s, uint64_t align, size_t size,
                         uint64_t vaddr_limit)
{
    if (s->offset > size || s->filesz > size - s->offset) {
        return ELF_E_SEGMENT_FILE;
    }
    if (s->filesz > s->memsz) {
        return ELF_E_SEGMENT_SIZE;
    }
    if (s->vaddr >= vaddr_limit || s->memsz > vaddr_limit - s->vaddr) {
        return ELF_E_ADDRESS;
    }
    if (align > 1 && (s->vaddr - s->offset) % PAGE_SIZE != 0) {
        return ELF_E_ALIGN;
    }
    if ((s->flags & ELF_SEGMENT_W) && (s->flags & ELF_SEGMENT_X)) {
        return ELF_E_WRITE_EXEC;
    }
    return ELF_OK;
}

static void insert_sorted(struct elf_image *out, const struct elf_segment *s)
{
    unsigned i = out->segment_count++;
    while (i > 0 && out->segments[i - 1].vaddr > s->vaddr) {
        out->segments[i] = out->segments[i - 1];
        i--;
    }
    out->segments[i] = *s;
}

static int read_segments(const uint8_t *e, size_t size, uint64_t vaddr_limit,
                         struct elf_image *out)
{
    uint64_t phoff = read_le(e + 32, 8);
    uint64_t phentsize = read_le(e + 54, 2);
    uint64_t phnum = read_le(e + 56, 2);
    if (phentsize != PHDR_SIZE || phnum == 0) {
        return ELF_E_PHDR;
    }
    if (phoff > size || phnum * PHDR_SIZE > size - phoff) {
        return ELF_E_TRUNCATED;
    }
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = e + phoff + i * PHDR_SIZE;
        if (read_le(ph, 4) != PT_LOAD || read_le(ph + 40, 8) == 0) {
            continue;   /* not loadable, or loads nothing */
        }
        struct elf_segment s = {
            .flags = (uint32_t)read_le(ph + 4, 4) & 7u,
            .offset = read_le(ph + 8, 8),
            .vaddr = read_le(ph + 16, 8),
            .filesz = read_le(ph + 32, 8),
            .memsz = read_le(ph + 40, 8),
        };
        int err = check_segment(&s, read_le(ph + 48, 8), size, vaddr_limit);
        if (err != ELF_OK) {
            return err;
        }
        if (out->segment_count == ELF_MAX_SEGMENTS) {
            return ELF_E_TOO_MANY;
        }
        insert_sorted(out, &s);
    }
    return out->segment_count == 0 ? ELF_E_NO_SEGMENTS : ELF_OK;
}

/* Segments are sorted; a segment's last page must come before the next one's first. */
static bool segments_overlap(const struct elf_image *img)
{
    for (unsigned i = 1; i < img->segment_count; i++) {
        const struct elf_segment *a = &img->segments[i - 1];
        uint64_t a_last_page = (a->vaddr + a->memsz - 1) / PAGE_SIZE;
        if (a_last_page >= img->segments[i].vaddr / PAGE_SIZE) {
            return true;
        }
    }
    return false;
}

static bool entry_is_executable(const struct elf_image *img)
{
    for (unsigned i = 0; i < img->segment_count; i++) {
        const struct elf_segment *s = &img->segments[i];
        if ((s->flags & ELF_SEGMENT_X) && img->entry >= s->vaddr &&
            img->entry - s->vaddr < s->memsz) {
            return true;
        }
    }
    return false;
}

int elf_parse(const void *data, size_t size, uint64_t vaddr_limit, struct elf_image *out)
{
    const uint8_t *e = data;
    int err = check_identity(e, size);
    if (err != ELF_OK) {
        return err;
    }
    out->segment_count = 0;
    out->entry = read_le(e + 24, 8);
    err = read_segments(e, size, vaddr_limit, out);
    if (err != ELF_OK) {
        return err;
    }
    if (segments_overlap(out)) {
        return ELF_E_OVERLAP;
    }
    if (!entry_is_executable(out)) {
        return ELF_E_ENTRY;
    }
    return ELF_OK;
}

const char *elf_strerror(int error)
{
    static const char *const messages[] = {
        "ok",
        "file truncated",
        "bad magic (not an ELF file)",
        "not a 64-bit ELF",
        "not little-endian",
        "unknown ELF version",
        "not a static executable",
        "not a RISC-V executable",
        "malformed program header table",
        "too many loadable segments",
        "segment lies outside the file",
        "segment file size exceeds memory size",
        "segment address out of range",
        "segment misaligned",
        "segments overlap",
        "segment both writable and executable",
        "entry point not in an executable segment",
        "no loadable segments",
    };
    /* Range-check before negating: -INT_MIN does not exist. */
    if (error > 0 || error < ELF_E_NO_SEGMENTS) {
        return "unknown ELF error";
    }
    return messages[-error];
}
