/*
 * cpio.c: the newc reader of cpio_newc.h. Offsets are checked with subtraction from what is
 * left, never by adding to a position, so no sum can wrap.
 */
#include "cpio_newc.h"

#include "cstring.h"

#define FIELD_DIGITS 8
#define FIELD_COUNT 13     /* after the magic: ino, mode, uid, gid, nlink, mtime, filesize, */
#define FIELD_MODE 1       /*   devmajor, devminor, rdevmajor, rdevminor, namesize, check  */
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define MODE_TYPE_MASK 0170000u
#define MODE_REGULAR 0100000u

static const char TRAILER[] = "TRAILER!!!";

/* Field i of the header (8 hex digits after the 6-byte magic). */
static int read_field(const char *header, unsigned i, uint32_t *value)
{
    uint32_t v = 0;
    for (unsigned d = 0; d < FIELD_DIGITS; d++) {
        char c = header[6 + i * FIELD_DIGITS + d];
        unsigned digit;
        if (c >= '0' && c <= '9') {
            digit = (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = (unsigned)(c - 'A' + 10);
        } else {
            return CPIO_E_FIELD;
        }
        v = v << 4 | digit;
    }
    *value = v;
    return CPIO_OK;
}

/* Bytes of padding after n bytes to reach a multiple of 4. */
static size_t pad4(size_t n)
{
    return (4 - n % 4) % 4;
}

/* Takes `bytes`, then padding to 4 counted from the entry's start (entries start at
 * multiples of 4), off what is left of the archive. The very end may lack its padding. */
static int take(size_t *left, size_t bytes, size_t from_entry_start)
{
    if (bytes > *left) {
        return CPIO_E_TRUNCATED;
    }
    *left -= bytes;
    size_t padding = pad4(from_entry_start + bytes);
    *left -= padding < *left ? padding : *left;
    return CPIO_OK;
}

int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *entry)
{
    if (*offset > size || size - *offset < CPIO_HEADER_BYTES) {
        return CPIO_E_TRUNCATED;
    }
    const char *header = (const char *)archive + *offset;
    if (memcmp(header, "070701", 6) != 0) {
        return CPIO_E_MAGIC;
    }
    uint32_t fields[FIELD_COUNT];
    for (unsigned i = 0; i < FIELD_COUNT; i++) {   /* every field must be hex, used or not */
        if (read_field(header, i, &fields[i]) != CPIO_OK) {
            return CPIO_E_FIELD;
        }
    }
    uint32_t filesize = fields[FIELD_FILESIZE], namesize = fields[FIELD_NAMESIZE];
    size_t left = size - *offset - CPIO_HEADER_BYTES;
    const char *name = header + CPIO_HEADER_BYTES;
    if (namesize < 2 || namesize > CPIO_NAME_MAX + 1) {
        return CPIO_E_NAME;
    }
    if (namesize > left) {
        return CPIO_E_TRUNCATED;
    }
    if (name[namesize - 1] != '\0' || strlen(name) != namesize - 1) {
        return CPIO_E_NAME;
    }
    (void)take(&left, namesize, CPIO_HEADER_BYTES);   /* fits: checked just above */
    size_t data_at = size - left;
    if (take(&left, filesize, 0) != CPIO_OK) {
        return CPIO_E_TRUNCATED;
    }
    *entry = (struct cpio_entry){
        .name = name, .data = (const char *)archive + data_at, .size = filesize,
        .mode = fields[FIELD_MODE],
    };
    *offset = size - left;
    return strcmp(name, TRAILER) == 0 ? CPIO_END : CPIO_OK;
}

int cpio_find(const void *archive, size_t size, const char *name, struct cpio_entry *entry)
{
    size_t offset = 0;
    for (;;) {
        int result = cpio_next(archive, size, &offset, entry);
        if (result == CPIO_END) {
            return CPIO_E_NOT_FOUND;
        }
        if (result != CPIO_OK) {
            return result;
        }
        if ((entry->mode & MODE_TYPE_MASK) == MODE_REGULAR && strcmp(entry->name, name) == 0) {
            return CPIO_OK;
        }
    }
}

const char *cpio_strerror(int error)
{
    switch (error) {
    case CPIO_OK: return "ok";
    case CPIO_END: return "end of archive";
    case CPIO_E_TRUNCATED: return "archive truncated";
    case CPIO_E_MAGIC: return "not a newc cpio header";
    case CPIO_E_FIELD: return "malformed header field";
    case CPIO_E_NAME: return "bad entry name";
    case CPIO_E_NOT_FOUND: return "no such file in the archive";
    default: return "unknown cpio error";
    }
}
