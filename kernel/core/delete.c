/*
 * delete.c: capability deletion without recursion.
 *
 * Destroying a CNode means deleting every capability in it, and one of those may be
 * the last capability to another CNode, and so on: recursion of unbounded depth on a
 * small kernel stack. Instead, as in seL4, the capability to an object being emptied
 * becomes a *zombie* that records the zombie above it (cap.data holds that slot's
 * address). The loop always works on the innermost zombie: it deletes the next
 * occupied slot of its object, descending when that slot turns into a zombie itself,
 * and climbs back up when the object is empty. Zombie slots met while scanning belong
 * to this very delete (a CNode may hold the capability to its own ancestor), so they
 * are skipped; they are emptied when their own object is done.
 */
#include "delete.h"

#include "endpoint.h"
#include "irq.h"
#include "sched.h"
#include "thread.h"
#include "vspace.h"

/* The capability slots an object holds: a CNode's array or a TCB's own slots. */
static struct cte *contained_slots(const struct cap *c, uint64_t *count)
{
    if (c->rights == CAP_CNODE) {
        *count = 1ull << c->size_bits;
        return (struct cte *)(uintptr_t)c->object;
    }
    struct tcb *t = (struct tcb *)(uintptr_t)c->object;
    *count = TCB_CTE_COUNT;
    return &t->ctable;
}

/* Objects that hold capabilities must be emptied before they go. */
static bool holds_capabilities(const struct cap *c)
{
    return c->type == CAP_CNODE || c->type == CAP_TCB;
}

/* Turns the final capability of a CNode or TCB into a zombie remembering `above`. */
static void make_zombie(struct cte *slot, struct cte *above)
{
    if (slot->cap.type == CAP_TCB) {
        struct tcb *t = (struct tcb *)(uintptr_t)slot->cap.object;
        thread_suspend(t);
        notification_unbind(t);
        cap_revoke(&t->reply_master);   /* reply capabilities to it go first (no contents) */
    }
    slot->cap.rights = slot->cap.type;   /* what kind of object the zombie is emptying */
    slot->cap.type = CAP_ZOMBIE;
    slot->cap.aux = 0;                   /* slots below this index are done */
    slot->cap.data = (uint64_t)(uintptr_t)above;
}

/* Last rites for an object that holds no capabilities. */
static void finalise_simple(struct cte *slot)
{
    const struct cap *c = &slot->cap;
    if (c->type == CAP_PAGE_TABLE) {
        vspace_forget_root(c);
    } else if (c->type == CAP_ASID_POOL) {
        vspace_forget_pool(c);
    } else if (c->type == CAP_ENDPOINT) {
        endpoint_destroy((struct endpoint *)(uintptr_t)c->object);
    } else if (c->type == CAP_NOTIFICATION) {
        irq_forget_notification((struct notification *)(uintptr_t)c->object);
        notification_destroy((struct notification *)(uintptr_t)c->object);
    } else if (c->type == CAP_IRQ_HANDLER) {
        irq_release(c->aux);
    }
}

static void finish_zombie(struct cte *zombie)
{
    if (zombie->cap.rights == CAP_TCB) {
        thread_destroy((struct tcb *)(uintptr_t)zombie->cap.object);
    }
    cdt_remove(zombie);
}

/*
 * The next occupied, non-zombie slot of the zombie's object, or 0 when it is empty.
 * Nothing fills a slot while a delete runs, so the scan resumes where it stopped
 * (cap.aux): destroying a CNode is linear in its size, not quadratic.
 */
static struct cte *next_occupied(struct cte *zombie)
{
    uint64_t count;
    struct cte *slots = contained_slots(&zombie->cap, &count);
    for (uint64_t i = zombie->cap.aux; i < count; i++) {
        if (!cap_is_null(&slots[i].cap) && slots[i].cap.type != CAP_ZOMBIE) {
            zombie->cap.aux = (uint32_t)i;
            return &slots[i];
        }
    }
    zombie->cap.aux = (uint32_t)count;
    return 0;
}

/* Deletes one capability that is not a zombie; returns the new innermost zombie, if any. */
static struct cte *delete_one(struct cte *slot, struct cte *above)
{
    bool final = cdt_is_final(slot);
    if (final && holds_capabilities(&slot->cap)) {
        make_zombie(slot, above);
        return slot;
    }
    if (slot->cap.type == CAP_FRAME) {
        vspace_unmap_frame(&slot->cap);   /* a frame mapping is its capability's, final or not */
    }
    if (final) {
        finalise_simple(slot);
    }
    cdt_remove(slot);
    return above;
}

void cap_delete(struct cte *slot)
{
    if (cap_is_null(&slot->cap) || slot->cap.type == CAP_ZOMBIE) {
        return;
    }
    struct cte *zombie = delete_one(slot, 0);
    while (zombie != 0) {
        struct cte *next = next_occupied(zombie);
        if (next != 0) {
            zombie = delete_one(next, zombie);
            continue;
        }
        struct cte *above = (struct cte *)(uintptr_t)zombie->cap.data;
        finish_zombie(zombie);
        zombie = above;
    }
}

void cap_revoke(struct cte *slot)
{
    /* Deleting a child splices its children under slot, so this ends with none left. */
    while (slot->first_child != 0 && !cap_is_null(&slot->cap) &&
           slot->first_child->cap.type != CAP_ZOMBIE) {
        cap_delete(slot->first_child);
    }
}
