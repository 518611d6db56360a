/*
 * roottask.c: build the root task out of one untyped region.
 *
 * First count what the root task needs: its root CNode, TCB, VSpace root, the page
 * tables below it, a frame per page of each ELF segment, its stack, the boot-info
 * frame, the IPC buffer and the pages of the boot archive. Take the smallest power-of-two region that holds it all
 * from boot memory, carve the objects out of it in order, map the pages, and put
 * capabilities to the objects the root task must manage into its CNode as children of
 * the region's own untyped capability (CAIRN_CAP_INIT_UNTYPED). The rest of the region
 * stays free in that untyped, behind its watermark.
 */
#include "roottask.h"

#include "abi/cspace.h"
#include "bootmem.h"
#include "cdt.h"
#include "cstring.h"
#include "elf.h"
#include "memory.h"
#include "panic.h"
#include "sched.h"
#include "thread.h"
#include "untyped.h"
#include "vspace.h"

#define PAGE_MASK (CAIRN_PAGE_SIZE - 1)
#define MAX_TABLES 64   /* distinct page tables the root task may need; far above real use */

/* The region the root task's objects are carved from: kernel address, size, bytes used. */
static struct {
    uint64_t base;
    uint64_t size;
    uint64_t used;
} region;

static struct cte *root_slots;
static struct tcb *root_thread;

static uint64_t carve(uint64_t bytes)
{
    uint64_t start = (region.used + bytes - 1) & ~(bytes - 1);
    if (start + bytes > region.size) {
        panic("root task: its untyped region is too small (a bug in the size count)");
    }
    region.used = start + bytes;
    return region.base + start;
}

/* The page allocator vspace_map_page uses: zeroed pages from the region. */
static uint64_t carve_page(void)
{
    uint64_t page = carve(CAIRN_PAGE_SIZE);
    memset((void *)(uintptr_t)page, 0, CAIRN_PAGE_SIZE);
    return virt_to_phys((void *)(uintptr_t)page);
}

/* Counts distinct values of (vaddr >> shift) over all pages the root task maps. */
struct table_count {
    uint64_t seen[MAX_TABLES];
    unsigned count;
};

static void note_table(struct table_count *tc, uint64_t key)
{
    for (unsigned i = 0; i < tc->count; i++) {
        if (tc->seen[i] == key) {
            return;
        }
    }
    if (tc->count == MAX_TABLES) {
        panic("root task: its pages are spread over too many page tables");
    }
    tc->seen[tc->count++] = key;
}

struct page_census {
    uint64_t pages;
    struct table_count l0;   /* one level-0 table per 2 MiB */
    struct table_count l1;   /* one level-1 table per 1 GiB */
};

static void census_range(struct page_census *c, uint64_t first, uint64_t end)
{
    for (uint64_t page = first; page < end; page += CAIRN_PAGE_SIZE) {
        c->pages++;
        note_table(&c->l0, page >> 21);
        note_table(&c->l1, page >> 30);
    }
}

static uint64_t page_round_up(uint64_t bytes)
{
    return (bytes + PAGE_MASK) & ~PAGE_MASK;
}

static void take_census(const struct elf_image *elf, size_t archive_bytes,
                        struct page_census *c)
{
    for (unsigned i = 0; i < elf->segment_count; i++) {
        const struct elf_segment *s = &elf->segments[i];
        census_range(c, s->vaddr & ~PAGE_MASK, (s->vaddr + s->memsz + PAGE_MASK) & ~PAGE_MASK);
    }
    census_range(c, CAIRN_ROOT_STACK_TOP - CAIRN_ROOT_STACK_PAGES * CAIRN_PAGE_SIZE,
                 CAIRN_ROOT_STACK_TOP);
    census_range(c, CAIRN_ROOT_BOOTINFO_VADDR, CAIRN_ROOT_BOOTINFO_VADDR + CAIRN_PAGE_SIZE);
    census_range(c, CAIRN_ROOT_IPC_BUFFER_VADDR, CAIRN_ROOT_IPC_BUFFER_VADDR + CAIRN_PAGE_SIZE);
    census_range(c, CAIRN_ROOT_ARCHIVE_VADDR,
                 CAIRN_ROOT_ARCHIVE_VADDR + page_round_up(archive_bytes));
}

