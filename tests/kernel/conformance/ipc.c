/*
 * ipc.c: conformance cases for endpoints and notifications: send, call and reply,
 * badges, long messages, non-blocking variants, ordering of waiters by priority,
 * capability transfer with and without grant, badge unwrapping, signals, bound
 * notifications, capability faults, cancellation and saved reply capabilities.
 *
 * Workers record what they received in `seen`; the root task (at LOW) checks it.
 */
#include "framework.h"

#define NONE CAIRN_CAP_TYPE_NULL

static volatile struct {
    uint64_t info;
    uint64_t badge;
    uint64_t words[CAIRN_MSG_MAX_LENGTH];
    uint64_t count;    /* messages received */
} seen;

static void record(uint64_t info, uint64_t badge)
{
    seen.info = info;
    seen.badge = badge;
    for (unsigned i = 0; i < cairn_msg_length(info); i++) {
        seen.words[i] = cairn_get_mr(i);
    }
    seen.count++;
}

static void receive_forever(uint64_t ep)
{
    for (;;) {
        uint64_t badge;
        uint64_t info = cairn_recv(ep, &badge);
        record(info, badge);
    }
}

/* Replies with label + 1 and every word doubled. */
static void echo_server(uint64_t ep)
{
    uint64_t badge;
    uint64_t info = cairn_recv(ep, &badge);
    for (;;) {
        record(info, badge);
        unsigned length = cairn_msg_length(info);
        for (unsigned i = 0; i < length; i++) {
            cairn_set_mr(i, cairn_get_mr(i) * 2);
        }
        info = cairn_reply_recv(ep, cairn_msg_info(cairn_msg_label(info) + 1, 0, 0, length),
                                &badge);
    }
}

/* arg = own TCB slot << 16 | endpoint << 8 | label: sends the label, then suspends itself
 * (receiving on the same endpoint would take the messages meant for the root task). */
static void send_label(uint64_t arg)
{
    cairn_send((arg >> 8) & 0xff, cairn_msg_info(arg & 0xff, 0, 0, 0));
    seen.count++;
    cairn_tcb_suspend(arg >> 16);
}

static uint64_t sender_arg(cairn_cptr_t self, cairn_cptr_t ep, unsigned label)
{
    return self << 16 | ep << 8 | label;
}

/* Sends one capability (the cptr in the low 16 bits) over the endpoint (bits 16..). */
static void send_cap(uint64_t arg)
{
    cairn_ipc_buffer()->caps_or_badges[0] = arg & 0xffff;
    cairn_send(arg >> 16, cairn_msg_info(3, 0, 1, 0));
    for (;;) {
        cairn_recv(arg >> 16, 0);
    }
}

static void wait_forever(uint64_t ntfn)
{
    for (;;) {
        uint64_t bits = cairn_wait(ntfn);
        record(0, bits);
    }
}

static void reset_seen(void)
{
    seen.count = 0;
    seen.info = seen.badge = 0;
}

static void set_receive_slot(cairn_cptr_t slot)
{
    struct cairn_ipc_buffer *b = cairn_ipc_buffer();
    b->receive_cnode = ROOT;
    b->receive_index = slot;
    b->receive_depth = WORD;
}

static void send_delivers_message(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 1), receive_forever, ep, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    cairn_set_mr(0, 11);
    cairn_set_mr(1, 22);
    cairn_send(ep, cairn_msg_info(7, 0, 0, 2));
    CHECK_EQ(seen.count, 1);
    CHECK_EQ(cairn_msg_label(seen.info), 7);
    CHECK_EQ(cairn_msg_length(seen.info), 2);
    CHECK_EQ(seen.words[0], 11);
    CHECK_EQ(seen.words[1], 22);
    CHECK_EQ(seen.badge, 0);
}

static void call_and_reply(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 1), echo_server, ep, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    for (unsigned round = 1; round <= 3; round++) {
        cairn_set_mr(0, 21 * round);
        uint64_t reply = cairn_call(ep, cairn_msg_info(5, 0, 0, 1));
        CHECK_EQ(cairn_msg_label(reply), 6);
        CHECK_EQ(cairn_msg_length(reply), 1);
        CHECK_EQ(cairn_get_mr(0), 42 * round);
    }
}

static void badge_is_delivered(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), badged = slot_of(env, 2);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, badged, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 0x42),
             CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 1), receive_forever, ep, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    cairn_send(badged, cairn_msg_info(1, 0, 0, 0));
    CHECK_EQ(seen.badge, 0x42);
    cairn_send(ep, cairn_msg_info(1, 0, 0, 0));
    CHECK_EQ(seen.badge, 0);
}

