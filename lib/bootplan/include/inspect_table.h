/*
 * inspect_table.h: what a component that may `inspect` knows of every component's
 * capabilities (the tables its generated header carries under SYSDESC_INSPECT_TABLES).
 *
 * The tables list, per component, the capabilities the system description grants it,
 * slot by slot, as the analyser planned them; the debug console's capscan reads each
 * component's CNode through its read-only capability and compares the two.
 */
#ifndef CAIRN_INSPECT_TABLE_H
#define CAIRN_INSPECT_TABLE_H

#include <stdbool.h>
#include <stdint.h>

/* One planned capability. */
struct inspect_cap {
    uint32_t slot;
    uint8_t kind;                  /* enum bootplan_cap_kind */
    uint8_t rights;                /* CAIRN_RIGHT_* */
    uint64_t badge;
    const char *name;              /* its name in the component's header: CAP_RPC_TIMER */
};

/* One component: where its CNode is in the inspector's CSpace, and its planned caps. */
struct inspect_component {
    const char *name;
    uint32_t cnode;                /* a cptr of the inspector's (its own: CAP_SELF_CNODE) */
    bool untyped;                  /* it also holds the untyped memory and ASID pools */
    unsigned first, count;         /* inspect_caps[first .. first + count) */
};

#endif
