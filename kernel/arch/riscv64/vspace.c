/*
 * vspace.c: Sv39 page-table walks, mapping and translation.
 *
 * A virtual address splits into three 9-bit indices (bits 38..30, 29..21, 20..12).
 * Each table is one 4 KiB page of 512 entries; a leaf has R, W or X set. User leaves
 * carry U, and A/D are set up front so hardware without A/D updating never faults.
 */
#include "vspace.h"

#include "abi/bootinfo.h"
#include "cap.h"
#include "csr.h"
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
#define LEVELS 3

typedef uint64_t pte_t;

extern pte_t kernel_root_table[PTES_PER_TABLE];

static unsigned pt_index(uint64_t vaddr, int level)
{
    return (vaddr >> (CAIRN_PAGE_BITS + 9 * level)) & (PTES_PER_TABLE - 1);
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
    for (int level = LEVELS - 1; level > 0; level--) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (!(*entry & PTE_V)) {
            uint64_t page = alloc != 0 ? alloc() : 0;
            if (page == 0) {
                return 0;
            }
            *entry = (page >> CAIRN_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V;
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
        (rights & VM_WRITE && rights & VM_EXEC) || (rights & (VM_READ | VM_WRITE | VM_EXEC)) == 0) {
        return false;
    }
    pte_t *entry = walk(root, vaddr, alloc);
    if (entry == 0 || (*entry & PTE_V)) {
        return false;
    }
    pte_t pte = (paddr >> CAIRN_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V | PTE_U | PTE_A | PTE_D;
    pte |= (rights & VM_READ ? PTE_R : 0) | (rights & VM_WRITE ? PTE_W | PTE_R : 0) |
           (rights & VM_EXEC ? PTE_X : 0);
    *entry = pte;
    return true;
}

bool vspace_translate(uint64_t root, uint64_t vaddr, unsigned rights, uint64_t *paddr)
{
    if (vaddr >= CAIRN_USER_VADDR_TOP) {
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

void vspace_activate(uint64_t root)
{
    if (root == 0) {
        root = virt_to_phys(kernel_root_table);
    }
    uint64_t satp = SATP_MODE_SV39 | root >> CAIRN_PAGE_BITS;
    if (csr_read(satp) != satp) {
        csr_write(satp, satp);
        sfence_vma_all();
    }
}

static uint64_t asid_roots[VSPACE_ASID_COUNT];   /* ASID 0 is never given out */

unsigned vspace_assign_asid(uint64_t root_paddr)
{
    for (unsigned asid = 1; asid < VSPACE_ASID_COUNT; asid++) {
        if (asid_roots[asid] == 0) {
            asid_roots[asid] = root_paddr;
            return asid;
        }
    }
    return 0;
}

void vspace_unmap_frame(const struct cap *frame)
{
    uint64_t root = frame->aux < VSPACE_ASID_COUNT ? asid_roots[frame->aux] : 0;
    if (root == 0 || frame->data == 0) {
        return;   /* its address space is gone already */
    }
    pte_t *entry = walk(root, frame->data - 1, 0);
    if (entry != 0 && (*entry & PTE_V) &&
        pte_paddr(*entry) == virt_to_phys((void *)(uintptr_t)frame->object)) {
        *entry = 0;
        sfence_vma_all();
    }
}

bool vspace_is_root(const struct cap *table)
{
    uint64_t paddr = virt_to_phys((void *)(uintptr_t)table->object);
    for (unsigned asid = 1; asid < VSPACE_ASID_COUNT; asid++) {
        if (asid_roots[asid] == paddr) {
            return true;
        }
    }
    return false;
}

void vspace_forget_root(const struct cap *table)
{
    uint64_t paddr = virt_to_phys((void *)(uintptr_t)table->object);
    for (unsigned asid = 1; asid < VSPACE_ASID_COUNT; asid++) {
        if (asid_roots[asid] == paddr) {
            asid_roots[asid] = 0;
        }
    }
    if ((csr_read(satp) << 20 >> 20) == paddr >> CAIRN_PAGE_BITS) {
        vspace_activate(0);   /* never keep running on a table that is being freed */
    }
}