static void long_message(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 1), receive_forever, ep, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    for (unsigned i = 0; i < CAIRN_MSG_MAX_LENGTH; i++) {
        cairn_set_mr(i, i * 3 + 1);
    }
    cairn_send(ep, cairn_msg_info(2, 0, 0, CAIRN_MSG_MAX_LENGTH));
    CHECK_EQ(cairn_msg_length(seen.info), CAIRN_MSG_MAX_LENGTH);
    for (unsigned i = 0; i < CAIRN_MSG_MAX_LENGTH; i++) {
        CHECK_EQ(seen.words[i], i * 3 + 1);
    }
}

static void non_blocking_variants(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    uint64_t badge = 99;
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_nb_recv(ep, &badge), 0);   /* nothing there: empty message, badge 0 */
    CHECK_EQ(badge, 0);
    cairn_nb_send(ep, cairn_msg_info(9, 0, 0, 0));   /* nobody waits: dropped */
    CHECK_EQ(spawn_worker(env, slot_of(env, 1), receive_forever, ep, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    CHECK_EQ(seen.count, 0);                   /* the dropped message never arrives */
    cairn_nb_send(ep, cairn_msg_info(9, 0, 0, 0));   /* now a receiver waits */
    CHECK_EQ(seen.count, 1);
}

static void senders_ordered_by_priority(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 1), send_label, sender_arg(slot_of(env, 1), ep, 1), 0, LOW + 10, true), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 2), send_label, sender_arg(slot_of(env, 2), ep, 2), 1, LOW + 20, true), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 3), send_label, sender_arg(slot_of(env, 3), ep, 3), 2, LOW + 20, true), CAIRN_OK);
    CHECK_EQ(seen.count, 0);   /* all three are blocked sending */
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), 2);   /* highest priority first */
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), 3);   /* then first come, same priority */
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), 1);
    CHECK_EQ(seen.count, 3);
}

static void capability_transfer(struct env *env, unsigned rights, bool expect_cap)
{
    cairn_cptr_t ep = slot_of(env, 0), ntfn = slot_of(env, 1), via = slot_of(env, 2);
    cairn_cptr_t dest = slot_of(env, 5);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, ntfn), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, via, WORD, ROOT, ep, WORD, rights, 0), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 3), send_cap, via << 16 | ntfn, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    set_receive_slot(dest);
    uint64_t info = cairn_recv(ep, 0);
    CHECK_EQ(cairn_msg_label(info), 3);
    CHECK_EQ(cairn_msg_extra_caps(info), expect_cap ? 1 : 0);
    CHECK_EQ(cairn_debug_cap_identify(dest),
             expect_cap ? CAIRN_CAP_TYPE_NOTIFICATION : CAIRN_CAP_TYPE_NULL);
}

static void transfer_with_grant(struct env *env)
{
    capability_transfer(env, CAIRN_RIGHTS_ALL, true);
}

static void transfer_without_grant(struct env *env)
{
    capability_transfer(env, CAIRN_RIGHT_WRITE | CAIRN_RIGHT_READ, false);
}

static void badge_unwrapping(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), badged = slot_of(env, 1), dest = slot_of(env, 5);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, badged, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 0x77),
             CAIRN_OK);
    /* The worker sends the badged capability through the very endpoint it names. */
    CHECK_EQ(spawn_worker(env, slot_of(env, 3), send_cap, badged << 16 | badged, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    set_receive_slot(dest);
    uint64_t badge;
    uint64_t info = cairn_recv(ep, &badge);
    CHECK_EQ(badge, 0x77);
    CHECK_EQ(cairn_msg_extra_caps(info), 1);
    CHECK_EQ(cairn_msg_unwrapped(info), 1);
    CHECK_EQ(cairn_ipc_buffer()->caps_or_badges[0], 0x77);
    CHECK_EQ(cairn_debug_cap_identify(dest), NONE);   /* unwrapped: no capability moved */
}

static void signals_or_together(struct env *env)
{
    cairn_cptr_t n = slot_of(env, 0), b1 = slot_of(env, 1), b4 = slot_of(env, 2);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, b1, WORD, ROOT, n, WORD, CAIRN_RIGHTS_ALL, 1), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, b4, WORD, ROOT, n, WORD, CAIRN_RIGHTS_ALL, 4), CAIRN_OK);
    CHECK_EQ(cairn_poll(n), 0);
    cairn_signal(b1);
    cairn_signal(b4);
    cairn_signal(b4);
    CHECK_EQ(cairn_wait(n), 5);
    CHECK_EQ(cairn_poll(n), 0);   /* waiting consumed the word */
}

