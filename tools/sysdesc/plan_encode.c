/*
 * plan_encode.c: the plan as bytes, in the layout bootplan.h documents.
 *
 * Records are filled as C structs and copied out whole; that is the documented
 * little-endian layout because the tool only builds on little-endian hosts (checked
 * below). Strings are stored once each, after an empty string at offset 0, so equal
 * names (a thread called main in every component) share their bytes.
 */
#include "plan_encode.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the boot plan is little-endian");

/* The table has room for every name at its longest (section_sizes), so adding one
 * never needs a bounds check. */
struct strings {
    char *bytes;
    uint32_t size;
};

/* The offset of s in the table, adding it when it is not there yet. */
static uint32_t string_offset(struct strings *t, const char *s)
{
    size_t length = strlen(s) + 1;
    for (uint32_t at = 0; at < t->size; at += (uint32_t)strlen(t->bytes + at) + 1) {
        if (strcmp(t->bytes + at, s) == 0) {
            return at;
        }
    }
    uint32_t at = t->size;
    memcpy(t->bytes + at, s, length);
    t->size += (uint32_t)length;
    return at;
}

static struct bootplan_component component_record(const struct plan *plan, unsigned i,
                                                  struct strings *t)
{
    const struct sd_component *c = &plan->sys->components[i];
    const struct plan_component *pc = &plan->components[i];
    return (struct bootplan_component){
        .name = string_offset(t, c->name.text),
        .image = string_offset(t, c->image.text),
        .first_thread = pc->first_thread,
        .thread_count = c->thread_count,
        .first_mapping = pc->first_region,
        .mapping_count = pc->region_count,
        .first_cap = pc->first_cap,
        .cap_count = pc->cap_count,
        .cnode_radix = pc->cnode_radix,
        .flags = sd_given(c->untyped) ? BOOTPLAN_COMPONENT_UNTYPED : 0,
        .fault_handler = c->fault_handler == SD_NONE ? BOOTPLAN_NO_COMPONENT
                                                     : (uint16_t)c->fault_handler,
    };
}

static struct bootplan_thread thread_record(const struct plan *plan, unsigned i,
                                            struct strings *t)
{
    const struct plan_thread *pt = &plan->threads[i];
    const struct sd_thread *st = &plan->sys->components[pt->component].threads[pt->index];
    return (struct bootplan_thread){
        .name = string_offset(t, st->name.text),
        .component = (uint16_t)pt->component,
        .index = (uint16_t)pt->index,
        .priority = (uint8_t)st->priority.value,
        .max_priority = (uint8_t)sd_thread_max(st),
        .stack_vaddr = pt->stack_vaddr,
        .stack_size = pt->stack_size,
        .ipc_buffer_vaddr = pt->ipc_buffer_vaddr,
    };
}

static struct bootplan_object object_record(const struct plan_object *o, struct strings *t)
{
    return (struct bootplan_object){
        .kind = o->kind,
        .name = string_offset(t, o->name),
        .size = o->size,
    };
}

static struct bootplan_mapping mapping_record(const struct plan_region *r, struct strings *t)
{
    return (struct bootplan_mapping){
        .kind = r->kind,
        .rights = r->rights,
        .object = r->object,
        .name = string_offset(t, r->name),
        .vaddr = r->vaddr,
        .size = r->size,
        .paddr = r->paddr,
    };
}

static struct bootplan_cap cap_record(const struct plan_cap *c)
{
    return (struct bootplan_cap){
        .slot = c->slot,
        .kind = c->kind,
        .rights = c->rights,
        .object = c->object,
        .badge = c->badge,
    };
}

/* The byte count of each section; strings get their worst case until they are written. */
static void section_sizes(const struct plan *plan, size_t bytes[BOOTPLAN_SECTION_COUNT])
{
    bytes[BOOTPLAN_COMPONENTS] = plan->sys->component_count * sizeof(struct bootplan_component);
    bytes[BOOTPLAN_THREADS] = plan->thread_count * sizeof(struct bootplan_thread);
    bytes[BOOTPLAN_OBJECTS] = plan->object_count * sizeof(struct bootplan_object);
    bytes[BOOTPLAN_MAPPINGS] = plan->region_count * sizeof(struct bootplan_mapping);
    bytes[BOOTPLAN_CAPS] = plan->cap_count * sizeof(struct bootplan_cap);
    size_t names = 2 * plan->sys->component_count + plan->thread_count +
                   plan->object_count + plan->region_count;
    bytes[BOOTPLAN_STRINGS] = 1 + names * (SD_NAME_MAX + 1);
}

/* Writes every record section at its offset; the strings collect in t as they go. */
static void write_records(const struct plan *plan, uint8_t *data,
                          const struct bootplan_section *sections, struct strings *t)
{
    struct bootplan_component *components = (void *)(data + sections[BOOTPLAN_COMPONENTS].offset);
    struct bootplan_thread *threads = (void *)(data + sections[BOOTPLAN_THREADS].offset);
    struct bootplan_object *objects = (void *)(data + sections[BOOTPLAN_OBJECTS].offset);
    struct bootplan_mapping *mappings = (void *)(data + sections[BOOTPLAN_MAPPINGS].offset);
    struct bootplan_cap *caps = (void *)(data + sections[BOOTPLAN_CAPS].offset);
    for (unsigned i = 0; i < plan->sys->component_count; i++) {
        components[i] = component_record(plan, i, t);
    }
    for (unsigned i = 0; i < plan->thread_count; i++) {
        threads[i] = thread_record(plan, i, t);
    }
    for (unsigned i = 0; i < plan->object_count; i++) {
        objects[i] = object_record(&plan->objects[i], t);
    }
    for (unsigned i = 0; i < plan->region_count; i++) {
        mappings[i] = mapping_record(&plan->regions[i], t);
    }
    for (unsigned i = 0; i < plan->cap_count; i++) {
        caps[i] = cap_record(&plan->caps[i]);
    }
}

bool plan_encode(const struct plan *plan, struct plan_bytes *out)
{
    size_t bytes[BOOTPLAN_SECTION_COUNT];
    section_sizes(plan, bytes);
    struct bootplan_header header = {
        .magic = BOOTPLAN_MAGIC,
        .version = BOOTPLAN_VERSION,
        .header_size = sizeof(struct bootplan_header),
    };
    size_t at = sizeof(header);
    for (unsigned i = 0; i < BOOTPLAN_SECTION_COUNT; i++) {
        header.sections[i].offset = (uint32_t)at;
        at += (bytes[i] + BOOTPLAN_ALIGN - 1) / BOOTPLAN_ALIGN * BOOTPLAN_ALIGN;
    }
    uint8_t *data = aligned_alloc(BOOTPLAN_ALIGN, at);
    if (data == NULL) {
        return false;
    }
    memset(data, 0, at);
    struct strings t = {(char *)data + header.sections[BOOTPLAN_STRINGS].offset, 1};
    write_records(plan, data, header.sections, &t);
    header.sections[BOOTPLAN_COMPONENTS].count = plan->sys->component_count;
    header.sections[BOOTPLAN_THREADS].count = plan->thread_count;
    header.sections[BOOTPLAN_OBJECTS].count = plan->object_count;
    header.sections[BOOTPLAN_MAPPINGS].count = plan->region_count;
    header.sections[BOOTPLAN_CAPS].count = plan->cap_count;
    header.sections[BOOTPLAN_STRINGS].count = t.size;
    header.total_size = header.sections[BOOTPLAN_STRINGS].offset + t.size;
    memcpy(data, &header, sizeof(header));
    out->data = data;
    out->size = header.total_size;
    return true;
}
