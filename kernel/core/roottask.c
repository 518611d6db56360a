/*
 * roottask.c: load the root task: copy each ELF segment into fresh pages, map them
 * with the segment's rights, add a stack and the boot-info page, and start a thread
 * at the entry point with a0 pointing at its boot info.
 */
#include "roottask.h"

#include "bootmem.h"
#include "elf.h"
#include "memory.h"
#include "panic.h"
#include "thread.h"
#include "vspace.h"

#define PAGE_MASK (CAIRN_PAGE_SIZE - 1)

static uint64_t alloc_or_panic(void)
{
    uint64_t page = bootmem_alloc_page();
    if (page == 0) {
        panic("root task: out of memory while building it");
    }
    return page;
}

static void map_or_panic(uint64_t root, uint64_t vaddr, uint64_t paddr, unsigned rights)
{
    if (!vspace_map_page(root, vaddr, paddr, rights, alloc_or_panic)) {
        panic("root task: cannot map 0x%lx", vaddr);
    }
}

static unsigned segment_rights(uint32_t flags)
{
    return (flags & ELF_SEGMENT_R ? VM_READ : 0) | (flags & ELF_SEGMENT_W ? VM_WRITE : 0) |
           (flags & ELF_SEGMENT_X ? VM_EXEC : 0);
}

/* Copies the part of the segment's file bytes that falls in [page, page + 4 KiB). */
static void fill_page(uint8_t *dest, uint64_t page, const uint8_t *image,
                      const struct elf_segment *s)
{
    uint64_t from = page > s->vaddr ? page : s->vaddr;
    uint64_t file_end = s->vaddr + s->filesz;
    uint64_t to = page + CAIRN_PAGE_SIZE < file_end ? page + CAIRN_PAGE_SIZE : file_end;
    for (uint64_t v = from; v < to; v++) {
        dest[v - page] = image[s->offset + (v - s->vaddr)];
    }
}

static void load_segment(uint64_t root, const uint8_t *image, const struct elf_segment *s)
{
    uint64_t first = s->vaddr & ~PAGE_MASK;
    uint64_t end = (s->vaddr + s->memsz + PAGE_MASK) & ~PAGE_MASK;
    for (uint64_t page = first; page < end; page += CAIRN_PAGE_SIZE) {
        uint64_t frame = alloc_or_panic();
        fill_page(phys_to_virt(frame), page, image, s);
        map_or_panic(root, page, frame, segment_rights(s->flags));
    }
}

struct cairn_bootinfo *roottask_create(const void *image, size_t size)
{
    struct elf_image elf;
    int err = elf_parse(image, size, CAIRN_USER_VADDR_TOP, &elf);
    if (err != ELF_OK) {
        panic("root task image: %s", elf_strerror(err));
    }
    uint64_t root = vspace_create(alloc_or_panic);
    for (unsigned i = 0; i < elf.segment_count; i++) {
        load_segment(root, image, &elf.segments[i]);
    }
    for (unsigned i = 1; i <= CAIRN_ROOT_STACK_PAGES; i++) {
        map_or_panic(root, CAIRN_ROOT_STACK_TOP - i * CAIRN_PAGE_SIZE, alloc_or_panic(),
                     VM_READ | VM_WRITE);
    }
    uint64_t bootinfo = alloc_or_panic();
    map_or_panic(root, CAIRN_ROOT_BOOTINFO_VADDR, bootinfo, VM_READ);

    _Static_assert(sizeof(struct tcb) <= CAIRN_PAGE_SIZE, "a TCB fits a page");
    struct tcb *t = phys_to_virt(alloc_or_panic());
    thread_init(t, "roottask", root, elf.entry, CAIRN_ROOT_STACK_TOP, CAIRN_ROOT_BOOTINFO_VADDR);
    return phys_to_virt(bootinfo);
}
