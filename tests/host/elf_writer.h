/*
 * elf_writer.h: assembles small ELF64 files in memory for the ELF parser's host tests, so
 * each test can break exactly one rule; and parses them from exactly sized heap copies
 * (so ASan sees any read past the end).
 */
#ifndef CAIRN_TEST_ELF_WRITER_H
#define CAIRN_TEST_ELF_WRITER_H

#include <stdint.h>

#include "elf.h"

#define LIMIT (1ull << 38)
#define PAGE 0x1000ull
#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define PT_LOAD 1
#define PT_NOTE 4
#define RX (ELF_SEGMENT_R | ELF_SEGMENT_X)
#define RW (ELF_SEGMENT_R | ELF_SEGMENT_W)
#define MAX_PHDRS 12
#define IMAGE_SIZE 0x4000

struct phdr {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t align;
};

struct test_elf {
    uint8_t bytes[IMAGE_SIZE];
    size_t size;       /* bytes handed to elf_parse */
    unsigned phnum;
};

void put_le(uint8_t *p, uint64_t value, unsigned bytes);
uint64_t get_le(const uint8_t *p, unsigned bytes);
void elf_start(struct test_elf *t, uint64_t entry);
void elf_add(struct test_elf *t, struct phdr ph);
struct phdr text_segment(void);
struct phdr data_segment(void);
void elf_baseline(struct test_elf *t);
int parse_limit(const struct test_elf *t, uint64_t limit, struct elf_image *img);
int parse(const struct test_elf *t);
int parse_with_segment(unsigned index, struct phdr ph);

#endif
