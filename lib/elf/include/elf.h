/*
 * elf.h: a validating parser for the RV64 executables Cairn loads (root task, components, apps).
 *
 * Freestanding and allocation-free: the kernel and user-level loaders both compile it.
 * elf_parse() checks everything a loader relies on before any byte is copied: the
 * header, every program header, that each loadable segment lies inside the file and
 * inside the allowed address range, that no two segments share a page, that no
 * segment is both writable and executable, and that the entry point is executable.
 */
#ifndef CAIRN_ELF_H
#define CAIRN_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 8

/* Segment permissions, as in the ELF p_flags field. */
#define ELF_SEGMENT_X 1u
#define ELF_SEGMENT_W 2u
#define ELF_SEGMENT_R 4u

enum elf_error {
    ELF_OK = 0,
    ELF_E_TRUNCATED = -1,     /* the file is shorter than its headers say */
    ELF_E_MAGIC = -2,         /* not an ELF file */
    ELF_E_CLASS = -3,         /* not 64-bit */
    ELF_E_ENDIAN = -4,        /* not little-endian */
    ELF_E_VERSION = -5,       /* unknown ELF version */
    ELF_E_TYPE = -6,          /* not a static executable (ET_EXEC) */
    ELF_E_MACHINE = -7,       /* not RISC-V */
    ELF_E_PHDR = -8,          /* program header table malformed */
    ELF_E_TOO_MANY = -9,      /* more loadable segments than ELF_MAX_SEGMENTS */
    ELF_E_SEGMENT_FILE = -10, /* a segment's file bytes lie outside the file */
    ELF_E_SEGMENT_SIZE = -11, /* a segment's file size exceeds its memory size */
    ELF_E_ADDRESS = -12,      /* a segment lies outside the allowed address range */
    ELF_E_ALIGN = -13,        /* a segment's address and file offset disagree modulo a page */
    ELF_E_OVERLAP = -14,      /* two segments share a page */
    ELF_E_WRITE_EXEC = -15,   /* a segment is both writable and executable */
    ELF_E_ENTRY = -16,        /* the entry point is not in an executable segment */
    ELF_E_NO_SEGMENTS = -17,  /* nothing to load */
};

struct elf_segment {
    uint64_t vaddr;   /* where the segment starts in the address space */
    uint64_t memsz;   /* bytes in memory; those past filesz are zero */
    uint64_t offset;  /* where its bytes start in the file */
    uint64_t filesz;  /* bytes taken from the file */
    uint32_t flags;   /* ELF_SEGMENT_R | _W | _X */
};

struct elf_image {
    uint64_t entry;
    unsigned segment_count;
    struct elf_segment segments[ELF_MAX_SEGMENTS]; /* sorted by vaddr */
};

/*
 * Validates the ELF file at data (size bytes) and fills out. Segments must lie in
 * [0, vaddr_limit). Returns ELF_OK or a negative enum elf_error; out is then undefined.
 */
int elf_parse(const void *data, size_t size, uint64_t vaddr_limit, struct elf_image *out);

/* A short English description of an enum elf_error value. */
const char *elf_strerror(int error);

#endif
