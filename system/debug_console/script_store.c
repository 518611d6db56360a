/*
 * script_store.c: script_store.h over the table built into the image.
 */
#include "script_store.h"

#include "cstring.h"

const struct script *script_find(const char *name)
{
    for (size_t i = 0; i < script_table_count; i++) {
        if (strcmp(script_table[i].name, name) == 0) {
            return &script_table[i];
        }
    }
    return 0;
}

const struct script *script_at(size_t index)
{
    return index < script_table_count ? &script_table[index] : 0;
}
