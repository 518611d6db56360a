/*
 * cdt_pool.h: what the derivation-tree host tests share: a pool of slots (emptied with
 * cdt_root before every test), capabilities tagged with ids the tests follow, and a
 * problem printer for cdt_check.
 */
#ifndef CAIRN_TEST_CDT_POOL_H
#define CAIRN_TEST_CDT_POOL_H

#include <stdint.h>

#include "cdt.h"

#define POOL 64
#define ROOT_ID 0xffffu   /* id_of(&cdt_root) */
#define NO_ID 0u          /* id_of(no slot) */

extern struct cte pool[POOL];

/* cmocka setup: empties cdt_root and the pool. */
int reset_tree(void **state);

/* A capability of the given type to object; aux carries an id for the tests to follow. */
struct cap make_cap(unsigned type, uint64_t object, unsigned id);

/* An endpoint capability to its own object, tagged with id. */
struct cap endpoint(unsigned id);

/* A copy of the capability in src (same object, rights and badge), tagged with id. */
struct cap copy_of(const struct cte *src, unsigned id);

/* cdt_check's reporter: prints the problem. */
void print_problem(const struct cte *slot, const char *problem);

/* The id of the capability in slot (ROOT_ID, NO_ID for none). */
unsigned id_of(const struct cte *slot);

/* Inserts an endpoint capability tagged with id into pool[slot], as parent's first child. */
struct cte *add(struct cte *parent, unsigned slot, unsigned id);

/* Fails the test unless cdt_check finds nothing wrong. */
void assert_sound(void);

/* A family under cdt_root: p (with children x, y, z and grandchild x1) placed first,
 * in the middle or last among its siblings s0 and s1. */
enum where { P_FIRST, P_MIDDLE, P_LAST };

struct family {
    struct cte *s0, *p, *s1, *x, *y, *z, *x1;
};

/* Builds the family (after emptying the pool) with p at `where`. */
struct family build_family(enum where where);

#endif
