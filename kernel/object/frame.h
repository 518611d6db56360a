/*
 * frame.h: invocations on the VSpace objects: frames, page tables, ASID control and
 * ASID pools.
 */
#ifndef CAIRN_KERNEL_FRAME_H
#define CAIRN_KERNEL_FRAME_H

#include "invocation.h"

/* Decodes and performs CAIRN_FRAME_MAP, _UNMAP and _GET_ADDRESS on the frame in slot. */
enum cairn_error decode_frame(struct cte *slot, struct message *m, struct syscall_error *e);

/* Decodes and performs CAIRN_PAGE_TABLE_MAP and _UNMAP on the page table in slot. */
enum cairn_error decode_page_table(struct cte *slot, struct message *m, struct syscall_error *e);

/* Decodes and performs CAIRN_ASID_CONTROL_MAKE_POOL. */
enum cairn_error decode_asid_control(struct cte *slot, struct message *m, struct syscall_error *e);

/* Decodes and performs CAIRN_ASID_POOL_ASSIGN on the pool in slot. */
enum cairn_error decode_asid_pool(struct cte *slot, struct message *m, struct syscall_error *e);

#endif
