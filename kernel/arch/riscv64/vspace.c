/*
 * vspace.c: Sv39 page-table walks, mapping and translation, and the ASID table.
 *
 * A virtual address splits into three 9-bit indices (bits 38..30, 29..21, 20..12).
 * Each table is one 4 KiB page of 512 entries; a leaf has R, W or X set. User leaves
 * carry U, and A/D are set up front so hardware without A/D updating never faults.
 *
 * vspace_asid_roots[asid] is the physical address of an address space's root table.
 * Capabilities record their mappings as (ASID with generation, vaddr), never as a
 * pointer into a table, so removing a mapping starts again at the root: a mapping
 * whose address space or intermediate table is gone is simply not found. Before an
 * entry is cleared, the physical address in it is compared with the object's own, so
 * a capability never removes a mapping that is not its object's. Every change to a
 * live table ends with sfence.vma.
 *
 * A page table is emptied when it enters service (mapped, or made a root), not when it
 * leaves it: an unmapped table is unreachable, and whatever it still points to cannot
 * be used until it is cleared again.
 */
#include "vspace.h"

#include "abi/bootinfo.h"
#include "cap.h"
#include "csr.h"
#include "cstring.h"
#include "memory.h"

#define PTE_V (1ul << 0)
#define PTE_R (1ul << 1)
#define PTE_W (1ul << 2)
#define PTE_X (1ul << 3)
#define PTE_U (1ul << 4)
#define PTE_A (1ul << 6)
#define PTE_D (1ul << 7)
#define PTE_PPN_SHIFT 10
#define PTES_PER_TABLE 512
#define INDEX_BITS 9
#define LEVELS 3
#define GENERATION_MASK ((1u << (32 - VSPACE_ASID_BITS)) - 1)

static unsigned pt_index(uint64_t vaddr, unsigned level)
{
    return (vaddr >> (CAIRN_PAGE_BITS + INDEX_BITS * level)) & (PTES_PER_TABLE - 1);
}

static uint64_t pte_paddr(pte_t pte)
{
    return (pte >> PTE_PPN_SHIFT) << CAIRN_PAGE_BITS;
}

static pte_t *table_at(uint64_t paddr)
{
    return phys_to_virt(paddr);
}

static bool pte_is_leaf(pte_t pte)
{
    return (pte & (PTE_R | PTE_W | PTE_X)) != 0;
}

