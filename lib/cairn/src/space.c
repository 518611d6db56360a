/*
 * space.c: the address-space builder of cairn_space.h.
 */
#include "cairn_space.h"

#include "cairn_vspace.h"
#include "cstring.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define PAGE CAIRN_PAGE_SIZE
#define L0_SHIFT 21   /* a level-0 table covers 2 MiB */
#define L1_SHIFT 30   /* a level-1 table covers 1 GiB */

enum cairn_error cairn_space_keep(struct cairn_space *s, cairn_cptr_t from, uint64_t *slot)
{
    if (s->next_slot >= s->slot_limit) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;   /* the target CNode is full */
    }
    enum cairn_error err = cairn_cnode_move(s->cnode, s->next_slot, s->cnode_depth, ROOT, from,
                                            CAIRN_WORD_BITS);
    if (err == CAIRN_OK) {
        *slot = s->next_slot++;
    }
    return err;
}

/* Makes one object of `type` in the scratch slot. */
static enum cairn_error make(struct cairn_space *s, unsigned type)
{
    return cairn_untyped_retype(s->untyped, type, 0, ROOT, 0, 0, s->scratch, 1);
}

static bool seen(const uint64_t *ranges, unsigned count, uint64_t key)
{
    for (unsigned i = 0; i < count; i++) {
        if (ranges[i] == key) {
            return true;
        }
    }
    return false;
}

/* A page table for the range `key` (of 1 << shift bytes), unless there is one already. */
static enum cairn_error ensure_table(struct cairn_space *s, uint64_t *ranges, unsigned *count,
                                     uint64_t vaddr, unsigned shift)
{
    uint64_t key = vaddr >> shift, slot;
    if (seen(ranges, *count, key)) {
        return CAIRN_OK;
    }
    if (*count == CAIRN_SPACE_MAX_TABLES) {
        return CAIRN_E_NOT_ENOUGH_MEMORY;
    }
    enum cairn_error err = make(s, CAIRN_OBJECT_PAGE_TABLE);
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(s->scratch, s->vspace, vaddr);
    }
    if (err == CAIRN_OK) {
        err = cairn_space_keep(s, s->scratch, &slot);
    }
    if (err != CAIRN_OK) {
        cairn_cnode_delete(ROOT, s->scratch, CAIRN_WORD_BITS);   /* nothing half-made stays */
        return err;
    }
    ranges[(*count)++] = key;
    s->tables++;
    return CAIRN_OK;
}

/* Puts `bytes` from src at offset `at` of the frame in the scratch slot, through the
 * window. */
