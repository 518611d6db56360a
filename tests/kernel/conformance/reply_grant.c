/*
 * reply_grant.c: conformance cases for capabilities carried by replies.
 *
 * seL4's rule: a reply capability has the grant right exactly when the capability the
 * *receiver* (the server) received the call through has it; the caller's rights only
 * decide whether it gets a reply at all. A reply through a reply capability without
 * grant still arrives, without its capabilities (extra caps 0), as in seL4.
 *
 * A worker server answers each call with label + 1, and with the "gift" capability when
 * the call's label is WANT_CAP. It receives first through one capability and then, in
 * every ReplyRecv, through another (often the same), so the cases can check that what
 * counts is the capability of its latest receive, on the fastpath and off it.
 */
#include "framework.h"

#define NO_CAP 10
#define WANT_CAP 20

/* arg = first receive cap << 32 | ReplyRecv cap << 16 | gift. */
static void grant_server(uint64_t arg)
{
    cairn_cptr_t first = arg >> 32, again = (arg >> 16) & 0xffff, gift = arg & 0xffff;
    uint64_t badge;
    uint64_t info = cairn_recv(first, &badge);
    for (;;) {
        unsigned label = (unsigned)cairn_msg_label(info);
        cairn_ipc_buffer()->caps_or_badges[0] = gift;
        info = cairn_reply_recv(again, cairn_msg_info(label + 1, 0, label == WANT_CAP, 0),
                                &badge);
    }
}

static void name_receive_slot(cairn_cptr_t slot, unsigned depth)
{
    struct cairn_ipc_buffer *b = cairn_ipc_buffer();
    b->receive_cnode = ROOT;
    b->receive_index = slot;
    b->receive_depth = depth;
}

/* The slots each case uses. */
enum { EP, GIFT, CLIENT, FIRST, AGAIN, SERVER, DEST };

/*
 * Starts a server receiving first with first_rights, then with again_rights, and gives
 * the root task (the client) a capability with client_rights. 0 when all went well.
 */
static enum cairn_error start_server(const struct env *env, unsigned client_rights,
                                     unsigned first_rights, unsigned again_rights)
{
    cairn_cptr_t ep = slot_of(env, EP);
    enum cairn_error err = make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep);
    if (err == CAIRN_OK) {
        err = make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, slot_of(env, GIFT));
    }
    const unsigned slots[] = {CLIENT, FIRST, AGAIN};
    const unsigned rights[] = {client_rights, first_rights, again_rights};
    for (unsigned i = 0; i < 3 && err == CAIRN_OK; i++) {
        err = cairn_cnode_mint(ROOT, slot_of(env, slots[i]), WORD, ROOT, ep, WORD, rights[i], 0);
    }
    uint64_t arg = slot_of(env, FIRST) << 32 | slot_of(env, AGAIN) << 16 | slot_of(env, GIFT);
    if (err == CAIRN_OK) {
        err = spawn_worker(env, slot_of(env, SERVER), grant_server, arg, 0, LOW + 10,
                           WORKER_BUFFER(1), true);
    }
    return err;
}

/* Calls with label; checks the answer, whether a capability came with it and whether
 * DEST holds the gift afterwards. */
static void call_expecting(const struct env *env, unsigned label, bool arrives, bool held)
{
    uint64_t info = cairn_call(slot_of(env, CLIENT), cairn_msg_info(label, 0, 0, 0));
    CHECK_EQ(cairn_msg_label(info), label + 1);
    CHECK_EQ(cairn_msg_extra_caps(info), arrives ? 1 : 0);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, DEST)),
             held ? CAIRN_CAP_TYPE_NOTIFICATION : CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, GIFT)), CAIRN_CAP_TYPE_NOTIFICATION);
}

#define CALLER_RIGHTS (CAIRN_RIGHT_WRITE | CAIRN_RIGHT_GRANT_REPLY)   /* no grant */
#define NO_GRANT (CAIRN_RIGHT_WRITE | CAIRN_RIGHT_READ)

static void server_grant_caller_without(struct env *env)
{
    lower_self();
    CHECK_EQ(start_server(env, CALLER_RIGHTS, CAIRN_RIGHTS_ALL, CAIRN_RIGHTS_ALL), CAIRN_OK);
    name_receive_slot(slot_of(env, DEST), WORD);
    call_expecting(env, WANT_CAP, true, true);
}

static void server_without_grant(struct env *env)
{
    lower_self();
    CHECK_EQ(start_server(env, CAIRN_RIGHTS_ALL, NO_GRANT, NO_GRANT), CAIRN_OK);
    name_receive_slot(slot_of(env, DEST), WORD);
    call_expecting(env, WANT_CAP, false, false);   /* the reply arrives, its capability not */
    call_expecting(env, NO_CAP, false, false);
}

static void no_receive_slot(struct env *env)
{
    lower_self();
    CHECK_EQ(start_server(env, CAIRN_RIGHTS_ALL, CAIRN_RIGHTS_ALL, CAIRN_RIGHTS_ALL), CAIRN_OK);
    name_receive_slot(0, 0);
    call_expecting(env, WANT_CAP, false, false);
}

/* Round one (no capability, a ReplyRecv that can take the fastpath) switches the
 * server to its second capability; round two shows which grant it recorded. */
static void latest_receive_counts(struct env *env, unsigned client, unsigned first,
                                  unsigned again, bool gift)
{
    lower_self();
    CHECK_EQ(start_server(env, client, first, again), CAIRN_OK);
    name_receive_slot(slot_of(env, DEST), WORD);
    call_expecting(env, NO_CAP, false, false);
    call_expecting(env, WANT_CAP, gift, gift);
    call_expecting(env, NO_CAP, false, gift);   /* a capability stays where it arrived */
}

static void grant_then_no_grant(struct env *env)
{
    latest_receive_counts(env, CAIRN_RIGHTS_ALL, CAIRN_RIGHTS_ALL, NO_GRANT, false);
}

static void no_grant_then_grant(struct env *env)
{
    latest_receive_counts(env, CALLER_RIGHTS, NO_GRANT, CAIRN_RIGHTS_ALL, true);
}

const struct test_case reply_grant_cases[] = {
    {"IPC0021", "a reply carries a capability when the server's capability has grant, the caller's not", server_grant_caller_without},
    {"IPC0022", "a server without grant: the reply arrives, its capability is dropped, caller's grant or not", server_without_grant},
    {"IPC0023", "a reply's capability is dropped when the caller named no receive slot", no_receive_slot},
    {"IPC0024", "the server's latest receive decides: grant, then a ReplyRecv without it", grant_then_no_grant},
    {"IPC0025", "the server's latest receive decides: no grant, then a ReplyRecv with it", no_grant_then_grant},
};
const unsigned reply_grant_cases_count = sizeof(reply_grant_cases) / sizeof(reply_grant_cases[0]);
