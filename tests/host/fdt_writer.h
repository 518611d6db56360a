/*
 * fdt_writer.h: a tiny flattened-device-tree writer for the FDT parser's host tests, so
 * each test can build a blob that breaks exactly one rule; and the helpers that parse
 * what it builds from exactly sized heap copies (so ASan sees any overread).
 */
#ifndef CAIRN_TEST_FDT_WRITER_H
#define CAIRN_TEST_FDT_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "fdt.h"

#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u
#define TOKEN_END 9u

/* Header field offsets. */
#define H_MAGIC 0
#define H_TOTALSIZE 4
#define H_OFF_STRUCT 8
#define H_OFF_STRINGS 12
#define H_OFF_RSVMAP 16
#define H_VERSION 20
#define H_LAST_COMP 24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT 36

#define MAX_RSV 16

struct fdt_writer {
    uint8_t structure[8192];
    uint32_t struct_len;
    char strings[1024];
    uint32_t strings_len;
    uint64_t rsv[MAX_RSV][2];
    unsigned rsv_count;
};

struct blob {
    uint8_t data[16384];
    uint32_t size;
};

void put_be32(uint8_t *p, uint32_t v);
uint32_t get_be32(const uint8_t *p);
void put_be64(uint8_t *p, uint64_t v);
void fw_bytes(struct fdt_writer *w, const void *data, uint32_t len);
void fw_pad(struct fdt_writer *w);
void fw_u32(struct fdt_writer *w, uint32_t v);
uint32_t fw_string(struct fdt_writer *w, const char *name);
void fw_begin(struct fdt_writer *w, const char *name);
void fw_end_node(struct fdt_writer *w);
void fw_raw_prop(struct fdt_writer *w, uint32_t len, uint32_t nameoff);
void fw_prop(struct fdt_writer *w, const char *name, const void *value, uint32_t len);
void fw_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells,
                   unsigned count);
void fw_prop_u32(struct fdt_writer *w, const char *name, uint32_t v);
void fw_prop_str(struct fdt_writer *w, const char *name, const char *s);
void fw_memreserve(struct fdt_writer *w, uint64_t base, uint64_t size);
void fw_finish(const struct fdt_writer *w, struct blob *b);
void fw_root_open(struct fdt_writer *w, uint32_t address_cells, uint32_t size_cells);
void fw_cpus(struct fdt_writer *w, uint32_t timebase);
void fw_memory(struct fdt_writer *w, uint64_t base, uint64_t size);
void fw_root_close(struct fdt_writer *w);
void build_minimal(struct blob *b);
int parse_bytes(const uint8_t *data, size_t max_size, struct platform_info *info);
int parse_blob(const struct blob *b, struct platform_info *info);
int parse_writer(const struct fdt_writer *w);

#endif
