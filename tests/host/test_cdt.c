/*
 * test_cdt.c: the capability derivation tree. Inserting, removing (children spliced into
 * the removed slot's place), moving and swapping slots, checked link by link; the "last
 * capability to its object" test; the self-check on sound and corrupted trees. The long
 * random run against a model is test_cdt_random.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cdt_pool.h"

/* --- helpers --------------------------------------------------------------------------- */

/* Requires parent's child list to be exactly expected, every link agreeing. */
static void assert_children(const struct cte *parent, struct cte *const *expected,
                            unsigned count)
{
    const struct cte *c = parent->first_child;
    const struct cte *prev = 0;
    for (unsigned i = 0; i < count; i++) {
        assert_ptr_equal(c, expected[i]);
        assert_ptr_equal(c->parent, parent);
        assert_ptr_equal(c->prev, prev);
        prev = c;
        c = c->next;
    }
    assert_null(c);
}

static void assert_empty(const struct cte *slot)
{
    assert_true(cap_is_null(&slot->cap));
    assert_null(slot->parent);
    assert_null(slot->first_child);
    assert_null(slot->next);
    assert_null(slot->prev);
}

/* --- insert and remove ----------------------------------------------------------------- */

static void test_insert_order(void **state)
{
    (void)state;
    struct cte *a = add(&cdt_root, 0, 1);
    struct cte *b = add(&cdt_root, 1, 2);
    struct cte *c = add(&cdt_root, 2, 3);
    struct cte *const top[] = {c, b, a};
    assert_children(&cdt_root, top, 3);
    assert_int_equal(a->cap.aux, 1);
    assert_int_equal(a->cap.type, CAP_ENDPOINT);
    struct cte *b1 = add(b, 3, 4);
    struct cte *b2 = add(b, 4, 5);
    struct cte *const under_b[] = {b2, b1};
    assert_children(b, under_b, 2);
    assert_null(a->first_child);
    assert_null(b1->first_child);
    assert_children(&cdt_root, top, 3);
    assert_sound();
}

/* Builds root: [a, b, c] in slots 0, 1, 2. */
static void three_siblings(struct cte **a, struct cte **b, struct cte **c)
{
    reset_tree(0);
    *c = add(&cdt_root, 2, 3);
    *b = add(&cdt_root, 1, 2);
    *a = add(&cdt_root, 0, 1);
}

static void test_remove_leaves(void **state)
{
    (void)state;
    struct cte *a, *b, *c;
    three_siblings(&a, &b, &c);
    cdt_remove(b);
    struct cte *const no_middle[] = {a, c};
    assert_children(&cdt_root, no_middle, 2);
    assert_empty(b);
    assert_sound();

    three_siblings(&a, &b, &c);
    cdt_remove(a);
    struct cte *const no_first[] = {b, c};
    assert_children(&cdt_root, no_first, 2);
    assert_empty(a);
    assert_sound();

    three_siblings(&a, &b, &c);
    cdt_remove(c);
    struct cte *const no_last[] = {a, b};
    assert_children(&cdt_root, no_last, 2);
    assert_empty(c);
    assert_sound();

    cdt_remove(a);
    cdt_remove(b);
    assert_null(cdt_root.first_child);
    assert_sound();
}

static void test_remove_slot_not_in_tree(void **state)
{
    (void)state;
    pool[5].cap = endpoint(9);
    cdt_remove(&pool[5]);
    assert_empty(&pool[5]);
    assert_null(cdt_root.first_child);
}

static void check_splice(enum where where)
{
    struct family f = build_family(where);
    cdt_remove(f.p);
    assert_empty(f.p);
    struct cte *list[5];
    unsigned n = 0;
    if (f.s0 != 0) {
        list[n++] = f.s0;
    }
    list[n++] = f.x;
    list[n++] = f.y;
    list[n++] = f.z;
    if (f.s1 != 0) {
        list[n++] = f.s1;
    }
    assert_children(&cdt_root, list, n);
    struct cte *const under_x[] = {f.x1};
    assert_children(f.x, under_x, 1);
    assert_null(f.y->first_child);
    assert_null(f.z->first_child);
    assert_sound();
}

static void test_remove_splices_children(void **state)
{
    (void)state;
    check_splice(P_MIDDLE);
    check_splice(P_FIRST);
    check_splice(P_LAST);
}

