/*
 * cstring.h: the memory and string functions C compilers assume exist.
 *
 * GCC emits calls to memcpy and memset for struct copies and zeroing even in
 * freestanding code, so the kernel and every user program link these.
 */
#ifndef CAIRN_CSTRING_H
#define CAIRN_CSTRING_H

#include <stddef.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *dest, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
