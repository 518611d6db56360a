/*
 * cdt.h: capability slots and the capability derivation tree.
 *
 * Every capability lives in a slot (a cte). Each slot also records where its capability
 * came from: a capability retyped from an untyped region is a child of the untyped's
 * capability, a copy or a mint is a child of its source. Revoking a capability deletes
 * its whole subtree. Capabilities made by the kernel at boot hang off one root slot,
 * so every capability has a parent.
 *
 * One invariant makes "is this the last capability to its object?" cheap: among
 * siblings, the capabilities to one object are adjacent. Copies are children of the
 * capability copied, and deleting a slot splices its children into its place, so
 * the caps to an object always form one run. A capability is final when neither its
 * parent, its neighbours in that run, nor its children name the same object.
 */
#ifndef CAIRN_KERNEL_CDT_H
#define CAIRN_KERNEL_CDT_H

#include <stdbool.h>

#include "abi/object.h"
#include "cap.h"

struct cte {
    struct cap cap;
    struct cte *parent;
    struct cte *first_child;
    struct cte *next;   /* next sibling */
    struct cte *prev;   /* previous sibling */
};

_Static_assert(sizeof(struct cte) <= (1u << CAIRN_SLOT_BITS), "a slot fits its size");

/* The parent of every capability the kernel makes at boot. Its capability is null. */
extern struct cte cdt_root;

/* Puts cap into the empty slot child and links it as parent's first child. */
void cdt_insert(struct cte *parent, struct cte *child, struct cap cap);

/*
 * Unlinks slot from the tree and empties it; its children take its place among its
 * siblings, in order, under its parent.
 */
void cdt_remove(struct cte *slot);

/* Moves the capability in from (and its place in the tree) to the empty slot to. */
void cdt_move(struct cte *from, struct cte *to);

/* Exchanges the capabilities of a and b, and their places in the tree. */
void cdt_swap(struct cte *a, struct cte *b);

/* True when no other capability names the object slot's capability names. */
bool cdt_is_final(const struct cte *slot);

static inline bool cdt_has_children(const struct cte *slot)
{
    return slot->first_child != 0;
}

/*
 * Checks the links of the whole tree below cdt_root: parent and sibling pointers agree
 * and no slot in the tree is empty. Returns the number of problems found (0 = sound),
 * calling report once per problem.
 */
unsigned cdt_check(void (*report)(const struct cte *slot, const char *problem));

#endif