static void test_remove_only_child_with_children(void **state)
{
    (void)state;
    struct cte *top = add(&cdt_root, 0, 1);
    struct cte *mid = add(top, 1, 2);
    struct cte *leaf = add(mid, 2, 3);
    cdt_remove(mid);
    struct cte *const under_top[] = {leaf};
    assert_children(top, under_top, 1);
    cdt_remove(top);
    struct cte *const at_root[] = {leaf};
    assert_children(&cdt_root, at_root, 1);
    assert_sound();
}

/* --- move ------------------------------------------------------------------------------ */

static void test_move_with_children(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    struct cap moved = f.p->cap;
    struct cte *to = &pool[20];
    cdt_move(f.p, to);
    assert_empty(f.p);
    assert_memory_equal(&to->cap, &moved, sizeof(moved));
    struct cte *const top[] = {f.s0, to, f.s1};
    assert_children(&cdt_root, top, 3);
    assert_ptr_equal(f.s0->next, to);
    assert_ptr_equal(f.s1->prev, to);
    struct cte *const kids[] = {f.x, f.y, f.z};
    assert_children(to, kids, 3);
    assert_sound();
}

static void test_move_first_and_last(void **state)
{
    (void)state;
    struct cte *a, *b, *c;
    three_siblings(&a, &b, &c);
    cdt_move(a, &pool[10]);
    cdt_move(c, &pool[11]);
    struct cte *const top[] = {&pool[10], b, &pool[11]};
    assert_children(&cdt_root, top, 3);
    assert_int_equal(pool[10].cap.aux, 1);
    assert_int_equal(pool[11].cap.aux, 3);
    assert_empty(a);
    assert_empty(c);
    /* A leaf deep in the tree: its parent's first-child link follows it. */
    struct cte *leaf = add(b, 12, 4);
    cdt_move(leaf, &pool[13]);
    struct cte *const under_b[] = {&pool[13]};
    assert_children(b, under_b, 1);
    assert_sound();
}

/* --- swap ------------------------------------------------------------------------------ */

/* A slot's links described by the ids of the capabilities at the other ends. */
struct shape {
    unsigned parent, first_child, next, prev;
};

/* The tree as seen through capability ids: shapes[id] for every id in the pool. */
static void take_shapes(struct shape *shapes, unsigned count)
{
    memset(shapes, 0, count * sizeof(*shapes));
    for (unsigned i = 0; i < POOL; i++) {
        const struct cte *s = &pool[i];
        if (cap_is_null(&s->cap)) {
            continue;
        }
        assert_true(s->cap.aux < count);
        shapes[s->cap.aux] = (struct shape){id_of(s->parent), id_of(s->first_child),
                                            id_of(s->next), id_of(s->prev)};
    }
}

/*
 * Swaps a and b and requires the capabilities to have exchanged slots while the tree, seen
 * through capability ids, stays exactly as it was.
 */
static void swap_and_check(struct cte *a, struct cte *b)
{
    enum { IDS = 32 };
    struct shape before[IDS], after[IDS];
    take_shapes(before, IDS);
    struct cap cap_a = a->cap;
    struct cap cap_b = b->cap;
    cdt_swap(a, b);
    assert_memory_equal(&a->cap, &cap_b, sizeof(cap_b));
    assert_memory_equal(&b->cap, &cap_a, sizeof(cap_a));
    take_shapes(after, IDS);
    assert_memory_equal(before, after, sizeof(before));
    assert_sound();
}

static void test_swap_unrelated(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    swap_and_check(f.x1, f.s1);
    /* Explicitly: pool slot of x1 now sits where s1 was, last under the root. */
    assert_ptr_equal(f.x1->parent, &cdt_root);
    assert_ptr_equal(f.p->next, f.x1);
    assert_ptr_equal(f.s1->parent, f.x);
    assert_ptr_equal(f.x->first_child, f.s1);
    /* Two slots each with children. */
    swap_and_check(f.x, f.p);
    swap_and_check(f.s0, f.y);
}

