/*
 * vspace_support.h: what the VSpace and ASID conformance cases share: addresses, the
 * worker program, and helpers that make frames, tables, VSpaces and worker threads.
 *
 * Everything is mapped from BASE (4 GiB) up, far from the root task's own pages. A case
 * touches only memory it has just mapped (a wrong mapping would kill the suite): that an
 * address is free shows as mapping something else there; that a page is read-only, as a
 * worker thread's fault. The runner's clean-up must unmap everything a case mapped: the
 * next case maps at the same addresses.
 */
#ifndef CAIRN_CONFORMANCE_VSPACE_SUPPORT_H
#define CAIRN_CONFORMANCE_VSPACE_SUPPORT_H

#include "framework.h"

#include "cairn_vspace.h"

#define VSPACE CAIRN_CAP_INIT_VSPACE
#define BASE 0x100000000ul   /* 4 GiB: root entry 4, which the root task does not use */
#define PAGE 0x1000ul
#define LARGE 0x200000ul     /* a 2 MiB frame, and what one level-0 table covers */
#define RW (CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE)
#define RX (CAIRN_RIGHT_READ | CAIRN_RIGHT_EXECUTE)

/* A worker's whole program (defined in vspace.c): store 0x77 at a0, then stop on an
 * illegal instruction; position independent, so it also runs from a copy in another
 * VSpace. A stopped worker's pc says how far it got. */
extern const char vspace_blob[], vspace_blob_store[], vspace_blob_stop[], vspace_blob_end[];

static inline uint64_t address_of(const char *label)
{
    return (uint64_t)(uintptr_t)label;
}

static inline volatile uint64_t *word_at(uint64_t vaddr)
{
    return (volatile uint64_t *)(uintptr_t)vaddr;
}

static inline cairn_cptr_t at(const struct env *env, unsigned i)
{
    return slot_of(env, i);
}

static inline enum cairn_error make_frame(const struct env *env, unsigned i)
{
    return make_object(env, CAIRN_OBJECT_FRAME_4K, 0, at(env, i));
}

static inline enum cairn_error make_table(const struct env *env, unsigned i)
{
    return make_object(env, CAIRN_OBJECT_PAGE_TABLE, 0, at(env, i));
}

static inline enum cairn_error copy_cap(const struct env *env, unsigned from, unsigned to,
                                 unsigned rights)
{
    return cairn_cnode_copy(ROOT, at(env, to), WORD, ROOT, at(env, from), WORD, rights);
}

/* Makes the two page tables BASE needs in slots first and first + 1, mapped in vspace. */
static inline enum cairn_error map_tables(const struct env *env, unsigned first, cairn_cptr_t vspace)
{
    for (unsigned i = first; i < first + 2; i++) {
        enum cairn_error err = make_table(env, i);
        if (err == CAIRN_OK) {
            err = cairn_page_table_map(at(env, i), vspace, BASE);
        }
        if (err != CAIRN_OK) {
            return err;
        }
    }
    return CAIRN_OK;
}

/* A new VSpace root in slot first + 2, its ASID from a pool in first + 1 made of a
 * 4 KiB untyped in first. */
static inline enum cairn_error make_vspace(const struct env *env, unsigned first)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS,
                                       at(env, first));
    if (err == CAIRN_OK) {
        err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(env, first), ROOT,
                                           at(env, first + 1), WORD);
    }
    if (err == CAIRN_OK) {
        err = make_table(env, first + 2);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_pool_assign(at(env, first + 1), at(env, first + 2));
    }
    return err;
}

/* Starts a thread in slot running at pc with a0 in vspace, above us: it runs at once. */
static inline enum cairn_error run_worker(const struct env *env, unsigned slot, cairn_cptr_t vspace,
                                   uint64_t pc, uint64_t a0)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_TCB, 0, at(env, slot));
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(at(env, slot), 0, ROOT, 0, vspace, 0, 0);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_set_priority(at(env, slot), CAIRN_CAP_INIT_TCB, LOW + 1);
    }
    uint64_t regs[11] = {0};
    regs[0] = pc;
    regs[10] = a0;
    if (err == CAIRN_OK) {
        lower_self();
        err = cairn_tcb_write_registers(at(env, slot), true, 11, regs);
    }
    return err;
}

/* The pc of the (stopped) thread in slot, or 0 when it cannot be read. */
static inline uint64_t worker_pc(const struct env *env, unsigned slot)
{
    uint64_t regs[1] = {0};
    cairn_tcb_read_registers(at(env, slot), false, 1, regs);
    return regs[0];
}

#endif
