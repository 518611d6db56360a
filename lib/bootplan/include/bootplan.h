/*
 * bootplan.h: the boot plan, the binary table the analyser (tools/sysdesc) emits from the
 * system description and the root server reads to build the system.
 *
 * The file is little-endian and made of fixed-size records with explicit-width fields:
 *
 *   header       struct bootplan_header (64 bytes): magic, version, sizes, and one
 *                (offset, count) pair per section below
 *   components   struct bootplan_component[], in description order
 *   threads      struct bootplan_thread[], grouped by component, in description order
 *   objects      struct bootplan_object[]: the kernel objects to create
 *   mappings     struct bootplan_mapping[], grouped by component
 *   caps         struct bootplan_cap[], grouped by component, sorted by slot
 *   strings      NUL-terminated names; a record names a string by its offset here
 *
 * Every section starts on an 8-byte boundary, sections follow each other in this order
 * and do not overlap, and the file ends where the header says. bootplan_open() checks
 * all of that and every index, range and rule stated below before the root server
 * trusts a single field, and gives typed views of the records.
 *
 * Each component gets its own CNode (guard 0 of 64 - radix bits, so a capability's
 * cptr is its slot number), its own VSpace, and these fixed slots:
 *
 *   0   empty (cptr 0 names nothing)
 *   1   BOOTPLAN_SLOT_TCB          the TCB of its first thread
 *   2   BOOTPLAN_SLOT_CNODE        its CNode
 *   3   BOOTPLAN_SLOT_VSPACE       its VSpace root page table
 *   4   BOOTPLAN_SLOT_IPC_BUFFER   the IPC buffer frame of its first thread
 *   5   BOOTPLAN_SLOT_FAULT        a badged endpoint its faults go to (when it has a
 *                                  fault handler; it is each TCB's fault endpoint)
 *   6-7 reserved
 *   8-  the rest of its capabilities (BOOTPLAN_SLOT_FIRST_FREE), as its cap records say
 *
 * The component flagged BOOTPLAN_COMPONENT_UNTYPED receives every untyped capability
 * left after boot in slots BOOTPLAN_SLOT_UNTYPED_FIRST .. + BOOTPLAN_UNTYPED_SLOTS - 1;
 * none of its cap records use them.
 *
 * Virtual layout of a component: its image is linked at BOOTPLAN_IMAGE_BASE and ends
 * below BOOTPLAN_WINDOW_BASE. From BOOTPLAN_WINDOW_BASE up, the analyser places each
 * thread's stack and IPC buffer, then the heap, the shared regions and the MMIO regions,
 * each region followed by one unmapped guard page; the page at BOOTPLAN_WINDOW_BASE
 * itself stays unmapped as the guard below the first stack. Every thread starts at the
 * image's entry point with a0 = its index in its component and sp = the top of its stack.
 */
#ifndef CAIRN_BOOTPLAN_H
#define CAIRN_BOOTPLAN_H

#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "abi/object.h"

#define BOOTPLAN_MAGIC 0x4e4c5042u     /* "BPLN" in memory order */
#define BOOTPLAN_VERSION 1u
#define BOOTPLAN_ALIGN 8u              /* every section, and the data itself */

#define BOOTPLAN_IMAGE_BASE 0x10000ul
/* 2 MiB: images (small services) end below it, and image and regions share one level-1
 * page table (at 1 GiB, each component paid for a second one). */
#define BOOTPLAN_WINDOW_BASE 0x200000ul
#define BOOTPLAN_WINDOW_TOP CAIRN_USER_VADDR_TOP

#define BOOTPLAN_SLOT_TCB 1u
#define BOOTPLAN_SLOT_CNODE 2u
#define BOOTPLAN_SLOT_VSPACE 3u
#define BOOTPLAN_SLOT_IPC_BUFFER 4u
#define BOOTPLAN_SLOT_FAULT 5u
#define BOOTPLAN_SLOT_FIRST_FREE 8u
#define BOOTPLAN_SLOT_UNTYPED_FIRST 128u
#define BOOTPLAN_UNTYPED_SLOTS 128u
#define BOOTPLAN_MIN_RADIX 3u          /* the fixed slots need 8 */
#define BOOTPLAN_UNTYPED_RADIX 8u      /* 256 slots: the untyped range ends at 255 */

