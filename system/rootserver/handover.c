/*
 * handover.c: giving away what the root server still holds.
 *
 * The component flagged to hold untyped memory (memory_manager) receives every untyped
 * capability, from BOOTPLAN_SLOT_UNTYPED_FIRST on: first CAIRN_CAP_INIT_UNTYPED, the
 * region the root server itself lives in (to revoke once the root server has stopped:
 * that gives its memory back), then the others in boot-info order; after them the ASID
 * pools the components' VSpaces were given ASIDs from (they must outlive the root
 * server: deleting a pool's last capability ends its address spaces).
 */
#include "rootserver.h"

static int untyped_holder(const struct rootserver *rs)
{
    for (uint32_t i = 0; i < rs->plan.component_count; i++) {
        if (rs->plan.components[i].flags & BOOTPLAN_COMPONENT_UNTYPED) {
            return (int)i;
        }
    }
    return -1;
}

static enum cairn_error give(cairn_cptr_t cnode, uint64_t *slot, cairn_cptr_t ours)
{
    if (*slot >= BOOTPLAN_SLOT_UNTYPED_FIRST + BOOTPLAN_UNTYPED_SLOTS) {
        cairn_printf("rootserver: more untyped capabilities than the holder has slots for\n");
        return CAIRN_E_RANGE;
    }
    return cairn_cnode_move(cnode, (*slot)++, CAIRN_WORD_BITS, ROOT, ours, CAIRN_WORD_BITS);
}

enum cairn_error handover(struct rootserver *rs)
{
    int holder = untyped_holder(rs);
    if (holder < 0) {
        cairn_printf("rootserver: no component holds untyped memory; the root server's memory "
                     "stays in use\n");
        return CAIRN_OK;
    }
    cairn_cptr_t cnode = rs->component_cnodes[holder];
    uint64_t slot = BOOTPLAN_SLOT_UNTYPED_FIRST;
    enum cairn_error err = give(cnode, &slot, CAIRN_CAP_INIT_UNTYPED);
    for (uint64_t i = 0; err == CAIRN_OK && i < rs->info->untyped_count; i++) {
        err = give(cnode, &slot, CAIRN_CAP_FIRST_UNTYPED + i);
    }
    for (unsigned i = 0; err == CAIRN_OK && i < rs->asid_pool_count; i++) {
        err = give(cnode, &slot, rs->asid_pools[i]);
    }
    if (err == CAIRN_OK) {
        cairn_printf("rootserver: %lu untyped and %u ASID pool capabilities to '%s'\n",
                     rs->info->untyped_count + 1, rs->asid_pool_count,
                     bootplan_string(&rs->plan, rs->plan.components[holder].name));
    }
    return err;
}
