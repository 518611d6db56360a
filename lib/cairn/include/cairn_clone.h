/*
 * cairn_clone.h: a new address space holding a private copy of this program's image.
 *
 * For a root task that wants a thread in another address space running its own code
 * (tests, benchmarks, and later the root server starting components): the copy sits
 * at the same addresses, so the same function pointers and globals work there.
 */
#ifndef CAIRN_CLONE_H
#define CAIRN_CLONE_H

#include "cairn.h"

struct cairn_clone {
    cairn_cptr_t untyped;     /* in: where every object comes from */
    cairn_cptr_t first_slot;  /* in: root-CNode slots from here on are free to use */
    cairn_cptr_t vspace;      /* out: the new VSpace root (first_slot) */
    unsigned slots_used;      /* out: slots first_slot .. first_slot + slots_used - 1 */
    unsigned pages;           /* out: image pages copied */
};

/*
 * Builds the address space: a VSpace root with an ASID from a new pool, its page
 * tables, and a copy of every page of the image (text read/execute, the rest
 * read/write). Uses the caller's VSpace at temp_vaddr (1 page, 2 MiB aligned area) to fill
 * the copies. Returns the first error of any step.
 */
enum cairn_error cairn_clone_image(struct cairn_clone *clone, uint64_t temp_vaddr);

#endif
