/*
 * capscan.c: `capscan [COMPONENT]`, the capabilities a component holds, read from its
 * CNode and compared with what the system description grants it.
 *
 * The console may `inspect` (system.desc): it holds a read-only capability to every
 * other component's CNode, which the kernel answers only with CNODE_DESCRIBE, and its
 * header carries every component's planned capabilities (inspect_table.h). Each slot
 * is one of: a capability the description grants, exactly as planned (type, rights,
 * badge); one planned but different or missing; the component's own memory that the
 * root server placed after its planned slots (frames and page tables; for the holder
 * of untyped memory also its untyped and ASID pools, and what it has made from them);
 * or, unexpected, anything else.
 */
#define SYSDESC_INSPECT_TABLES
#include "capscan.h"

#include "bootplan.h"
#include "cairn.h"
#include "console.h"
#include "cstring.h"
#include "debug_console_caps.h"

struct tally {
    unsigned described, different, unexpected, frames, tables, untyped, pools, made;
};

static const char *const type_names[CAIRN_CAP_TYPE_COUNT] = {
    [CAIRN_CAP_TYPE_NULL] = "empty", [CAIRN_CAP_TYPE_UNTYPED] = "untyped",
    [CAIRN_CAP_TYPE_CNODE] = "cnode", [CAIRN_CAP_TYPE_TCB] = "tcb",
    [CAIRN_CAP_TYPE_ENDPOINT] = "endpoint", [CAIRN_CAP_TYPE_NOTIFICATION] = "notification",
    [CAIRN_CAP_TYPE_REPLY] = "reply", [CAIRN_CAP_TYPE_FRAME] = "frame",
    [CAIRN_CAP_TYPE_PAGE_TABLE] = "page_table", [CAIRN_CAP_TYPE_ASID_CONTROL] = "asid_control",
    [CAIRN_CAP_TYPE_ASID_POOL] = "asid_pool", [CAIRN_CAP_TYPE_IRQ_CONTROL] = "irq_control",
    [CAIRN_CAP_TYPE_IRQ_HANDLER] = "irq_handler", [CAIRN_CAP_TYPE_ZOMBIE] = "zombie",
};

static const char *type_name(uint64_t type)
{
    return type < CAIRN_CAP_TYPE_COUNT ? type_names[type] : "unknown";
}

/* The kernel type of a planned capability's kind. */
static uint64_t planned_type(uint8_t kind)
{
    static const uint8_t types[] = {
        [BOOTPLAN_CAP_TCB] = CAIRN_CAP_TYPE_TCB, [BOOTPLAN_CAP_CNODE] = CAIRN_CAP_TYPE_CNODE,
        [BOOTPLAN_CAP_VSPACE] = CAIRN_CAP_TYPE_PAGE_TABLE,
        [BOOTPLAN_CAP_IPC_BUFFER] = CAIRN_CAP_TYPE_FRAME,
        [BOOTPLAN_CAP_ENDPOINT] = CAIRN_CAP_TYPE_ENDPOINT,
        [BOOTPLAN_CAP_NOTIFICATION] = CAIRN_CAP_TYPE_NOTIFICATION,
        [BOOTPLAN_CAP_IRQ_HANDLER] = CAIRN_CAP_TYPE_IRQ_HANDLER,
        [BOOTPLAN_CAP_ASID_CONTROL] = CAIRN_CAP_TYPE_ASID_CONTROL,
        [BOOTPLAN_CAP_INSPECT] = CAIRN_CAP_TYPE_CNODE,
    };
    return kind < sizeof(types) ? types[kind] : CAIRN_CAP_TYPE_COUNT;
}

/* "rw", "-w-G": read, write, grant, grant reply, execute; '-' for each absent. */
static const char *rights_text(uint64_t rights, char out[6])
{
    const char letters[] = "rwgGx";
    const unsigned bits[] = {CAIRN_RIGHT_READ, CAIRN_RIGHT_WRITE, CAIRN_RIGHT_GRANT,
                             CAIRN_RIGHT_GRANT_REPLY, CAIRN_RIGHT_EXECUTE};
    for (unsigned i = 0; i < 5; i++) {
        out[i] = (rights & bits[i]) ? letters[i] : '-';
    }
    out[5] = '\0';
    return out;
}

static const struct inspect_cap *planned_at(const struct inspect_component *c, uint64_t slot)
{
    for (unsigned i = 0; i < c->count; i++) {
        if (inspect_caps[c->first + i].slot == slot) {
            return &inspect_caps[c->first + i];
        }
    }
    return 0;
}

/* Type, rights and badge as planned (an IRQ handler's planned badge is the one it
 * signals with: the capability itself has none). */
