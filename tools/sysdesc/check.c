/*
 * check.c: runs the groups of rules in order (see check.h).
 */
#include "check.h"

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
