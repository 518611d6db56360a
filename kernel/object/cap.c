/*
 * cap.c: questions about capabilities that do not depend on where they are stored.
 */
#include "cap.h"

#include "abi/object.h"

const char *cap_type_name(unsigned type)
{
    static const char *const names[CAP_TYPE_COUNT] = {
        [CAP_NULL] = "null",
        [CAP_UNTYPED] = "untyped",
        [CAP_CNODE] = "cnode",
        [CAP_TCB] = "tcb",
        [CAP_ENDPOINT] = "endpoint",
        [CAP_NOTIFICATION] = "notification",
        [CAP_REPLY] = "reply",
        [CAP_FRAME] = "frame",
        [CAP_PAGE_TABLE] = "page table",
        [CAP_ASID_CONTROL] = "asid control",
        [CAP_ASID_POOL] = "asid pool",
        [CAP_IRQ_CONTROL] = "irq control",
        [CAP_IRQ_HANDLER] = "irq handler",
        [CAP_ZOMBIE] = "zombie",
    };
    return type < CAP_TYPE_COUNT ? names[type] : "invalid";
}

bool cap_same_object(const struct cap *a, const struct cap *b)
{
    if (a->type != b->type || a->type == CAP_NULL) {
        return false;
    }
    if (a->type == CAP_IRQ_HANDLER) {
        return a->aux == b->aux;
    }
    /* Control capabilities name the one kernel-wide authority of their kind. */
    if (a->type == CAP_IRQ_CONTROL || a->type == CAP_ASID_CONTROL) {
        return true;
    }
    return a->object == b->object;
}

uint64_t cap_object_size(const struct cap *c)
{
    switch (c->type) {
    case CAP_UNTYPED:
    case CAP_FRAME:
        return 1ull << c->size_bits;
    case CAP_CNODE:
        return 1ull << (c->size_bits + CAIRN_SLOT_BITS);
    case CAP_TCB:
        return 1ull << CAIRN_TCB_BITS;
    case CAP_ENDPOINT:
        return 1ull << CAIRN_ENDPOINT_BITS;
    case CAP_NOTIFICATION:
        return 1ull << CAIRN_NOTIFICATION_BITS;
    case CAP_PAGE_TABLE:
        return 1ull << CAIRN_PAGE_TABLE_BITS;
    case CAP_ASID_POOL:
        return 1ull << CAIRN_ASID_POOL_BITS;
    default:
        return 0;
    }
}
