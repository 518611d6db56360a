/*
 * cspace.c: the CNode walk. Bit arithmetic only; shifts are kept below 64 so nothing
 * is undefined whatever the cptr, depth, guard or radix.
 *
 * Every function here carries an ACSL contract that `make prove` checks with Frama-C's
 * WP. The arithmetic of one level lives in cspace_step, a pure function: no runtime error
 * for any input, a slot index inside the CNode, and fewer bits left after every
 * successful level. The walk itself (cspace_resolve) has no runtime error and ends; a
 * slot it returns is a valid slot of a CNode it reached, and a failure reports the bits
 * left at the level that failed. That rests on one stated assumption, cspace_sound
 * below: the CNode capabilities the walk reaches name real CNodes.
 */
#include "cspace.h"

#include "abi/object.h"

/* The width bits of value just below bit position `end` (end <= 64, width <= end). */
/*@ requires end <= 64 && width <= end;
    assigns \nothing;
    ensures width < 64 ==> \result < (1 << width);
*/
static uint64_t bits_below(uint64_t value, unsigned end, unsigned width)
{
    if (width == 0) {
        return 0;
    }
    uint64_t shifted = end - width >= 64 ? 0 : value >> (end - width);
    return width >= 64 ? shifted : shifted % (1ull << width);
}

/* One level of the walk, as pure arithmetic. */
struct cspace_step {
    unsigned failure;      /* LOOKUP_OK, LOOKUP_GUARD_MISMATCH or LOOKUP_DEPTH_MISMATCH */
    uint64_t index;        /* the slot, when LOOKUP_OK: always < 1 << radix */
    unsigned bits_left;    /* bits after this level (unchanged on failure) */
};

/* What a CNode with this radix, guard size and guard does with the top `bits` bits of
 * cptr that are left (bits <= 64). Static, so it is inlined into the walk. */
/*@ requires bits <= 64 && radix <= 255 && guard_bits <= 255;
    assigns \nothing;
    ensures \result.failure == LOOKUP_OK || \result.failure == LOOKUP_GUARD_MISMATCH ||
            \result.failure == LOOKUP_DEPTH_MISMATCH;
    ensures \result.failure == LOOKUP_OK ==>
            \result.index < (1 << radix) && \result.bits_left < bits &&
            \result.bits_left == bits - radix - guard_bits;
    ensures \result.failure != LOOKUP_OK ==> \result.bits_left == bits;
*/
static struct cspace_step cspace_step(uint64_t cptr, unsigned bits, unsigned radix,
                                      unsigned guard_bits, uint64_t guard)
{
    struct cspace_step step = {.failure = LOOKUP_GUARD_MISMATCH, .index = 0, .bits_left = bits};
    if (guard_bits > bits || bits_below(cptr, bits, guard_bits) != guard) {
        return step;
    }
    if (radix + guard_bits > bits || radix + guard_bits == 0) {
        step.failure = LOOKUP_DEPTH_MISMATCH;
        return step;
    }
    step.index = bits_below(cptr, bits - guard_bits, radix);
    step.bits_left = bits - radix - guard_bits;
    step.failure = LOOKUP_OK;
    return step;
}

/*@ assigns \nothing;
    ensures \result.slot == \null && \result.failure == failure &&
            \result.bits_left == bits_left;
*/
static struct lookup_result failed(unsigned failure, unsigned bits_left)
{
    return (struct lookup_result){.slot = 0, .failure = failure, .bits_left = bits_left};
}

/*@ // A CNode capability's object field is the kernel address of its slots.
    logic struct cte *cnode_slots{L}(struct cap *c) = (struct cte *)c->object;

    // The bits left after CNode capability c's level, when bits were left before it.
    logic integer bits_after{L}(struct cap *c, integer bits) =
      bits - c->size_bits - c->guard_bits;

    // slot is one of the slots of the CNode capability c names.
    predicate in_cnode{L}(struct cap *c, struct cte *slot) =
      \exists integer i; 0 <= i < (1 << c->size_bits) && slot == cnode_slots(c) + i;

    // The walk goes through the root whatever its rights, below it only with write.
    predicate writable_or_root{L}(struct cap *root, struct cap *c) =
      c == root || (c->rights & CAIRN_RIGHT_WRITE) != 0;

    // walk(root, depth, c, bits): a walk of depth bits from root can reach capability c
    // with bits still to resolve. It starts at root; from a CNode capability it reaches
    // and may go through, it can go on to the capability in any of its slots if bits
    // remain.
    inductive walk{L}(struct cap *root, integer depth, struct cap *c, integer bits) {
      case walk_root{L}: \forall struct cap *root, integer depth;
        walk(root, depth, root, depth);
      case walk_down{L}: \forall struct cap *root, *c, integer depth, bits, struct cte *slot;
        walk(root, depth, c, bits) && c->type == CAP_CNODE && writable_or_root(root, c) &&
        in_cnode(c, slot) && bits_after(c, bits) > 0 ==>
        walk(root, depth, &slot->cap, bits_after(c, bits));
    }

    // The one assumption of the walk, a kernel invariant: the CNode capabilities a walk
    // can reach name 1 << radix valid slots. (Retype makes a CNode capability for exactly
    // the 1 << radix slots it zeroed; copy, mint, mutate and move keep object and radix;
    // a CNode is destroyed only with its last capability.)
    predicate cspace_sound{L}(struct cap *root, integer depth) =
      \forall struct cap *c, integer bits; walk(root, depth, c, bits) && c->type == CAP_CNODE ==>
        \valid(cnode_slots(c) + (0 .. (1 << c->size_bits) - 1));

    // A successful walk's result: a valid slot of a CNode the walk reached with bits to
    // go, bits_left being what that CNode's level left.
    predicate found{L}(struct cap *root, integer depth, struct cte *slot, integer bits_left) =
      \valid(slot) &&
      \exists struct cap *c, integer bits; walk(root, depth, c, bits) && c->type == CAP_CNODE &&
        in_cnode(c, slot) && bits_left == bits_after(c, bits);

    // A failed level: at a CNode the walk reached with bits_left bits to go.
    predicate failed_at{L}(struct cap *root, integer depth, integer bits_left) =
      \exists struct cap *c; walk(root, depth, c, bits_left) && c->type == CAP_CNODE;
*/

