/*
 * sysdesc_text.c: the helpers of sysdesc_text.h, with cmocka failures that print every
 * error the analyser reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sysdesc_text.h"

static struct analysis *shared;

struct analysis *sd_test_analyse(const char *text)
{
    if (shared == NULL) {
        shared = analysis_new();
        assert_non_null(shared);
    }
    memset(shared, 0, sizeof(*shared));
    /* An exactly sized heap copy, not NUL-terminated: ASan sees any read past the end. */
    size_t size = strlen(text);
    char *copy = malloc(size > 0 ? size : 1);
    assert_non_null(copy);
    memcpy(copy, text, size);
    analyse(shared, "test.desc", copy, size, NULL);
    free(copy);
    diag_sort(&shared->diag);   /* the order they are printed in */
    return shared;
}

const char *sd_test_error(struct analysis *a, unsigned i)
{
    static char line[DIAG_MESSAGE_MAX + 32];
    assert_true(i < a->diag.count);
    const struct diag_entry *e = &a->diag.entries[i];
    snprintf(line, sizeof(line), "%u:%u: %s", (unsigned)e->pos.line, (unsigned)e->pos.column,
             e->message);
    return line;
}

static void print_errors(struct analysis *a)
{
    for (unsigned i = 0; i < a->diag.count; i++) {
        print_message("  got: %s\n", sd_test_error(a, i));
    }
}

void sd_test_expect_errors(const char *text, const char *const *expected, unsigned count)
{
    struct analysis *a = sd_test_analyse(text);
    if (a->diag.count != count) {
        print_errors(a);
        fail_msg("%u errors, expected %u", a->diag.count, count);
    }
    for (unsigned i = 0; i < count; i++) {
        if (strcmp(sd_test_error(a, i), expected[i]) != 0) {
            print_errors(a);
            fail_msg("error %u: expected '%s'", i, expected[i]);
        }
    }
}

struct analysis *sd_test_clean(const char *text)
{
    struct analysis *a = sd_test_analyse(text);
    if (a->diag.found != 0) {
        print_errors(a);
        fail_msg("%u errors in a description expected to be clean", a->diag.found);
    }
    return a;
}
