/*
 * test_cdt_check.c: checking whole derivation trees. cdt_check on sound and corrupted
 * trees (it must report, never loop), and a long random run of operations (new objects,
 * copies, badged mints, removals, moves, swaps) checked after every step against a model
 * of the tree, cdt_check, and a brute-force count of the capabilities to each object
 * (so cdt_is_final is right every time).
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

#include "cdt_pool.h"

#define RANDOM_OPS 4000
#define MAX_IDS (RANDOM_OPS + 1)

static unsigned reported;

static void count_problem(const struct cte *slot, const char *problem)
{
    (void)slot;
    (void)problem;
    reported++;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_check_sound_trees, reset_tree),
        cmocka_unit_test_setup(test_check_wrong_parent, reset_tree),
        cmocka_unit_test_setup(test_check_broken_prev, reset_tree),
        cmocka_unit_test_setup(test_check_empty_slot, reset_tree),
        cmocka_unit_test_setup(test_check_wrong_parent_of_last_child, reset_tree),
        cmocka_unit_test_setup(test_random_operations, reset_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