static enum cairn_error fill(struct cairn_space *s, size_t at, const void *src, size_t bytes)
{
    enum cairn_error err = cairn_frame_map(s->scratch, CAIRN_CAP_INIT_VSPACE, s->window,
                                           CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    if (err != CAIRN_OK) {
        return err;
    }
    uint8_t *window = (uint8_t *)(uintptr_t)s->window;
    memcpy(window + at, src, bytes);   /* the rest is zero: new frames are */
    return cairn_frame_unmap(s->scratch);
}

/* Leaves in the scratch slot a copy of its frame capability with only `rights`, so
 * that the target can never map the page with more (a data page executable, say). */
static enum cairn_error narrow(struct cairn_space *s, unsigned rights)
{
    enum cairn_error err = cairn_cnode_copy(ROOT, s->spare, CAIRN_WORD_BITS, ROOT, s->scratch,
                                            CAIRN_WORD_BITS, rights);
    if (err == CAIRN_OK) {
        err = cairn_cnode_delete(ROOT, s->scratch, CAIRN_WORD_BITS);
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_move(ROOT, s->scratch, CAIRN_WORD_BITS, ROOT, s->spare,
                               CAIRN_WORD_BITS);
    }
    return err;
}

/* A new page at vaddr holding `bytes` from src at offset `at`, zeros elsewhere; its
 * capability stays in the scratch slot. */
static enum cairn_error map_in_scratch(struct cairn_space *s, uint64_t vaddr, unsigned rights,
                                       size_t at, const void *src, size_t bytes)
{
    if (at > PAGE || bytes > PAGE - at || vaddr % PAGE != 0) {
        return CAIRN_E_INVALID_ARGUMENT;
    }
    enum cairn_error err = ensure_table(s, s->l1_ranges, &s->l1_count, vaddr, L1_SHIFT);
    if (err == CAIRN_OK) {
        err = ensure_table(s, s->l0_ranges, &s->l0_count, vaddr, L0_SHIFT);
    }
    if (err == CAIRN_OK) {
        err = make(s, CAIRN_OBJECT_FRAME_4K);
    }
    if (err != CAIRN_OK) {
        return err;
    }
    err = bytes > 0 ? fill(s, at, src, bytes) : CAIRN_OK;
    if (err == CAIRN_OK) {
        err = narrow(s, rights);
    }
    if (err == CAIRN_OK) {
        err = cairn_frame_map(s->scratch, s->vspace, vaddr, rights);
    }
    if (err != CAIRN_OK) {
        cairn_cnode_delete(ROOT, s->scratch, CAIRN_WORD_BITS);
        return err;
    }
    s->frames++;
    return CAIRN_OK;
}

/* The same, then the capability goes to the target CNode. */
static enum cairn_error map_new_page(struct cairn_space *s, uint64_t vaddr, unsigned rights,
                                     size_t at, const void *src, size_t bytes)
{
    uint64_t slot;
    enum cairn_error err = map_in_scratch(s, vaddr, rights, at, src, bytes);
    if (err == CAIRN_OK) {
        err = cairn_space_keep(s, s->scratch, &slot);
    }
    if (err != CAIRN_OK) {
        cairn_cnode_delete(ROOT, s->scratch, CAIRN_WORD_BITS);   /* and its mapping */
    }
    return err;
}

enum cairn_error cairn_space_map_scratch(struct cairn_space *s, uint64_t vaddr, unsigned rights)
{
    return map_in_scratch(s, vaddr, rights, 0, 0, 0);
}

enum cairn_error cairn_space_map_page(struct cairn_space *s, uint64_t vaddr, unsigned rights,
                                      const void *src, size_t bytes)
{
    return map_new_page(s, vaddr, rights, 0, src, bytes);
}

enum cairn_error cairn_space_map_zeroed(struct cairn_space *s, uint64_t vaddr, unsigned pages,
                                        unsigned rights)
{
    enum cairn_error err = CAIRN_OK;
    for (unsigned i = 0; err == CAIRN_OK && i < pages; i++) {
        err = cairn_space_map_page(s, vaddr + i * PAGE, rights, 0, 0);
    }
    return err;
}

static unsigned segment_rights(uint32_t flags)
{
    return (flags & ELF_SEGMENT_R ? CAIRN_RIGHT_READ : 0) |
           (flags & ELF_SEGMENT_W ? CAIRN_RIGHT_WRITE : 0) |
           (flags & ELF_SEGMENT_X ? CAIRN_RIGHT_EXECUTE : 0);
}

/* The page at `page` of segment seg: the segment's file bytes that fall in it. */
static enum cairn_error load_page(struct cairn_space *s, const struct elf_segment *seg,
                                  const uint8_t *file, uint64_t page)
{
    uint64_t from = page > seg->vaddr ? page : seg->vaddr;
    uint64_t file_end = seg->vaddr + seg->filesz;
    uint64_t to = page + PAGE < file_end ? page + PAGE : file_end;
    if (from >= to) {   /* only zeros here (.bss) */
        return map_new_page(s, page, segment_rights(seg->flags), 0, 0, 0);
    }
    return map_new_page(s, page, segment_rights(seg->flags), from - page,
                        file + seg->offset + (from - seg->vaddr), to - from);
}

enum cairn_error cairn_space_load_elf(struct cairn_space *s, const struct elf_image *elf,
                                      const uint8_t *file)
{
    for (unsigned i = 0; i < elf->segment_count; i++) {
        const struct elf_segment *seg = &elf->segments[i];
        uint64_t first = seg->vaddr & ~(PAGE - 1);
        for (uint64_t page = first; page < seg->vaddr + seg->memsz; page += PAGE) {
            enum cairn_error err = load_page(s, seg, file, page);
            if (err != CAIRN_OK) {
                return err;
            }
        }
    }
    __asm__ volatile("fence.i" ::: "memory");   /* code written as data, run elsewhere */
    return CAIRN_OK;
}
