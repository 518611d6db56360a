/*
 * test_cdt.c: the capability derivation tree. Inserting, removing (children spliced into
 * the removed slot's place), moving and swapping slots, checked link by link; the "last
 * capability to its object" test; the self-check on sound and corrupted trees; and a long
 * random run of operations checked after every step against a model of the tree and a
 * brute-force count of the capabilities to each object.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cdt.h"

#define POOL 64
#define RANDOM_OPS 4000
#define MAX_IDS (RANDOM_OPS + 1)

/* Slots for the tests; cdt_root and these are emptied before every test. */
static struct cte pool[POOL];

static int reset_tree(void **state)
{
    (void)state;
    memset(&cdt_root, 0, sizeof(cdt_root));
    memset(pool, 0, sizeof(pool));
    return 0;
}

/* --- helpers --------------------------------------------------------------------------- */

/* A capability of the given type to object; aux carries an id for the tests to follow. */
static struct cap make_cap(unsigned type, uint64_t object, unsigned id)
{
    return (struct cap){.type = (uint8_t)type, .rights = CAIRN_RIGHTS_ALL, .size_bits = 12,
                        .aux = id, .object = object};
}

/* An endpoint capability to its own object, tagged with id. */
static struct cap endpoint(unsigned id)
{
    return make_cap(CAP_ENDPOINT, 0x10000ull + id * 0x100ull, id);
}

/* A copy of the capability in src (same object, rights and badge), tagged with id. */
static struct cap copy_of(const struct cte *src, unsigned id)
{
    struct cap c = src->cap;
    c.aux = id;
    return c;
}

/* Inserts an endpoint capability tagged with id as parent's first child. */
static struct cte *add(struct cte *parent, unsigned slot, unsigned id)
{
    cdt_insert(parent, &pool[slot], endpoint(id));
    return &pool[slot];
}

static void print_problem(const struct cte *slot, const char *problem)
{
    print_message("cdt_check: slot %p: %s\n", (const void *)slot, problem);
}

static unsigned reported;

static void count_problem(const struct cte *slot, const char *problem)
{
    (void)slot;
    (void)problem;
    reported++;
}

static void assert_sound(void)
{
    assert_int_equal(cdt_check(print_problem), 0);
}

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

/*
 * Builds root: [s0, p, s1] with p's children [x, y, z] and x's child x1, or with p first
 * or last among root's children.
 */
enum where { P_FIRST, P_MIDDLE, P_LAST };

struct family {
    struct cte *s0, *p, *s1, *x, *y, *z, *x1;
};

