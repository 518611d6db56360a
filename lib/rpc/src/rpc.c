/*
 * rpc.c: the client call and the server loop of rpc.h.
 *
 * Words travel through the caller's IPC buffer: the client writes the request there and
 * the reply arrives there; the server copies each request out before its handler writes
 * the reply into the same buffer.
 */
#include "rpc.h"

#include "cstring.h"

static unsigned words_for(size_t bytes)
{
    return (unsigned)((bytes + sizeof(uint64_t) - 1) / sizeof(uint64_t));
}

const char *rpc_status_name(unsigned status)
{
    static const char *const names[] = {
        [RPC_OK] = "ok",
        [RPC_E_UNREACHABLE] = "no server behind this capability",
        [RPC_E_TOO_LONG] = "message too long",
        [RPC_E_NO_METHOD] = "no such method",
        [RPC_E_BAD_REQUEST] = "bad request",
        [RPC_E_BAD_REPLY] = "reply of the wrong size",
        [RPC_E_NO_CAP] = "no capability came with the reply",
    };
    if (status < sizeof(names) / sizeof(names[0]) && names[status] != 0) {
        return names[status];
    }
    return status >= RPC_SERVICE_ERROR_BASE ? "service error" : "unknown status";
}

/* The status a reply's label carries, or RPC_E_UNREACHABLE without the RPC tag. */
static unsigned reply_status(uint64_t label)
{
    if (label / RPC_STATUS_LIMIT != RPC_REPLY_TAG) {
        return RPC_E_UNREACHABLE;
    }
    return (unsigned)(label % RPC_STATUS_LIMIT);
}

/* rpc_call's work; *caps gets the number of capabilities the reply carried. */
static unsigned call(cairn_cptr_t server, unsigned method, const void *request,
                     size_t request_bytes, void *reply, size_t reply_bytes, unsigned *caps)
{
    *caps = 0;
    if (request_bytes > RPC_MAX_BYTES || reply_bytes > RPC_MAX_BYTES) {
        return RPC_E_TOO_LONG;
    }
    struct cairn_ipc_buffer *buffer = cairn_ipc_buffer();
    unsigned words = words_for(request_bytes);
    buffer->msg[words > 0 ? words - 1 : 0] = 0;   /* no stale bytes after a short struct */
    memcpy(buffer->msg, request, request_bytes);
    uint64_t info = cairn_call(server, cairn_msg_info(method, 0, 0, words));
    unsigned status = reply_status(cairn_msg_label(info));
    if (status != RPC_OK) {
        return status;
    }
    *caps = cairn_msg_extra_caps(info);   /* a reply unwraps nothing */
    if (cairn_msg_length(info) != words_for(reply_bytes)) {
        return RPC_E_BAD_REPLY;
    }
    memcpy(reply, buffer->msg, reply_bytes);
    return RPC_OK;
}

unsigned rpc_call(cairn_cptr_t server, unsigned method, const void *request,
                  size_t request_bytes, void *reply, size_t reply_bytes)
{
    unsigned caps;
    return call(server, method, request, request_bytes, reply, reply_bytes, &caps);
}

unsigned rpc_call_cap(cairn_cptr_t server, unsigned method, const void *request,
                      size_t request_bytes, void *reply, size_t reply_bytes,
                      struct rpc_receive_slot slot)
{
    struct cairn_ipc_buffer *buffer = cairn_ipc_buffer();
    buffer->receive_cnode = slot.cnode;
    buffer->receive_index = slot.index;
    buffer->receive_depth = slot.depth;
    unsigned caps;
    unsigned status = call(server, method, request, request_bytes, reply, reply_bytes, &caps);
    buffer->receive_depth = 0;   /* no later message may drop a capability there */
    return status == RPC_OK && caps == 0 ? RPC_E_NO_CAP : status;
}

bool rpc_request_read(const struct rpc_request *request, void *out, size_t bytes)
{
    if (bytes > RPC_MAX_BYTES || request->words != words_for(bytes)) {
        return false;
    }
    memcpy(out, request->data, bytes);
    return true;
}

void rpc_reply_set(struct rpc_reply *reply, unsigned status, const void *data, size_t bytes)
{
    reply->status = status;
    reply->words = 0;
    if (bytes > RPC_MAX_BYTES) {
        reply->status = RPC_E_TOO_LONG;
        return;
    }
    reply->words = words_for(bytes);
    if (reply->words > 0) {
        reply->data[reply->words - 1] = 0;
    }
    memcpy(reply->data, data, bytes);
}

/* Copies what arrived (info, badge, the words in the IPC buffer) into a request. */
static void take_request(uint64_t info, uint64_t badge, struct rpc_request *request)
{
    request->badge = badge;
    request->method = (unsigned)cairn_msg_label(info);
    request->words = cairn_msg_length(info);
    memcpy(request->data, cairn_ipc_buffer()->msg, request->words * sizeof(uint64_t));
}

/* Puts the reply's words in the IPC buffer; returns the info word to send. */
static uint64_t give_reply(const struct rpc_reply *reply)
{
    unsigned status = reply->status < RPC_STATUS_LIMIT ? reply->status : RPC_E_BAD_REPLY;
    unsigned words = status == reply->status && reply->words <= RPC_MAX_WORDS ? reply->words : 0;
    struct cairn_ipc_buffer *buffer = cairn_ipc_buffer();
    memcpy(buffer->msg, reply->data, words * sizeof(uint64_t));
    unsigned caps = status == RPC_OK && reply->cap != 0 ? 1 : 0;
    buffer->caps_or_badges[0] = reply->cap;
    return cairn_msg_info((uint64_t)RPC_REPLY_TAG * RPC_STATUS_LIMIT + status, 0, caps, words);
}

void rpc_serve(cairn_cptr_t endpoint, rpc_handler handler, void *context)
{
    /* On this thread's stack (about 2 KiB): each serving thread has its own. The request
     * is a copy, so the handler may make calls of its own (which reuse the IPC buffer). */
    struct rpc_request request;
    struct rpc_reply reply;
    uint64_t badge = 0;
    uint64_t info = cairn_recv(endpoint, &badge);
    for (;;) {
        take_request(info, badge, &request);
        reply = (struct rpc_reply){.status = RPC_E_NO_METHOD};
        handler(context, &request, &reply);
        if (reply.after == 0) {
            info = cairn_reply_recv(endpoint, give_reply(&reply), &badge);
            continue;
        }
        cairn_reply_to_caller(give_reply(&reply));
        reply.after(reply.cap);
        info = cairn_recv(endpoint, &badge);
    }
}
