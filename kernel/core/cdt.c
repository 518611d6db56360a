/*
 * cdt.c: the derivation tree as parent/first-child/sibling links between slots.
 *
 * All operations are O(1) except moving a slot with children (each child's parent
 * pointer changes) and the self-check. None allocates.
 */
#include "cdt.h"

struct cte cdt_root;

/* Links slot between prev and next (either may be 0) under parent. */
static void link_between(struct cte *slot, struct cte *parent, struct cte *prev, struct cte *next)
{
    slot->parent = parent;
    slot->prev = prev;
    slot->next = next;
    if (prev != 0) {
        prev->next = slot;
    } else {
        parent->first_child = slot;
    }
    if (next != 0) {
        next->prev = slot;
    }
}

void cdt_insert(struct cte *parent, struct cte *child, struct cap cap)
{
    child->cap = cap;
    child->first_child = 0;
    link_between(child, parent, 0, parent->first_child);
}

static struct cte *last_child(struct cte *slot)
{
    struct cte *c = slot->first_child;
    while (c != 0 && c->next != 0) {
        c = c->next;
    }
    return c;
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
        if (prev != 0) {
            prev->next = next;
        } else {
            parent->first_child = next;
        }
        if (next != 0) {
            next->prev = prev;
        }
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
