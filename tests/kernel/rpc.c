/*
 * rpc.c: lib/rpc end to end: a server thread and the root task as two clients.
 *
 * The root task makes an endpoint, mints two client capabilities with different badges,
 * and starts a server thread (its own IPC buffer and stack) that serves a small test
 * protocol with a notification bound to it. Then it checks what a client sees: results,
 * the badge the server was given by the kernel (never the one the client claims),
 * every status of the library, the longest message, and signals arriving as method 0.
 */
#include "cairn.h"
#include "cstring.h"
#include "rpc.h"

#define ROOT CAIRN_CAP_INIT_CNODE
#define STACK_WORDS 1024
#define SERVER_BUFFER (CAIRN_ROOT_IPC_BUFFER_VADDR + 1024)

enum method { ADD = 1, WHO_AM_I = 2, ECHO = 3, FAIL = 4, SIGNALS = 5, PEEK = 6 };

/* Left in message registers a message does not use: it must never cross (the fastpath
 * once copied all four registers whatever the length). */
#define CLIENT_JUNK 0xc1e47ull
#define SERVER_JUNK 0x5e4e4ull
enum { SLOT_EP, SLOT_CLIENT_A, SLOT_CLIENT_B, SLOT_NTFN, SLOT_SERVER, SLOT_EMPTY, SLOTS };

#define BADGE_A 1
#define BADGE_B 2
#define SERVICE_ERROR (RPC_SERVICE_ERROR_BASE + 7)

struct add_request { uint64_t a, b; };
struct echo_message { uint64_t words[RPC_MAX_WORDS]; };

static uint64_t server_stack[STACK_WORDS] __attribute__((aligned(16)));
static cairn_cptr_t first_free;
static unsigned passed, failed;

static cairn_cptr_t slot(unsigned which)
{
    return first_free + which;
}

#define CHECK(what, condition) check(what, (condition))

static void check(const char *what, bool ok)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        cairn_printf("rpc: FAILED: %s\n", what);
    }
}

/* ---- the server ---------------------------------------------------------------- */

static uint64_t signals_seen;

static void handle(void *context, const struct rpc_request *request, struct rpc_reply *reply)
{
    (void)context;
    if (rpc_is_signal(request)) {
        signals_seen |= request->badge & ~RPC_SIGNAL_FLAG;   /* of the bound notification */
        return;
    }
    struct add_request add;
    struct echo_message echo;
    switch (request->method) {
    case ADD:
        if (!rpc_request_read(request, &add, sizeof(add))) {
            rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
            return;
        }
        uint64_t sum = add.a + add.b;
        rpc_reply_set(reply, RPC_OK, &sum, sizeof(sum));
        return;
    case WHO_AM_I:
        rpc_reply_set(reply, RPC_OK, &request->badge, sizeof(request->badge));
        return;
    case ECHO:
        if (!rpc_request_read(request, &echo, request->words * sizeof(uint64_t))) {
            rpc_reply_set(reply, RPC_E_BAD_REQUEST, 0, 0);
            return;
        }
        rpc_reply_set(reply, RPC_OK, &echo, request->words * sizeof(uint64_t));
        return;
    case FAIL:
        rpc_reply_set(reply, SERVICE_ERROR, 0, 0);
        return;
    case SIGNALS:
        rpc_reply_set(reply, RPC_OK, &signals_seen, sizeof(signals_seen));
        return;
    case PEEK: {   /* did words the client did not send arrive? Then leave junk of ours */
        uint64_t *msg = cairn_ipc_buffer()->msg;
        uint64_t leaked = msg[1] == CLIENT_JUNK || msg[2] == CLIENT_JUNK || msg[3] == CLIENT_JUNK;
        msg[1] = msg[2] = msg[3] = SERVER_JUNK;
        reply->status = leaked ? SERVICE_ERROR : RPC_OK;
        reply->words = 0;   /* the junk stays in our buffer, unsent */
        return;
    }
    default:
        return;   /* the reply stays RPC_E_NO_METHOD */
    }
}

static void server_main(uint64_t endpoint)
{
    rpc_serve(endpoint, handle, 0);
}

/* ---- setup --------------------------------------------------------------------- */

static uint64_t read_gp(void)
{
    uint64_t gp;
    __asm__ volatile("mv %0, gp" : "=r"(gp));
    return gp;
}

