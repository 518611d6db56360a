/*
 * fdt.c: a bounds-checked flattened-device-tree reader.
 *
 * The structure block is a token stream: BEGIN_NODE name, PROP len nameoff value,
 * END_NODE, NOP, END. A node's properties come before its children, so we keep one
 * frame per depth holding what we have seen of that node (its reg, compatible,
 * cells for its children) and decide what the node is when its END_NODE arrives.
 * All multi-byte fields are big-endian and read byte by byte, so alignment of the
 * blob itself does not matter; offsets are still required to be 4-byte aligned.
 */
#include "fdt.h"

#include <stdbool.h>

#define FDT_MAGIC 0xd00dfeedu
#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u
#define TOKEN_END 9u

/* What one open node has shown us so far. */
struct node {
    const char *name;
    unsigned address_cells;   /* #address-cells for this node's children */
    unsigned size_cells;      /* #size-cells for this node's children */
    const uint8_t *reg;       /* the reg property, decoded with the parent's cells */
    uint32_t reg_len;
    const char *compatible;   /* a list of NUL-terminated strings */
    uint32_t compatible_len;
    bool is_memory;           /* device_type = "memory" */
    bool is_reserved_parent;  /* the /reserved-memory node */
    uint32_t interrupt;       /* first cell of "interrupts" */
    uint32_t ndev;            /* riscv,ndev */
    uint32_t timebase;        /* timebase-frequency */
};

struct parser {
    const uint8_t *blob;
    const uint8_t *structure;
    uint32_t structure_size;
    const char *strings;
    uint32_t strings_size;
    int depth;                /* index of the innermost open node; -1 before the root */
    struct node nodes[FDT_MAX_DEPTH];
    struct platform_info *out;
};

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be_cells(const uint8_t *p, unsigned cells)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < cells; i++) {
        v = v << 32 | be32(p + 4 * i);
    }
    return v;
}

