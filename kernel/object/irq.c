/*
 * irq.c: IRQ control and handlers.
 *
 * One entry per PLIC source: whether a handler capability exists, and the notification
 * (and badge) it signals. An interrupt is claimed, masked, signalled and completed at
 * once; the driver's ACK unmasks it. So a device cannot interrupt again before its
 * driver has run, and no interrupt is lost while it is masked (the device keeps its
 * line raised).
 */
#include "irq.h"

#include "abi/invocation.h"
#include "endpoint.h"
#include "plic.h"

struct irq_state {
    bool issued;
    struct notification *notification;
    uint64_t badge;
};

static struct irq_state irqs[PLIC_MAX_SOURCES];

static enum cairn_error decode_get(struct cte *control, struct message *m,
                                   struct syscall_error *e)
{
    if (m->length < 3 || m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "irq get: 3 words and 1 cap");
    }
    uint64_t irq = message_word(m, 0);
    if (irq < 1 || irq >= plic_source_count()) {
        return error_range(e, 1, plic_source_count() - 1, "irq get: no such interrupt");
    }
    if (irqs[irq].issued) {
        return error_plain(e, CAIRN_E_REVOKE_FIRST, "irq get: handler already issued");
    }
    struct cte *dest;
    enum cairn_error err = lookup_slot_for_op(e, &m->extra[0]->cap, message_word(m, 1),
                                              message_word(m, 2), false, &dest);
    if (err != CAIRN_OK) {
        return err;
    }
    if (!cap_is_null(&dest->cap)) {
        return error_plain(e, CAIRN_E_DELETE_FIRST, "irq get: destination slot is full");
    }
    irqs[irq] = (struct irq_state){.issued = true};
    cdt_insert(control, dest, (struct cap){.type = CAP_IRQ_HANDLER, .aux = (uint32_t)irq});
    return CAIRN_OK;
}

enum cairn_error decode_irq_control(struct cte *slot, struct message *m, struct syscall_error *e)
{
    if (m->label != CAIRN_IRQ_CONTROL_GET) {
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "irq control: unknown label");
    }
    return decode_get(slot, m, e);
}

static enum cairn_error decode_set_notification(unsigned irq, struct message *m,
                                                struct syscall_error *e)
{
    if (m->extra_count < 1) {
        return error_plain(e, CAIRN_E_TRUNCATED_MESSAGE, "irq handler: needs a notification");
    }
    const struct cap *n = &m->extra[0]->cap;
    if (n->type != CAP_NOTIFICATION || !(n->rights & CAIRN_RIGHT_WRITE)) {
        return error_invalid_argument(e, 0, "irq handler: not a notification with write");
    }
    irqs[irq].notification = (struct notification *)(uintptr_t)n->object;
    irqs[irq].badge = n->data;
    plic_enable(irq, true);
    return CAIRN_OK;
}

enum cairn_error decode_irq_handler(struct cte *slot, struct message *m, struct syscall_error *e)
{
    unsigned irq = slot->cap.aux;
    switch (m->label) {
    case CAIRN_IRQ_HANDLER_SET_NOTIFICATION:
        return decode_set_notification(irq, m, e);
    case CAIRN_IRQ_HANDLER_ACK:
        plic_enable(irq, irqs[irq].notification != 0);
        return CAIRN_OK;
    case CAIRN_IRQ_HANDLER_CLEAR:
        irqs[irq].notification = 0;
        plic_enable(irq, false);
        return CAIRN_OK;
    default:
        return error_plain(e, CAIRN_E_ILLEGAL_OPERATION, "irq handler: unknown label");
    }
}

void irq_handle(void)
{
    unsigned irq = plic_claim();
    if (irq == 0 || irq >= PLIC_MAX_SOURCES) {
        return;   /* already taken (the PLIC may report one interrupt twice) */
    }
    plic_enable(irq, false);
    if (irqs[irq].notification != 0) {
        notification_signal(irqs[irq].notification, irqs[irq].badge);
    }
    plic_complete(irq);
}

bool irq_is_issued(unsigned irq)
{
    return irq < PLIC_MAX_SOURCES && irqs[irq].issued;
}

void irq_release(unsigned irq)
{
    if (irq < PLIC_MAX_SOURCES) {
        plic_enable(irq, false);
        irqs[irq] = (struct irq_state){0};
    }
}

void irq_forget_notification(const struct notification *n)
{
    for (unsigned irq = 0; irq < PLIC_MAX_SOURCES; irq++) {
        if (irqs[irq].notification == n) {
            irqs[irq].notification = 0;
            plic_enable(irq, false);
        }
    }
}
