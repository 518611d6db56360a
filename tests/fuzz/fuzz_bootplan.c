/*
 * fuzz_bootplan.c: libFuzzer target for the boot-plan reader the root server runs
 * (lib/bootplan). Any input must be refused or accepted without reading outside it
 * (ASan) or undefined behaviour (UBSan), and an accepted plan must be safe to follow:
 * every index the root server will use points inside its section, every string is
 * terminated inside the table, every slot is inside its CNode.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootplan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool condition)
{
    if (!condition) {
        abort();
    }
}

static void check_string(const struct bootplan *p, uint32_t offset)
{
    check(offset < p->strings_size);
    check(memchr(p->strings + offset, '\0', p->strings_size - offset) != NULL);
}

static void check_component(const struct bootplan *p, const struct bootplan_component *c)
{
    check_string(p, c->name);
    check_string(p, c->image);
    check(c->first_thread + c->thread_count <= p->thread_count && c->thread_count >= 1);
    check(c->first_mapping + c->mapping_count <= p->mapping_count);
    check(c->first_cap + c->cap_count <= p->cap_count);
    for (uint32_t i = 0; i < c->mapping_count; i++) {
        const struct bootplan_mapping *m = &p->mappings[c->first_mapping + i];
        check_string(p, m->name);
        check(m->vaddr >= BOOTPLAN_WINDOW_BASE && m->size <= BOOTPLAN_WINDOW_TOP - m->vaddr);
        check(m->kind != BOOTPLAN_MAP_SHARED || m->object < p->object_count);
    }
    for (uint32_t i = 0; i < c->cap_count; i++) {
        const struct bootplan_cap *cap = &p->caps[c->first_cap + i];
        check(cap->slot != 0 && cap->slot < (1u << c->cnode_radix));
        bool uses_object = cap->kind == BOOTPLAN_CAP_ENDPOINT ||
                           cap->kind == BOOTPLAN_CAP_NOTIFICATION;
        check(!uses_object || cap->object < p->object_count);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader wants 8-byte aligned data, as the root server's page is. */
    uint64_t *copy = malloc(size / 8 * 8 + 8);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, data, size);
    struct bootplan plan;
    if (bootplan_open(copy, size, &plan) == BOOTPLAN_OK) {
        for (uint32_t i = 0; i < plan.component_count; i++) {
            check_component(&plan, &plan.components[i]);
        }
        for (uint32_t i = 0; i < plan.thread_count; i++) {
            check_string(&plan, plan.threads[i].name);
            check(plan.threads[i].component < plan.component_count);
        }
        for (uint32_t i = 0; i < plan.object_count; i++) {
            check_string(&plan, plan.objects[i].name);
        }
    }
    free(copy);
    return 0;
}