static void unbadged_signal_is_kept(struct env *env)
{
    /* A signal through an unbadged capability (badge 0) must not be lost when nobody
     * waits yet: the next wait returns at once (with bits 0), as in seL4. */
    cairn_cptr_t n = slot_of(env, 0);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    cairn_signal(n);
    uint64_t badge = 7;
    CHECK_EQ(cairn_nb_recv(n, &badge), 0);
    CHECK_EQ(badge, 0);
    /* Consumed: a second poll finds nothing, and a worker that waits now blocks. */
    lower_self();
    reset_seen();
    CHECK_EQ(spawn(env, slot_of(env, 1), wait_forever, n, 0, LOW + 10, true), CAIRN_OK);
    CHECK_EQ(seen.count, 0);
    cairn_signal(n);
    CHECK_EQ(seen.count, 1);
}

static void wait_blocks_until_signal(struct env *env)
{
    cairn_cptr_t n = slot_of(env, 0), b = slot_of(env, 1);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, b, WORD, ROOT, n, WORD, CAIRN_RIGHTS_ALL, 0x30), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 2), wait_forever, n, 0, LOW + 10, true), CAIRN_OK);
    CHECK_EQ(seen.count, 0);
    cairn_signal(b);
    CHECK_EQ(seen.count, 1);
    CHECK_EQ(seen.badge, 0x30);
}

static void bound_notification_wakes_receive(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), n = slot_of(env, 1), b = slot_of(env, 2);
    cairn_cptr_t worker = slot_of(env, 3);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, b, WORD, ROOT, n, WORD, CAIRN_RIGHTS_ALL, 8), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, worker, receive_forever, ep, 0, LOW + 10, WORKER_BUFFER(1),
                          false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_bind_notification(worker, n), CAIRN_OK);
    CHECK_EQ(cairn_tcb_bind_notification(worker, n), CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    CHECK_EQ(seen.count, 0);   /* blocked receiving on the endpoint */
    cairn_signal(b);
    CHECK_EQ(seen.count, 1);
    CHECK_EQ(seen.badge, 8);
    CHECK_EQ(cairn_msg_length(seen.info), 0);
    CHECK_EQ(cairn_tcb_unbind_notification(worker), CAIRN_OK);
    CHECK_EQ(cairn_tcb_unbind_notification(worker), CAIRN_E_ILLEGAL_OPERATION);
}

static void receive_without_read_right_faults(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), write_only = slot_of(env, 1), worker = slot_of(env, 2);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, write_only, WORD, ROOT, ep, WORD, CAIRN_RIGHT_WRITE, 0),
             CAIRN_OK);
    CHECK_EQ(spawn(env, worker, receive_forever, write_only, 0, LOW + 10, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_name(worker, "no-read-right"), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    CHECK_EQ(seen.count, 0);
    /* The worker stopped at its ecall; the endpoint still works for others. */
    CHECK_EQ(cairn_nb_recv(ep, 0), 0);
}

static void deleting_endpoint_releases_waiter(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), worker = slot_of(env, 1);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn(env, worker, receive_forever, ep, 0, LOW + 10, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_name(worker, "orphaned-receiver"), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    /* The receiver restarts its receive, finds no capability, and faults; we go on. */
    CHECK_EQ(cairn_cnode_delete(ROOT, ep, WORD), CAIRN_OK);
    CHECK_EQ(seen.count, 0);
    CHECK_EQ(cairn_debug_self_check(), 0);
}

/* Receives one call, saves the reply capability in slot arg & 0xffff, answers through it. */
static void save_and_answer(uint64_t arg)
{
    cairn_cptr_t ep = arg >> 16, saved = arg & 0xffff;
    cairn_recv(ep, 0);
    cairn_cnode_save_caller(ROOT, saved, WORD);
    cairn_set_mr(0, 1234);
    cairn_send(saved, cairn_msg_info(99, 0, 0, 1));
    for (;;) {
        cairn_recv(ep, 0);
    }
}

static void saved_reply_capability(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), saved = slot_of(env, 1);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 2), save_and_answer, ep << 16 | saved, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    uint64_t reply = cairn_call(ep, cairn_msg_info(1, 0, 0, 0));
    CHECK_EQ(cairn_msg_label(reply), 99);
    CHECK_EQ(cairn_get_mr(0), 1234);
    CHECK_EQ(cairn_debug_cap_identify(saved), NONE);   /* used up by the reply */
}

