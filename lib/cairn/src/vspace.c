/*
 * vspace.c: the VSpace invocation wrappers (cairn_vspace.h), each one cairn_invoke.
 */
#include "cairn_vspace.h"

enum cairn_error cairn_frame_map(cairn_cptr_t frame, cairn_cptr_t vspace, uint64_t vaddr,
                                 unsigned rights)
{
    uint64_t w[] = {vaddr, rights};
    return cairn_invoke(frame, CAIRN_FRAME_MAP, w, 2, &vspace, 1);
}

enum cairn_error cairn_frame_unmap(cairn_cptr_t frame)
{
    return cairn_invoke(frame, CAIRN_FRAME_UNMAP, 0, 0, 0, 0);
}

enum cairn_error cairn_frame_get_address(cairn_cptr_t frame, uint64_t *paddr)
{
    enum cairn_error err = cairn_invoke(frame, CAIRN_FRAME_GET_ADDRESS, 0, 0, 0, 0);
    if (err == CAIRN_OK) {
        *paddr = cairn_reply[0];
    }
    return err;
}

enum cairn_error cairn_page_table_map(cairn_cptr_t table, cairn_cptr_t vspace, uint64_t vaddr)
{
    uint64_t w[] = {vaddr};
    return cairn_invoke(table, CAIRN_PAGE_TABLE_MAP, w, 1, &vspace, 1);
}

enum cairn_error cairn_page_table_unmap(cairn_cptr_t table)
{
    return cairn_invoke(table, CAIRN_PAGE_TABLE_UNMAP, 0, 0, 0, 0);
}

enum cairn_error cairn_asid_control_make_pool(cairn_cptr_t control, cairn_cptr_t untyped,
                                              cairn_cptr_t root, uint64_t index,
                                              unsigned depth)
{
    uint64_t w[] = {index, depth};
    cairn_cptr_t caps[] = {untyped, root};
    return cairn_invoke(control, CAIRN_ASID_CONTROL_MAKE_POOL, w, 2, caps, 2);
}

enum cairn_error cairn_asid_pool_assign(cairn_cptr_t pool, cairn_cptr_t vspace)
{
    return cairn_invoke(pool, CAIRN_ASID_POOL_ASSIGN, 0, 0, &vspace, 1);
}
