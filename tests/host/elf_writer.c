/*
 * elf_writer.c: the ELF writer and parse helpers of elf_writer.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "elf_writer.h"

/* --- the writer --------------------------------------------------------------- */

void put_le(uint8_t *p, uint64_t value, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        p[i] = (uint8_t)(value >> (8 * i));
    }
}

uint64_t get_le(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

/* A valid RV64 ET_EXEC header with no program headers yet; payload bytes are 0xa5. */
void elf_start(struct test_elf *t, uint64_t entry)
{
    memset(t->bytes, 0xa5, sizeof(t->bytes));
    memset(t->bytes, 0, EHDR_SIZE);
    static const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    memcpy(t->bytes, ident, sizeof(ident));
    put_le(t->bytes + 16, 2, 2);          /* e_type = ET_EXEC */
    put_le(t->bytes + 18, 243, 2);        /* e_machine = EM_RISCV */
    put_le(t->bytes + 20, 1, 4);          /* e_version */
    put_le(t->bytes + 24, entry, 8);      /* e_entry */
    put_le(t->bytes + 32, EHDR_SIZE, 8);  /* e_phoff */
    put_le(t->bytes + 52, EHDR_SIZE, 2);  /* e_ehsize */
    put_le(t->bytes + 54, PHDR_SIZE, 2);  /* e_phentsize */
    t->size = 0x3000;
    t->phnum = 0;
}

void elf_add(struct test_elf *t, struct phdr ph)
{
    assert_true(t->phnum < MAX_PHDRS);
    uint8_t *p = t->bytes + EHDR_SIZE + t->phnum * PHDR_SIZE;
    memset(p, 0, PHDR_SIZE);
    put_le(p + 0, ph.type, 4);
    put_le(p + 4, ph.flags, 4);
    put_le(p + 8, ph.offset, 8);
    put_le(p + 16, ph.vaddr, 8);
    put_le(p + 24, ph.vaddr, 8);
    put_le(p + 32, ph.filesz, 8);
    put_le(p + 40, ph.memsz, 8);
    put_le(p + 48, ph.align, 8);
    t->phnum++;
    put_le(t->bytes + 56, t->phnum, 2);
}

struct phdr text_segment(void)
{
    return (struct phdr){PT_LOAD, RX, 0x1000, 0x10000, 0x100, 0x100, PAGE};
}

struct phdr data_segment(void)
{
    return (struct phdr){PT_LOAD, RW, 0x2000, 0x11000, 0x10, 0x1000, PAGE};
}

/* The baseline: text at 0x10000 (entry), data+bss at 0x11000. Valid. */
void elf_baseline(struct test_elf *t)
{
    elf_start(t, 0x10000);
    elf_add(t, text_segment());
    elf_add(t, data_segment());
}

/* Parses t from an exactly sized heap copy, so ASan sees any read past t->size. */
int parse_limit(const struct test_elf *t, uint64_t limit, struct elf_image *img)
{
    uint8_t *copy = malloc(t->size > 0 ? t->size : 1);
    assert_non_null(copy);
    memcpy(copy, t->bytes, t->size);
    int err = elf_parse(copy, t->size, limit, img);
    free(copy);
    return err;
}

int parse(const struct test_elf *t)
{
    struct elf_image img;
    return parse_limit(t, LIMIT, &img);
}

/* Baseline with one segment replaced, or appended when index == phnum. */
int parse_with_segment(unsigned index, struct phdr ph)
{
    struct test_elf t;
    elf_baseline(&t);
    if (index == t.phnum) {
        elf_add(&t, ph);
        return parse(&t);
    }
    unsigned phnum = t.phnum;
    t.phnum = index;
    elf_add(&t, ph);
    t.phnum = phnum;
    put_le(t.bytes + 56, phnum, 2);
    return parse(&t);
}
