/*
 * invocation.h: what every decode step works with: the message, its capabilities, and
 * a precise error when something is wrong.
 *
 * A decode function reads the invoker's message words and extra capabilities through
 * struct message, and either fills struct syscall_error or calls its invoke step. The
 * error travels back to the caller as the reply's label (the error code) and message
 * words with its detail, in the layout seL4 uses:
 *   INVALID_ARGUMENT: MR0 = the argument's index
 *   RANGE:            MR0 = smallest allowed, MR1 = largest allowed
 *   FAILED_LOOKUP:    MR0 = 1 if it was the source slot, MR1 = enum lookup_failure,
 *                     MR2 = address bits left when the lookup stopped
 *   NOT_ENOUGH_MEMORY: MR0 = bytes still free
 */
#ifndef CAIRN_KERNEL_INVOCATION_H
#define CAIRN_KERNEL_INVOCATION_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/error.h"
#include "cspace.h"
#include "thread.h"

struct message {
    struct tcb *sender;
    uint64_t label;
    unsigned length;                                  /* message words present */
    unsigned extra_count;                             /* extra capabilities resolved */
    struct cte *extra[CAIRN_MSG_MAX_EXTRA_CAPS];
    unsigned reply_length;                            /* result words an invoke step set */
};

struct syscall_error {
    enum cairn_error type;
    unsigned argument;
    uint64_t min, max;
    bool lookup_was_source;
    struct lookup_result lookup;
    uint64_t bytes_available;
};

/* Message word i of the sender (registers for i < 4, then the IPC buffer). */
uint64_t message_word(const struct message *m, unsigned i);

/* Sets the reply word i of thread t (where its next receive expects it). */
void message_set_reply_word(struct tcb *t, unsigned i, uint64_t value);

/* Handles a Call or Send on a kernel object by t: decode, invoke, reply. */
void invocation_handle(struct tcb *t, bool wants_reply);

/* Error constructors for decode steps; each also prints `why` in debug builds. */
enum cairn_error error_invalid_argument(struct syscall_error *e, unsigned argument,
                                        const char *why);
enum cairn_error error_range(struct syscall_error *e, uint64_t min, uint64_t max,
                             const char *why);
enum cairn_error error_lookup(struct syscall_error *e, struct lookup_result lookup,
                              bool source, const char *why);
enum cairn_error error_plain(struct syscall_error *e, enum cairn_error type, const char *why);

/* Looks up a slot for a CNode operation and fails the decode when it does not resolve:
 * RANGE (depth not 1..64) or FAILED_LOOKUP; a root CNode without the write right (one
 * that may only be inspected) is INVALID_CAPABILITY. */
enum cairn_error lookup_slot_for_op(struct syscall_error *e, const struct cap *root,
                                    uint64_t index, uint64_t depth, bool source,
                                    struct cte **slot);

/* The same lookup whatever the root's rights, for an operation that only reads the slot. */
enum cairn_error lookup_slot_to_read(struct syscall_error *e, const struct cap *root,
                                     uint64_t index, uint64_t depth, bool source,
                                     struct cte **slot);

#endif
