/*
 * cnode_describe.c: conformance cases for CAIRN_CNODE_DESCRIBE and inspect-only CNode
 * capabilities (a CNode capability without the write right).
 *
 * Describe is checked on every type the root task holds against what is known some other
 * way (boot info, the ABI's slots, untyped and frame describe calls, what the case made).
 * An inspect-only capability must answer describe and refuse everything else, and no walk
 * may pass through it: slot operations, invoked capabilities and the IPC fastpath alike;
 * nor may a received capability land under it.
 */
#include "framework.h"

#include "cairn_vspace.h"

#define RO CAIRN_RIGHT_READ
#define ROOT_GUARD cairn_cnode_guard(0, WORD - CAIRN_ROOT_CNODE_RADIX)

static struct cairn_cap_description describe_root(cairn_cptr_t slot)
{
    struct cairn_cap_description d = {.type = ~0ul};
    cairn_cnode_describe(ROOT, slot, WORD, &d);
    return d;
}

/* An inspect-only copy of the root CNode, addressing slots exactly as ROOT does. */
static enum cairn_error mint_inspect_only_root(cairn_cptr_t slot)
{
    return cairn_cnode_mint(ROOT, slot, WORD, ROOT, ROOT, WORD, RO, ROOT_GUARD);
}

static void describe_boot_caps(struct env *env)
{
    (void)env;
    struct cairn_cap_description d = describe_root(CAIRN_CAP_INIT_CNODE);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_CNODE);
    CHECK_EQ(d.rights, CAIRN_RIGHTS_ALL);
    CHECK_EQ(d.size_bits, CAIRN_ROOT_CNODE_RADIX);
    CHECK_EQ(d.guard, 0);
    CHECK_EQ(d.guard_bits, WORD - CAIRN_ROOT_CNODE_RADIX);
    CHECK(d.object != 0);
    d = describe_root(CAIRN_CAP_INIT_TCB);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_TCB);
    CHECK_EQ(d.size_bits, CAIRN_TCB_BITS);
    CHECK_EQ(d.object % (1u << CAIRN_TCB_BITS), 0);
    d = describe_root(CAIRN_CAP_INIT_VSPACE);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_PAGE_TABLE);
    CHECK_EQ(d.flags, CAIRN_DESCRIBE_VSPACE_ROOT);
    CHECK_EQ(d.size_bits, CAIRN_PAGE_TABLE_BITS);
    d = describe_root(CAIRN_CAP_IRQ_CONTROL);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_IRQ_CONTROL);
    CHECK_EQ(d.object, 0);
    d = describe_root(CAIRN_CAP_ASID_CONTROL);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_ASID_CONTROL);
    CHECK_EQ(d.object, 0);
    d = describe_root(CAIRN_CAP_NULL);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(d.rights | d.object | d.size_bits | d.flags | d.number, 0);
}

static void describe_frames(struct env *env)
{
    uint64_t paddr = 0;
    CHECK_EQ(cairn_frame_get_address(CAIRN_CAP_BOOTINFO_FRAME, &paddr), CAIRN_OK);
    struct cairn_cap_description d = describe_root(CAIRN_CAP_BOOTINFO_FRAME);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_FRAME);
    CHECK_EQ(d.object, paddr);
    CHECK_EQ(d.size_bits, CAIRN_FRAME_4K_BITS);
    CHECK_EQ(d.flags, CAIRN_DESCRIBE_MAPPED);
    CHECK_EQ(d.vaddr, CAIRN_ROOT_BOOTINFO_VADDR);
    CHECK_EQ(describe_root(CAIRN_CAP_INIT_IPC_BUFFER).vaddr, CAIRN_ROOT_IPC_BUFFER_VADDR);
    /* A copy starts unmapped and names the same frame: the same identity. */
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 0), WORD, ROOT, CAIRN_CAP_BOOTINFO_FRAME, WORD,
                              RO), CAIRN_OK);
    d = describe_root(slot_of(env, 0));
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_FRAME);
    CHECK_EQ(d.object, paddr);
    CHECK_EQ(d.rights, RO);
    CHECK_EQ(d.flags, 0);
    CHECK_EQ(d.vaddr, 0);
    /* A new frame is another object. */
    CHECK_EQ(make_object(env, CAIRN_OBJECT_FRAME_4K, 0, slot_of(env, 1)), CAIRN_OK);
    CHECK_EQ(cairn_frame_get_address(slot_of(env, 1), &paddr), CAIRN_OK);
    d = describe_root(slot_of(env, 1));
    CHECK_EQ(d.object, paddr);
    CHECK(d.object != describe_root(slot_of(env, 0)).object);
    CHECK_EQ(d.flags, 0);
}

