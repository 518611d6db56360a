/*
 * log.h: leveled logging for components.
 *
 * Each line leaves as one write, prefixed with the component's name and the level's
 * letter: "[timer_service] W: 3 timers dropped". Messages above the component's level
 * are not formatted at all. The default level is LOG_INFO.
 */
#ifndef CAIRN_LOG_H
#define CAIRN_LOG_H

#include <stdbool.h>

enum log_level {
    LOG_NONE = 0,    /* as a level: print nothing */
    LOG_ERROR = 1,
    LOG_WARN = 2,
    LOG_INFO = 3,
    LOG_DEBUG = 4,
    LOG_TRACE = 5,
};

/* Names the component in every line (the string must live for ever). */
void log_set_name(const char *component);

void log_set_level(enum log_level level);
enum log_level log_level(void);

/* "none", "error", "warn", "info", "debug", "trace"; "?" for anything else. */
const char *log_level_name(enum log_level level);

/* Parses one of those names; false (and *level untouched) for anything else. */
bool log_level_parse(const char *name, enum log_level *level);

/* Writes one line at `level` (the newline is added). */
void log_write(enum log_level level, const char *format, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_write(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_write(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_write(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_write(LOG_DEBUG, __VA_ARGS__)
#define log_trace(...) log_write(LOG_TRACE, __VA_ARGS__)

#endif
