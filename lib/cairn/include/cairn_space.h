/*
 * cairn_space.h: building another program's address space page by page.
 *
 * For loaders (the root server starting components; later the process manager starting
 * apps). Every frame and page table is retyped from one untyped into a scratch slot of
 * the caller's own root CNode, filled through a window page in the caller's address
 * space, mapped into the target VSpace, and then moved into the target's CNode, which
 * from then on holds it: the objects live exactly as long as that CNode, however long
 * the loader lives. Page tables are made only where the target has none yet.
 */
#ifndef CAIRN_SPACE_H
#define CAIRN_SPACE_H

#include "cairn.h"
#include "elf.h"

#define CAIRN_SPACE_MAX_TABLES 128  /* distinct 2 MiB and 1 GiB ranges per target: 256 MiB */

struct cairn_space {
    /* Set by the caller: */
    cairn_cptr_t untyped;      /* RAM untyped every frame and table comes from */
    cairn_cptr_t vspace;       /* the target VSpace root (it has an ASID) */
    cairn_cptr_t cnode;        /* the target CNode, where the capabilities end up */
    unsigned cnode_depth;      /* bits a slot number takes through it (its guard + radix) */
    uint64_t next_slot;        /* its first free slot; advanced for each capability */
    uint64_t slot_limit;       /* one past its last usable slot */
    cairn_cptr_t scratch;      /* a free slot of the caller's root CNode */
    cairn_cptr_t spare;        /* another: each frame's capability is copied through it
                                  to carry only its mapping's rights */
    uint64_t window;           /* a page-aligned address in the caller's VSpace whose
                                  page tables exist and that nothing is mapped at */
    /* Kept by the builder: */
    uint64_t l1_ranges[CAIRN_SPACE_MAX_TABLES];   /* 1 GiB ranges with a level-1 table */
    uint64_t l0_ranges[CAIRN_SPACE_MAX_TABLES];   /* 2 MiB ranges with a level-0 table */
    unsigned l1_count, l0_count;
    unsigned frames, tables;   /* made so far */
};

/* Maps a new page at vaddr with CAIRN_RIGHT_* rights, holding `bytes` (<= 4 KiB) from
 * src and zeros after them (src may be 0 with bytes 0). */
enum cairn_error cairn_space_map_page(struct cairn_space *s, uint64_t vaddr, unsigned rights,
                                      const void *src, size_t bytes);

/* Maps pages new zeroed pages from vaddr (page-aligned) with rights. */
enum cairn_error cairn_space_map_zeroed(struct cairn_space *s, uint64_t vaddr,
                                        unsigned pages, unsigned rights);

/* Loads every segment of a parsed ELF (file: its bytes) with the segment's rights. */
enum cairn_error cairn_space_load_elf(struct cairn_space *s, const struct elf_image *elf,
                                      const uint8_t *file);

/* Maps a new zeroed page at vaddr like cairn_space_map_page, but leaves its capability
 * in the scratch slot, for the caller to use (say, as a TCB's IPC buffer) and then move
 * with cairn_space_keep(s, s->scratch, ...). */
enum cairn_error cairn_space_map_scratch(struct cairn_space *s, uint64_t vaddr,
                                         unsigned rights);

/* Moves the capability in the caller's slot `from` into the target CNode's next slot,
 * which is returned in *slot. */
enum cairn_error cairn_space_keep(struct cairn_space *s, cairn_cptr_t from, uint64_t *slot);

#endif
