/*
 * shell.c: splitting a command line into words and running the command it names.
 *
 * Every failure is one line starting "error: " that says what was wrong; nothing a user
 * types can stop the shell.
 */
#include "shell.h"

#include "cairn.h"
#include "capscan.h"
#include "console.h"
#include "cstring.h"
#include "debug_console_caps.h"
#include "line_editor.h"
#include "log.h"
#include "memory_manager.h"
#include "rpc.h"
#include "sleep.h"
#include "source.h"

struct command {
    const char *name;
    const char *usage;
    const char *summary;
    void (*run)(int argc, char **argv);
};

static const struct command commands[];

static void help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    console_printf("commands:\n");
    for (const struct command *c = commands; c->name != 0; c++) {
        console_printf("  %-24s %s\n", c->usage, c->summary);
    }
}

static void echo(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        console_printf("%s%s", argv[i], i + 1 < argc ? " " : "");
    }
    console_printf("\n");
}

static void mstats(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct mm_stats s;
    unsigned status = rpc_call(CAP_RPC_MEMORY, MM_STATS, 0, 0, &s, sizeof(s));
    if (status != RPC_OK) {
        console_printf("error: memory_manager: %s\n", rpc_status_name(status));
        return;
    }
    console_printf("memory: %lu KiB of RAM in %lu untyped regions (+%lu device regions)\n"
                   "        %lu KiB free, %lu KiB in use\n"
                   "        root server's %lu KiB returned at boot (free was %lu KiB)\n",
                   s.ram_bytes >> 10, s.untyped_count, s.device_count, s.free_bytes >> 10,
                   (s.ram_bytes - s.free_bytes) >> 10, s.reclaimed_bytes >> 10,
                   s.free_before_reclaim >> 10);
    static struct mm_clients c;
    struct mm_clients_request want = {.first = 0};
    status = rpc_call(CAP_RPC_MEMORY, MM_CLIENTS, &want, sizeof(want), &c, sizeof(c));
    if (status != RPC_OK) {
        console_printf("error: memory_manager: %s\n", rpc_status_name(status));
        return;
    }
    console_printf("        object pool %lu KiB, %lu KiB free; %lu objects, %lu clients\n",
                   s.pool_bytes >> 10, s.pool_free_bytes >> 10, s.objects, c.total);
    for (uint64_t i = 0; i < c.count && i < MM_CLIENTS_PER_REPLY; i++) {
        const struct mm_client *m = &c.clients[i];
        console_printf("        client %lu: %lu objects, %lu bytes (quota %lu objects, %lu "
                       "bytes)\n", m->badge, m->objects, m->bytes, m->object_quota,
                       m->byte_quota);
    }
}

static void mdebug(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static struct mm_regions r;
    struct mm_regions_request want = {.first = 0};
    console_printf("  %-18s %8s %10s %s\n", "region", "KiB", "free KiB", "kind");
    do {
        unsigned status = rpc_call(CAP_RPC_MEMORY, MM_REGIONS, &want, sizeof(want), &r,
                                   sizeof(r));
        if (status != RPC_OK) {
            console_printf("error: memory_manager: %s\n", rpc_status_name(status));
            return;
        }
        if (r.count == 0 || r.count > MM_REGIONS_PER_REPLY || r.total > 4096 ||
            want.first + r.count > r.total) {
            break;   /* nothing more, or an answer that makes no sense: stop */
        }
        for (uint64_t i = 0; i < r.count; i++) {
            const struct mm_region *m = &r.regions[i];
            console_printf("  0x%016lx %8lu %10lu %s\n", m->paddr,
                           (1ul << (m->size_bits & 63)) >> 10, m->free_bytes >> 10,
                           m->is_device ? "device" : "ram");
        }
        want.first += r.count;
    } while (want.first < r.total);
}

/* The kernel's own dump of every thread (state, priority, pc), written by the kernel to
 * the serial line; our own output is flushed first so the two do not mix. */
static void ps(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    console_flush();
    cairn_debug_dump_scheduler();
}

static void loglevel(int argc, char **argv)
{
    enum log_level level;
    if (argc == 1) {
        console_printf("log level: %s\n", log_level_name(log_level()));
    } else if (argc == 2 && log_level_parse(argv[1], &level)) {
        log_set_level(level);
        console_printf("log level: %s\n", log_level_name(level));
    } else {
        console_printf("error: usage: loglevel [none|error|warn|info|debug|trace]\n");
    }
}

static const struct command commands[] = {
    {"help", "help", "list the commands", help},
    {"echo", "echo [WORD...]", "print the words", echo},
    {"mstats", "mstats", "memory: total, free, and what the root server returned", mstats},
    {"mdebug", "mdebug", "every untyped region the memory manager holds", mdebug},
    {"ps", "ps", "every thread: its component, state and priority", ps},
    {"loglevel", "loglevel [LEVEL]", "show or set the console's log level", loglevel},
    {"capscan", "capscan [COMPONENT]", "capabilities held, against the description",
     capscan_command},
    {"sleep", "sleep DURATION", "wait 2, 0.5, 250ms...; ^C ends it", sleep_command},
    {"source", "source [-q] SCRIPT", "run a script's lines (-q: quietly); alone, list them",
     source_command},
    {0, 0, 0, 0},
};

/* Splits line (copied into words) at spaces; -1 when there are too many words. */
static int split(const char *line, char *words, char **argv)
{
    int argc = 0;
    size_t n = strlen(line);
    memcpy(words, line, n + 1);
    for (size_t i = 0; i < n;) {
        while (i < n && words[i] == ' ') {
            words[i++] = '\0';
        }
        if (i == n) {
            break;
        }
        if (argc == SHELL_MAX_ARGS) {
            return -1;
        }
        argv[argc++] = &words[i];
        while (i < n && words[i] != ' ') {
            i++;
        }
    }
    return argc;
}

void shell_run(const char *line, bool too_long)
{
    static char words[LINE_MAX + 1];
    char *argv[SHELL_MAX_ARGS];
    if (too_long) {
        console_printf("error: line longer than %d characters; ignored\n", LINE_MAX);
        return;
    }
    int argc = split(line, words, argv);
    if (argc < 0) {
        console_printf("error: more than %d words\n", SHELL_MAX_ARGS);
        return;
    }
    if (argc == 0) {
        return;
    }
    for (const struct command *c = commands; c->name != 0; c++) {
        if (strcmp(c->name, argv[0]) == 0) {
            c->run(argc, argv);
            return;
        }
    }
    console_printf("error: unknown command '%s' (try help)\n", argv[0]);
}