static void cancel_badged_sends(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), one = slot_of(env, 1), one_copy = slot_of(env, 2);
    cairn_cptr_t two = slot_of(env, 3);
    lower_self();
    reset_seen();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, one, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 1), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, one_copy, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 1),
             CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, two, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 2), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 4), send_label, sender_arg(slot_of(env, 4), one, 1), 0, LOW + 10, true), CAIRN_OK);
    CHECK_EQ(spawn(env, slot_of(env, 5), send_label, sender_arg(slot_of(env, 5), two, 2), 1, LOW + 10, true), CAIRN_OK);
    /* Badge 1's capability is withdrawn, then its pending send cancelled: the sender
     * restarts, finds no capability and faults; only badge 2's message remains. */
    CHECK_EQ(cairn_cnode_delete(ROOT, one, WORD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_cancel_badged_sends(ROOT, one_copy, WORD), CAIRN_OK);
    uint64_t badge;
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, &badge)), 2);
    CHECK_EQ(badge, 2);
    CHECK_EQ(cairn_nb_recv(ep, &badge), 0);
    CHECK_EQ(cairn_cnode_cancel_badged_sends(ROOT, ep, WORD), CAIRN_E_ILLEGAL_OPERATION);
}

static void suspended_sender_leaves_queue(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), worker = slot_of(env, 1);
    lower_self();
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(spawn(env, worker, send_label, sender_arg(worker, ep, 4), 0, LOW + 10, true), CAIRN_OK);
    CHECK_EQ(cairn_tcb_suspend(worker), CAIRN_OK);
    uint64_t badge = 5;
    CHECK_EQ(cairn_nb_recv(ep, &badge), 0);   /* its message went with it */
    /* Resumed, it repeats its send. */
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    CHECK_EQ(cairn_msg_label(cairn_recv(ep, 0)), 4);
}

static void reply_without_caller(struct env *env)
{
    (void)env;
    cairn_reply_to_caller(cairn_msg_info(1, 0, 0, 0));   /* nobody called: nothing happens */
    CHECK_EQ(cairn_debug_self_check(), 0);
}

static void receive_on_tcb_faults(struct env *env)
{
    cairn_cptr_t worker = slot_of(env, 0);
    lower_self();
    reset_seen();
    CHECK_EQ(spawn(env, worker, receive_forever, worker, 0, LOW + 10, false), CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_name(worker, "recv-on-tcb"), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(worker), CAIRN_OK);
    CHECK_EQ(seen.count, 0);
}

const struct test_case ipc_cases[] = {
    {"IPC0001", "send delivers label, words and badge 0 to a waiting receiver", send_delivers_message},
    {"IPC0002", "call blocks for the reply; reply-receive serves again", call_and_reply},
    {"IPC0003", "a minted badge reaches the receiver", badge_is_delivered},
    {"IPC0004", "a 120-word message arrives whole through the IPC buffers", long_message},
    {"IPC0005", "non-blocking receive finds nothing; non-blocking send is dropped", non_blocking_variants},
    {"IPC0006", "blocked senders are served by priority, then in order", senders_ordered_by_priority},
    {"IPC0007", "a capability moves with grant into the receive slot", transfer_with_grant},
    {"IPC0008", "without grant no capability moves", transfer_without_grant},
    {"IPC0009", "the sending endpoint's own badged capability is unwrapped", badge_unwrapping},
    {"IPC0010", "signals OR their badges; wait consumes, poll finds nothing", signals_or_together},
    {"IPC0011", "wait blocks until a signal arrives", wait_blocks_until_signal},
    {"IPC0020", "a badge-0 signal with nobody waiting is kept, then consumed", unbadged_signal_is_kept},
    {"IPC0012", "a bound notification wakes a receive on an endpoint", bound_notification_wakes_receive},
    {"IPC0013", "receiving without the read right is a capability fault", receive_without_read_right_faults},
    {"IPC0014", "deleting an endpoint releases its waiter, which then faults", deleting_endpoint_releases_waiter},
    {"IPC0015", "a saved reply capability answers the caller later", saved_reply_capability},
    {"IPC0016", "cancel badged sends removes only that badge's senders", cancel_badged_sends},
    {"IPC0017", "a suspended sender leaves the queue and resends when resumed", suspended_sender_leaves_queue},
    {"IPC0018", "a reply with no caller does nothing", reply_without_caller},
    {"IPC0019", "receiving on a TCB capability is a capability fault", receive_on_tcb_faults},
};
const unsigned ipc_cases_count = sizeof(ipc_cases) / sizeof(ipc_cases[0]);