static bool str_equal(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static bool str_starts(const char *s, const char *prefix)
{
    while (*prefix != '\0' && *s == *prefix) {
        s++;
        prefix++;
    }
    return *prefix == '\0';
}

/* Length of the NUL-terminated string at s within limit bytes, or -1 if unterminated. */
static long bounded_strlen(const char *s, uint32_t limit)
{
    for (uint32_t i = 0; i < limit; i++) {
        if (s[i] == '\0') {
            return (long)i;
        }
    }
    return -1;
}

/* True when the compatible list (already bounds-checked) contains name. */
static bool compatible_with(const struct node *n, const char *name)
{
    uint32_t i = 0;
    while (i < n->compatible_len) {
        const char *entry = n->compatible + i;
        long len = bounded_strlen(entry, n->compatible_len - i);
        if (len < 0) {
            return false;
        }
        if (str_equal(entry, name)) {
            return true;
        }
        i += (uint32_t)len + 1;
    }
    return false;
}

static int add_range(struct fdt_range *list, unsigned *count, unsigned max,
                     uint64_t base, uint64_t size)
{
    if (size == 0) {
        return FDT_OK;
    }
    if (*count == max) {
        return FDT_E_TOO_MANY;
    }
    list[(*count)++] = (struct fdt_range){.base = base, .size = size};
    return FDT_OK;
}

/* Decodes the i-th (address, size) pair of a node's reg; false when there is none. */
static bool reg_entry(const struct parser *p, const struct node *n, unsigned i,
                      struct fdt_range *range)
{
    const struct node *parent = &p->nodes[p->depth - 1];
    uint32_t entry = 4 * (parent->address_cells + parent->size_cells);
    /* Addresses we can hold in 64 bits only; PCI's 3-cell addresses are not ours. */
    if (n->reg == NULL || parent->address_cells == 0 || parent->address_cells > 2 ||
        parent->size_cells > 2 || (uint64_t)(i + 1) * entry > n->reg_len) {
        return false;
    }
    const uint8_t *r = n->reg + i * entry;
    range->base = be_cells(r, parent->address_cells);
    range->size = be_cells(r + 4 * parent->address_cells, parent->size_cells);
    return true;
}

static int record_ranges(const struct parser *p, const struct node *n,
                         struct fdt_range *list, unsigned *count, unsigned max)
{
    struct fdt_range r;
    for (unsigned i = 0; reg_entry(p, n, i, &r); i++) {
        int err = add_range(list, count, max, r.base, r.size);
        if (err != FDT_OK) {
            return err;
        }
    }
    return FDT_OK;
}

static void record_device(const struct parser *p, const struct node *n)
{
    struct platform_info *out = p->out;
    struct fdt_range r;
    if (!reg_entry(p, n, 0, &r)) {
        return;
    }
    if ((compatible_with(n, "ns16550a") || compatible_with(n, "virtio,mmio") ||
         compatible_with(n, "google,goldfish-rtc")) && out->device_count < FDT_MAX_DEVICES) {
        out->devices[out->device_count++] = r;   /* beyond the limit: simply not offered */
    }
    if (out->uart_base == 0 && compatible_with(n, "ns16550a")) {
        out->uart_base = r.base;
        out->uart_irq = n->interrupt;
    } else if (out->plic_base == 0 &&
               (compatible_with(n, "riscv,plic0") || compatible_with(n, "sifive,plic-1.0.0"))) {
        out->plic_base = r.base;
        out->plic_size = r.size;
        out->plic_sources = n->ndev;
    } else if (out->test_base == 0 && compatible_with(n, "sifive,test0")) {
        out->test_base = r.base;
    }
}

/* Called at END_NODE: everything about node n is known now. */
static int finish_node(struct parser *p, const struct node *n)
{
    struct platform_info *out = p->out;
    if (p->depth == 0) {
        return FDT_OK;   /* the root node has no reg of its own */
    }
    const struct node *parent = &p->nodes[p->depth - 1];
    if (n->is_memory) {
        return record_ranges(p, n, out->memory, &out->memory_count, FDT_MAX_MEMORY);
    }
    if (parent->is_reserved_parent) {
        return record_ranges(p, n, out->reserved, &out->reserved_count, FDT_MAX_RESERVED);
    }
    if (n->timebase != 0 && p->depth == 1 && str_equal(n->name, "cpus")) {
        out->timebase_hz = n->timebase;
    }
    record_device(p, n);
    return FDT_OK;
}

static int read_cells(const uint8_t *value, uint32_t len, unsigned *cells)
{
    if (len != 4) {
        return FDT_E_PROPERTY;
    }
    uint32_t v = be32(value);
    if (v > FDT_MAX_CELLS) {
        return FDT_E_CELLS;   /* 0 is normal (interrupt controllers), 3 is PCI */
    }
    *cells = v;
    return FDT_OK;
}

static uint32_t read_u32_property(const uint8_t *value, uint32_t len)
{
    return len >= 4 ? be32(value) : 0;
}

/* Records one property of the innermost node. */
static int apply_property(struct parser *p, const char *name, const uint8_t *value, uint32_t len)
{
    struct node *n = &p->nodes[p->depth];
    if (str_equal(name, "#address-cells")) {
        return read_cells(value, len, &n->address_cells);
    }
    if (str_equal(name, "#size-cells")) {
        return read_cells(value, len, &n->size_cells);
    }
    if (str_equal(name, "reg")) {
        n->reg = value;
        n->reg_len = len;
    } else if (str_equal(name, "compatible")) {
        n->compatible = (const char *)value;
        n->compatible_len = len;
    } else if (str_equal(name, "device_type")) {
        n->is_memory = len == 7 && str_equal((const char *)value, "memory");
    } else if (str_equal(name, "interrupts")) {
        n->interrupt = read_u32_property(value, len);
    } else if (str_equal(name, "riscv,ndev")) {
        n->ndev = read_u32_property(value, len);
    } else if (str_equal(name, "timebase-frequency")) {
        n->timebase = read_u32_property(value, len);
    }
    return FDT_OK;
}

static int begin_node(struct parser *p, uint32_t *offset)
{
    const char *name = (const char *)p->structure + *offset;
    long len = bounded_strlen(name, p->structure_size - *offset);
    if (len < 0) {
        return FDT_E_TOKEN;
    }
    if (p->depth + 1 >= FDT_MAX_DEPTH) {
        return FDT_E_NESTING;
    }
    p->depth++;
    /* Children default to the spec's 2 address cells and 1 size cell. */
    p->nodes[p->depth] = (struct node){.name = name, .address_cells = 2, .size_cells = 1};
    p->nodes[p->depth].is_reserved_parent = p->depth == 1 && str_equal(name, "reserved-memory");
    if (str_starts(name, "memory@") && p->depth == 1) {
        p->nodes[p->depth].is_memory = true;
    }
    *offset += ((uint32_t)len + 1 + 3) & ~3u;
    return FDT_OK;
}

static int property(struct parser *p, uint32_t *offset)
{
    if (p->structure_size - *offset < 8 || p->depth < 0) {
        return FDT_E_PROPERTY;
    }
    uint32_t len = be32(p->structure + *offset);
    uint32_t nameoff = be32(p->structure + *offset + 4);
    *offset += 8;
    if (len > p->structure_size - *offset || nameoff >= p->strings_size) {
        return FDT_E_PROPERTY;
    }
    const char *name = p->strings + nameoff;
    if (bounded_strlen(name, p->strings_size - nameoff) < 0) {
        return FDT_E_PROPERTY;
    }
    const uint8_t *value = p->structure + *offset;
    *offset += (len + 3) & ~3u;
    if (*offset > p->structure_size) {
        return FDT_E_PROPERTY;
    }
    return apply_property(p, name, value, len);
}

static int end_node(struct parser *p)
{
    if (p->depth < 0) {
        return FDT_E_NESTING;
    }
    int err = finish_node(p, &p->nodes[p->depth]);
    p->depth--;
    return err;
}

static int walk_structure(struct parser *p)
{
    uint32_t offset = 0;
    while (offset <= p->structure_size - 4) {
        uint32_t token = be32(p->structure + offset);
        offset += 4;
        int err = FDT_OK;
        if (token == TOKEN_BEGIN_NODE) {
            err = begin_node(p, &offset);
        } else if (token == TOKEN_PROP) {
            err = property(p, &offset);
        } else if (token == TOKEN_END_NODE) {
            err = end_node(p);
        } else if (token == TOKEN_END) {
            return p->depth == -1 ? FDT_OK : FDT_E_NESTING;
        } else if (token != TOKEN_NOP) {
            err = FDT_E_TOKEN;
        }
        if (err != FDT_OK) {
            return err;
        }
    }
    return FDT_E_TOKEN;   /* ran off the end without an END token */
}

static int read_reservation_map(const uint8_t *blob, uint32_t offset, uint32_t limit,
                                struct platform_info *out)
{
    for (;; offset += 16) {
        if (offset > limit || limit - offset < 16) {
            return FDT_E_LAYOUT;
        }
        uint64_t base = be_cells(blob + offset, 2);
        uint64_t size = be_cells(blob + offset + 8, 2);
        if (base == 0 && size == 0) {
            return FDT_OK;
        }
        int err = add_range(out->reserved, &out->reserved_count, FDT_MAX_RESERVED, base, size);
        if (err != FDT_OK) {
            return err;
        }
    }
}

/* True when [offset, offset + size) lies within total. */
static bool bytes_fit(uint32_t offset, uint32_t size, uint32_t total)
{
    return offset <= total && size <= total - offset;
}

/* The same for the structure block, which the spec also requires 4-byte aligned. */
static bool block_fits(uint32_t offset, uint32_t size, uint32_t total)
{
    return offset % 4 == 0 && bytes_fit(offset, size, total);
}

static int check_header(const uint8_t *b, size_t max_size, struct parser *p)
{
    if (max_size < FDT_HEADER_SIZE) {
        return FDT_E_TRUNCATED;
    }
    if (be32(b) != FDT_MAGIC) {
        return FDT_E_MAGIC;
    }
    uint32_t total = be32(b + 4);
    if (total < FDT_HEADER_SIZE || total > max_size) {
        return FDT_E_TRUNCATED;
    }
    if (be32(b + 20) < 17 || be32(b + 24) > 17) {
        return FDT_E_VERSION;
    }
    uint32_t off_struct = be32(b + 8), off_strings = be32(b + 12), off_rsv = be32(b + 16);
    uint32_t size_strings = be32(b + 32), size_struct = be32(b + 36);
    if (!block_fits(off_struct, size_struct, total) || size_struct < 4 ||
        !bytes_fit(off_strings, size_strings, total) ||
        off_rsv % 8 != 0 || off_rsv < FDT_HEADER_SIZE || off_rsv >= total) {
        return FDT_E_LAYOUT;
    }
    p->structure = b + off_struct;
    p->structure_size = size_struct & ~3u;
    p->strings = (const char *)b + off_strings;
    p->strings_size = size_strings;
    p->out->dtb_size = total;
    return read_reservation_map(b, off_rsv, total, p->out);
}

int fdt_parse(const void *data, size_t max_size, struct platform_info *out)
{
    *out = (struct platform_info){0};
    struct parser p = {.blob = data, .depth = -1, .out = out};
    int err = check_header(p.blob, max_size, &p);
    if (err == FDT_OK) {
        err = walk_structure(&p);
    }
    if (err == FDT_OK && out->memory_count == 0) {
        err = FDT_E_NO_MEMORY;
    }
    if (err == FDT_OK && out->timebase_hz == 0) {
        err = FDT_E_NO_TIMEBASE;
    }
    return err;
}

const char *fdt_strerror(int error)
{
    static const char *const messages[] = {
        "ok",
        "blob truncated",
        "bad magic",
        "unsupported version (need 17)",
        "block outside the blob or misaligned",
        "bad token in structure block",
        "nodes unbalanced or nested too deep",
        "property outside its block",
        "#address-cells or #size-cells above 4",
        "too many memory or reserved ranges",
        "no memory node",
        "no timebase-frequency",
    };
    /* Range-check before negating: -INT_MIN does not exist. */
    if (error > 0 || error < FDT_E_NO_TIMEBASE) {
        return "unknown device-tree error";
    }
    return messages[-error];
}