static void describe_untyped(struct env *env)
{
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(env->untyped, &info), CAIRN_OK);
    struct cairn_cap_description d = describe_root(env->untyped);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_UNTYPED);
    CHECK_EQ(d.size_bits, CASE_UNTYPED_BITS);
    CHECK_EQ(d.object, info.paddr);
    CHECK_EQ(d.free_bytes, info.free_bytes);
    CHECK(d.free_bytes < CASE_BYTES);
    CHECK_EQ(d.flags, 0);
    /* A device region from the boot info. */
    const struct cairn_bootinfo *b = env->bootinfo;
    unsigned i = 0;
    while (i < b->untyped_count && !b->untyped[i].is_device) {
        i++;
    }
    CHECK(i < b->untyped_count);
    d = describe_root(CAIRN_CAP_FIRST_UNTYPED + i);
    CHECK_EQ(d.flags, CAIRN_DESCRIBE_DEVICE);
    CHECK_EQ(d.object, b->untyped[i].paddr);
    CHECK_EQ(d.size_bits, b->untyped[i].size_bits);
}

static void describe_endpoints_and_identity(struct env *env)
{
    cairn_cptr_t ep = slot_of(env, 0), badged = slot_of(env, 1), other = slot_of(env, 2);
    cairn_cptr_t ntfn = slot_of(env, 3), ntfn_badged = slot_of(env, 4);
    unsigned call = CAIRN_RIGHT_WRITE | CAIRN_RIGHT_GRANT_REPLY;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, other), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, ntfn), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, badged, WORD, ROOT, ep, WORD, call, 42), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, ntfn_badged, WORD, ROOT, ntfn, WORD, CAIRN_RIGHT_WRITE, 9),
             CAIRN_OK);
    struct cairn_cap_description a = describe_root(ep), b = describe_root(badged);
    CHECK_EQ(a.type, CAIRN_CAP_TYPE_ENDPOINT);
    CHECK_EQ(a.size_bits, CAIRN_ENDPOINT_BITS);
    CHECK_EQ(a.badge, 0);
    CHECK_EQ(a.rights, CAIRN_RIGHTS_ALL);
    CHECK_EQ(b.badge, 42);
    CHECK_EQ(b.rights, call);
    CHECK_EQ(b.object, a.object);
    CHECK(describe_root(other).object != a.object);
    struct cairn_cap_description n = describe_root(ntfn_badged);
    CHECK_EQ(n.type, CAIRN_CAP_TYPE_NOTIFICATION);
    CHECK_EQ(n.size_bits, CAIRN_NOTIFICATION_BITS);
    CHECK_EQ(n.badge, 9);
    CHECK_EQ(n.rights, CAIRN_RIGHT_WRITE);
    CHECK_EQ(n.object, describe_root(ntfn).object);
    CHECK(n.object != a.object);
}

static void describe_cnode_guard_and_table(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_CNODE, 4, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL, cairn_cnode_guard(5, 3)), CAIRN_OK);
    struct cairn_cap_description d = describe_root(slot_of(env, 1));
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_CNODE);
    CHECK_EQ(d.size_bits, 4);
    CHECK_EQ(d.guard, 5);
    CHECK_EQ(d.guard_bits, 3);
    CHECK_EQ(d.object, describe_root(slot_of(env, 0)).object);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_PAGE_TABLE, 0, slot_of(env, 2)), CAIRN_OK);
    d = describe_root(slot_of(env, 2));
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_PAGE_TABLE);
    CHECK_EQ(d.flags, 0);
    CHECK(d.object != describe_root(CAIRN_CAP_INIT_VSPACE).object);
    /* Describe addresses slots relative to the invoked CNode: slot 2 of the new CNode. */
    CHECK_EQ(cairn_cnode_copy(slot_of(env, 0), 2, 4, ROOT, slot_of(env, 2), WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_describe(slot_of(env, 0), 2, 4, &d), CAIRN_OK);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_PAGE_TABLE);
    CHECK_EQ(d.object, describe_root(slot_of(env, 2)).object);
}

