/*
 * log.c: leveled log lines, each formatted into one buffer and written in one call.
 */
#include "log.h"

#include <stdarg.h>

#include "cairn.h"
#include "cstring.h"
#include "fmt.h"

#define LINE_MAX 200

static const char *component_name = "?";
static enum log_level current_level = LOG_INFO;

static const char *const level_names[] = {
    [LOG_NONE] = "none", [LOG_ERROR] = "error", [LOG_WARN] = "warn",
    [LOG_INFO] = "info", [LOG_DEBUG] = "debug", [LOG_TRACE] = "trace",
};
#define LEVEL_COUNT (sizeof(level_names) / sizeof(level_names[0]))

void log_set_name(const char *component)
{
    component_name = component;
}

void log_set_level(enum log_level level)
{
    if ((unsigned)level < LEVEL_COUNT) {
        current_level = level;
    }
}

enum log_level log_level(void)
{
    return current_level;
}

const char *log_level_name(enum log_level level)
{
    return (unsigned)level < LEVEL_COUNT ? level_names[level] : "?";
}

bool log_level_parse(const char *name, enum log_level *level)
{
    for (unsigned i = 0; i < LEVEL_COUNT; i++) {
        if (strcmp(name, level_names[i]) == 0) {
            *level = (enum log_level)i;
            return true;
        }
    }
    return false;
}

void log_write(enum log_level level, const char *format, ...)
{
    if (level == LOG_NONE || level > current_level || (unsigned)level >= LEVEL_COUNT) {
        return;
    }
    char line[LINE_MAX];
    int used = fmt_snprintf(line, sizeof(line), "[%s] %c: ", component_name,
                            "-EWIDT"[level]);
    size_t at = used > 0 && (size_t)used < sizeof(line) ? (size_t)used : 0;
    va_list args;
    va_start(args, format);
    int body = fmt_vsnprintf(line + at, sizeof(line) - at - 1, format, args);
    va_end(args);
    size_t end = at + (body > 0 ? (size_t)body : 0);
    if (end > sizeof(line) - 2) {
        end = sizeof(line) - 2;   /* cut long lines; the newline always fits */
    }
    line[end++] = '\n';
    cairn_debug_put_string(line, end);
}
