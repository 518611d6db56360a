/*
 * clone.c: copy this program's image into a new address space (see cairn_clone.h).
 */
#include "cairn_clone.h"

#include "cairn_vspace.h"

#define PAGE 4096ul
#define ROOT CAIRN_CAP_INIT_CNODE

extern char __image_start[], __text_end[], __image_end[];

/* Slots, in order from first_slot. */
enum { ROOT_TABLE, POOL_MEMORY, POOL, L1_THERE, L0_THERE, L1_HERE, L0_HERE, FRAMES };

static cairn_cptr_t at(const struct cairn_clone *c, unsigned i)
{
    return c->first_slot + i;
}

static enum cairn_error make(const struct cairn_clone *c, unsigned type, unsigned bits,
                             unsigned slot)
{
    return cairn_untyped_retype(c->untyped, type, bits, ROOT, 0, 0, at(c, slot), 1);
}

/* Maps page tables until vaddr has both levels; some may exist already (DELETE_FIRST). */
static enum cairn_error ensure_tables(const struct cairn_clone *c, cairn_cptr_t vspace,
                                      uint64_t vaddr, unsigned l1, unsigned l0)
{
    enum cairn_error err = cairn_page_table_map(at(c, l1), vspace, vaddr);
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(at(c, l0), vspace, vaddr);
    }
    return err == CAIRN_E_DELETE_FIRST ? CAIRN_OK : err;
}

static enum cairn_error build_tables(const struct cairn_clone *c, uint64_t temp_vaddr)
{
    enum cairn_error err = make(c, CAIRN_OBJECT_PAGE_TABLE, 0, ROOT_TABLE);
    for (unsigned i = L1_THERE; err == CAIRN_OK && i <= L0_HERE; i++) {
        err = make(c, CAIRN_OBJECT_PAGE_TABLE, 0, i);
    }
    if (err == CAIRN_OK) {
        err = make(c, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, POOL_MEMORY);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, at(c, POOL_MEMORY), ROOT,
                                           at(c, POOL), CAIRN_WORD_BITS);
    }
    if (err == CAIRN_OK) {
        err = cairn_asid_pool_assign(at(c, POOL), at(c, ROOT_TABLE));
    }
    if (err == CAIRN_OK) {
        err = ensure_tables(c, at(c, ROOT_TABLE), (uint64_t)__image_start, L1_THERE, L0_THERE);
    }
    if (err == CAIRN_OK) {
        err = ensure_tables(c, CAIRN_CAP_INIT_VSPACE, temp_vaddr, L1_HERE, L0_HERE);
    }
    return err;
}

/* Copies one image page into a new frame and maps that at the same address there. */
static enum cairn_error copy_page(const struct cairn_clone *c, unsigned index, uint64_t page,
                                  uint64_t temp_vaddr)
{
    cairn_cptr_t frame = at(c, FRAMES + index);
    enum cairn_error err = make(c, CAIRN_OBJECT_FRAME_4K, 0, FRAMES + index);
    if (err == CAIRN_OK) {
        err = cairn_frame_map(frame, CAIRN_CAP_INIT_VSPACE, temp_vaddr,
                              CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    for (uint64_t i = 0; i < PAGE / 8; i++) {
        ((volatile uint64_t *)temp_vaddr)[i] = ((const uint64_t *)page)[i];
    }
    err = cairn_frame_unmap(frame);
    bool text = page < (uint64_t)__text_end;
    if (err == CAIRN_OK) {
        err = cairn_frame_map(frame, at(c, ROOT_TABLE), page,
                              text ? CAIRN_RIGHT_READ | CAIRN_RIGHT_EXECUTE
                                   : CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    return err;
}

enum cairn_error cairn_clone_image(struct cairn_clone *clone, uint64_t temp_vaddr)
{
    clone->vspace = at(clone, ROOT_TABLE);
    clone->pages = 0;
    enum cairn_error err = build_tables(clone, temp_vaddr);
    for (uint64_t page = (uint64_t)__image_start; err == CAIRN_OK &&
         page < (uint64_t)__image_end; page += PAGE) {
        err = copy_page(clone, clone->pages++, page, temp_vaddr);
    }
    __asm__ volatile("fence.i" ::: "memory");
    clone->slots_used = FRAMES + clone->pages;
    return err;
}