static void describe_irq_and_asid_pool(struct env *env)
{
    CHECK_EQ(cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, 10, ROOT, slot_of(env, 0), WORD),
             CAIRN_OK);
    struct cairn_cap_description d = describe_root(slot_of(env, 0));
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_IRQ_HANDLER);
    CHECK_EQ(d.number, 10);
    CHECK_EQ(d.object, 0);
    struct cairn_untyped_info info;
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, slot_of(env, 1)),
             CAIRN_OK);
    CHECK_EQ(cairn_untyped_describe(slot_of(env, 1), &info), CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, slot_of(env, 1), ROOT,
                                          slot_of(env, 2), WORD), CAIRN_OK);
    d = describe_root(slot_of(env, 2));
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_ASID_POOL);
    CHECK_EQ(d.object, info.paddr);
    CHECK_EQ(d.size_bits, CAIRN_ASID_POOL_BITS);
}

static void describe_bad_addresses(struct env *env)
{
    struct cairn_cap_description d;
    uint64_t w[] = {slot_of(env, 0), WORD};
    CHECK_EQ(cairn_cnode_describe(ROOT, slot_of(env, 0), 0, &d), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], WORD);
    CHECK_EQ(cairn_cnode_describe(ROOT, slot_of(env, 0), WORD + 1, &d), CAIRN_E_RANGE);
    CHECK_EQ(cairn_cnode_describe(ROOT, slot_of(env, 0), 32, &d), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_GUARD_MISMATCH);
    CHECK_EQ(cairn_cnode_describe(ROOT, 1ul << 40 | slot_of(env, 0), WORD, &d),
             CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 0);
    CHECK_EQ(cairn_reply[2], WORD);
    CHECK_EQ(cairn_invoke(ROOT, CAIRN_CNODE_DESCRIBE, w, 1, 0, 0), CAIRN_E_TRUNCATED_MESSAGE);
    /* Only CNodes describe. */
    CHECK_EQ(cairn_invoke(CAIRN_CAP_INIT_TCB, CAIRN_CNODE_DESCRIBE, w, 2, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
}

static void inspect_only_describes(struct env *env)
{
    cairn_cptr_t ro = slot_of(env, 0);
    CHECK_EQ(mint_inspect_only_root(ro), CAIRN_OK);
    struct cairn_cap_description d = describe_root(ro);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_CNODE);
    CHECK_EQ(d.rights, RO);
    CHECK_EQ(d.object, describe_root(ROOT).object);
    CHECK_EQ(cairn_cnode_describe(ro, CAIRN_CAP_INIT_TCB, WORD, &d), CAIRN_OK);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_TCB);
    CHECK_EQ(d.object, describe_root(CAIRN_CAP_INIT_TCB).object);
    CHECK_EQ(cairn_cnode_describe(ro, CAIRN_CAP_INIT_TCB, 0, &d), CAIRN_E_RANGE);
    /* Copies of it can only lose rights: asking for all of them back changes nothing. */
    CHECK_EQ(cairn_cnode_mint(ROOT, slot_of(env, 1), WORD, ROOT, ro, WORD, CAIRN_RIGHTS_ALL,
                              ROOT_GUARD), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 2), WORD, ROOT, ro, WORD, CAIRN_RIGHTS_ALL),
             CAIRN_OK);
    CHECK_EQ(cairn_cnode_mutate(ROOT, slot_of(env, 3), WORD, ROOT, slot_of(env, 2), WORD,
                                ROOT_GUARD), CAIRN_OK);
    CHECK_EQ(describe_root(slot_of(env, 1)).rights, RO);
    CHECK_EQ(describe_root(slot_of(env, 3)).rights, RO);
    CHECK_EQ(cairn_cnode_delete(slot_of(env, 1), slot_of(env, 3), WORD),
             CAIRN_E_INVALID_CAPABILITY);
}

