/*
 * source.c: the `source [-q] SCRIPT` command and the autostart script.
 *
 * A script's command lines (script_lines.h) go through shell_run exactly as typed lines
 * do. Unless -q is given, each is first shown after "NAME:LINE> ", so a log tells a
 * script's lines from typed ones (whose prompt is "CAIRN> ") and says where each came
 * from; -q hides only the lines, never what the commands print. A line the shell could
 * not take is reported with the script's name and line number and skipped. Scripts may
 * source scripts, at most SOURCE_MAX_DEPTH deep, so one that sources itself (directly
 * or through another) stops there with one error instead of running the console out of
 * stack. A ^C typed while a script runs (one that ends a sleep in it included) stops it,
 * and every script that sourced it, after the line it interrupted.
 */
#include "source.h"

#include "console.h"
#include "cstring.h"
#include "script_lines.h"
#include "script_store.h"
#include "shell.h"

#define SUMMARY_MAX 60

static unsigned depth;   /* scripts running now, one inside the other */
static bool stopping;    /* a ^C stopped the innermost: the others stop too */
static const struct script *running[SOURCE_MAX_DEPTH];

/* One line buffer per level, kept off the console's 8 KiB stack so that nesting costs it
 * only the call frames. (shell_run's own word buffer is reused by each nested run; a
 * level never reads it again once its command has started.) */
static struct script_line lines[SOURCE_MAX_DEPTH];

static void report(const struct script *s, const struct script_line *line)
{
    if (line->kind == SCRIPT_LINE_TOO_LONG) {
        console_printf("error: %s:%u: line longer than %d characters; skipped\n", s->name,
                       line->number, LINE_MAX);
    } else {
        console_printf("error: %s:%u: byte 0x%02x is not a printable character; line "
                       "skipped\n", s->name, line->number, line->bad_byte);
    }
}

static void run_line(const struct script *s, const struct script_line *line, bool quiet)
{
    if (line->kind != SCRIPT_LINE_COMMAND) {
        report(s, line);
    } else if (script_line_words(line->text) > SHELL_MAX_ARGS) {
        console_printf("error: %s:%u: more than %d words; skipped\n", s->name, line->number,
                       SHELL_MAX_ARGS);
    } else {
        if (!quiet) {
            console_printf("%s:%u> %s\n", s->name, line->number, line->text);
        }
        shell_run(line->text, false);
    }
}

static void run(const struct script *s, bool quiet)
{
    if (depth == SOURCE_MAX_DEPTH) {
        console_printf("error: %s:%u: source: '%s' not run: scripts nest at most %d deep "
                       "(does one source itself?)\n", running[depth - 1]->name,
                       lines[depth - 1].number, s->name, SOURCE_MAX_DEPTH);
        return;
    }
    if (depth == 0) {
        stopping = false;
        (void)console_interrupted();   /* a ^C from before this script is not for it */
    }
    running[depth] = s;
    struct script_line *line = &lines[depth++];
    struct script_reader reader;
    script_reader_init(&reader, s->bytes, s->length);
    for (script_reader_next(&reader, line); line->kind != SCRIPT_LINE_END;
         script_reader_next(&reader, line)) {
        run_line(s, line, quiet);
        if (!stopping && console_interrupted()) {
            console_printf("error: %s:%u: script stopped by ^C\n", s->name, line->number);
            stopping = true;
        }
        if (stopping) {
            break;
        }
    }
    depth--;
}

/* A script's first line, when it is a comment, tells what the script is for. */
static void summary(const struct script *s, char *out)
{
    size_t n = 0;
    if (s->length > 0 && s->bytes[0] == '#') {
        size_t i = 1;
        while (i < s->length && s->bytes[i] == ' ') {
            i++;
        }
        while (i < s->length && n < SUMMARY_MAX && (unsigned char)s->bytes[i] >= ' ' &&
               (unsigned char)s->bytes[i] < 0x7f) {
            out[n++] = s->bytes[i++];
        }
    }
    out[n] = '\0';
}

static void list(void)
{
    char what[SUMMARY_MAX + 1];
    console_printf("scripts (source [-q] SCRIPT runs one; %s runs at boot):\n",
                   SOURCE_AUTOSTART);
    for (size_t i = 0; script_at(i) != 0; i++) {
        summary(script_at(i), what);
        console_printf("  %-16s %s\n", script_at(i)->name, what);
    }
}

void source_command(int argc, char **argv)
{
    bool quiet = argc > 1 && strcmp(argv[1], "-q") == 0;
    int name = quiet ? 2 : 1;
    if (argc == 1) {
        list();
    } else if (argc > name && argv[name][0] == '-') {
        console_printf("error: source: unknown option '%s' (usage: source [-q] SCRIPT)\n",
                       argv[name]);
    } else if (argc != name + 1) {
        console_printf("error: usage: source [-q] SCRIPT (source alone lists them)\n");
    } else if (script_find(argv[name]) == 0) {
        console_printf("error: source: no script '%s' (source alone lists them)\n",
                       argv[name]);
    } else {
        run(script_find(argv[name]), quiet);
    }
}

void source_autostart(void)
{
    const struct script *s = script_find(SOURCE_AUTOSTART);
    if (s != 0) {
        run(s, false);
    }
}
