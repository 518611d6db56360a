/*
 * make_images.c: writes the small ELF files the sysdesc fixtures check images against
 * (`make_images DIR`): one good RV64 executable and one broken in each way the image
 * rules tell apart. A fixture whose first lines include `# with-images` is checked with
 * `--images DIR`, and names these files in its `image` statements.
 *
 *   tiny           valid: text at 0x10000 (entry), data at 0x11000
 *   not_elf        text, not ELF
 *   rv32           a 32-bit ELF
 *   x86_64         an x86-64 executable
 *   shared_object  ET_DYN, not a static executable
 *   truncated      cut inside its header
 *   too_high       a segment running past 0x40000000 (and so past the window base)
 *   too_low        a segment below 0x10000
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define FILE_SIZE 0x3000
#define PT_LOAD 1
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define EM_RISCV 243
#define PF_RX 5
#define PF_RW 6

struct segment {
    uint32_t flags;
    uint64_t offset, vaddr, filesz, memsz;
};

static void put(uint8_t *p, uint64_t value, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        p[i] = (uint8_t)(value >> (8 * i));
    }
}

static void put_segment(uint8_t *image, unsigned index, struct segment s)
{
    uint8_t *ph = image + EHDR_SIZE + index * PHDR_SIZE;
    put(ph + 0, PT_LOAD, 4);
    put(ph + 4, s.flags, 4);
    put(ph + 8, s.offset, 8);
    put(ph + 16, s.vaddr, 8);
    put(ph + 24, s.vaddr, 8);
    put(ph + 32, s.filesz, 8);
    put(ph + 40, s.memsz, 8);
    put(ph + 48, 0x1000, 8);
}

/* An ELF64 header and two segments: text (entry at its start) and data. */
static void build(uint8_t *image, uint16_t type, uint16_t machine, struct segment text,
                  struct segment data)
{
    static const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    memset(image, 0, FILE_SIZE);
    memcpy(image, ident, sizeof(ident));
    put(image + 16, type, 2);
    put(image + 18, machine, 2);
    put(image + 20, 1, 4);
    put(image + 24, text.vaddr, 8);
    put(image + 32, EHDR_SIZE, 8);
    put(image + 52, EHDR_SIZE, 2);
    put(image + 54, PHDR_SIZE, 2);
    put(image + 56, 2, 2);
    put_segment(image, 0, text);
    put_segment(image, 1, data);
    memset(image + text.offset, 0x13, text.filesz);   /* addi x0, x0, 0: nops */
}

static int write_file(const char *dir, const char *name, const void *bytes, size_t size)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.elf", dir, name);
    FILE *out = fopen(path, "wb");
    bool written = out != NULL && fwrite(bytes, 1, size, out) == size;
    if (out == NULL || fclose(out) != 0 || !written) {
        fprintf(stderr, "make_images: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static uint8_t image[FILE_SIZE];
    const struct segment text = {PF_RX, 0x1000, 0x10000, 0x100, 0x100};
    const struct segment data = {PF_RW, 0x2000, 0x11000, 0x10, 0x1000};
    if (argc != 2) {
        fprintf(stderr, "usage: make_images DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    int failed = 0;
    build(image, ET_EXEC, EM_RISCV, text, data);
    failed |= write_file(dir, "tiny", image, FILE_SIZE);
    failed |= write_file(dir, "truncated", image, 40);
    image[4] = 1;
    failed |= write_file(dir, "rv32", image, FILE_SIZE);
    build(image, ET_EXEC, EM_X86_64, text, data);
    failed |= write_file(dir, "x86_64", image, FILE_SIZE);
    build(image, ET_DYN, EM_RISCV, text, data);
    failed |= write_file(dir, "shared_object", image, FILE_SIZE);
    build(image, ET_EXEC, EM_RISCV, text,
          (struct segment){PF_RW, 0x2000, 0x3ffff000, 0x10, 0x2000});
    failed |= write_file(dir, "too_high", image, FILE_SIZE);
    build(image, ET_EXEC, EM_RISCV, (struct segment){PF_RX, 0x1000, 0x1000, 0x100, 0x100},
          data);
    failed |= write_file(dir, "too_low", image, FILE_SIZE);
    static const char text_file[] = "This is not an ELF file, though it is longer than\n"
                                    "an ELF header, so the magic is what gives it away.\n";
    failed |= write_file(dir, "not_elf", text_file, sizeof(text_file) - 1);
    return failed;
}
