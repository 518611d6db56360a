/*
 * fuzz_duration.c: the shell's duration parser on any text: it must never read past the
 * string, and whatever it accepts must be within its bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    uint64_t ns = 0;
    if (duration_parse(text, &ns) && (ns == 0 || ns > DURATION_MAX_NS)) {
        abort();
    }
    free(text);
    return 0;
}