static enum cairn_error setup(cairn_cptr_t untyped)
{
    enum cairn_error err = cairn_untyped_retype(untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, 0, 0,
                                                slot(SLOT_EP), 1);
    const unsigned all = CAIRN_RIGHTS_ALL;
    if (err == CAIRN_OK) {
        err = cairn_cnode_mint(ROOT, slot(SLOT_CLIENT_A), CAIRN_WORD_BITS, ROOT, slot(SLOT_EP),
                               CAIRN_WORD_BITS, all, BADGE_A);
    }
    if (err == CAIRN_OK) {
        err = cairn_cnode_mint(ROOT, slot(SLOT_CLIENT_B), CAIRN_WORD_BITS, ROOT, slot(SLOT_EP),
                               CAIRN_WORD_BITS, all, BADGE_B);
    }
    if (err == CAIRN_OK) {
        err = cairn_untyped_retype(untyped, CAIRN_OBJECT_NOTIFICATION, 0, ROOT, 0, 0,
                                   slot(SLOT_NTFN), 1);
    }
    if (err == CAIRN_OK) {
        err = cairn_untyped_retype(untyped, CAIRN_OBJECT_TCB, 0, ROOT, 0, 0, slot(SLOT_SERVER), 1);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_configure(slot(SLOT_SERVER), 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE,
                                  SERVER_BUFFER, CAIRN_CAP_INIT_IPC_BUFFER);
    }
    if (err == CAIRN_OK) {
        err = cairn_tcb_bind_notification(slot(SLOT_SERVER), slot(SLOT_NTFN));
    }
    if (err == CAIRN_OK) {   /* above us: it runs to its first receive at once */
        err = cairn_tcb_set_priority(slot(SLOT_SERVER), CAIRN_CAP_INIT_TCB, 200);
    }
    uint64_t regs[11] = {0};
    regs[0] = (uint64_t)server_main;
    regs[2] = (uint64_t)&server_stack[STACK_WORDS];
    regs[3] = read_gp();
    regs[4] = SERVER_BUFFER;
    regs[10] = slot(SLOT_EP);
    if (err == CAIRN_OK) {
        err = cairn_tcb_write_registers(slot(SLOT_SERVER), true, 11, regs);
    }
    return err;
}

/* ---- the client's checks ------------------------------------------------------- */

static void results_and_badges(void)
{
    struct add_request add = {.a = 40, .b = 2};
    uint64_t sum = 0, badge = 0;
    CHECK("add is answered", rpc_call(slot(SLOT_CLIENT_A), ADD, &add, sizeof(add), &sum,
                                      sizeof(sum)) == RPC_OK && sum == 42);
    uint64_t claimed = BADGE_B;   /* a lie in the message, which the server ignores */
    CHECK("the server sees client A's badge",
          rpc_call(slot(SLOT_CLIENT_A), WHO_AM_I, &claimed, sizeof(claimed), &badge,
                   sizeof(badge)) == RPC_OK && badge == BADGE_A);
    CHECK("the server sees client B's badge",
          rpc_call(slot(SLOT_CLIENT_B), WHO_AM_I, 0, 0, &badge, sizeof(badge)) == RPC_OK &&
              badge == BADGE_B);
}

static void statuses(void)
{
    uint64_t word = 0;
    struct add_request add = {.a = 1, .b = 2};
    CHECK("an unknown method is RPC_E_NO_METHOD",
          rpc_call(slot(SLOT_CLIENT_A), 99, 0, 0, 0, 0) == RPC_E_NO_METHOD);
    CHECK("a short request is RPC_E_BAD_REQUEST",
          rpc_call(slot(SLOT_CLIENT_A), ADD, &add, sizeof(uint64_t), &word, sizeof(word)) ==
              RPC_E_BAD_REQUEST);
    CHECK("a service error arrives as it was sent",
          rpc_call(slot(SLOT_CLIENT_A), FAIL, 0, 0, 0, 0) == SERVICE_ERROR);
    CHECK("a reply of another size is RPC_E_BAD_REPLY",
          rpc_call(slot(SLOT_CLIENT_A), ADD, &add, sizeof(add), 0, 0) == RPC_E_BAD_REPLY);
    CHECK("an empty slot is RPC_E_UNREACHABLE",
          rpc_call(slot(SLOT_EMPTY), ADD, &add, sizeof(add), &word, sizeof(word)) ==
              RPC_E_UNREACHABLE);
    CHECK("a TCB is RPC_E_UNREACHABLE",
          rpc_call(CAIRN_CAP_INIT_TCB, ADD, &add, sizeof(add), &word, sizeof(word)) ==
              RPC_E_UNREACHABLE);
    CHECK("a request over RPC_MAX_BYTES is refused before it is sent",
          rpc_call(slot(SLOT_CLIENT_A), ADD, &add, RPC_MAX_BYTES + 1, 0, 0) == RPC_E_TOO_LONG);
    CHECK("status names", rpc_status_name(RPC_E_NO_METHOD)[0] == 'n' &&
                              rpc_status_name(SERVICE_ERROR)[0] == 's');
}

