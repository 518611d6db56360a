/*
 * delete.h: deleting and revoking capabilities, and destroying objects whose last
 * capability goes.
 */
#ifndef CAIRN_KERNEL_DELETE_H
#define CAIRN_KERNEL_DELETE_H

#include "cdt.h"

/*
 * Empties slot. When its capability was the last one to its object, the object is
 * destroyed first: a CNode or TCB has every capability it holds deleted (depth first,
 * without recursion), a frame is unmapped, a thread stops. Empty slots are left alone.
 */
void cap_delete(struct cte *slot);

/* Deletes every capability derived from the one in slot (slot itself stays). */
void cap_revoke(struct cte *slot);

#endif
