/*
 * rootserver.h: what the root server's parts share while it builds the system.
 *
 * The root server reads the boot plan (lib/bootplan) out of the boot archive, makes every
 * kernel object it names from untyped memory, builds each component (CNode, VSpace,
 * threads, image, regions, capabilities), hands the remaining untyped memory and the
 * ASID pools on (ASID control goes only where the plan puts it; IRQ control nowhere: every
 * IRQ handler of the static system is made here), starts every thread and stops. Nothing it makes for the
 * system depends on the root server's own memory (CAIRN_CAP_INIT_UNTYPED): every object
 * comes from other untypeds, and every capability a component needs ends up in that
 * component's own CNode, so revoking the root server's region later loses nothing.
 */
#ifndef CAIRN_ROOTSERVER_H
#define CAIRN_ROOTSERVER_H

#include "bootplan.h"
#include "cairn.h"

#define ROOT CAIRN_CAP_INIT_CNODE

/* Our page for filling frames: the first page of the 2 MiB our stack is in, so the page
 * tables the kernel made for the stack serve it too (none to make, none to give back). */
#define WINDOW (CAIRN_ROOT_STACK_TOP & ~((2ul << 20) - 1))
_Static_assert(WINDOW + CAIRN_PAGE_SIZE <
               CAIRN_ROOT_STACK_TOP - CAIRN_ROOT_STACK_PAGES * CAIRN_PAGE_SIZE,
               "the window lies below the stack, with room between");

#define MAX_DEVICE_FRAMES 64

/* A device page some component maps, cut from device untyped (our slot holds it). */
struct device_frame {
    uint64_t paddr;
    cairn_cptr_t slot;
};

/* The root server's state: the boot info, the plan, and where its objects are. */
struct rootserver {
    const struct cairn_bootinfo *info;
    struct bootplan plan;
    const void *archive;
    size_t archive_bytes;
    cairn_cptr_t *object_slots;     /* per plan object: our slot of it (shared: the index
                                       of its first frame in shared_frames) */
    cairn_cptr_t shared_frames;     /* our slot of the CNode holding every shared frame */
    cairn_cptr_t *component_cnodes; /* per component: our slot of its (guarded) CNode */
    cairn_cptr_t *component_vspaces;
    cairn_cptr_t *thread_tcbs;      /* per plan thread: our slot of its TCB */
    cairn_cptr_t asid_pools[BOOTPLAN_MAX_COMPONENTS / 64 + 1];
    unsigned asid_pool_count;
    uint64_t bytes_used;            /* untyped memory given to the system's objects */
    struct device_frame device_frames[MAX_DEVICE_FRAMES];   /* by increasing address */
    unsigned device_frame_count;
    bool keep_cnodes;               /* a component inspects others: every CNode is kept
                                       until component_place_inspect */
};

/* ---- memory.c: our own CNode's slots, and untyped memory ---- */

/* A free slot of our CNode (0 when none is left: then the build fails). */
cairn_cptr_t slots_take(void);
/* A slot we emptied, to be taken again. */
void slots_give_back(cairn_cptr_t slot);
void slots_init(const struct cairn_bootinfo *info);

/* One object of `type` (size_bits for CNodes and untyped) in a new slot of ours, from
 * RAM untyped other than our own region; 0 (and why printed) when memory runs out. */
cairn_cptr_t memory_make(struct rootserver *rs, unsigned type, unsigned size_bits);

/* The same into a given slot of ours, or of the CNode `cnode` (a cptr of ours). */
enum cairn_error memory_make_at(struct rootserver *rs, unsigned type, unsigned size_bits,
                                cairn_cptr_t slot);
enum cairn_error memory_make_in(struct rootserver *rs, unsigned type, unsigned size_bits,
                                cairn_cptr_t cnode, uint64_t slot);

/* A RAM untyped with at least `bytes` free (for cairn_space), or 0. */
cairn_cptr_t memory_untyped_for(struct rootserver *rs, uint64_t bytes);

/* Cuts every device page the plan's MMIO mappings name, in increasing address order (the
 * only order device untyped can be cut in), into slots of ours. */
enum cairn_error memory_cut_device_frames(struct rootserver *rs);

/* Our slot of the device page at paddr (cut by memory_cut_device_frames), or 0. */
cairn_cptr_t memory_device_frame_slot(const struct rootserver *rs, uint64_t paddr);

/* ---- objects.c: the connections' objects ---- */
enum cairn_error objects_create(struct rootserver *rs);

/* ---- component.c: one component ---- */
struct component_summary {
    unsigned frames, tables, slots;
};
enum cairn_error component_build(struct rootserver *rs, unsigned index,
                                 struct component_summary *summary);

/* Once every component is built: gives each component that may inspect others its
 * read-only capabilities to their CNodes, then drops ours (keep_cnodes). */
enum cairn_error component_place_inspect(struct rootserver *rs);

/* ---- handover.c: untyped memory and ASID pools to their holder ---- */
enum cairn_error handover(struct rootserver *rs);

#endif
