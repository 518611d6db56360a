/*
 * cnode.h: invocations on CNodes: copy, mint, move, mutate, rotate, delete, revoke,
 * save caller.
 */
#ifndef CAIRN_KERNEL_CNODE_H
#define CAIRN_KERNEL_CNODE_H

#include "invocation.h"

/* Decodes and performs one CNode invocation on the CNode capability in slot. */
enum cairn_error decode_cnode(struct cte *slot, struct message *m, struct syscall_error *e);

#endif