static bool as_planned(const struct inspect_cap *p, const struct cairn_cap_description *d)
{
    uint64_t badge = p->kind == BOOTPLAN_CAP_IRQ_HANDLER ? 0 : p->badge;
    return d->type == planned_type(p->kind) && d->rights == p->rights && d->badge == badge;
}

/* Counts an unplanned capability; its label, or 0 when it is the component's own. */
static const char *own_or_unexpected(const struct inspect_component *c,
                                     const struct cairn_cap_description *d, struct tally *t)
{
    switch (d->type) {
    case CAIRN_CAP_TYPE_FRAME:
        t->frames++;
        return "(own frame)";
    case CAIRN_CAP_TYPE_PAGE_TABLE:
        t->tables++;
        return "(own page table)";
    case CAIRN_CAP_TYPE_UNTYPED:
        t->untyped += c->untyped;
        return c->untyped ? "(untyped memory)" : 0;
    case CAIRN_CAP_TYPE_ASID_POOL:
        t->pools += c->untyped;
        return c->untyped ? "(asid pool)" : 0;
    default:
        t->made += c->untyped;
        return c->untyped ? "(made from its untyped)" : 0;
    }
}

/* Sorts one non-empty slot into the tally; the label to print beside it. */
static const char *classify(const struct inspect_component *c, uint64_t slot,
                            const struct cairn_cap_description *d, struct tally *t)
{
    const struct inspect_cap *p = planned_at(c, slot);
    if (p != 0) {
        bool same = as_planned(p, d);
        t->described += same;
        t->different += !same;
        return same ? p->name : "DIFFERENT from the description";
    }
    const char *label = own_or_unexpected(c, d, t);
    if (label == 0) {
        t->unexpected++;
        return "UNEXPECTED";
    }
    return label;
}

static void print_slot(uint64_t slot, const struct cairn_cap_description *d, const char *label)
{
    char rights[6];
    console_printf("  %4lu  %-12s %s  ", slot, type_name(d->type), rights_text(d->rights, rights));
    if (d->badge != 0) {
        console_printf("badge 0x%-16lx  ", d->badge);
    } else {
        console_printf("%-24s", "");
    }
    console_printf("%s\n", label);
}

/* Walks every slot of c's CNode; false (and why printed) when it cannot be read. */
static bool scan(const struct inspect_component *c, bool verbose, struct tally *t)
{
    struct cairn_cap_description cnode, d;
    enum cairn_error err = cairn_cnode_describe(CAP_SELF_CNODE, c->cnode, CAIRN_WORD_BITS, &cnode);
    if (err != CAIRN_OK || cnode.type != CAIRN_CAP_TYPE_CNODE || cnode.size_bits > 16) {
        console_printf("error: capscan: cannot read %s's CNode (error %d)\n", c->name, err);
        return false;
    }
    for (uint64_t slot = 0; slot < (1ull << cnode.size_bits); slot++) {
        err = cairn_cnode_describe(c->cnode, slot, CAIRN_WORD_BITS, &d);
        if (err != CAIRN_OK) {
            console_printf("error: capscan: %s slot %lu: error %d\n", c->name, slot, err);
            return false;
        }
        if (d.type != CAIRN_CAP_TYPE_NULL) {
            const char *label = classify(c, slot, &d, t);
            if (verbose) {
                print_slot(slot, &d, label);
            }
        }
    }
    return true;
}

/* Planned capabilities whose slot turned out empty. */
static unsigned missing(const struct inspect_component *c, const struct tally *t)
{
    return c->count - t->described - t->different;
}

static void summary(const struct inspect_component *c, const struct tally *t)
{
    console_printf("%s: %u of %u capabilities as described, %u missing, %u different, %u "
                   "unexpected; its own: %u frames, %u page tables", c->name, t->described,
                   c->count, missing(c, t), t->different, t->unexpected, t->frames, t->tables);
    if (c->untyped) {
        console_printf(", %u untyped, %u asid pools, %u made at run time", t->untyped, t->pools,
                       t->made);
    }
    console_printf("\n");
}

void capscan_command(int argc, char **argv)
{
    if (argc > 2) {
        console_printf("error: usage: capscan [COMPONENT]\n");
        return;
    }
    bool found = false;
    for (unsigned i = 0; i < INSPECT_COMPONENTS; i++) {
        const struct inspect_component *c = &inspect_components[i];
        if (argc == 2 && strcmp(argv[1], c->name) != 0) {
            continue;
        }
        struct tally t = {0};
        if (argc == 2) {
            console_printf("  slot  type         right  badge                   what\n");
        }
        if (scan(c, argc == 2, &t)) {
            summary(c, &t);
        }
        found = true;
    }
    if (!found) {
        console_printf("error: capscan: no component '%s' (capscan alone lists them)\n",
                       argv[1]);
    }
}