static pte_t table_pte(uint64_t table_paddr)
{
    return (table_paddr >> CAIRN_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V;
}

/* A user leaf; write implies read (Sv39 reserves W without R). */
static pte_t leaf_pte(uint64_t paddr, unsigned rights)
{
    pte_t pte = (paddr >> CAIRN_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V | PTE_U | PTE_A | PTE_D;
    return pte | ((rights & VM_READ) ? PTE_R : 0) | ((rights & VM_WRITE) ? PTE_W | PTE_R : 0) |
           ((rights & VM_EXEC) ? PTE_X : 0);
}

static bool hardware_asids;   /* the hart tags TLB entries with all VSPACE_ASID_BITS */

/* The TLB forgets one page of the address space a tagged ASID names. */
static void flush_page(uint64_t vaddr, unsigned tagged)
{
    if (hardware_asids) {
        sfence_vma_page(vaddr, tagged % VSPACE_ASID_COUNT);
    } else {
        sfence_vma_all();
    }
}

/* The TLB forgets the whole address space a tagged ASID names. */
static void flush_address_space(unsigned tagged)
{
    if (hardware_asids) {
        sfence_vma_asid(tagged % VSPACE_ASID_COUNT);
    } else {
        sfence_vma_all();
    }
}

static uint64_t cap_paddr(const struct cap *c)
{
    return virt_to_phys((void *)(uintptr_t)c->object);
}

void vspace_drop_boot_identity_map(void)
{
    kernel_root_table[pt_index(virt_to_phys(kernel_root_table), 2)] = 0;
    sfence_vma_all();
}

void vspace_copy_kernel_window(uint64_t root_paddr)
{
    pte_t *table = table_at(root_paddr);
    for (unsigned i = KERNEL_WINDOW_ROOT_INDEX; i < PTES_PER_TABLE; i++) {
        table[i] = kernel_root_table[i];
    }
}

/* Finds the level-0 entry for vaddr, creating tables on the way when alloc is given. */
static pte_t *walk(uint64_t root, uint64_t vaddr, page_alloc_fn alloc)
{
    pte_t *table = table_at(root);
    for (unsigned level = LEVELS - 1; level > 0; level--) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (!(*entry & PTE_V)) {
            uint64_t page = alloc != 0 ? alloc() : 0;
            if (page == 0) {
                return 0;
            }
            *entry = table_pte(page);
        } else if (pte_is_leaf(*entry)) {
            return 0;   /* a huge page already covers this address */
        }
        table = table_at(pte_paddr(*entry));
    }
    return &table[pt_index(vaddr, 0)];
}

bool vspace_map_page(uint64_t root, uint64_t vaddr, uint64_t paddr, unsigned rights,
                     page_alloc_fn alloc)
{
    if (vaddr >= CAIRN_USER_VADDR_TOP || vaddr % CAIRN_PAGE_SIZE != 0 ||
        (rights & VM_WRITE && rights & VM_EXEC) ||
        (rights & (VM_READ | VM_WRITE | VM_EXEC)) == 0) {
        return false;
    }
    pte_t *entry = walk(root, vaddr, alloc);
    if (entry == 0 || (*entry & PTE_V)) {
        return false;
    }
    *entry = leaf_pte(paddr, rights);
    return true;
}

bool vspace_translate(uint64_t root, uint64_t vaddr, unsigned rights, uint64_t *paddr)
{
    if (root == 0 || vaddr >= CAIRN_USER_VADDR_TOP) {   /* 0: a thread with no VSpace */
        return false;
    }
    pte_t *entry = walk(root, vaddr, 0);
    if (entry == 0 || !(*entry & PTE_V) || !(*entry & PTE_U)) {
        return false;
    }
    if ((rights & VM_READ && !(*entry & PTE_R)) || (rights & VM_WRITE && !(*entry & PTE_W)) ||
        (rights & VM_EXEC && !(*entry & PTE_X))) {
        return false;
    }
    *paddr = pte_paddr(*entry) | (vaddr & (CAIRN_PAGE_SIZE - 1));
    return true;
}

/* ---- entries for the invocations ------------------------------------------------ */

static struct vspace_slot slot_at(enum vspace_slot_state state, pte_t *entry, unsigned level)
{
    return (struct vspace_slot){
        .state = state, .entry = entry, .level = level,
        .bits_left = CAIRN_PAGE_BITS + INDEX_BITS * level,
    };
}

struct vspace_slot vspace_find_leaf_slot(uint64_t root, uint64_t vaddr, unsigned level)
{
    pte_t *table = table_at(root);
    for (unsigned l = LEVELS - 1;; l--) {
        pte_t *entry = &table[pt_index(vaddr, l)];
        if (l == level) {
            return slot_at((*entry & PTE_V) ? VSPACE_SLOT_OCCUPIED : VSPACE_SLOT_FREE, entry, l);
        }
        if (!(*entry & PTE_V)) {
            return slot_at(VSPACE_SLOT_MISSING_TABLE, 0, l);
        }
        if (pte_is_leaf(*entry)) {
            return slot_at(VSPACE_SLOT_OCCUPIED, 0, l);   /* a larger page covers vaddr */
        }
        table = table_at(pte_paddr(*entry));
    }
}

struct vspace_slot vspace_find_table_slot(uint64_t root, uint64_t vaddr)
{
    pte_t *table = table_at(root);
    for (unsigned level = LEVELS - 1; level > 0; level--) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (!(*entry & PTE_V)) {
            return slot_at(VSPACE_SLOT_FREE, entry, level);
        }
        if (pte_is_leaf(*entry)) {
            break;
        }
        table = table_at(pte_paddr(*entry));
    }
    return slot_at(VSPACE_SLOT_OCCUPIED, 0, 0);
}

void vspace_set_leaf(struct vspace_slot slot, uint64_t paddr, unsigned rights, uint64_t vaddr,
                     unsigned asid)
{
    *slot.entry = leaf_pte(paddr, rights);
    flush_page(vaddr, asid);   /* a TLB may have kept the empty entry */
}

void vspace_set_table(struct vspace_slot slot, uint64_t table_paddr, unsigned asid)
{
    memset(table_at(table_paddr), 0, CAIRN_PAGE_SIZE);
    *slot.entry = table_pte(table_paddr);
    flush_address_space(asid);   /* a page fence covers leaves only, not tables */
}

uint64_t vspace_table_base(struct vspace_slot slot, uint64_t vaddr)
{
    return vaddr & ~((1ull << slot.bits_left) - 1);
}

/* ---- ASIDs ------------------------------------------------------------------------ */

uint64_t vspace_asid_roots[VSPACE_ASID_COUNT];      /* ASID 0 is never given out */
static uint32_t asid_generation[VSPACE_ASID_COUNT];
static bool pool_held[VSPACE_POOL_COUNT] = {[0] = true};   /* pool 0 is the kernel's */

static unsigned asid_tag(unsigned asid)
{
    return asid_generation[asid] << VSPACE_ASID_BITS | asid;
}


/* Writes all ones to satp's ASID field: the bits that stick are the ones implemented
 * (the privileged spec's way to find ASIDLEN). */
unsigned vspace_probe_asids(void)
{
    uint64_t satp = csr_read(satp);
    csr_write(satp, satp | SATP_ASID_MASK << SATP_ASID_SHIFT);
    uint64_t implemented = csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_MASK;
    csr_write(satp, satp);
    sfence_vma_all();
    hardware_asids = implemented >= VSPACE_ASID_COUNT - 1;
    unsigned bits = 0;
    while (implemented >> bits & 1) {
        bits++;
    }
    return bits;
}

unsigned vspace_find_hardware_asid(uint64_t root)
{
    for (unsigned asid = 1; hardware_asids && root != 0 && asid < VSPACE_ASID_COUNT; asid++) {
        if (vspace_asid_roots[asid] == root) {
            return asid;
        }
    }
    return 0;
}

