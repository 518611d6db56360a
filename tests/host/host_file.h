/*
 * host_file.h: reading an input file whole in a host test (a real device tree, a real ELF).
 */
#ifndef CAIRN_TEST_HOST_FILE_H
#define CAIRN_TEST_HOST_FILE_H

#include <stddef.h>
#include <stdint.h>

struct host_file {
    uint8_t *data;   /* malloc'd: the caller frees it */
    size_t size;
};

/* Reads path whole; fails the current test if it cannot, or if it is under min_size bytes. */
struct host_file host_file_read(const char *path, size_t min_size);

#endif
