/*
 * emit.c: the files `sysdesc emit` writes (see emit.h).
 */
#include "emit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps_header.h"
#include "plan_encode.h"

static FILE *open_output(const char *dir, const char *name, const char *suffix, char *path,
                         size_t size)
{
    if ((size_t)snprintf(path, size, "%s/%s%s", dir, name, suffix) >= size) {
        fprintf(stderr, "sysdesc: output path too long: %s/%s%s\n", dir, name, suffix);
        return NULL;
    }
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        fprintf(stderr, "sysdesc: cannot write %s: %s\n", path, strerror(errno));
    }
    return out;
}

/* Closes out and reports whether everything written to it got there. */
static int close_output(FILE *out, const char *path)
{
    bool failed = ferror(out) != 0;
    failed = fclose(out) != 0 || failed;
    if (failed) {
        fprintf(stderr, "sysdesc: cannot write %s\n", path);
        return 2;
    }
    return 0;
}

static int emit_plan(const struct plan *plan, const char *out_dir)
{
    struct plan_bytes bytes;
    struct bootplan check;
    char path[4096];
    if (!plan_encode(plan, &bytes)) {
        fprintf(stderr, "sysdesc: out of memory\n");
        return 2;
    }
    int err = bootplan_open(bytes.data, bytes.size, &check);
    if (err != BOOTPLAN_OK) {
        fprintf(stderr, "sysdesc: internal error: the boot plan fails its own reader: %s "
                "(record %u)\n", bootplan_strerror(err), (unsigned)check.error_record);
        free(bytes.data);
        return 2;
    }
    FILE *out = open_output(out_dir, "bootplan", ".bin", path, sizeof(path));
    int status = 2;
    if (out != NULL) {
        fwrite(bytes.data, 1, bytes.size, out);
        status = close_output(out, path);
    }
    free(bytes.data);
    return status;
}

static int emit_header(const struct plan *plan, unsigned c, const char *source,
                       const char *out_dir)
{
    char path[4096];
    FILE *out = open_output(out_dir, plan->sys->components[c].name.text, "_caps.h", path,
                            sizeof(path));
    if (out == NULL) {
        return 2;
    }
    bool written = caps_header_write(plan, c, source, out);
    int status = close_output(out, path);
    if (!written) {
        fprintf(stderr, "sysdesc: out of memory\n");
        return 2;
    }
    return status;
}

int emit_files(const struct plan *plan, const char *source, const char *out_dir)
{
    int status = emit_plan(plan, out_dir);
    for (unsigned c = 0; c < plan->sys->component_count && status == 0; c++) {
        status = emit_header(plan, c, source, out_dir);
    }
    return status;
}