/* The root table of the address space a capability recorded, or 0 if it is gone. */
static uint64_t root_of(uint32_t tagged)
{
    unsigned asid = tagged & (VSPACE_ASID_COUNT - 1);
    if (asid == 0 || tagged >> VSPACE_ASID_BITS != asid_generation[asid]) {
        return 0;
    }
    return vspace_asid_roots[asid];
}

static void free_asid(unsigned asid)
{
    flush_address_space(asid);   /* before the number can name another address space */
    vspace_asid_roots[asid] = 0;
    asid_generation[asid] = (asid_generation[asid] + 1) & GENERATION_MASK;
}

unsigned vspace_free_pool(void)
{
    for (unsigned pool = 1; pool < VSPACE_POOL_COUNT; pool++) {
        if (!pool_held[pool]) {
            return pool;
        }
    }
    return 0;
}

void vspace_claim_pool(unsigned pool)
{
    pool_held[pool] = true;
}

unsigned vspace_pool_free_asid(unsigned pool)
{
    for (unsigned i = 0; i < VSPACE_POOL_ASIDS; i++) {
        unsigned asid = pool * VSPACE_POOL_ASIDS + i;
        if (asid != 0 && vspace_asid_roots[asid] == 0) {
            return asid_tag(asid);
        }
    }
    return 0;
}

void vspace_bind_asid(unsigned asid, uint64_t root_paddr)
{
    memset(table_at(root_paddr), 0, KERNEL_WINDOW_ROOT_INDEX * sizeof(pte_t));
    vspace_copy_kernel_window(root_paddr);
    vspace_asid_roots[asid & (VSPACE_ASID_COUNT - 1)] = root_paddr;
}

unsigned vspace_assign_asid(uint64_t root_paddr)
{
    unsigned asid = vspace_pool_free_asid(0);
    if (asid != 0) {
        vspace_bind_asid(asid, root_paddr);
    }
    return asid;
}

unsigned vspace_root_asid(const struct cap *table)
{
    uint64_t paddr = cap_paddr(table);
    for (unsigned asid = 1; asid < VSPACE_ASID_COUNT; asid++) {
        if (vspace_asid_roots[asid] == paddr) {
            return asid_tag(asid);
        }
    }
    return 0;
}

bool vspace_is_root(const struct cap *table)
{
    return vspace_root_asid(table) != 0;
}

/*
 * The entry for vaddr in the address space `asid` names that maps paddr as a leaf
 * (leaf) or as a table, or 0 when there is none.
 */
static pte_t *find_mapping(uint32_t asid, uint64_t vaddr, uint64_t paddr, bool leaf)
{
    uint64_t root = root_of(asid);
    if (root == 0 || vaddr >= CAIRN_USER_VADDR_TOP) {
        return 0;
    }
    pte_t *table = table_at(root);
    for (unsigned level = LEVELS; level-- > 0;) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (!(*entry & PTE_V)) {
            return 0;
        }
        if (pte_paddr(*entry) == paddr) {
            return pte_is_leaf(*entry) == leaf ? entry : 0;
        }
        if (pte_is_leaf(*entry)) {
            return 0;
        }
        table = table_at(pte_paddr(*entry));
    }
    return 0;
}

static void unmap(const struct cap *c, bool leaf)
{
    if (c->data == 0) {
        return;
    }
    pte_t *entry = find_mapping(c->aux, c->data - 1, cap_paddr(c), leaf);
    if (entry == 0) {
        return;
    }
    *entry = 0;
    if (leaf) {
        flush_page(c->data - 1, c->aux);
    } else {
        flush_address_space(c->aux);   /* every page the table translated */
    }
}

void vspace_unmap_frame(const struct cap *frame)
{
    unmap(frame, true);
}

void vspace_unmap_table(const struct cap *table)
{
    unmap(table, false);
}

void vspace_forget_root(const struct cap *table)
{
    vspace_unmap_table(table);
    uint64_t paddr = cap_paddr(table);
    for (unsigned asid = 1; asid < VSPACE_ASID_COUNT; asid++) {
        if (vspace_asid_roots[asid] == paddr) {
            free_asid(asid);
        }
    }
    if ((csr_read(satp) << 20 >> 20) == paddr >> CAIRN_PAGE_BITS) {
        vspace_activate(0, 0);   /* never keep running on a table that is being freed */
    }
}

void vspace_forget_pool(const struct cap *pool)
{
    if (pool->aux == 0 || pool->aux >= VSPACE_POOL_COUNT) {
        return;   /* the kernel's pool is never freed */
    }
    for (unsigned i = 0; i < VSPACE_POOL_ASIDS; i++) {
        unsigned asid = pool->aux * VSPACE_POOL_ASIDS + i;
        if (vspace_asid_roots[asid] != 0) {
            memset(table_at(vspace_asid_roots[asid]), 0, KERNEL_WINDOW_ROOT_INDEX * sizeof(pte_t));
            free_asid(asid);
        }
    }
    pool_held[pool->aux] = false;
    sfence_vma_all();
}
