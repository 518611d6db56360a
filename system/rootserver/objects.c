/*
 * objects.c: the kernel objects the system's connections are made of.
 *
 * One endpoint per rpc connection and per fault handler, one notification per notify
 * connection and per component with IRQs, and for each shared region its frames, in
 * consecutive slots of ours.
 * Components get badged copies (or mapped copies) of these; ours go when we do.
 */
#include "rootserver.h"

static cairn_cptr_t make_shared(struct rootserver *rs, uint64_t bytes)
{
    cairn_cptr_t first = 0;
    for (uint64_t done = 0; done < bytes; done += CAIRN_PAGE_SIZE) {
        cairn_cptr_t frame = memory_make(rs, CAIRN_OBJECT_FRAME_4K, 0);
        if (frame == 0 || (first != 0 && frame != first + done / CAIRN_PAGE_SIZE)) {
            return 0;
        }
        first = first != 0 ? first : frame;
    }
    return first;
}

enum cairn_error objects_create(struct rootserver *rs)
{
    for (uint32_t i = 0; i < rs->plan.object_count; i++) {
        const struct bootplan_object *o = &rs->plan.objects[i];
        cairn_cptr_t slot = 0;
        switch (o->kind) {
        case BOOTPLAN_OBJECT_ENDPOINT:
        case BOOTPLAN_OBJECT_FAULT_ENDPOINT:
            slot = memory_make(rs, CAIRN_OBJECT_ENDPOINT, 0);
            break;
        case BOOTPLAN_OBJECT_NOTIFICATION:
        case BOOTPLAN_OBJECT_IRQ_NOTIFICATION:
            slot = memory_make(rs, CAIRN_OBJECT_NOTIFICATION, 0);
            break;
        case BOOTPLAN_OBJECT_SHARED:
            slot = make_shared(rs, o->size);
            break;
        default:
            break;   /* bootplan_open accepts no other kind */
        }
        if (slot == 0) {
            cairn_printf("rootserver: cannot make object '%s'\n",
                         bootplan_string(&rs->plan, o->name));
            return CAIRN_E_NOT_ENOUGH_MEMORY;
        }
        rs->object_slots[i] = slot;
    }
    return CAIRN_OK;
}