/* Every CNode label but describe, with arguments that would succeed on ROOT. */
static void inspect_only_refuses_cnode_labels(struct env *env)
{
    cairn_cptr_t ro = slot_of(env, 0), ep = slot_of(env, 1), badged = slot_of(env, 2);
    CHECK_EQ(mint_inspect_only_root(ro), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_mint(ROOT, badged, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 3),
             CAIRN_OK);
    cairn_cptr_t free = slot_of(env, 3), free2 = slot_of(env, 4);
    const enum cairn_error no = CAIRN_E_INVALID_CAPABILITY;
    CHECK_EQ(cairn_cnode_copy(ro, free, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL), no);
    CHECK_EQ(cairn_cnode_mint(ro, free, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL, 1), no);
    CHECK_EQ(cairn_cnode_move(ro, free, WORD, ROOT, ep, WORD), no);
    CHECK_EQ(cairn_cnode_mutate(ro, free, WORD, ROOT, ep, WORD, 1), no);
    CHECK_EQ(cairn_cnode_rotate(ro, free, WORD, 0, ROOT, ep, WORD, 0, ROOT, badged, WORD), no);
    CHECK_EQ(cairn_cnode_delete(ro, ep, WORD), no);
    CHECK_EQ(cairn_cnode_revoke(ro, ep, WORD), no);
    CHECK_EQ(cairn_cnode_save_caller(ro, free, WORD), no);
    CHECK_EQ(cairn_cnode_cancel_badged_sends(ro, badged, WORD), no);
    CHECK_EQ(cairn_invoke(ro, 99, 0, 0, 0, 0), no);
    /* As a source or pivot root, too. */
    CHECK_EQ(cairn_cnode_copy(ROOT, free, WORD, ro, ep, WORD, CAIRN_RIGHTS_ALL), no);
    CHECK_EQ(cairn_cnode_move(ROOT, free, WORD, ro, ep, WORD), no);
    CHECK_EQ(cairn_cnode_rotate(ROOT, free, WORD, 0, ro, ep, WORD, 0, ROOT, badged, WORD), no);
    CHECK_EQ(cairn_cnode_rotate(ROOT, free, WORD, 0, ROOT, ep, WORD, 0, ro, badged, WORD), no);
    /* Nothing moved, and the same calls through ROOT work. */
    CHECK_EQ(cairn_debug_cap_identify(free), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(cairn_debug_cap_identify(ep), CAIRN_CAP_TYPE_ENDPOINT);
    CHECK_EQ(cairn_cnode_copy(ROOT, free, WORD, ROOT, ep, WORD, CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_move(ROOT, free2, WORD, ROOT, free, WORD), CAIRN_OK);
}

/* Retype, IRQ and ASID destinations, and a thread's CSpace, refuse an inspect-only CNode. */
static void inspect_only_refused_as_destination(struct env *env)
{
    cairn_cptr_t ro = slot_of(env, 0), tcb = slot_of(env, 1), free = slot_of(env, 2);
    const enum cairn_error no = CAIRN_E_INVALID_CAPABILITY;
    CHECK_EQ(mint_inspect_only_root(ro), CAIRN_OK);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ro, 0, 0, free, 1),
             no);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ROOT, ro, WORD, free,
                                  1), no);
    CHECK_EQ(cairn_untyped_retype(env->untyped, CAIRN_OBJECT_ENDPOINT, 0, ro, free, WORD, 0, 1),
             no);
    CHECK_EQ(cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, 10, ro, free, WORD), no);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_UNTYPED, CAIRN_ASID_POOL_BITS, slot_of(env, 3)),
             CAIRN_OK);
    CHECK_EQ(cairn_asid_control_make_pool(CAIRN_CAP_ASID_CONTROL, slot_of(env, 3), ro, free,
                                          WORD), no);
    CHECK_EQ(cairn_debug_cap_identify(free), CAIRN_CAP_TYPE_NULL);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_TCB, 0, tcb), CAIRN_OK);
    CHECK_EQ(cairn_tcb_configure(tcb, 0, ro, 0, CAIRN_CAP_INIT_VSPACE, 0, 0), no);
    CHECK_EQ(cairn_tcb_set_space(tcb, 0, ro, 0, CAIRN_CAP_INIT_VSPACE), no);
    CHECK_EQ(cairn_tcb_configure(tcb, 0, ROOT, 0, CAIRN_CAP_INIT_VSPACE, 0, 0), CAIRN_OK);
}

/*
 * A two-level CSpace: CNode A (16 slots, a 56-bit zero guard when it is a thread's root,
 * so a full-word cptr leaves 4 bits after it) holds in slot 1 a writable capability to
 * CNode B and in slot 2 an inspect-only one; B's slot 3 holds an endpoint. So 0x13 names
 * the endpoint and 0x23 tries to walk through the inspect-only capability.
 */
#define THROUGH_WRITABLE 0x13ul
#define THROUGH_INSPECT_ONLY 0x23ul
#define A_NOTIFICATION_SLOT 4   /* in A; its full-word cptr is 0x40 */