static void test_swap_parent_first_child(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    swap_and_check(f.p, f.x);   /* x is p's first child; parent given first */
    assert_ptr_equal(f.x->parent, &cdt_root);
    assert_ptr_equal(f.x->first_child, f.p);
    assert_ptr_equal(f.p->parent, f.x);
    assert_ptr_equal(f.p->first_child, f.x1);
    assert_ptr_equal(f.x1->parent, f.p);
    assert_ptr_equal(f.y->prev, f.p);
    assert_ptr_equal(f.y->parent, f.x);
    swap_and_check(f.p, f.x);   /* slot p now holds the child: child given first */
    assert_ptr_equal(f.p->first_child, f.x);
    assert_ptr_equal(f.x->parent, f.p);
}

/* Swaps p with its child in both orders of the arguments, on fresh trees. */
static void swap_parent_with(struct cte *(*child)(const struct family *))
{
    struct family f = build_family(P_MIDDLE);
    swap_and_check(f.p, child(&f));
    f = build_family(P_FIRST);
    swap_and_check(child(&f), f.p);
}

static struct cte *middle_child(const struct family *f)
{
    return f->y;
}

static struct cte *last_child(const struct family *f)
{
    return f->z;
}

static void test_swap_parent_middle_child(void **state)
{
    (void)state;
    swap_parent_with(middle_child);
}

static void test_swap_parent_last_child(void **state)
{
    (void)state;
    swap_parent_with(last_child);
}

static void test_swap_parent_only_child(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    swap_and_check(f.x, f.x1);
    swap_and_check(f.x, f.x1);
    swap_and_check(f.x1, f.x);
}

static void test_swap_adjacent_siblings(void **state)
{
    (void)state;
    struct cte *a, *b, *c;
    three_siblings(&a, &b, &c);
    swap_and_check(a, b);
    struct cte *const ab[] = {b, a, c};
    assert_children(&cdt_root, ab, 3);
    swap_and_check(a, b);   /* the same pair, in the other order of the arguments */
    struct cte *const back[] = {a, b, c};
    assert_children(&cdt_root, back, 3);
    swap_and_check(c, b);   /* the later sibling given first */
    struct cte *const cb[] = {a, c, b};
    assert_children(&cdt_root, cb, 3);
    /* Adjacent siblings that both have children. */
    add(a, 3, 4);
    add(a, 4, 5);
    add(c, 5, 6);
    swap_and_check(a, c);
    swap_and_check(a, c);
}

static void test_swap_with_itself(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    struct cte copy[POOL];
    memcpy(copy, pool, sizeof(pool));
    cdt_swap(f.p, f.p);
    cdt_swap(f.x1, f.x1);
    assert_memory_equal(copy, pool, sizeof(pool));
    assert_sound();
}

/* --- is_final -------------------------------------------------------------------------- */

static void test_final_single(void **state)
{
    (void)state;
    struct cte *a = add(&cdt_root, 0, 1);
    assert_true(cdt_is_final(a));
}

static void test_final_copies(void **state)
{
    (void)state;
    struct cte *orig = add(&cdt_root, 0, 1);
    cdt_insert(orig, &pool[1], copy_of(orig, 2));
    assert_false(cdt_is_final(orig));
    assert_false(cdt_is_final(&pool[1]));
    cdt_remove(&pool[1]);
    assert_true(cdt_is_final(orig));
}

static void test_final_after_deleting_original(void **state)
{
    (void)state;
    struct cte *orig = add(&cdt_root, 0, 1);
    cdt_insert(orig, &pool[1], copy_of(orig, 2));
    cdt_remove(orig);
    assert_true(cdt_is_final(&pool[1]));
}

static void test_final_badged_mint(void **state)
{
    (void)state;
    struct cte *orig = add(&cdt_root, 0, 1);
    struct cap minted = copy_of(orig, 2);
    minted.data = 0x42;
    minted.rights = CAIRN_RIGHT_WRITE;
    cdt_insert(orig, &pool[1], minted);
    assert_false(cdt_is_final(orig));
    assert_false(cdt_is_final(&pool[1]));
}

static void test_final_copies_spliced_up(void **state)
{
    (void)state;
    struct cte *a = add(&cdt_root, 0, 1);
    cdt_insert(a, &pool[1], copy_of(a, 2));
    cdt_insert(&pool[1], &pool[2], copy_of(a, 3));
    cdt_remove(&pool[1]);   /* the middle one: pool[2] becomes a's child */
    assert_ptr_equal(pool[2].parent, a);
    assert_false(cdt_is_final(a));
    assert_false(cdt_is_final(&pool[2]));
    /* Now delete the original: the copy is the only one left. */
    cdt_remove(a);
    assert_true(cdt_is_final(&pool[2]));
}