/* Set in every notification badge the analyser gives (bits 0..61 name the signaller):
 * a signal and an rpc call reaching one thread differ in the badge, not the message. */
#define BOOTPLAN_SIGNAL_FLAG (1ull << 63)

#define BOOTPLAN_NO_COMPONENT 0xffffu  /* fault_handler of a component without one */
#define BOOTPLAN_MAX_PRIORITY 254u     /* 255 is the root server's */
#define BOOTPLAN_MAX_IRQ 1023u         /* PLIC sources are 1..1023 */

/* Limits a reader may rely on (the analyser's own limits are lower). */
#define BOOTPLAN_MAX_COMPONENTS 256u
#define BOOTPLAN_MAX_THREADS_PER_COMPONENT 64u
#define BOOTPLAN_MAX_MAPPINGS_PER_COMPONENT 1024u
#define BOOTPLAN_MAX_CAPS_PER_COMPONENT 1024u
#define BOOTPLAN_MAX_OBJECTS 4096u
#define BOOTPLAN_MAX_SIZE (16u << 20)

enum bootplan_section_id {
    BOOTPLAN_COMPONENTS = 0,
    BOOTPLAN_THREADS = 1,
    BOOTPLAN_OBJECTS = 2,
    BOOTPLAN_MAPPINGS = 3,
    BOOTPLAN_CAPS = 4,
    BOOTPLAN_STRINGS = 5,          /* count is in bytes */
    BOOTPLAN_SECTION_COUNT = 6,
};

struct bootplan_section {
    uint32_t offset;               /* bytes from the start of the file, a multiple of 8 */
    uint32_t count;                /* records (bytes for the strings) */
};

struct bootplan_header {
    uint32_t magic;                /* BOOTPLAN_MAGIC */
    uint16_t version;              /* BOOTPLAN_VERSION: fixes every record's layout */
    uint16_t header_size;          /* sizeof(struct bootplan_header) */
    uint32_t total_size;           /* bytes in the file, header included */
    uint32_t reserved;             /* 0 */
    struct bootplan_section sections[BOOTPLAN_SECTION_COUNT];
};

/* Component flags. */
#define BOOTPLAN_COMPONENT_UNTYPED 1u  /* receives all untyped memory left after boot */

struct bootplan_component {
    uint32_t name;                 /* string */
    uint32_t image;                /* string: the ELF is NAME.elf among the boot images */
    uint32_t first_thread;         /* its threads: [first_thread, + thread_count) */
    uint32_t thread_count;         /* at least 1 */
    uint32_t first_mapping;        /* its mappings: [first_mapping, + mapping_count) */
    uint32_t mapping_count;
    uint32_t first_cap;            /* its capabilities: [first_cap, + cap_count) */
    uint32_t cap_count;
    uint8_t cnode_radix;           /* its CNode has 1 << radix slots: the smallest that
                                      holds its caps, at least BOOTPLAN_MIN_RADIX, and
                                      BOOTPLAN_UNTYPED_RADIX with the untyped flag */
    uint8_t flags;                 /* BOOTPLAN_COMPONENT_* */
    uint16_t fault_handler;        /* component index, or BOOTPLAN_NO_COMPONENT */
    uint32_t reserved;             /* 0 */
};

struct bootplan_thread {
    uint32_t name;                 /* string */
    uint16_t component;            /* the component it belongs to */
    uint16_t index;                /* its index in the component: a0 when it starts */
    uint8_t priority;              /* 0..254 */
    uint8_t max_priority;          /* priority..254: the highest it may give a thread */
    uint8_t reserved[6];           /* 0 */
    uint64_t stack_vaddr;          /* lowest address of its stack; sp starts at the top */
    uint64_t stack_size;           /* a multiple of 4 KiB */
    uint64_t ipc_buffer_vaddr;     /* one 4 KiB page */
};

