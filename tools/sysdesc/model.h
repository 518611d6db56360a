/*
 * model.h: the system description as the parser builds it and the checks read it.
 *
 * Everything is held in fixed-size arrays inside one struct sd_system, so a description
 * can never make the analyser allocate without bound: a statement past a limit below is
 * an error. Every value keeps the position of the token it came from, so a check can
 * point at exactly that token. A position with line 0 means "not given".
 *
 * The parser fills in names and numbers only; check_names() (check_names.c) then
 * turns every name that refers to something into an index, and the rest of the checks
 * and the plan read the indices.
 */
#ifndef SYSDESC_MODEL_H
#define SYSDESC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define SD_NAME_MAX 31             /* characters in a name */
#define SD_MAX_COMPONENTS 64
#define SD_MAX_THREADS 16          /* per component */
#define SD_MAX_MMIO 16             /* per component */
#define SD_MAX_IRQS 16             /* per component */
#define SD_MAX_DEVICES 64
#define SD_MAX_CONNECTIONS 256
#define SD_MAX_PARTIES 1024        /* clients, signallers and sharers, all connections */
#define SD_MAX_PARTIES_PER_CONNECTION 62 /* a notification badge has 64 bits, of which
                                            bit 63 marks signals (BOOTPLAN_SIGNAL_FLAG) */

#define SD_PAGE_SIZE 4096u
#define SD_DEFAULT_STACK SD_PAGE_SIZE
#define SD_MAX_PRIORITY 254u       /* 255 is the root server's */
#define SD_MAX_IRQ 1023u           /* PLIC sources are 1..1023 */
#define SD_NONE (-1)               /* an index that refers to nothing */

struct sd_pos {
    uint32_t line;
    uint32_t column;
};

struct sd_name {
    char text[SD_NAME_MAX + 1];
    struct sd_pos pos;
};

struct sd_number {
    uint64_t value;
    struct sd_pos pos;             /* line 0: not given */
};

/* Mapping rights; write always comes with read (RISC-V has no write-only pages). */
enum sd_rights {
    SD_RIGHTS_R = 1,
    SD_RIGHTS_RW = 3,
};

struct sd_device {
    struct sd_name name;
    struct sd_number addr;
    struct sd_number size;
    struct sd_number irq;          /* irq.pos.line 0: the device has no interrupt */
};

struct sd_platform {
    struct sd_name name;           /* name.pos.line 0: no platform statement */
    struct sd_pos ram_pos;         /* the ram keyword; line 0: no ram statement */
    struct sd_number ram_addr;
    struct sd_number ram_size;
    unsigned device_count;
    struct sd_device devices[SD_MAX_DEVICES];
};

struct sd_thread {
    struct sd_name name;
    struct sd_number priority;
    struct sd_number max;          /* pos.line 0: not given, max = priority */
    struct sd_number stack;        /* pos.line 0: not given, SD_DEFAULT_STACK */
};

/* `mmio NAME at ADDR size SIZE RIGHTS`, or `mmio DEVICE RIGHTS` for a whole device. */
struct sd_mmio {
    struct sd_name name;
    bool whole_device;             /* the second form: name is the device's */
    struct sd_number addr;         /* the second form: copied from the device */
    struct sd_number size;
    unsigned rights;               /* enum sd_rights */
    int device;                    /* resolved: index of the device, or SD_NONE */
};

/* `irq N`, or `irq DEVICE` for that device's interrupt. */
struct sd_irq {
    struct sd_number number;       /* by device: copied from the device once resolved */
    struct sd_name device;         /* device.pos.line 0: given as a number */
    bool resolved;                 /* number holds a value */
};

struct sd_component {
    struct sd_name name;
    struct sd_name image;          /* image.pos.line 0: no image statement */
    unsigned thread_count;
    struct sd_thread threads[SD_MAX_THREADS];
    struct sd_number heap;         /* heap.pos.line 0: no heap */
    unsigned mmio_count;
    struct sd_mmio mmio[SD_MAX_MMIO];
    unsigned irq_count;
    struct sd_irq irqs[SD_MAX_IRQS];
    struct sd_name fault;          /* fault.pos.line 0: faults go to the kernel */
    int fault_handler;             /* resolved: component index, or SD_NONE */
    struct sd_pos untyped;         /* line 0: does not receive untyped memory */
    struct sd_pos asid_control;    /* line 0: does not receive ASID control */
    struct sd_pos inspect;         /* line 0: cannot read other components' capabilities */
};

enum sd_connection_kind {
    SD_RPC = 0,
    SD_NOTIFY = 1,
    SD_SHARED = 2,
};

/* One component named in a connection: a client, signaller or sharer. */
struct sd_party {
    struct sd_name name;
    unsigned rights;               /* shared regions only: enum sd_rights */
    int component;                 /* resolved: component index, or SD_NONE */
};

/* Options written after an rpc's server (a flag set; parse_connection.c has the table). */
enum sd_rpc_option {
    SD_RPC_GRANT = 1u << 0,        /* `grant`: the server may pass capabilities in replies */
    SD_RPC_SIGNALS = 1u << 1,      /* `signals`: the server may signal each client */
};

struct sd_connection {
    enum sd_connection_kind kind;
    unsigned options;              /* rpc only: enum sd_rpc_option flags */
    struct sd_pos keyword;
    struct sd_name name;
    struct sd_number size;         /* shared regions only */
    unsigned first_party;          /* parties[first_party .. first_party + party_count) */
    unsigned party_count;
    struct sd_party target;        /* the rpc server or the notify waiter; unused for shared */
};

struct sd_system {
    struct sd_platform platform;
    unsigned component_count;
    struct sd_component components[SD_MAX_COMPONENTS];
    unsigned connection_count;
    struct sd_connection connections[SD_MAX_CONNECTIONS];
    unsigned party_count;
    struct sd_party parties[SD_MAX_PARTIES];
};

static inline bool sd_given(struct sd_pos pos)
{
    return pos.line != 0;
}

/* The stack size a thread gets: its own, or the default. */
static inline uint64_t sd_thread_stack(const struct sd_thread *t)
{
    return sd_given(t->stack.pos) ? t->stack.value : SD_DEFAULT_STACK;
}

/* The maximum controlled priority a thread gets: its own, or its priority. */
static inline uint64_t sd_thread_max(const struct sd_thread *t)
{
    return sd_given(t->max.pos) ? t->max.value : t->priority.value;
}

/* The first party of c, so that its parties are sd_parties(sys, c)[0 .. party_count). */
static inline const struct sd_party *sd_parties(const struct sd_system *sys,
                                                const struct sd_connection *c)
{
    return &sys->parties[c->first_party];
}

/* The keyword of a connection kind, as written in the description. */
const char *sd_connection_keyword(enum sd_connection_kind kind);

/* The rights as written in the description: "r" or "rw". */
const char *sd_rights_text(unsigned rights);

/* A size as people write it: 4K, 2M, or hexadecimal when it is neither. */
const char *sd_size_text(uint64_t size, char *buf, unsigned length);

/* Index of the component called name, or SD_NONE. */
int sd_find_component(const struct sd_system *sys, const char *name);

/* Index of the platform device called name, or SD_NONE. */
int sd_find_device(const struct sd_system *sys, const char *name);

#endif
