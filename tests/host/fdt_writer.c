/*
 * fdt_writer.c: the FDT writer and parse helpers of fdt_writer.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fdt_writer.h"

/* --- the writer ---------------------------------------------------------------- */

void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void put_be64(uint8_t *p, uint64_t v)
{
    put_be32(p, (uint32_t)(v >> 32));
    put_be32(p + 4, (uint32_t)v);
}

void fw_bytes(struct fdt_writer *w, const void *data, uint32_t len)
{
    assert_true(len <= sizeof(w->structure) - w->struct_len);
    memcpy(w->structure + w->struct_len, data, len);
    w->struct_len += len;
}

void fw_pad(struct fdt_writer *w)
{
    while (w->struct_len % 4 != 0) {
        fw_bytes(w, "", 1);
    }
}

void fw_u32(struct fdt_writer *w, uint32_t v)
{
    uint8_t bytes[4];
    put_be32(bytes, v);
    fw_bytes(w, bytes, 4);
}

/* The offset of name in the strings block, adding it the first time. */
uint32_t fw_string(struct fdt_writer *w, const char *name)
{
    uint32_t len = (uint32_t)strlen(name) + 1;
    for (uint32_t at = 0; at < w->strings_len; at += (uint32_t)strlen(w->strings + at) + 1) {
        if (strcmp(w->strings + at, name) == 0) {
            return at;
        }
    }
    assert_true(len <= sizeof(w->strings) - w->strings_len);
    memcpy(w->strings + w->strings_len, name, len);
    w->strings_len += len;
    return w->strings_len - len;
}

void fw_begin(struct fdt_writer *w, const char *name)
{
    fw_u32(w, TOKEN_BEGIN_NODE);
    fw_bytes(w, name, (uint32_t)strlen(name) + 1);
    fw_pad(w);
}

void fw_end_node(struct fdt_writer *w)
{
    fw_u32(w, TOKEN_END_NODE);
}

void fw_raw_prop(struct fdt_writer *w, uint32_t len, uint32_t nameoff)
{
    fw_u32(w, TOKEN_PROP);
    fw_u32(w, len);
    fw_u32(w, nameoff);
}

void fw_prop(struct fdt_writer *w, const char *name, const void *value, uint32_t len)
{
    fw_raw_prop(w, len, fw_string(w, name));
    fw_bytes(w, value, len);
    fw_pad(w);
}

void fw_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells,
                   unsigned count)
{
    uint8_t value[256] = {0};
    assert_true(count * 4 <= sizeof(value));
    for (unsigned i = 0; i < count; i++) {
        put_be32(value + 4 * i, cells[i]);
    }
    fw_prop(w, name, value, 4 * count);
}

void fw_prop_u32(struct fdt_writer *w, const char *name, uint32_t v)
{
    fw_prop_cells(w, name, &v, 1);
}

void fw_prop_str(struct fdt_writer *w, const char *name, const char *s)
{
    fw_prop(w, name, s, (uint32_t)strlen(s) + 1);
}

void fw_memreserve(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    assert_true(w->rsv_count < MAX_RSV);
    w->rsv[w->rsv_count][0] = base;
    w->rsv[w->rsv_count][1] = size;
    w->rsv_count++;
}

/* Header, reservation map, structure block, strings block, in that order. */
void fw_finish(const struct fdt_writer *w, struct blob *b)
{
    memset(b, 0, sizeof(*b));
    uint32_t rsv = 40;
    uint32_t structure = rsv + 16 * (w->rsv_count + 1);
    uint32_t strings = structure + w->struct_len;
    b->size = strings + w->strings_len;
    assert_true(b->size <= sizeof(b->data));
    for (unsigned i = 0; i < w->rsv_count; i++) {
        put_be64(b->data + rsv + 16 * i, w->rsv[i][0]);
        put_be64(b->data + rsv + 16 * i + 8, w->rsv[i][1]);
    }
    memcpy(b->data + structure, w->structure, w->struct_len);
    memcpy(b->data + strings, w->strings, w->strings_len);
    put_be32(b->data + H_MAGIC, 0xd00dfeed);
    put_be32(b->data + H_TOTALSIZE, b->size);
    put_be32(b->data + H_OFF_STRUCT, structure);
    put_be32(b->data + H_OFF_STRINGS, strings);
    put_be32(b->data + H_OFF_RSVMAP, rsv);
    put_be32(b->data + H_VERSION, 17);
    put_be32(b->data + H_LAST_COMP, 16);
    put_be32(b->data + H_SIZE_STRINGS, w->strings_len);
    put_be32(b->data + H_SIZE_STRUCT, w->struct_len);
}

/* --- building blocks of synthetic trees ----------------------------------------------- */

void fw_root_open(struct fdt_writer *w, uint32_t address_cells, uint32_t size_cells)
{
    memset(w, 0, sizeof(*w));
    fw_begin(w, "");
    fw_prop_u32(w, "#address-cells", address_cells);
    fw_prop_u32(w, "#size-cells", size_cells);
    fw_prop_str(w, "compatible", "riscv-virtio");
}

void fw_cpus(struct fdt_writer *w, uint32_t timebase)
{
    fw_begin(w, "cpus");
    fw_prop_u32(w, "#address-cells", 1);
    fw_prop_u32(w, "#size-cells", 0);
    fw_prop_u32(w, "timebase-frequency", timebase);
    fw_begin(w, "cpu@0");
    fw_prop_str(w, "device_type", "cpu");
    fw_prop_u32(w, "reg", 0);
    fw_end_node(w);
    fw_end_node(w);
}

/* A memory node for a parent with 2 address and 2 size cells. */
void fw_memory(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    uint32_t reg[] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                      (uint32_t)size};
    fw_begin(w, "memory@80000000");
    fw_prop_str(w, "device_type", "memory");
    fw_prop_cells(w, "reg", reg, 4);
    fw_end_node(w);
}

void fw_root_close(struct fdt_writer *w)
{
    fw_end_node(w);
    fw_u32(w, TOKEN_END);
}

void build_minimal(struct blob *b)
{
    struct fdt_writer w;
    fw_root_open(&w, 2, 2);
    fw_cpus(&w, 10000000);
    fw_memory(&w, 0x80000000, 0x8000000);
    fw_root_close(&w);
    fw_finish(&w, b);
}

/* Parses the first max_size bytes of data from an exactly sized heap copy (ASan). */
int parse_bytes(const uint8_t *data, size_t max_size, struct platform_info *info)
{
    uint8_t *copy = malloc(max_size > 0 ? max_size : 1);
    assert_non_null(copy);
    memcpy(copy, data, max_size);
    int err = fdt_parse(copy, max_size, info);
    free(copy);
    return err;
}

int parse_blob(const struct blob *b, struct platform_info *info)
{
    return parse_bytes(b->data, b->size, info);
}

int parse_writer(const struct fdt_writer *w)
{
    struct blob b;
    struct platform_info info;
    fw_finish(w, &b);
    return parse_blob(&b, &info);
}
