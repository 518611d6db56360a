/*
 * cdt_pool.c: slots and capabilities for the derivation-tree host tests (cdt_pool.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cdt_pool.h"

/* Slots for the tests; cdt_root and these are emptied before every test. */
struct cte pool[POOL];

int reset_tree(void **state)
{
    (void)state;
    memset(&cdt_root, 0, sizeof(cdt_root));
    memset(pool, 0, sizeof(pool));
    return 0;
}

/* A capability of the given type to object; aux carries an id for the tests to follow. */
struct cap make_cap(unsigned type, uint64_t object, unsigned id)
{
    return (struct cap){.type = (uint8_t)type, .rights = CAIRN_RIGHTS_ALL, .size_bits = 12,
                        .aux = id, .object = object};
}

/* An endpoint capability to its own object, tagged with id. */
struct cap endpoint(unsigned id)
{
    return make_cap(CAP_ENDPOINT, 0x10000ull + id * 0x100ull, id);
}

/* A copy of the capability in src (same object, rights and badge), tagged with id. */
struct cap copy_of(const struct cte *src, unsigned id)
{
    struct cap c = src->cap;
    c.aux = id;
    return c;
}

void print_problem(const struct cte *slot, const char *problem)
{
    print_message("cdt_check: slot %p: %s\n", (const void *)slot, problem);
}

#define ROOT_ID 0xffffu
#define NO_ID 0u

unsigned id_of(const struct cte *slot)
{
    if (slot == 0) {
        return NO_ID;
    }
    return slot == &cdt_root ? ROOT_ID : slot->cap.aux;
}

/* Inserts an endpoint capability tagged with id as parent's first child. */
struct cte *add(struct cte *parent, unsigned slot, unsigned id)
{
    cdt_insert(parent, &pool[slot], endpoint(id));
    return &pool[slot];
}

void assert_sound(void)
{
    assert_int_equal(cdt_check(print_problem), 0);
}

struct family build_family(enum where where)
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
