/*
 * cpio_newc.h: a validating reader of "newc" cpio archives (the boot archive's format).
 *
 * newc is what `cpio -o -H newc` writes, so an archive can be made and inspected with
 * stock tools. Each entry is a 110-byte ASCII header (magic "070701", then 13 fields of
 * 8 hex digits), the name with its NUL, padding to 4 bytes, the data, padding to 4
 * bytes; the entry named "TRAILER!!!" ends the archive. Every field is checked before
 * it is used: lengths against what is left of the archive, names for their NUL.
 * Freestanding and allocation-free; returned pointers point into the archive.
 */
#ifndef CAIRN_CPIO_NEWC_H
#define CAIRN_CPIO_NEWC_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_BYTES 110
#define CPIO_NAME_MAX 255

enum cpio_error {
    CPIO_OK = 0,
    CPIO_END = 1,              /* the trailer: no more entries */
    CPIO_E_TRUNCATED = -1,     /* an entry runs past the end of the archive */
    CPIO_E_MAGIC = -2,         /* not a newc header */
    CPIO_E_FIELD = -3,         /* a header field is not 8 hex digits */
    CPIO_E_NAME = -4,          /* a name that is empty, too long or not NUL-terminated */
    CPIO_E_NOT_FOUND = -5,     /* (cpio_find) no entry of that name */
};

struct cpio_entry {
    const char *name;          /* NUL-terminated, inside the archive */
    const void *data;
    size_t size;
    uint32_t mode;             /* file type and permissions, as stat's st_mode */
};

/*
 * Reads the entry at *offset (start with 0) and moves *offset past it. Returns CPIO_OK
 * with *entry filled, CPIO_END at the trailer, or a negative error.
 */
int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *entry);

/* Finds the regular file called name; CPIO_OK, CPIO_E_NOT_FOUND or a format error. */
int cpio_find(const void *archive, size_t size, const char *name, struct cpio_entry *entry);

/* A short English description of an enum cpio_error value. */
const char *cpio_strerror(int error);

#endif
