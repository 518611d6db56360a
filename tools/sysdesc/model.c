/*
 * model.c: small look-ups over the model that the checks, the plan and the report share.
 */
#include "model.h"

#include <string.h>

const char *sd_connection_keyword(enum sd_connection_kind kind)
{
    switch (kind) {
    case SD_RPC:
        return "rpc";
    case SD_NOTIFY:
        return "notify";
    case SD_SHARED:
        return "shared";
    }
    return "?";
}

const char *sd_rights_text(unsigned rights)
{
    return rights == SD_RIGHTS_RW ? "rw" : "r";
}

int sd_find_component(const struct sd_system *sys, const char *name)
{
    for (unsigned i = 0; i < sys->component_count; i++) {
        if (strcmp(sys->components[i].name.text, name) == 0) {
            return (int)i;
        }
    }
    return SD_NONE;
}

int sd_find_device(const struct sd_system *sys, const char *name)
{
    for (unsigned i = 0; i < sys->platform.device_count; i++) {
        if (strcmp(sys->platform.devices[i].name.text, name) == 0) {
            return (int)i;
        }
    }
    return SD_NONE;
}