/* Kernel objects the root server creates, each from untyped memory. */
enum bootplan_object_kind {
    BOOTPLAN_OBJECT_ENDPOINT = 1,       /* one per rpc */
    BOOTPLAN_OBJECT_NOTIFICATION = 2,   /* one per notify */
    BOOTPLAN_OBJECT_SHARED = 3,         /* size bytes of 4 KiB frames, one per shared region */
    BOOTPLAN_OBJECT_FAULT_ENDPOINT = 4, /* an endpoint: faults sent to one handler */
    BOOTPLAN_OBJECT_IRQ_NOTIFICATION = 5, /* a notification its component's IRQs signal,
                                             bound to its first thread */
};

struct bootplan_object {
    uint8_t kind;                  /* enum bootplan_object_kind */
    uint8_t reserved[3];           /* 0 */
    uint32_t name;                 /* string: the connection, or the fault handler's name */
    uint64_t size;                 /* BOOTPLAN_OBJECT_SHARED: bytes, a multiple of 4 KiB;
                                      0 for the others */
};

/* What backs a mapping. */
enum bootplan_mapping_kind {
    BOOTPLAN_MAP_STACK = 1,        /* fresh zeroed frames; object = the thread */
    BOOTPLAN_MAP_IPC_BUFFER = 2,   /* one fresh zeroed frame; object = the thread */
    BOOTPLAN_MAP_HEAP = 3,         /* fresh zeroed frames; object = 0 */
    BOOTPLAN_MAP_SHARED = 4,       /* the frames of object (BOOTPLAN_OBJECT_SHARED) */
    BOOTPLAN_MAP_MMIO = 5,         /* device frames at paddr; object = 0 */
};

struct bootplan_mapping {
    uint8_t kind;                  /* enum bootplan_mapping_kind */
    uint8_t rights;                /* CAIRN_RIGHT_READ, or READ | WRITE; never EXECUTE */
    uint16_t reserved;             /* 0 */
    uint32_t object;               /* a thread index (global) or an object index, by kind */
    uint32_t name;                 /* string: the thread, "heap", or the region's name */
    uint32_t reserved2;            /* 0 */
    uint64_t vaddr;                /* page-aligned, in [BOOTPLAN_WINDOW_BASE, _TOP) */
    uint64_t size;                 /* a non-zero multiple of 4 KiB */
    uint64_t paddr;                /* BOOTPLAN_MAP_MMIO: page-aligned physical address;
                                      0 for the others */
};

/* What a capability refers to: `object` means, by kind: */
enum bootplan_cap_kind {
    BOOTPLAN_CAP_TCB = 1,          /* a thread (global index) of this component */
    BOOTPLAN_CAP_CNODE = 2,        /* this component's CNode (object = its index) */
    BOOTPLAN_CAP_VSPACE = 3,       /* this component's VSpace (object = its index) */
    BOOTPLAN_CAP_IPC_BUFFER = 4,   /* a thread's (global index) IPC buffer frame */
    BOOTPLAN_CAP_ENDPOINT = 5,     /* an object: ENDPOINT or FAULT_ENDPOINT */
    BOOTPLAN_CAP_NOTIFICATION = 6, /* an object: NOTIFICATION, or the component's own
                                      IRQ_NOTIFICATION (to wait on, unbadged) */
    BOOTPLAN_CAP_IRQ_HANDLER = 7,  /* the handler of PLIC source `object` (1..1023); it
                                      signals the component's IRQ_NOTIFICATION object with
                                      `badge` (BOOTPLAN_SIGNAL_FLAG | one bit per IRQ) */
    BOOTPLAN_CAP_ASID_CONTROL = 8, /* the ASID control capability (object = 0) */
    BOOTPLAN_CAP_INSPECT = 9,      /* another component's CNode (object = its index),
                                      CAIRN_RIGHT_READ only: it can be described, not
                                      changed, and lookups do not pass through it */
};

