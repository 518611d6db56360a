/*
 * fuzz_sysdesc.c: libFuzzer target for the system-description analyser: the lexer, the
 * parser, every rule and, for a description found clean, the plan, its encoding, the
 * report, the graph and the generated headers. Any input must be accepted or refused
 * without reading outside it (ASan) or undefined behaviour (UBSan); the errors must be
 * at most DIAG_MAX, each at a real position; and every plan of a clean description
 * must pass the root server's own reader (bootplan_open), so the tool can never emit a
 * plan the root server refuses.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyse.h"
#include "bootplan.h"
#include "caps_header.h"
#include "plan_encode.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void check_diagnostics(const struct diag *d)
{
    check(d->count <= DIAG_MAX && d->count <= d->found);
    for (unsigned i = 0; i < d->count; i++) {
        check(d->entries[i].pos.line >= 1 && d->entries[i].pos.column >= 1);
    }
}

/* A clean description: its plan encodes and reads back, and every output can be written. */
static void check_outputs(const struct analysis *a, FILE *sink)
{
    struct plan_bytes bytes;
    struct bootplan plan;
    check(plan_encode(&a->plan, &bytes));
    check(bootplan_open(bytes.data, bytes.size, &plan) == BOOTPLAN_OK);
    check(plan.component_count == a->system.component_count);
    free(bytes.data);
    check(report_write(&a->system, sink));
    graph_write(&a->system, sink);
    for (unsigned c = 0; c < a->system.component_count; c++) {
        check(caps_header_write(&a->plan, c, "fuzz", sink));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct analysis *a;
    static FILE *sink;
    if (a == NULL) {
        a = analysis_new();
        sink = fopen("/dev/null", "w");
        check(a != NULL && sink != NULL);
    }
    bool clean = analyse(a, "fuzz.desc", (const char *)data, size, NULL);
    check_diagnostics(&a->diag);
    check(clean == (a->diag.found == 0));
    if (clean) {
        check_outputs(a, sink);
    }
    return 0;
}
