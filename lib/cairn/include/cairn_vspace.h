/*
 * cairn_vspace.h: wrappers for the VSpace invocations: frames, page tables, ASIDs.
 *
 * Arguments come in the order include/abi/invocation.h documents, each call returns
 * the reply's error code and leaves an error's detail in cairn_reply[] (cairn.h).
 * A mapping needs its page tables first: map a table for the level-1 and one for the
 * level-0 entry of an address (cairn_page_table_map twice) before a 4 KiB frame there,
 * or just the level-1 table before a 2 MiB frame.
 */
#ifndef CAIRN_VSPACE_H
#define CAIRN_VSPACE_H

#include "cairn.h"

/* Maps frame at vaddr in the VSpace rooted at vspace with CAIRN_RIGHT_* rights. */
enum cairn_error cairn_frame_map(cairn_cptr_t frame, cairn_cptr_t vspace, uint64_t vaddr,
                                 unsigned rights);

/* Removes the mapping this frame capability made (nothing happens if it has none). */
enum cairn_error cairn_frame_unmap(cairn_cptr_t frame);

/* The frame's physical address, in *paddr. */
enum cairn_error cairn_frame_get_address(cairn_cptr_t frame, uint64_t *paddr);

/* Maps table as the first missing page table on the way to vaddr in vspace. */
enum cairn_error cairn_page_table_map(cairn_cptr_t table, cairn_cptr_t vspace, uint64_t vaddr);

/* Takes table out of the VSpace it is mapped in (nothing happens if it is not). */
enum cairn_error cairn_page_table_unmap(cairn_cptr_t table);

/* Makes an ASID pool from untyped (4 KiB, empty) in slot (index, depth) of root. */
enum cairn_error cairn_asid_control_make_pool(cairn_cptr_t control, cairn_cptr_t untyped,
                                              cairn_cptr_t root, uint64_t index,
                                              unsigned depth);

/* Gives the page table vspace an ASID from pool: it becomes a VSpace root. */
enum cairn_error cairn_asid_pool_assign(cairn_cptr_t pool, cairn_cptr_t vspace);

#endif