static void test_final_copies_as_siblings(void **state)
{
    (void)state;
    /* Two copies of a: after a goes, they are siblings of each other only. */
    struct cte *other = add(&cdt_root, 5, 9);
    struct cte *a = add(&cdt_root, 0, 1);
    cdt_insert(a, &pool[1], copy_of(a, 2));
    cdt_insert(a, &pool[2], copy_of(a, 3));
    cdt_remove(a);
    assert_false(cdt_is_final(&pool[1]));
    assert_false(cdt_is_final(&pool[2]));
    assert_true(cdt_is_final(other));
    cdt_remove(&pool[2]);
    assert_true(cdt_is_final(&pool[1]));
}

static void test_final_different_objects_adjacent(void **state)
{
    (void)state;
    struct cte *a = add(&cdt_root, 0, 1);
    struct cte *b = add(&cdt_root, 1, 2);
    struct cte *c = add(&cdt_root, 2, 3);
    assert_true(cdt_is_final(a));
    assert_true(cdt_is_final(b));
    assert_true(cdt_is_final(c));
    /* Same address, different type: not the same object. */
    cdt_insert(b, &pool[3], make_cap(CAP_FRAME, b->cap.object, 4));
    assert_true(cdt_is_final(b));
    assert_true(cdt_is_final(&pool[3]));
}

static void test_final_untyped(void **state)
{
    (void)state;
    struct cte *u = &pool[0];
    cdt_insert(&cdt_root, u, make_cap(CAP_UNTYPED, 0x80000000, 1));
    assert_true(cdt_is_final(u));
    /* Objects retyped from it do not change that, nor does a frame at the same address. */
    cdt_insert(u, &pool[1], make_cap(CAP_FRAME, 0x80000000, 2));
    cdt_insert(u, &pool[2], make_cap(CAP_FRAME, 0x80001000, 3));
    assert_true(cdt_is_final(u));
    assert_true(cdt_is_final(&pool[1]));
    assert_true(cdt_is_final(&pool[2]));
    /* A child untyped at the same address (a split) is final too, and so is its parent. */
    cdt_insert(u, &pool[3], make_cap(CAP_UNTYPED, 0x80000000, 4));
    assert_true(cdt_is_final(u));
    assert_true(cdt_is_final(&pool[3]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_insert_order, reset_tree),
        cmocka_unit_test_setup(test_remove_leaves, reset_tree),
        cmocka_unit_test_setup(test_remove_slot_not_in_tree, reset_tree),
        cmocka_unit_test_setup(test_remove_splices_children, reset_tree),
        cmocka_unit_test_setup(test_remove_only_child_with_children, reset_tree),
        cmocka_unit_test_setup(test_move_with_children, reset_tree),
        cmocka_unit_test_setup(test_move_first_and_last, reset_tree),
        cmocka_unit_test_setup(test_swap_unrelated, reset_tree),
        cmocka_unit_test_setup(test_swap_parent_first_child, reset_tree),
        cmocka_unit_test_setup(test_swap_parent_middle_child, reset_tree),
        cmocka_unit_test_setup(test_swap_parent_last_child, reset_tree),
        cmocka_unit_test_setup(test_swap_parent_only_child, reset_tree),
        cmocka_unit_test_setup(test_swap_adjacent_siblings, reset_tree),
        cmocka_unit_test_setup(test_swap_with_itself, reset_tree),
        cmocka_unit_test_setup(test_final_single, reset_tree),
        cmocka_unit_test_setup(test_final_copies, reset_tree),
        cmocka_unit_test_setup(test_final_after_deleting_original, reset_tree),
        cmocka_unit_test_setup(test_final_badged_mint, reset_tree),
        cmocka_unit_test_setup(test_final_copies_spliced_up, reset_tree),
        cmocka_unit_test_setup(test_final_copies_as_siblings, reset_tree),
        cmocka_unit_test_setup(test_final_different_objects_adjacent, reset_tree),
        cmocka_unit_test_setup(test_final_untyped, reset_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
