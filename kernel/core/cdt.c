/*
 * cdt.c: the derivation tree as parent/first-child/sibling links between slots.
 *
 * All operations are O(1) except moving a slot with children (each child's parent
 * pointer changes) and the self-check. None allocates. cdt_insert and unlink_leaf (the
 * common case of cdt_remove) carry ACSL contracts that `make prove` checks.
 */
#include "cdt.h"

struct cte cdt_root;

/*@ requires \valid(parent) && \valid(child) && \separated(parent, child);
    requires parent->first_child == \null ||
             (\valid(parent->first_child) && \separated(parent->first_child, parent, child));
    assigns child->cap, child->first_child, child->parent, child->prev, child->next,
            parent->first_child, parent->first_child->prev;
    ensures parent->first_child == child && child->parent == parent;
    ensures child->prev == \null && child->next == \old(parent->first_child);
    ensures child->first_child == \null && child->cap == cap;
    ensures \old(parent->first_child) != \null ==> \old(parent->first_child)->prev == child;
*/
void cdt_insert(struct cte *parent, struct cte *child, struct cap cap)
{
    struct cte *next = parent->first_child;
    child->cap = cap;
    child->first_child = 0;
    child->parent = parent;
    child->prev = 0;
    child->next = next;
    if (next != 0) {
        next->prev = child;
    }
    parent->first_child = child;
}

static struct cte *last_child(struct cte *slot)
{
    struct cte *c = slot->first_child;
    while (c != 0 && c->next != 0) {
        c = c->next;
    }
    return c;
}

/* Takes a slot without children out of its parent's list (its own links stay). */
/*@ requires \valid(slot) && \valid(slot->parent) && slot->first_child == \null;
    requires slot->prev == \null ==> slot->parent->first_child == slot;
    requires slot->prev != \null ==> \valid(slot->prev) && slot->prev->next == slot;
    requires slot->next != \null ==> \valid(slot->next) && slot->next->prev == slot;
    requires \separated(slot, slot->parent);
    requires slot->prev != \null ==> \separated(slot->prev, slot, slot->parent);
    requires slot->next != \null ==> \separated(slot->next, slot, slot->parent);
    requires slot->prev != \null && slot->next != \null ==> \separated(slot->prev, slot->next);
    assigns slot->parent->first_child, slot->prev->next, slot->next->prev;
    ensures \old(slot->prev) == \null ==> \old(slot->parent)->first_child == \old(slot->next);
    ensures \old(slot->prev) != \null ==> \old(slot->prev)->next == \old(slot->next);
    ensures \old(slot->next) != \null ==> \old(slot->next)->prev == \old(slot->prev);
*/
static void unlink_leaf(struct cte *slot)
{
    struct cte *prev = slot->prev, *next = slot->next;
    if (prev != 0) {
        prev->next = next;
    } else {
        slot->parent->first_child = next;
    }
    if (next != 0) {
        next->prev = prev;
    }
}

void cdt_remove(struct cte *slot)
{
    if (slot->parent == 0) {
        *slot = (struct cte){.cap = cap_null()};   /* not in the tree: nothing to unlink */
        return;
    }
    struct cte *parent = slot->parent;
    struct cte *prev = slot->prev;
    struct cte *next = slot->next;
    struct cte *first = slot->first_child;
    if (first != 0) {
        /* The children replace slot in its parent's list, keeping their order. */
        struct cte *last = last_child(slot);
        for (struct cte *c = first; c != 0; c = c->next) {
            c->parent = parent;
        }
        first->prev = prev;
        last->next = next;
        if (first->prev != 0) {
            first->prev->next = first;
        } else {
            parent->first_child = first;
        }
        if (last->next != 0) {
            last->next->prev = last;
        }
    } else {
        unlink_leaf(slot);
    }
    *slot = (struct cte){.cap = cap_null()};
}

/* Makes every pointer that referred to the old slot refer to `to` (which holds its links). */
static void retarget_links(struct cte *to)
{
    if (to->prev != 0) {
        to->prev->next = to;
    } else if (to->parent != 0) {
        to->parent->first_child = to;
    }
    if (to->next != 0) {
        to->next->prev = to;
    }
    for (struct cte *c = to->first_child; c != 0; c = c->next) {
        c->parent = to;
    }
}

void cdt_move(struct cte *from, struct cte *to)
{
    *to = *from;
    retarget_links(to);
    *from = (struct cte){.cap = cap_null()};
}

void cdt_swap(struct cte *a, struct cte *b)
{
    /* Three moves through a temporary: each move leaves every link consistent, which
     * patching two swapped structs in place does not when a and b are related. */
    if (a == b) {
        return;
    }
    struct cte temp = {.cap = cap_null()};
    cdt_move(a, &temp);
    cdt_move(b, a);
    cdt_move(&temp, b);
}

bool cdt_is_final(const struct cte *slot)
{
    const struct cap *c = &slot->cap;
    if (c->type == CAP_UNTYPED) {
        return true;   /* untyped capabilities are never copied */
    }
    if (slot->parent != 0 && cap_same_object(&slot->parent->cap, c)) {
        return false;
    }
    if ((slot->prev != 0 && cap_same_object(&slot->prev->cap, c)) ||
        (slot->next != 0 && cap_same_object(&slot->next->cap, c))) {
        return false;
    }
    return slot->first_child == 0 || !cap_same_object(&slot->first_child->cap, c);
}

/* Checks one child list; stops at the first problem (a broken list may even loop). */
static unsigned check_children(const struct cte *parent,
                               void (*report)(const struct cte *, const char *))
{
    const struct cte *prev = 0;
    for (const struct cte *c = parent->first_child; c != 0; c = c->next) {
        const char *problem = c->parent != parent ? "parent link disagrees with the parent's list"
                              : c->prev != prev   ? "previous-sibling link broken"
                              : cap_is_null(&c->cap) ? "empty slot in the derivation tree"
                                                     : 0;
        if (problem != 0) {
            report(c, problem);
            return 1;
        }
        prev = c;
    }
    return 0;
}

unsigned cdt_check(void (*report)(const struct cte *slot, const char *problem))
{
    /* Depth first without recursion: down into a child list only once that list checked
     * clean, so every parent link followed back up has been verified. */
    if (check_children(&cdt_root, report) != 0) {
        return 1;
    }
    unsigned problems = 0;
    const struct cte *c = cdt_root.first_child;
    while (c != 0) {
        unsigned found = check_children(c, report);
        problems += found;
        if (found == 0 && c->first_child != 0) {
            c = c->first_child;
            continue;
        }
        while (c != &cdt_root && c->next == 0) {
            c = c->parent;
        }
        c = c == &cdt_root ? 0 : c->next;
    }
    return problems;
}
