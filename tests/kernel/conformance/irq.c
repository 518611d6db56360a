/*
 * irq.c: conformance cases for IRQ control and handlers: one handler per source,
 * ranges, notification binding, acknowledge and clear.
 */
#include "framework.h"

#define UART_IRQ 10

static enum cairn_error get(cairn_cptr_t slot, unsigned irq)
{
    return cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, irq, ROOT, slot, WORD);
}

static void one_handler_per_source(struct env *env)
{
    CHECK_EQ(get(slot_of(env, 0), UART_IRQ), CAIRN_OK);
    CHECK_EQ(cairn_debug_cap_identify(slot_of(env, 0)), CAIRN_CAP_TYPE_IRQ_HANDLER);
    CHECK_EQ(get(slot_of(env, 1), UART_IRQ), CAIRN_E_REVOKE_FIRST);
    /* A copy is fine; only when the last capability goes is the source free again. */
    CHECK_EQ(cairn_cnode_copy(ROOT, slot_of(env, 1), WORD, ROOT, slot_of(env, 0), WORD,
                              CAIRN_RIGHTS_ALL), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 0), WORD), CAIRN_OK);
    CHECK_EQ(get(slot_of(env, 2), UART_IRQ), CAIRN_E_REVOKE_FIRST);
    CHECK_EQ(cairn_cnode_delete(ROOT, slot_of(env, 1), WORD), CAIRN_OK);
    CHECK_EQ(get(slot_of(env, 2), UART_IRQ), CAIRN_OK);
}

static void irq_range(struct env *env)
{
    CHECK_EQ(get(slot_of(env, 0), 0), CAIRN_E_RANGE);
    CHECK_EQ(cairn_reply[0], 1);
    CHECK(cairn_reply[1] >= UART_IRQ);
    CHECK_EQ(get(slot_of(env, 0), cairn_reply[1] + 1), CAIRN_E_RANGE);
    CHECK_EQ(get(slot_of(env, 0), 100000), CAIRN_E_RANGE);
}

static void destination_checked(struct env *env)
{
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, slot_of(env, 0)), CAIRN_OK);
    CHECK_EQ(get(slot_of(env, 0), UART_IRQ), CAIRN_E_DELETE_FIRST);
    CHECK_EQ(cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, UART_IRQ, ROOT, slot_of(env, 1), 0),
             CAIRN_E_RANGE);
    CHECK_EQ(get(slot_of(env, 1), UART_IRQ), CAIRN_OK);   /* failures issued nothing */
}

static void notification_binding(struct env *env)
{
    cairn_cptr_t handler = slot_of(env, 0), n = slot_of(env, 1), ep = slot_of(env, 2);
    CHECK_EQ(get(handler, UART_IRQ), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_NOTIFICATION, 0, n), CAIRN_OK);
    CHECK_EQ(make_object(env, CAIRN_OBJECT_ENDPOINT, 0, ep), CAIRN_OK);
    CHECK_EQ(cairn_irq_handler_set_notification(handler, ep), CAIRN_E_INVALID_ARGUMENT);
    CHECK_EQ(cairn_invoke(handler, CAIRN_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, 0, 0),
             CAIRN_E_TRUNCATED_MESSAGE);
    CHECK_EQ(cairn_irq_handler_set_notification(handler, n), CAIRN_OK);
    CHECK_EQ(cairn_irq_handler_ack(handler), CAIRN_OK);
    CHECK_EQ(cairn_irq_handler_clear(handler), CAIRN_OK);
    CHECK_EQ(cairn_irq_handler_ack(handler), CAIRN_OK);   /* cleared: stays masked */
    /* Deleting the notification while bound leaves the handler safe to use. */
    CHECK_EQ(cairn_irq_handler_set_notification(handler, n), CAIRN_OK);
    CHECK_EQ(cairn_cnode_delete(ROOT, n, WORD), CAIRN_OK);
    CHECK_EQ(cairn_irq_handler_ack(handler), CAIRN_OK);
    CHECK_EQ(cairn_poll(ep), 0);
}

static void unknown_labels(struct env *env)
{
    CHECK_EQ(get(slot_of(env, 0), UART_IRQ), CAIRN_OK);
    CHECK_EQ(cairn_invoke(slot_of(env, 0), CAIRN_CNODE_COPY, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
    CHECK_EQ(cairn_invoke(CAIRN_CAP_IRQ_CONTROL, CAIRN_IRQ_HANDLER_ACK, 0, 0, 0, 0),
             CAIRN_E_ILLEGAL_OPERATION);
}

const struct test_case irq_cases[] = {
    {"IRQ0001", "one handler per source until its last capability goes", one_handler_per_source},
    {"IRQ0002", "irq 0 and irqs past the PLIC's sources are RANGE", irq_range},
    {"IRQ0003", "the destination slot must resolve and be empty", destination_checked},
    {"IRQ0004", "set notification checks its argument; ack and clear work", notification_binding},
    {"IRQ0005", "unknown labels on IRQ control and handlers are ILLEGAL_OPERATION", unknown_labels},
};
const unsigned irq_cases_count = sizeof(irq_cases) / sizeof(irq_cases[0]);