struct bootplan_cap {
    uint32_t slot;                 /* in this component's CNode; not 0, below 1 << radix */
    uint8_t kind;                  /* enum bootplan_cap_kind */
    uint8_t rights;                /* CAIRN_RIGHT_* the capability carries */
    uint16_t reserved;             /* 0 */
    uint32_t object;               /* see enum bootplan_cap_kind */
    uint32_t reserved2;            /* 0 */
    uint64_t badge;                /* endpoints and notifications: minted with this badge
                                      (0: the unbadged original); 0 for the others */
};

_Static_assert(sizeof(struct bootplan_section) == 8, "section entry is 8 bytes");
_Static_assert(sizeof(struct bootplan_header) == 64, "header is 64 bytes");
_Static_assert(sizeof(struct bootplan_component) == 40, "component record is 40 bytes");
_Static_assert(sizeof(struct bootplan_thread) == 40, "thread record is 40 bytes");
_Static_assert(sizeof(struct bootplan_object) == 16, "object record is 16 bytes");
_Static_assert(sizeof(struct bootplan_mapping) == 40, "mapping record is 40 bytes");
_Static_assert(sizeof(struct bootplan_cap) == 24, "cap record is 24 bytes");
_Static_assert(BOOTPLAN_SLOT_UNTYPED_FIRST + BOOTPLAN_UNTYPED_SLOTS ==
               1u << BOOTPLAN_UNTYPED_RADIX, "the untyped range ends the untyped CNode");
_Static_assert(BOOTPLAN_WINDOW_BASE % CAIRN_PAGE_SIZE == 0, "window page-aligned");

enum bootplan_error {
    BOOTPLAN_OK = 0,
    BOOTPLAN_E_ALIGN = -1,         /* the data is not 8-byte aligned */
    BOOTPLAN_E_TRUNCATED = -2,     /* shorter than its header, or than total_size says */
    BOOTPLAN_E_MAGIC = -3,         /* not a boot plan */
    BOOTPLAN_E_VERSION = -4,       /* a version this reader does not know */
    BOOTPLAN_E_HEADER = -5,        /* header size, total size or a reserved field wrong */
    BOOTPLAN_E_SECTION = -6,       /* a section misaligned, out of order, outside the file,
                                      or over a limit */
    BOOTPLAN_E_STRING = -7,        /* a string offset outside the table, or unterminated */
    BOOTPLAN_E_COMPONENT = -8,     /* a component record breaks a rule */
    BOOTPLAN_E_THREAD = -9,        /* a thread record breaks a rule */
    BOOTPLAN_E_OBJECT = -10,       /* an object record breaks a rule */
    BOOTPLAN_E_MAPPING = -11,      /* a mapping record breaks a rule */
    BOOTPLAN_E_OVERLAP = -12,      /* two mappings of one component overlap */
    BOOTPLAN_E_CAP = -13,          /* a cap record breaks a rule */
    BOOTPLAN_E_SLOT = -14,         /* a slot outside the CNode, used twice, reserved, or a
                                      fixed slot missing or wrong */
};

/* A validated plan: views into the caller's data, which must outlive it. */
struct bootplan {
    const struct bootplan_header *header;
    const struct bootplan_component *components;
    uint32_t component_count;
    const struct bootplan_thread *threads;
    uint32_t thread_count;
    const struct bootplan_object *objects;
    uint32_t object_count;
    const struct bootplan_mapping *mappings;
    uint32_t mapping_count;
    const struct bootplan_cap *caps;
    uint32_t cap_count;
    const char *strings;
    uint32_t strings_size;
    uint32_t error_record;         /* after an error: the index of the record at fault */
};

/*
 * Validates the boot plan at data (size bytes, 8-byte aligned) and fills out with views
 * of its sections. Returns BOOTPLAN_OK, or a negative enum bootplan_error with
 * out->error_record naming the record (within its section) that broke the rule; the
 * other fields of out are then unspecified.
 */
int bootplan_open(const void *data, size_t size, struct bootplan *out);

/* The string at offset in a validated plan's string table. */
const char *bootplan_string(const struct bootplan *plan, uint32_t offset);

/* A short English description of an enum bootplan_error value. */
const char *bootplan_strerror(int error);

#endif