static void longest_message(void)
{
    static struct echo_message out, back;
    for (unsigned i = 0; i < RPC_MAX_WORDS; i++) {
        out.words[i] = 0x1000 + i * 7;
    }
    CHECK("120 words go and come back intact",
          rpc_call(slot(SLOT_CLIENT_A), ECHO, &out, sizeof(out), &back, sizeof(back)) ==
              RPC_OK && memcmp(&out, &back, sizeof(out)) == 0);
    uint64_t five[5] = {1, 2, 3, 4, 5}, five_back[5] = {0};
    CHECK("5 words (one past the registers) come back intact",
          rpc_call(slot(SLOT_CLIENT_A), ECHO, five, sizeof(five), five_back,
                   sizeof(five_back)) == RPC_OK && five_back[4] == 5 && five_back[0] == 1);
}

static void unsent_words_stay_home(void)
{
    uint64_t *msg = cairn_ipc_buffer()->msg;
    msg[1] = msg[2] = msg[3] = CLIENT_JUNK;
    CHECK("words a call does not send do not reach the server",
          rpc_call(slot(SLOT_CLIENT_A), PEEK, 0, 0, 0, 0) == RPC_OK);
    CHECK("words a reply does not send do not reach the client",
          msg[1] != SERVER_JUNK && msg[2] != SERVER_JUNK && msg[3] != SERVER_JUNK);
}

static void signals_as_method_zero(void)
{
    cairn_cptr_t signal_a = slot(SLOTS), signal_b = slot(SLOTS + 1);
    bool minted = cairn_cnode_mint(ROOT, signal_a, CAIRN_WORD_BITS, ROOT, slot(SLOT_NTFN),
                                   CAIRN_WORD_BITS, CAIRN_RIGHTS_ALL,
                                   RPC_SIGNAL_FLAG | 0x10) == CAIRN_OK &&
                  cairn_cnode_mint(ROOT, signal_b, CAIRN_WORD_BITS, ROOT, slot(SLOT_NTFN),
                                   CAIRN_WORD_BITS, CAIRN_RIGHTS_ALL,
                                   RPC_SIGNAL_FLAG | 0x4) == CAIRN_OK;
    CHECK("notification capabilities minted", minted);
    cairn_signal(signal_a);
    cairn_signal(signal_b);
    uint64_t seen = 0;
    uint64_t zero = 0;   /* a client's method 0 is a call like any other, not a signal */
    CHECK("method 0 from a client is no signal",
          rpc_call(slot(SLOT_CLIENT_A), 0, &zero, sizeof(zero), 0, 0) == RPC_E_NO_METHOD);
    CHECK("signals reach the server's handler as method 0",
          rpc_call(slot(SLOT_CLIENT_B), SIGNALS, 0, 0, &seen, sizeof(seen)) == RPC_OK &&
              seen == 0x14);
}

int main(const struct cairn_bootinfo *info)
{
    first_free = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    cairn_cptr_t untyped = cairn_largest_ram_untyped(info);
    if (untyped == 0 || setup(untyped) != CAIRN_OK) {
        cairn_printf("rpc: setup failed\n");
        return 1;
    }
    results_and_badges();
    statuses();
    longest_message();
    unsent_words_stay_home();
    signals_as_method_zero();
    CHECK("kernel self-check", cairn_debug_self_check() == 0);
    cairn_printf("rpc: %u checks passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
