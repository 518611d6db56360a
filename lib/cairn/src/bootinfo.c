/*
 * bootinfo.c: questions a root task asks of its boot info.
 */
#include "cairn.h"

cairn_cptr_t cairn_largest_ram_untyped(const struct cairn_bootinfo *info)
{
    cairn_cptr_t best = 0;
    unsigned best_bits = 0;
    for (uint64_t i = 0; i < info->untyped_count && i < CAIRN_MAX_UNTYPED; i++) {
        const struct cairn_untyped_desc *u = &info->untyped[i];
        if (!u->is_device && (best == 0 || u->size_bits > best_bits)) {
            best = CAIRN_CAP_FIRST_UNTYPED + i;
            best_bits = u->size_bits;
        }
    }
    return best;
}