static enum cairn_error build_two_levels(const struct env *env, cairn_cptr_t a, cairn_cptr_t b,
                                         cairn_cptr_t ep)
{
    enum cairn_error err = make_object(env, CAIRN_OBJECT_CNODE, 4, a);
    err = err != CAIRN_OK ? err : make_object(env, CAIRN_OBJECT_CNODE, 4, b);
    err = err != CAIRN_OK ? err : make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep);
    err = err != CAIRN_OK ? err : cairn_cnode_copy(a, 1, 4, ROOT, b, WORD, CAIRN_RIGHTS_ALL);
    err = err != CAIRN_OK ? err : cairn_cnode_mint(a, 2, 4, ROOT, b, WORD, RO, 0);
    err = err != CAIRN_OK ? err : cairn_cnode_copy(b, 3, 4, ROOT, ep, WORD, CAIRN_RIGHTS_ALL);
    return err != CAIRN_OK ? err
                           : cairn_untyped_retype(env->untyped, CAIRN_OBJECT_NOTIFICATION, 0,
                                                  a, 0, 0, A_NOTIFICATION_SLOT, 1);
}

static void inspect_only_stops_slot_walks(struct env *env)
{
    cairn_cptr_t a = slot_of(env, 0), b = slot_of(env, 1), ep = slot_of(env, 2);
    struct cairn_cap_description d;
    CHECK_EQ(build_two_levels(env, a, b, ep), CAIRN_OK);
    CHECK_EQ(cairn_cnode_describe(a, THROUGH_WRITABLE, 8, &d), CAIRN_OK);
    CHECK_EQ(d.type, CAIRN_CAP_TYPE_ENDPOINT);
    CHECK_EQ(cairn_cnode_describe(a, THROUGH_INSPECT_ONLY, 8, &d), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_INSPECT_ONLY);
    CHECK_EQ(cairn_reply[2], 4);
    /* The inspect-only capability itself is a slot like any other... */
    CHECK_EQ(cairn_cnode_describe(a, 2, 4, &d), CAIRN_OK);
    CHECK_EQ(d.rights, RO);
    /* ...and describe through it reads B, but a source walk through it fails. */
    CHECK_EQ(cairn_cnode_describe(b, 3, 4, &d), CAIRN_OK);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 3), WORD, a, THROUGH_INSPECT_ONLY, 8,
                              CAIRN_RIGHTS_ALL), CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK_EQ(cairn_reply[1], CAIRN_LOOKUP_INSPECT_ONLY);
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 3), WORD, a, THROUGH_WRITABLE, 8,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
}

static volatile struct {
    uint64_t label[4], failure[4], served;
    bool done;
} walked;

/* Calls the endpoint through each path, short (fastpath) then long (slow path only),
 * records each reply, then blocks for good on A's notification. */
static void walking_caller(uint64_t arg)
{
    (void)arg;
    for (unsigned i = 0; i < 4; i++) {
        cairn_cptr_t cptr = i % 2 == 0 ? THROUGH_WRITABLE : THROUGH_INSPECT_ONLY;
        uint64_t info = cairn_call(cptr, cairn_msg_info(5, 0, 0, i < 2 ? 0 : 6));
        walked.label[i] = cairn_msg_label(info);
        walked.failure[i] = cairn_get_mr(1);
    }
    walked.done = true;
    cairn_wait(A_NOTIFICATION_SLOT << 4);
}

static void counting_server(uint64_t ep)
{
    cairn_recv(ep, 0);
    for (;;) {
        walked.served++;
        cairn_reply_recv(ep, cairn_msg_info(CAIRN_OK, 0, 0, 0), 0);
    }
}

