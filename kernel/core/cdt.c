/*
 * cdt.c: the derivation tree as parent/first-child/sibling links between slots.
 *
 * All operations are O(1) except moving or removing a slot with children (each child's
 * parent pointer changes) and the self-check. None allocates. cdt_insert and cdt_remove
 * (with the helpers it is split into) carry ACSL contracts that `make prove` checks with
 * Frama-C's WP: no runtime error, every loop ends, and the links end up exactly right,
 * given a well-formed tree around the slot (linked, children_ok below).
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

/*@ // The run from first: the slots reached from first along the next links, in order.
    // Left abstract: a contract that uses a run requires run_ok(first), which only the
    // slots the links really reach satisfy, so no definition is needed (the proofs hold
    // whatever the functions are). They do not read memory: a run names the slots it had
    // when the contract began, and keeps naming them while their links change.
    axiomatic Run {
      logic integer run_length(struct cte *first);        // how many slots
      logic struct cte *run_at(struct cte *first, integer i);   // the i-th, from 0
    }

    logic struct cte *run_last(struct cte *first) = run_at(first, run_length(first) - 1);

    // The run from first is finite and made of distinct valid slots linked both ways, the
    // last one's next link null. (Its length fits a 64-bit counter: true of any run of
    // distinct 64-byte slots, but the memory model has no address-space bound to show it.)
    predicate run_ok{L}(struct cte *first) =
      0 < run_length(first) <= UINT64_MAX && run_at(first, 0) == first &&
      (\forall integer i; 0 <= i < run_length(first) ==> \valid(run_at(first, i))) &&
      (\forall integer i; 0 <= i < run_length(first) - 1 ==>
         run_at(first, i)->next == run_at(first, i + 1) &&
         run_at(first, i + 1)->prev == run_at(first, i)) &&
      run_last(first)->next == \null &&
      (\forall integer i, j; 0 <= i < run_length(first) && 0 <= j < run_length(first) &&
         i != j ==> \separated(run_at(first, i), run_at(first, j)));

    // No slot of the run from first is p.
    predicate outside(struct cte *first, struct cte *p) =
      \forall integer i; 0 <= i < run_length(first) ==> \separated(run_at(first, i), p);

    // slot is in its parent's child list, its neighbours link back to it, and parent,
    // slot and neighbours are distinct slots.
    predicate linked{L}(struct cte *slot) =
      \valid(slot) && \valid(slot->parent) && \separated(slot, slot->parent) &&
      (slot->prev == \null ==> slot->parent->first_child == slot) &&
      (slot->prev != \null ==> \valid(slot->prev) && slot->prev->next == slot &&
                               \separated(slot->prev, slot, slot->parent)) &&
      (slot->next != \null ==> \valid(slot->next) && slot->next->prev == slot &&
                               \separated(slot->next, slot, slot->parent)) &&
      (slot->prev != \null && slot->next != \null ==> \separated(slot->prev, slot->next));

    // slot's children, if it has any, form a sound run apart from slot, its parent and
    // its neighbours.
    predicate children_ok{L}(struct cte *slot) =
      slot->first_child != \null ==>
        run_ok(slot->first_child) &&
        outside(slot->first_child, slot) && outside(slot->first_child, slot->parent) &&
        (slot->prev != \null ==> outside(slot->first_child, slot->prev)) &&
        (slot->next != \null ==> outside(slot->first_child, slot->next));

    // The state cdt_remove leaves a slot in: an empty capability, no links.
    predicate cleared{L}(struct cte *slot) =
      slot->cap.type == CAP_NULL && slot->parent == \null && slot->first_child == \null &&
      slot->prev == \null && slot->next == \null;
*/

/* The last of slot's children (0 when it has none). */
/*@ requires \valid_read(slot);
    requires slot->first_child != \null ==> run_ok(slot->first_child);
    assigns \nothing;
    ensures slot->first_child == \null ==> \result == \null;
    ensures slot->first_child != \null ==> \result == run_last(slot->first_child);
*/
static struct cte *last_child(struct cte *slot)
{
    struct cte *c = slot->first_child;
    //@ ghost uint64_t k = 0;   // c's place in the run
    /*@ loop invariant slot->first_child == \null ==> c == \null;
        loop invariant slot->first_child != \null ==>
                       k < run_length(slot->first_child) &&
                       c == run_at(slot->first_child, k);
        loop assigns c, k;
        loop variant run_length(slot->first_child) - k;
    */
    while (c != 0 && c->next != 0) {
        c = c->next;
        //@ ghost k++;
    }
    return c;
}

/* Takes a slot without children out of its parent's list (its own links stay). */
/*@ requires linked(slot) && slot->first_child == \null;
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

/* Makes parent the parent of every slot in the run from first. */
/*@ requires run_ok(first);
    assigns { run_at(first, i)->parent | integer i; 0 <= i < run_length(first) };
    ensures \forall integer i; 0 <= i < run_length(first) ==> run_at(first, i)->parent == parent;
    ensures \forall integer i; 0 <= i < run_length(first) ==>
              run_at(first, i)->next == \old(run_at(first, i)->next) &&
              run_at(first, i)->prev == \old(run_at(first, i)->prev);
*/
static void reparent_run(struct cte *first, struct cte *parent)
{
    //@ ghost uint64_t k = 0;   // c's place in the run
    /*@ loop invariant 0 <= k <= run_length(first);
        loop invariant k < run_length(first) ==> c == run_at(first, k);
        loop invariant k == run_length(first) ==> c == \null;
        loop invariant \forall integer i; 0 <= i < k ==> run_at(first, i)->parent == parent;
        loop invariant \forall integer i; 0 <= i < run_length(first) ==>
                         run_at(first, i)->next == \at(run_at(first, i)->next, Pre) &&
                         run_at(first, i)->prev == \at(run_at(first, i)->prev, Pre);
        loop assigns c, k,
            { run_at(first, i)->parent | integer i; 0 <= i < run_length(first) };
        loop variant run_length(first) - k;
    */
    for (struct cte *c = first; c != 0; c = c->next) {
        /* For the provers: writing c->parent leaves the other slots' links alone. */
        /*@ assert \forall integer i; 0 <= i < run_length(first) && i != k ==>
                     \separated(run_at(first, i), c); */
        c->parent = parent;
        //@ ghost k++;
    }
}

