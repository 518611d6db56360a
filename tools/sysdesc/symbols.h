/*
 * symbols.h: the C names the generated headers (caps_header.c) give a component's
 * capabilities, badges, threads and regions: the description's names in upper case
 * behind a prefix saying what they are (CAP_RPC_CONSOLE, BADGE_RPC_MEMORY_UART_DRIVER,
 * STACK_MAIN_VADDR). Only badge names can collide, as both halves are free names
 * (rpc a_b with client c, and rpc a with client b_c), so check_plan looks for that.
 */
#ifndef SYSDESC_SYMBOLS_H
#define SYSDESC_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "plan.h"

#define SYMBOL_MAX 96              /* longer than any name these functions make */
#define SYMBOL_MAX_BADGES (SD_MAX_PARTIES + SD_MAX_COMPONENTS)

/* One badge a component receives: who sends with it, through what. */
struct symbol_badge {
    char name[SYMBOL_MAX];         /* BADGE_<KIND>_<CONNECTION>_<SENDER> or BADGE_FAULT_<SENDER> */
    uint64_t value;
    struct sd_pos pos;             /* the sender's name in the description */
    const char *what;              /* "rpc", "notify" or "fault" */
    const char *via;               /* the connection's name, or "" for faults */
    const char *sender;
};

/* PREFIX + NAME in upper case + SUFFIX, into out. */
const char *symbol_make(char *out, size_t size, const char *prefix, const char *name,
                        const char *suffix);

/* The name of a capability of component c: CAP_SELF_TCB, CAP_RPC_CONSOLE, CAP_IRQ_10... */
const char *symbol_cap(const struct plan *plan, unsigned c, const struct plan_cap *cap,
                       char *out, size_t size);

/* The name of the server's signal capability for client `client` (its place in the
 * list) of rpc `connection`: CAP_SIGNAL_<CONNECTION>_<CLIENT>. */
const char *symbol_signal_cap(const struct sd_system *sys, unsigned connection,
                              unsigned client, char *out, size_t size);

/* Fills out (SYMBOL_MAX_BADGES entries) with the badges component c receives, in
 * description order; returns how many. */
unsigned symbol_badges(const struct plan *plan, unsigned c, struct symbol_badge *out);

#endif
