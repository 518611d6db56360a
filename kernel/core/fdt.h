/*
 * fdt.h: read the flattened device tree OpenSBI hands the kernel, with every field checked.
 *
 * The device tree is the first input from outside the kernel, so the parser trusts
 * nothing: the header's offsets and sizes, every token, every property length and
 * every string are bounds-checked against the blob. It extracts only what Cairn uses.
 */
#ifndef CAIRN_KERNEL_FDT_H
#define CAIRN_KERNEL_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_MEMORY 4
#define FDT_MAX_RESERVED 8
#define FDT_MAX_DEVICES 16
#define FDT_MAX_DEPTH 16
#define FDT_HEADER_SIZE 40
#define FDT_MAX_CELLS 4

enum fdt_error {
    FDT_OK = 0,
    FDT_E_TRUNCATED = -1,      /* smaller than its header, or than totalsize claims */
    FDT_E_MAGIC = -2,          /* no 0xd00dfeed magic */
    FDT_E_VERSION = -3,        /* older than version 17 */
    FDT_E_LAYOUT = -4,         /* a block lies outside the blob or is misaligned */
    FDT_E_TOKEN = -5,          /* an unknown token or a token past the structure block */
    FDT_E_NESTING = -6,        /* nodes nested deeper than FDT_MAX_DEPTH, or unbalanced */
    FDT_E_PROPERTY = -7,       /* a property's length or name lies outside its block */
    FDT_E_CELLS = -8,          /* #address-cells or #size-cells above FDT_MAX_CELLS */
    FDT_E_TOO_MANY = -9,       /* more memory or reserved ranges than we can record */
    FDT_E_NO_MEMORY = -10,     /* no memory node */
    FDT_E_NO_TIMEBASE = -11,   /* no /cpus timebase-frequency */
};

struct fdt_range {
    uint64_t base;
    uint64_t size;
};

/* What the kernel learns from the device tree. A base of 0 means "not present". */
struct platform_info {
    uint32_t dtb_size;             /* the blob's totalsize */
    unsigned memory_count;
    struct fdt_range memory[FDT_MAX_MEMORY];
    unsigned reserved_count;       /* /memreserve/ entries and /reserved-memory children */
    struct fdt_range reserved[FDT_MAX_RESERVED];
    uint32_t timebase_hz;          /* /cpus timebase-frequency */
    uint64_t uart_base;            /* first ns16550a */
    uint32_t uart_irq;
    uint64_t plic_base;            /* riscv,plic0 or sifive,plic-1.0.0 */
    uint64_t plic_size;
    uint32_t plic_sources;         /* riscv,ndev */
    uint64_t test_base;            /* sifive,test0: the exit device */
    unsigned device_count;         /* devices user-level drivers may own: ns16550a, */
    struct fdt_range devices[FDT_MAX_DEVICES]; /* virtio,mmio, google,goldfish-rtc */
};

/*
 * Parses the blob at data, of which at most max_size bytes may be read, into out.
 * Returns FDT_OK or a negative enum fdt_error.
 */
int fdt_parse(const void *data, size_t max_size, struct platform_info *out);

/* A short English description of an enum fdt_error value. */
const char *fdt_strerror(int error);

#endif
