/*
 * rpc.h: calls between components over endpoints, in the one shape every service uses.
 *
 * A request is a method number (the message label) and a plain struct of at most
 * RPC_MAX_BYTES, carried word by word as message words. The reply's label is
 * RPC_REPLY_TAG plus a status: RPC_OK, an RPC_E_* of this library, or the service's own
 * error code (from RPC_SERVICE_ERROR_BASE up). A reply without the tag did not come from
 * an RPC server: the kernel refused the call (the capability is empty, or not an
 * endpoint this component may call), which the client sees as RPC_E_UNREACHABLE.
 *
 * A server knows its client by the badge the kernel delivers with each message, never
 * by anything the message says; the system description gives each client its own.
 * A reply may carry one capability (rpc_reply.cap) into the receive slot the client
 * names with rpc_call_cap; the kernel lets it through only when the server's endpoint
 * capability has the grant right (the description's rpc option `grant`).
 * Notification badges carry RPC_SIGNAL_FLAG, which no client badge has, so a server with
 * a bound notification tells a signal from a call by the badge alone: a client cannot
 * pass for a signal.
 */
#ifndef CAIRN_RPC_H
#define CAIRN_RPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootplan.h"
#include "cairn.h"

#define RPC_MAX_WORDS CAIRN_MSG_MAX_LENGTH
#define RPC_MAX_BYTES (RPC_MAX_WORDS * sizeof(uint64_t))
#define RPC_REPLY_TAG 0x5250u                 /* "RP" */
#define RPC_STATUS_LIMIT 0x1000u              /* statuses are below this */
#define RPC_SIGNAL_FLAG BOOTPLAN_SIGNAL_FLAG

enum rpc_status {
    RPC_OK = 0,
    RPC_E_UNREACHABLE = 1,     /* the kernel refused the call: no server behind the cptr */
    RPC_E_TOO_LONG = 2,        /* the request, or the reply, exceeds what the caller allows */
    RPC_E_NO_METHOD = 3,       /* the server has no such method */
    RPC_E_BAD_REQUEST = 4,     /* the request's size or a field is wrong */
    RPC_E_BAD_REPLY = 5,       /* the reply's size is not what the caller expects */
    RPC_E_NO_CAP = 6,          /* rpc_call_cap: the reply carried no capability */
    RPC_SERVICE_ERROR_BASE = 16,
};

/* A one-line description of a status of this library ("service error" above them). */
const char *rpc_status_name(unsigned status);

/*
 * Calls method on the server behind `server` with request_bytes of request. A reply of
 * exactly reply_bytes is copied to reply (reply_bytes 0: no reply data expected).
 * Returns the status.
 */
unsigned rpc_call(cairn_cptr_t server, unsigned method, const void *request,
                  size_t request_bytes, void *reply, size_t reply_bytes);

/* Where a capability a reply carries goes: slot `index` at `depth` bits of the CNode
 * `cnode` in the caller's CSpace (like a CNode invocation's slot arguments). */
struct rpc_receive_slot {
    cairn_cptr_t cnode;
    cairn_cptr_t index;
    unsigned depth;
};

/*
 * rpc_call, for a method whose reply carries a capability: it arrives in `slot` (which
 * must be empty). Returns RPC_E_NO_CAP when the reply was RPC_OK (reply copied) but no
 * capability came. The receive slot is forgotten afterwards.
 */
unsigned rpc_call_cap(cairn_cptr_t server, unsigned method, const void *request,
                      size_t request_bytes, void *reply, size_t reply_bytes,
                      struct rpc_receive_slot slot);

/* What a server's handler receives: who called, which method, the request's words. */
struct rpc_request {
    uint64_t badge;
    unsigned method;
    unsigned words;
    uint64_t data[RPC_MAX_WORDS];
};

/* What a handler fills in: the status, the reply's words and, with RPC_OK, a capability
 * (in the server's CSpace; 0: none) to pass to the client. `after`, if set, runs once the
 * reply is sent and before the next receive (with the reply's capability): a server that
 * deletes its own copy there leaves the client the only one, as mapping a page table
 * needs. */
struct rpc_reply {
    unsigned status;
    unsigned words;
    cairn_cptr_t cap;
    void (*after)(cairn_cptr_t cap);
    uint64_t data[RPC_MAX_WORDS];
};

/* Copies the request into `out` if it is exactly `bytes` long (rounded up to words). */
bool rpc_request_read(const struct rpc_request *request, void *out, size_t bytes);

/* Sets the reply's status and data (bytes <= RPC_MAX_BYTES). */
void rpc_reply_set(struct rpc_reply *reply, unsigned status, const void *data, size_t bytes);

/* A server's handler: reads the request, fills in the reply. A signal of a notification
 * bound to the server thread arrives as method 0 with the signal bits as the badge (with
 * RPC_SIGNAL_FLAG: see rpc_is_signal). */
typedef void (*rpc_handler)(void *context, const struct rpc_request *request,
                            struct rpc_reply *reply);

/* True when the request is a signal of the notification bound to the server thread. */
static inline bool rpc_is_signal(const struct rpc_request *request)
{
    return (request->badge & RPC_SIGNAL_FLAG) != 0;
}

/* Serves requests on `endpoint` for ever, one at a time. Uses about 2 KiB of the
 * thread's stack for the request and reply. */
void rpc_serve(cairn_cptr_t endpoint, rpc_handler handler, void *context)
    __attribute__((noreturn));

#endif