static unsigned region_bits(const struct elf_image *elf, size_t archive_bytes)
{
    struct page_census c = {0};
    take_census(elf, archive_bytes, &c);
    uint64_t need = (1ull << (CAIRN_ROOT_CNODE_RADIX + CAIRN_SLOT_BITS)) +
                    (c.pages + c.l0.count + c.l1.count + 1) * CAIRN_PAGE_SIZE +
                    (1ull << CAIRN_TCB_BITS);
    unsigned bits = CAIRN_PAGE_BITS;
    while ((1ull << bits) < need) {
        bits++;
    }
    return bits;
}

static void map_or_panic(uint64_t root, uint64_t vaddr, uint64_t paddr, unsigned rights)
{
    if (!vspace_map_page(root, vaddr, paddr, rights, carve_page)) {
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
    if (from < to) {
        memcpy(dest + (from - page), image + s->offset + (from - s->vaddr), to - from);
    }
}

static void load_segment(uint64_t root, const uint8_t *image, const struct elf_segment *s)
{
    uint64_t first = s->vaddr & ~PAGE_MASK;
    uint64_t end = (s->vaddr + s->memsz + PAGE_MASK) & ~PAGE_MASK;
    for (uint64_t page = first; page < end; page += CAIRN_PAGE_SIZE) {
        uint64_t frame = carve_page();
        fill_page(phys_to_virt(frame), page, image, s);
        map_or_panic(root, page, frame, segment_rights(s->flags));
    }
}

/* A read-only copy of the boot archive at CAIRN_ROOT_ARCHIVE_VADDR. */
static void load_archive(uint64_t root, const uint8_t *archive, size_t bytes)
{
    for (uint64_t done = 0; done < bytes; done += CAIRN_PAGE_SIZE) {
        uint64_t frame = carve_page();
        uint64_t chunk = bytes - done < CAIRN_PAGE_SIZE ? bytes - done : CAIRN_PAGE_SIZE;
        memcpy(phys_to_virt(frame), archive + done, chunk);
        map_or_panic(root, CAIRN_ROOT_ARCHIVE_VADDR + done, frame, VM_READ);
    }
}

/* A page-sized object the root task holds a capability to, mapped at vaddr. */
static struct cap mapped_frame(uint64_t root, uint64_t vaddr, unsigned rights, unsigned asid)
{
    uint64_t frame = carve_page();
    map_or_panic(root, vaddr, frame, rights);
    struct cap c = untyped_make_object(CAIRN_OBJECT_FRAME_4K, 0,
                                       (uint64_t)(uintptr_t)phys_to_virt(frame), true);
    c.data = vaddr + 1;
    c.aux = asid;
    return c;
}

static void give(unsigned slot, struct cap cap)
{
    cdt_insert(&root_slots[CAIRN_CAP_INIT_UNTYPED], &root_slots[slot], cap);
}

/* The root CNode: radix CAIRN_ROOT_CNODE_RADIX, a zero guard filling the rest of the word. */
static struct cap root_cnode_cap(uint64_t object)
{
    struct cap c = untyped_make_object(CAIRN_OBJECT_CNODE, CAIRN_ROOT_CNODE_RADIX, object, false);
    c.guard_bits = CAIRN_WORD_BITS - CAIRN_ROOT_CNODE_RADIX;
    return c;
}

static void make_thread(uint64_t entry)
{
    root_thread = (struct tcb *)(uintptr_t)carve(1ull << CAIRN_TCB_BITS);
    give(CAIRN_CAP_INIT_TCB, untyped_make_object(CAIRN_OBJECT_TCB, 0,
                                                 (uint64_t)(uintptr_t)root_thread, false));
    thread_set_name(root_thread, "roottask");
    root_thread->priority = SCHED_PRIORITIES - 1;
    root_thread->max_priority = SCHED_PRIORITIES - 1;
    cdt_insert(&root_slots[CAIRN_CAP_INIT_CNODE], &root_thread->ctable,
               root_slots[CAIRN_CAP_INIT_CNODE].cap);
    cdt_insert(&root_slots[CAIRN_CAP_INIT_VSPACE], &root_thread->vtable,
               root_slots[CAIRN_CAP_INIT_VSPACE].cap);
    struct cap buffer = root_slots[CAIRN_CAP_INIT_IPC_BUFFER].cap;
    buffer.data = 0;   /* the TCB's copy records no mapping: the slot's capability does */
    buffer.aux = 0;
    cdt_insert(&root_slots[CAIRN_CAP_INIT_IPC_BUFFER], &root_thread->ipc_buffer_frame, buffer);
    root_thread->ipc_buffer_offset = 0;
    thread_set_entry(root_thread, entry, CAIRN_ROOT_STACK_TOP, CAIRN_ROOT_BOOTINFO_VADDR);
}

struct cairn_bootinfo *roottask_create(const struct roottask_images *images)
{
    const void *image = images->elf;
    struct elf_image elf;
    int err = elf_parse(image, images->elf_bytes, CAIRN_ROOT_ARCHIVE_VADDR, &elf);
    if (err != ELF_OK) {
        panic("root task image: %s", elf_strerror(err));
    }
    if (images->archive_bytes > CAIRN_ROOT_ARCHIVE_MAX) {
        panic("boot archive: %lu bytes, above CAIRN_ROOT_ARCHIVE_MAX", images->archive_bytes);
    }
    unsigned bits = region_bits(&elf, images->archive_bytes);
    uint64_t paddr = bootmem_alloc_region(bits);
    if (paddr == 0) {
        panic("root task: no free region of 2^%u bytes", bits);
    }
    region.base = (uint64_t)(uintptr_t)phys_to_virt(paddr);
    region.size = 1ull << bits;

    root_slots = (struct cte *)(uintptr_t)carve(1ull << (CAIRN_ROOT_CNODE_RADIX + CAIRN_SLOT_BITS));
    struct cap cnode = root_cnode_cap((uint64_t)(uintptr_t)root_slots);
    cdt_insert(&cdt_root, &root_slots[CAIRN_CAP_INIT_UNTYPED], untyped_cap(paddr, bits, false));
    give(CAIRN_CAP_INIT_CNODE, cnode);

    uint64_t root = carve_page();
    vspace_copy_kernel_window(root);
    unsigned asid = vspace_assign_asid(root);
    give(CAIRN_CAP_INIT_VSPACE, untyped_make_object(CAIRN_OBJECT_PAGE_TABLE, 0,
                                                    (uint64_t)(uintptr_t)phys_to_virt(root), true));
    for (unsigned i = 0; i < elf.segment_count; i++) {
        load_segment(root, image, &elf.segments[i]);
    }
    load_archive(root, images->archive, images->archive_bytes);
    for (unsigned i = 1; i <= CAIRN_ROOT_STACK_PAGES; i++) {
        map_or_panic(root, CAIRN_ROOT_STACK_TOP - i * CAIRN_PAGE_SIZE, carve_page(),
                     VM_READ | VM_WRITE);
    }
    give(CAIRN_CAP_BOOTINFO_FRAME, mapped_frame(root, CAIRN_ROOT_BOOTINFO_VADDR, VM_READ, asid));
    give(CAIRN_CAP_INIT_IPC_BUFFER,
         mapped_frame(root, CAIRN_ROOT_IPC_BUFFER_VADDR, VM_READ | VM_WRITE, asid));
    make_thread(elf.entry);
    cdt_insert(&cdt_root, &root_slots[CAIRN_CAP_IRQ_CONTROL], (struct cap){.type = CAP_IRQ_CONTROL});
    cdt_insert(&cdt_root, &root_slots[CAIRN_CAP_ASID_CONTROL], (struct cap){.type = CAP_ASID_CONTROL});
    root_slots[CAIRN_CAP_INIT_UNTYPED].cap.data = region.used;
    struct cairn_bootinfo *info =
        (struct cairn_bootinfo *)(uintptr_t)root_slots[CAIRN_CAP_BOOTINFO_FRAME].cap.object;
    info->archive_vaddr = images->archive_bytes != 0 ? CAIRN_ROOT_ARCHIVE_VADDR : 0;
    info->archive_bytes = images->archive_bytes;
    return info;
}

void roottask_start(const struct cairn_bootinfo *info)
{
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        const struct cairn_untyped_desc *u = &info->untyped[i];
        cdt_insert(&cdt_root, &root_slots[CAIRN_CAP_FIRST_UNTYPED + i],
                   untyped_cap(u->paddr, u->size_bits, u->is_device));
    }
    thread_resume(root_thread);
}
