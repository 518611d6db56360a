/*
 * script_store.h: where the debug console finds its scripts, by name.
 *
 * Today every script is built into the console's image (system/debug_console/scripts/,
 * turned into a table by embed_scripts.py); when persistent storage arrives it can supply
 * scripts behind the same two calls, and `source` need not change.
 */
#ifndef CAIRN_SCRIPT_STORE_H
#define CAIRN_SCRIPT_STORE_H

#include <stddef.h>

#define SCRIPT_NAME_MAX 32   /* embed_scripts.py refuses longer names */

struct script {
    const char *name;
    const char *bytes;       /* not NUL-terminated: length bytes of text */
    size_t length;
};

/* The script called name, or 0 if there is none. */
const struct script *script_find(const char *name);

/* The index-th script (0, 1, ...) in name order, or 0 past the last: for listing. */
const struct script *script_at(size_t index);

/* The table embed_scripts.py generates, sorted by name. */
extern const struct script script_table[];
extern const size_t script_table_count;

#endif