static struct family build_family(enum where where)
{
    reset_tree(0);
    struct family f = {0};
    if (where != P_LAST) {
        f.s1 = add(&cdt_root, 0, 1);
    }
    f.p = add(&cdt_root, 1, 2);
    if (where != P_FIRST) {
        f.s0 = add(&cdt_root, 2, 3);
    }
    f.z = add(f.p, 3, 4);
    f.y = add(f.p, 4, 5);
    f.x = add(f.p, 5, 6);
    f.x1 = add(f.x, 6, 7);
    assert_sound();
    return f;
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

#define ROOT_ID 0xffffu
#define NO_ID 0u

static unsigned id_of(const struct cte *slot)
{
    if (slot == 0) {
        return NO_ID;
    }
    return slot == &cdt_root ? ROOT_ID : slot->cap.aux;
}

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

/* --- cdt_check ------------------------------------------------------------------------- */

static void assert_problems(void)
{
    reported = 0;
    unsigned problems = cdt_check(count_problem);
    assert_true(problems > 0);
    assert_int_equal(problems, reported);
}

static void test_check_sound_trees(void **state)
{
    (void)state;
    assert_sound();   /* the empty tree */
    struct family f = build_family(P_MIDDLE);
    assert_sound();
    cdt_remove(f.x);
    assert_sound();
    cdt_move(f.p, &pool[30]);
    assert_sound();
    cdt_swap(f.s0, f.y);
    assert_sound();
}

static void test_check_wrong_parent(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    f.y->parent = f.s0;   /* y has a next sibling, so the walk never climbs through it */
    assert_problems();
    f.y->parent = f.p;
    assert_sound();
}

static void test_check_broken_prev(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    f.z->prev = f.x;
    assert_problems();
    f.z->prev = f.y;
    f.x->prev = f.z;   /* a first child with a previous sibling */
    assert_problems();
    f.x->prev = 0;
    assert_sound();
}

static void test_check_empty_slot(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    struct cap saved = f.y->cap;
    f.y->cap = cap_null();
    assert_problems();
    f.y->cap = saved;
    assert_sound();
}

/*
 * A wrong parent pointer on a last child (so the walk climbs through it) must still be
 * reported, not send the walk round in a circle. Runs the check in a child process with
 * an alarm so that a check that never returns fails the test instead of hanging it.
 */
static void test_check_wrong_parent_of_last_child(void **state)
{
    (void)state;
    struct family f = build_family(P_MIDDLE);
    f.s1->parent = f.s0;   /* s1 is root's last child; s0 is an earlier sibling */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(2);
        reported = 0;
        unsigned problems = cdt_check(count_problem);
        _exit(problems > 0 && problems == reported ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    f.s1->parent = &cdt_root;
    assert_sound();
    if (WIFSIGNALED(status)) {
        print_message("cdt_check did not return (signal %d)\n", WTERMSIG(status));
    }
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* --- random operations against a model ------------------------------------------------- */

/* The model: for every capability id its parent's id and its children's ids in order. */
struct model_node {
    bool live;
    unsigned parent;
    unsigned count;
    unsigned children[POOL];
};

static struct model_node model[MAX_IDS + 1];   /* id 0 is cdt_root */

static uint64_t next_random(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

static unsigned pick(uint64_t *seed, unsigned n)
{
    return (unsigned)(next_random(seed) % n);
}

/* A random slot that is full (want_full) or empty, or -1 if there is none. */
static int random_slot(uint64_t *seed, bool want_full)
{
    unsigned start = pick(seed, POOL);
    for (unsigned k = 0; k < POOL; k++) {
        unsigned i = (start + k) % POOL;
        if (cap_is_null(&pool[i].cap) != want_full) {
            return (int)i;
        }
    }
    return -1;
}

/* The slot holding the capability with this id (0: cdt_root), or 0 if none does. */
static struct cte *slot_of_id(unsigned id)
{
    if (id == 0) {
        return &cdt_root;
    }
    for (unsigned i = 0; i < POOL; i++) {
        if (!cap_is_null(&pool[i].cap) && pool[i].cap.aux == id) {
            return &pool[i];
        }
    }
    return 0;
}

static void model_insert(unsigned parent, unsigned id)
{
    struct model_node *p = &model[parent];
    assert_true(p->count < POOL);
    memmove(&p->children[1], &p->children[0], p->count * sizeof(p->children[0]));
    p->children[0] = id;
    p->count++;
    model[id] = (struct model_node){.live = true, .parent = parent};
}

static void model_remove(unsigned id)
{
    struct model_node *r = &model[id];
    struct model_node *p = &model[r->parent];
    unsigned at = 0;
    while (p->children[at] != id) {
        at++;
    }
    unsigned after = p->count - at - 1;
    assert_true(p->count - 1 + r->count <= POOL);
    memmove(&p->children[at + r->count], &p->children[at + 1], after * sizeof(unsigned));
    memcpy(&p->children[at], r->children, r->count * sizeof(unsigned));
    p->count = p->count - 1 + r->count;
    for (unsigned i = 0; i < r->count; i++) {
        model[r->children[i]].parent = r->parent;
    }
    r->live = false;
}

/* A new object (untyped, endpoint, frame or notification) under root or an untyped. */
static void op_new_object(uint64_t *seed, unsigned id)
{
    int to = random_slot(seed, false);
    if (to < 0) {
        return;
    }
    struct cte *parent = &cdt_root;
    int p = random_slot(seed, true);
    if (p >= 0 && pool[p].cap.type == CAP_UNTYPED && pick(seed, 4) != 0) {
        parent = &pool[p];
    }
    static const unsigned types[] = {CAP_UNTYPED, CAP_ENDPOINT, CAP_FRAME, CAP_NOTIFICATION};
    unsigned type = types[pick(seed, 4)];
    uint64_t object = 0x100000ull + id * 0x1000ull;
    if (type == CAP_UNTYPED && parent != &cdt_root) {
        object = parent->cap.object;   /* an untyped split off the front of its parent */
    }
    cdt_insert(parent, &pool[to], make_cap(type, object, id));
    model_insert(id_of(parent) == ROOT_ID ? 0 : parent->cap.aux, id);
}

/* A copy (sometimes a badged mint) of a capability that is not an untyped, as its child. */
static void op_copy(uint64_t *seed, unsigned id)
{
    int from = random_slot(seed, true);
    int to = random_slot(seed, false);
    if (from < 0 || to < 0 || pool[from].cap.type == CAP_UNTYPED) {
        return;
    }
    struct cap c = copy_of(&pool[from], id);
    if (c.type == CAP_ENDPOINT && pick(seed, 2) == 0) {
        c.data = 1 + pick(seed, 1000);
    }
    cdt_insert(&pool[from], &pool[to], c);
    model_insert(pool[from].cap.aux, id);
}

static void op_remove(uint64_t *seed)
{
    int at = random_slot(seed, true);
    if (at >= 0) {
        unsigned id = pool[at].cap.aux;
        cdt_remove(&pool[at]);
        model_remove(id);
    }
}

static void op_move(uint64_t *seed)
{
    int from = random_slot(seed, true);
    int to = random_slot(seed, false);
    if (from >= 0 && to >= 0) {
        cdt_move(&pool[from], &pool[to]);
    }
}

static void op_swap(uint64_t *seed)
{
    int a = random_slot(seed, true);
    int b = random_slot(seed, true);
    if (a >= 0 && b >= 0) {
        cdt_swap(&pool[a], &pool[b]);
    }
}

static unsigned count_full(void)
{
    unsigned full = 0;
    for (unsigned i = 0; i < POOL; i++) {
        full += !cap_is_null(&pool[i].cap);
    }
    return full;
}

/* One random operation; inserting is favoured while the pool is less than half full. */
static void random_op(uint64_t *seed, unsigned *id)
{
    unsigned inserts = count_full() < POOL / 2 ? 60 : 30;
    unsigned removes = inserts + (100 - inserts) / 2;
    unsigned moves = removes + (100 - removes) / 2;
    unsigned what = pick(seed, 100);
    if (what < inserts / 3) {
        op_new_object(seed, ++*id);
    } else if (what < inserts) {
        op_copy(seed, ++*id);
    } else if (what < removes) {
        op_remove(seed);
    } else if (what < moves) {
        op_move(seed);
    } else {
        op_swap(seed);
    }
}

/* Requires the slots' tree to be the model's, link for link (parent, child order, prev). */
static void check_against_model(unsigned max_id)
{
    unsigned full = count_full();
    unsigned live = 0;
    for (unsigned id = 0; id <= max_id; id++) {
        if (id != 0 && !model[id].live) {
            continue;
        }
        live += id != 0;
        const struct cte *slot = slot_of_id(id);
        if (slot == 0) {
            fail_msg("capability %u is missing", id);
            return;
        }
        if (id != 0) {
            assert_ptr_equal(slot->parent, slot_of_id(model[id].parent));
        }
        const struct cte *c = slot->first_child;
        const struct cte *prev = 0;
        for (unsigned k = 0; k < model[id].count; k++) {
            assert_non_null(c);
            assert_int_equal(c->cap.aux, model[id].children[k]);
            assert_ptr_equal(c->prev, prev);
            prev = c;
            c = c->next;
        }
        assert_null(c);
    }
    assert_int_equal(full, live);
}

/* Requires is_final to agree with counting the capabilities to the same object. */
static void check_final(void)
{
    for (unsigned i = 0; i < POOL; i++) {
        if (cap_is_null(&pool[i].cap)) {
            continue;
        }
        unsigned same = 0;
        for (unsigned j = 0; j < POOL; j++) {
            same += cap_same_object(&pool[i].cap, &pool[j].cap);
        }
        bool final = pool[i].cap.type == CAP_UNTYPED || same == 1;
        if (cdt_is_final(&pool[i]) != final) {
            fail_msg("slot %u (id %u, type %u): is_final %d, expected %d (%u caps to it)", i,
                     pool[i].cap.aux, pool[i].cap.type, !final, final, same);
        }
    }
}

static void test_random_operations(void **state)
{
    (void)state;
    memset(model, 0, sizeof(model));
    model[0].live = true;
    uint64_t seed = 0x2545f4914f6cdd1dull;
    unsigned id = 0;
    for (unsigned op = 0; op < RANDOM_OPS; op++) {
        random_op(&seed, &id);
        /* The model check first: it walks no further than the model says, so a broken
         * tree fails it rather than sending cdt_check's walk round a loop. */
        check_against_model(id);
        assert_int_equal(cdt_check(print_problem), 0);
        check_final();
    }
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
        cmocka_unit_test_setup(test_check_sound_trees, reset_tree),
        cmocka_unit_test_setup(test_check_wrong_parent, reset_tree),
        cmocka_unit_test_setup(test_check_broken_prev, reset_tree),
        cmocka_unit_test_setup(test_check_empty_slot, reset_tree),
        cmocka_unit_test_setup(test_check_wrong_parent_of_last_child, reset_tree),
        cmocka_unit_test_setup(test_random_operations, reset_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