/* Links the run from first (to last) into parent's child list between prev and next
 * (either may be null: the run then starts or ends the list). */
/*@ requires run_ok(first) && last == run_last(first) && \valid(parent);
    requires outside(first, parent);
    requires prev != \null ==> \valid(prev) && outside(first, prev) &&
                               \separated(prev, parent);
    requires next != \null ==> \valid(next) && outside(first, next) &&
                               \separated(next, parent);
    requires prev != \null && next != \null ==> \separated(prev, next);
    assigns first->prev, last->next, parent->first_child, prev->next, next->prev;
    ensures first->prev == prev && last->next == next;
    ensures prev == \null ==> parent->first_child == first;
    ensures prev != \null ==> prev->next == first;
    ensures next != \null ==> next->prev == last;
    // Inside the run only first->prev and last->next change.
    ensures \forall integer i; 0 <= i < run_length(first) ==>
              run_at(first, i)->parent == \old(run_at(first, i)->parent);
    ensures \forall integer i; 0 <= i < run_length(first) - 1 ==>
              run_at(first, i)->next == \old(run_at(first, i)->next);
    ensures \forall integer i; 0 < i < run_length(first) ==>
              run_at(first, i)->prev == \old(run_at(first, i)->prev);
*/
static void splice_run(struct cte *parent, struct cte *prev, struct cte *next,
                       struct cte *first, struct cte *last)
{
    /* For the provers: the run's other slots are neither first nor last. */
    //@ assert \forall integer i; 0 < i < run_length(first) ==> \separated(run_at(first, i), first);
    /*@ assert \forall integer i; 0 <= i < run_length(first) - 1 ==>
                 \separated(run_at(first, i), last); */
    first->prev = prev;
    last->next = next;
    if (prev != 0) {
        prev->next = first;
    } else {
        parent->first_child = first;
    }
    if (next != 0) {
        next->prev = last;
    }
}

/* Empties slot: a null capability and no links. */
/*@ requires \valid(slot);
    assigns *slot;
    ensures slot->cap.type == CAP_NULL && slot->parent == \null &&
            slot->first_child == \null && slot->prev == \null && slot->next == \null;
*/
static void clear_slot(struct cte *slot)
{
    *slot = (struct cte){.cap = {.type = CAP_NULL}};
}

/*@ requires \valid(slot);
    requires slot->parent != \null ==> linked(slot) && children_ok(slot);
    // The last three locations only matter when slot has children.
    assigns *slot, slot->parent->first_child, slot->prev->next, slot->next->prev,
            slot->first_child->prev, run_last(slot->first_child)->next,
            { run_at(slot->first_child, i)->parent |
              integer i; 0 <= i < run_length(slot->first_child) };
    ensures cleared(slot);

    behavior not_in_tree:
      assumes slot->parent == \null;
    behavior leaf:
      assumes slot->parent != \null && slot->first_child == \null;
      ensures \old(slot->prev) == \null ==> \old(slot->parent)->first_child == \old(slot->next);
      ensures \old(slot->prev) != \null ==> \old(slot->prev)->next == \old(slot->next);
      ensures \old(slot->next) != \null ==> \old(slot->next)->prev == \old(slot->prev);
    behavior with_children:
      assumes slot->parent != \null && slot->first_child != \null;
      // The children take slot's place, in order, under slot's parent.
      ensures \let first = \old(slot->first_child);
              (\old(slot->prev) == \null ==> \old(slot->parent)->first_child == first) &&
              (\old(slot->prev) != \null ==> \old(slot->prev)->next == first) &&
              first->prev == \old(slot->prev);
      ensures \let last = run_last(\old(slot->first_child));
              last->next == \old(slot->next) &&
              (\old(slot->next) != \null ==> \old(slot->next)->prev == last);
      ensures \let first = \old(slot->first_child);
              \forall integer i; 0 <= i < run_length(first) ==>
                run_at(first, i)->parent == \old(slot->parent);
      ensures \let first = \old(slot->first_child);
              \forall integer i; 0 <= i < run_length(first) - 1 ==>
                run_at(first, i)->next == run_at(first, i + 1);
      ensures \let first = \old(slot->first_child);
              \forall integer i; 0 <= i < run_length(first) - 1 ==>
                run_at(first, i + 1)->prev == run_at(first, i);
    complete behaviors;
    disjoint behaviors;
*/
void cdt_remove(struct cte *slot)
{
    if (slot->parent == 0) {
        clear_slot(slot);   /* not in the tree: nothing to unlink */
        return;
    }
    struct cte *first = slot->first_child;
    if (first != 0) {
        /* The children replace slot in its parent's list, keeping their order. */
        struct cte *parent = slot->parent, *prev = slot->prev, *next = slot->next;
        struct cte *last = last_child(slot);
        /* For the provers: clearing slot at the end leaves the run alone. */
        //@ assert outside(first, slot) && \separated(first, slot) && \separated(last, slot);
        reparent_run(first, parent);
        splice_run(parent, prev, next, first, last);
    } else {
        unlink_leaf(slot);
    }
    clear_slot(slot);
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
