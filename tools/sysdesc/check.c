/*
 * check.c: runs the groups of rules in order (see check.h).
 */
#include "check.h"

#include <stdio.h>

const char *check_size_text(uint64_t size, char *buf, unsigned length)
{
    if (size != 0 && size % (1024 * 1024) == 0) {
        snprintf(buf, length, "%lluM", (unsigned long long)(size / (1024 * 1024)));
    } else if (size != 0 && size % 1024 == 0) {
        snprintf(buf, length, "%lluK", (unsigned long long)(size / 1024));
    } else {
        snprintf(buf, length, "0x%llx", (unsigned long long)size);
    }
    return buf;
}

bool check_system(struct sd_system *sys, const char *image_dir, struct diag *diag)
{
    unsigned found_before = diag->found;
    check_names(sys, diag);
    check_memory(sys, diag);
    check_authority(sys, diag);
    check_cycles(sys, diag);
    if (image_dir != NULL) {
        check_images(sys, image_dir, diag);
    }
    return diag->found == found_before;
}