/* Slot index of the CNode that node (a CNode capability) names. */
/*@ requires \valid_read(node);
    assigns \result \from node->object, index;
    ensures \result == cnode_slots(node) + index;
*/
static inline struct cte *cnode_slot(const struct cap *node, uint64_t index)
{
    return (struct cte *)(uintptr_t)node->object + index;
}

/*@ requires \valid_read(root) && depth <= 64 && cspace_sound(root, depth);
    assigns \nothing;
    ensures \result.failure == LOOKUP_OK || \result.failure == LOOKUP_INVALID_ROOT ||
            \result.failure == LOOKUP_GUARD_MISMATCH ||
            \result.failure == LOOKUP_DEPTH_MISMATCH || \result.failure == LOOKUP_INSPECT_ONLY;
    ensures \result.failure == LOOKUP_OK ==>
            found(root, depth, \result.slot, \result.bits_left) && \result.bits_left < depth;
    ensures \result.failure == LOOKUP_OK && \result.bits_left != 0 ==>
            \result.slot->cap.type != CAP_CNODE;
    ensures \result.failure != LOOKUP_OK ==> \result.slot == \null;
    ensures \result.bits_left <= depth;
    ensures \result.failure == LOOKUP_INVALID_ROOT <==> root->type != CAP_CNODE;
    ensures \result.failure == LOOKUP_INVALID_ROOT ==> \result.bits_left == depth;
    ensures \result.failure == LOOKUP_INSPECT_ONLY ==> 0 < \result.bits_left < depth;
    ensures \result.failure == LOOKUP_GUARD_MISMATCH ||
            \result.failure == LOOKUP_DEPTH_MISMATCH ==> failed_at(root, depth, \result.bits_left);
*/
struct lookup_result cspace_resolve(const struct cap *root, uint64_t cptr, unsigned depth)
{
    const struct cap *node = root;
    unsigned bits = depth;
    if (node->type != CAP_CNODE) {
        return failed(LOOKUP_INVALID_ROOT, bits);
    }
    /*@ loop invariant walk(root, depth, node, bits);
        loop invariant node->type == CAP_CNODE && writable_or_root(root, node);
        loop invariant \valid_read(node) && bits <= depth;
        loop assigns node, bits;
        loop variant bits;
    */
    for (;;) {
        struct cspace_step step = cspace_step(cptr, bits, node->size_bits, node->guard_bits,
                                              node->data);
        if (step.failure != LOOKUP_OK) {
            return failed(step.failure, bits);
        }
        struct cte *slot = cnode_slot(node, step.index);
        if (step.bits_left == 0 || slot->cap.type != CAP_CNODE) {
            return (struct lookup_result){.slot = slot, .failure = LOOKUP_OK,
                                          .bits_left = step.bits_left};
        }
        if ((slot->cap.rights & CAIRN_RIGHT_WRITE) == 0) {
            return failed(LOOKUP_INSPECT_ONLY, step.bits_left);
        }
        /* For the provers: the next level is one step further on the walk. */
        //@ assert walk(root, depth, &slot->cap, bits_after(node, bits));
        node = &slot->cap;
        bits = step.bits_left;
    }
}

/*@ requires \valid_read(root) && depth <= 64 && cspace_sound(root, depth);
    assigns \nothing;
    ensures \result.failure == LOOKUP_OK ==>
            found(root, depth, \result.slot, 0) && \result.bits_left == 0;
    ensures \result.failure != LOOKUP_OK ==> \result.slot == \null;
    ensures \result.bits_left <= depth;
*/
struct lookup_result cspace_lookup_slot(const struct cap *root, uint64_t cptr, unsigned depth)
{
    struct lookup_result r = cspace_resolve(root, cptr, depth);
    if (r.failure == LOOKUP_OK && r.bits_left != 0) {
        return failed(LOOKUP_DEPTH_MISMATCH, r.bits_left);
    }
    return r;
}

/*@ requires \valid_read(root) && cspace_sound(root, 64);
    assigns \nothing;
    ensures \result.failure == LOOKUP_OK ==> found(root, 64, \result.slot, \result.bits_left);
    ensures \result.failure != LOOKUP_OK ==> \result.slot == \null;
*/
struct lookup_result cspace_lookup_cap(const struct cap *root, uint64_t cptr)
{
    return cspace_resolve(root, cptr, CAIRN_WORD_BITS);
}
