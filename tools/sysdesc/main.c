/*
 * main.c: the sysdesc command line.
 *
 *   sysdesc check  FILE [--images DIR]               the rules only
 *   sysdesc report FILE                              the authority report
 *   sysdesc graph  FILE                              the authority graph (Graphviz dot)
 *   sysdesc emit   FILE [--images DIR] --out DIR     bootplan.bin and NAME_caps.h files
 *
 * Every command checks the description first; errors go to stderr as
 * FILE:LINE:COLUMN: error: MESSAGE. Exit status: 0 clean, 1 the description has errors,
 * 2 a bad command line or a file that cannot be read or written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "emit.h"
#include "report.h"

struct options {
    const char *command;
    const char *file;
    const char *images;
    const char *out;
};

static int usage(void)
{
    fprintf(stderr, "usage: sysdesc check FILE [--images DIR]\n"
                    "       sysdesc report FILE\n"
                    "       sysdesc graph FILE\n"
                    "       sysdesc emit FILE [--images DIR] --out DIR\n");
    return 2;
}

static bool command_is(const struct options *o, const char *name)
{
    return strcmp(o->command, name) == 0;
}

/* Fills o from argv; false when the command line is not one of the forms above. */
static bool parse_options(int argc, char **argv, struct options *o)
{
    if (argc < 3) {
        return false;
    }
    *o = (struct options){argv[1], argv[2], NULL, NULL};
    for (int i = 3; i < argc; i += 2) {
        const char **slot = strcmp(argv[i], "--images") == 0 ? &o->images
                            : strcmp(argv[i], "--out") == 0  ? &o->out : NULL;
        if (slot == NULL || *slot != NULL || i + 1 == argc) {
            return false;
        }
        *slot = argv[i + 1];
    }
    bool takes_images = command_is(o, "check") || command_is(o, "emit");
    if ((o->images != NULL && !takes_images) || (o->out != NULL) != command_is(o, "emit")) {
        return false;
    }
    return takes_images || command_is(o, "report") || command_is(o, "graph");
}

/* Reads the whole file (at most one byte past the analyser's limit, so it can refuse). */
static char *read_description(const char *path, size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "sysdesc: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *data = malloc(ANALYSE_MAX_BYTES + 1);
    if (data != NULL) {
        *size = fread(data, 1, ANALYSE_MAX_BYTES + 1, in);
        if (ferror(in)) {
            fprintf(stderr, "sysdesc: cannot read %s: %s\n", path, strerror(errno));
            free(data);
            data = NULL;
        }
    }
    fclose(in);
    return data;
}

static int run(const struct options *o, struct analysis *a)
{
    size_t size = 0;
    char *src = read_description(o->file, &size);
    if (src == NULL) {
        return 2;
    }
    bool clean = analyse(a, o->file, src, size, o->images);
    free(src);
    diag_print(&a->diag, stderr);
    if (!clean) {
        return 1;
    }
    if (command_is(o, "report") && !report_write(&a->system, stdout)) {
        return 2;
    }
    if (command_is(o, "graph")) {
        graph_write(&a->system, stdout);
    }
    if (command_is(o, "emit")) {
        return emit_files(&a->plan, o->file, o->out);
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    if (!parse_options(argc, argv, &o)) {
        return usage();
    }
    struct analysis *a = analysis_new();
    if (a == NULL) {
        fprintf(stderr, "sysdesc: out of memory\n");
        return 2;
    }
    int status = run(&o, a);
    free(a);
    if (fflush(stdout) != 0) {
        status = 2;
    }
    return status;
}