static void inspect_only_stops_ipc_walks(struct env *env)
{
    cairn_cptr_t a = slot_of(env, 0), b = slot_of(env, 1), ep = slot_of(env, 2);
    cairn_cptr_t server = slot_of(env, 3), caller = slot_of(env, 4);
    walked.served = 0;
    walked.done = false;
    CHECK_EQ(build_two_levels(env, a, b, ep), CAIRN_OK);
    lower_self();
    CHECK_EQ(spawn_worker(env, server, counting_server, ep, 0, LOW + 10, WORKER_BUFFER(1), true),
             CAIRN_OK);
    CHECK_EQ(spawn_worker(env, caller, walking_caller, 0, 1, LOW + 5, WORKER_BUFFER(2), false),
             CAIRN_OK);
    CHECK_EQ(cairn_tcb_set_space(caller, 0, a, cairn_cnode_guard(0, WORD - 8),
                                 CAIRN_CAP_INIT_VSPACE), CAIRN_OK);
    CHECK_EQ(cairn_tcb_resume(caller), CAIRN_OK);
    CHECK(walked.done);
    CHECK_EQ(walked.served, 2);   /* only the two calls through the writable capability */
    CHECK_EQ(walked.label[0], CAIRN_OK);
    CHECK_EQ(walked.label[2], CAIRN_OK);
    CHECK_EQ(walked.label[1], CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(walked.failure[1], CAIRN_LOOKUP_INSPECT_ONLY);
    CHECK_EQ(walked.label[3], CAIRN_E_FAILED_LOOKUP);
    CHECK_EQ(walked.failure[3], CAIRN_LOOKUP_INSPECT_ONLY);
}

/* Sends the capability in the low 16 bits of arg over the endpoint above them, again and
 * again (the runner's clean-up ends it). */
static void send_cap_forever(uint64_t arg)
{
    for (;;) {
        cairn_ipc_buffer()->caps_or_badges[0] = arg & 0xffff;
        cairn_send(arg >> 16, cairn_msg_info(3, 0, 1, 0));
    }
}

static void inspect_only_receives_no_capability(struct env *env)
{
    cairn_cptr_t ro = slot_of(env, 0), ep = slot_of(env, 1), ntfn = slot_of(env, 2);
    cairn_cptr_t dest = slot_of(env, 4);
    struct cairn_ipc_buffer *b = cairn_ipc_buffer();
    lower_self();
    CHECK_EQ(mint_inspect_only_root(ro), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, ntfn), CAIRN_OK);
    CHECK_EQ(spawn_worker(env, slot_of(env, 3), send_cap_forever, ep << 16 | ntfn, 0, LOW + 10,
                          WORKER_BUFFER(1), true), CAIRN_OK);
    b->receive_index = dest;
    b->receive_depth = WORD;
    b->receive_cnode = ro;
    CHECK_EQ(cairn_msg_extra_caps(cairn_recv(ep, 0)), 0);   /* the message, no capability */
    CHECK_EQ(cairn_debug_cap_identify(dest), CAIRN_CAP_TYPE_NULL);
    b->receive_cnode = ROOT;
    CHECK_EQ(cairn_msg_extra_caps(cairn_recv(ep, 0)), 1);
    CHECK_EQ(cairn_debug_cap_identify(dest), CAIRN_CAP_TYPE_NOTIFICATION);
}

const struct test_case describe_cases[] = {
    {"DESCRIBE0001", "describe the boot CNode, TCB, VSpace, control caps and an empty slot", describe_boot_caps},
    {"DESCRIBE0002", "frames: address, size, mapped or not; a copy has the same identity", describe_frames},
    {"DESCRIBE0003", "untyped: size, address and free bytes as untyped describe says; device", describe_untyped},
    {"DESCRIBE0004", "endpoint and notification badges and rights; identity per object", describe_endpoints_and_identity},
    {"DESCRIBE0005", "CNode radix and guard, page tables, slots relative to the invoked CNode", describe_cnode_guard_and_table},
    {"DESCRIBE0006", "IRQ handler number and ASID pool address", describe_irq_and_asid_pool},
    {"DESCRIBE0007", "bad depth is RANGE, bad address FAILED_LOOKUP, short TRUNCATED", describe_bad_addresses},
    {"DESCRIBE0008", "an inspect-only CNode describes; copies never regain write", inspect_only_describes},
    {"DESCRIBE0009", "an inspect-only CNode refuses every other label and root use", inspect_only_refuses_cnode_labels},
    {"DESCRIBE0010", "retype, IRQ, ASID and TCB CSpace refuse an inspect-only CNode", inspect_only_refused_as_destination},
    {"DESCRIBE0011", "slot walks stop at an inspect-only CNode (LOOKUP_INSPECT_ONLY)", inspect_only_stops_slot_walks},
    {"DESCRIBE0012", "IPC calls through an inspect-only CNode fail, fastpath and slow path", inspect_only_stops_ipc_walks},
    {"DESCRIBE0013", "a receive slot under an inspect-only CNode takes no capability", inspect_only_receives_no_capability},
};
const unsigned describe_cases_count = sizeof(describe_cases) / sizeof(describe_cases[0]);
