/*
 * sysdesc_text.h: the sysdesc host tests' helpers: analyse a description held in a C
 * string, and compare its errors, as "LINE:COLUMN: MESSAGE" strings, with the expected.
 */
#ifndef CAIRN_TEST_SYSDESC_TEXT_H
#define CAIRN_TEST_SYSDESC_TEXT_H

#include <stdbool.h>

#include "analyse.h"

/* A platform with RAM, uart0 (irq 10), rtc (irq 11) and flash (no irq), for tests to
 * put in front of their components. */
#define SD_TEST_PLATFORM                                           \
    "platform virt {\n"                                            \
    "    ram    0x80000000 size 2M\n"                              \
    "    device uart0 at 0x10000000 size 0x100 irq 10\n"           \
    "    device rtc at 0x101000 size 0x1000 irq 11\n"              \
    "    device flash at 0x10001000 size 0x1000\n"                 \
    "}\n"

/* A component NAME with one thread main at PRIORITY. */
#define SD_TEST_COMPONENT(name, priority) \
    "component " name " {\n    image " name "\n    thread main priority " #priority "\n}\n"

/* Analyses text (no images) with a fresh shared analysis, which it returns. */
struct analysis *sd_test_analyse(const char *text);

/* The i-th error of a (in printed order) as "LINE:COLUMN: MESSAGE". */
const char *sd_test_error(struct analysis *a, unsigned i);

/* Analyses text and requires exactly the errors expected[0 .. count). */
void sd_test_expect_errors(const char *text, const char *const *expected, unsigned count);

/* Analyses text and requires it to be clean; returns the analysis. */
struct analysis *sd_test_clean(const char *text);

#endif
