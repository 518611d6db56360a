/*
 * cstring.c: simple implementations. memcpy and memset move whole 8-byte words when
 * both ends are aligned (GCC calls them for every struct copy and zeroing, e.g. a
 * 64-byte capability slot on each IPC reply), and bytes otherwise.
 */
#include "cstring.h"

#include <stdint.h>

#define WORD sizeof(uint64_t)

static int aligned(const void *a, const void *b)
{
    return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1)) == 0;
}

void *memcpy(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (aligned(d, s)) {
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD) {
            *(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
        }
    }
    while (n-- > 0) {
        *d++ = *s++;
    }
    return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (d < s) {
        return memcpy(dest, src, n);
    }
    while (n-- > 0) {
        d[n] = s[n];
    }
    return dest;
}

void *memset(void *dest, int c, size_t n)
{
    unsigned char *d = dest;
    if (aligned(d, d)) {
        uint64_t pattern = 0x0101010101010101ull * (unsigned char)c;
        for (; n >= WORD; n -= WORD, d += WORD) {
            *(uint64_t *)(void *)d = pattern;
        }
    }
    while (n-- > 0) {
        *d++ = (unsigned char)c;
    }
    return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

int strcmp(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] != '\0' && a[i] == b[i]) {
        i++;
    }
    return (unsigned char)a[i] - (unsigned char)b[i];
}
