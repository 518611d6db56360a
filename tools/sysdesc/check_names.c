/*
 * check_names.c: every name is declared once, every reference names something, and
 * the statements a description cannot do without are there.
 *
 * Each kind of thing has its own namespace: components, devices, the threads and the
 * mmio regions of one component, and connections (rpc, notify and shared together).
 * A system has a platform and at least one component. Resolving turns each reference
 * into an index for the later groups; a reference to the first of two components with
 * one name resolves to the first.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

/* The first of names[0 .. count) spelt like name, or NULL. Names are strided structs. */
static const struct sd_name *earlier(const void *first, size_t stride, unsigned count,
                                     const char *name)
{
    const char *at = first;
    for (unsigned i = 0; i < count; i++, at += stride) {
        const struct sd_name *n = (const void *)at;
        if (strcmp(n->text, name) == 0) {
            return n;
        }
    }
    return NULL;
}

/* Reports the index-th name if an earlier one is spelt the same. */
static void check_unique(struct diag *diag, const void *first, size_t stride, unsigned index,
                         const char *kind, const char *where)
{
    const struct sd_name *n = (const void *)((const char *)first + index * stride);
    const struct sd_name *e = earlier(first, stride, index, n->text);
    if (e != NULL) {
        diag_error(diag, n->pos, "duplicate %s '%s'%s (the first is at line %u)", kind,
                   n->text, where, (unsigned)e->pos.line);
    }
}

static void check_platform(const struct sd_system *sys, struct diag *diag)
{
    const struct sd_platform *p = &sys->platform;
    if (!sd_given(p->name.pos)) {
        diag_error(diag, (struct sd_pos){1, 1}, "no platform statement");
        return;
    }
    if (!sd_given(p->ram_pos)) {
        diag_error(diag, p->name.pos, "platform '%s' has no ram statement", p->name.text);
    }
    for (unsigned i = 0; i < p->device_count; i++) {
        check_unique(diag, &p->devices[0].name, sizeof(p->devices[0]), i, "device", "");
    }
}

static void check_component(const struct sd_system *sys, unsigned index, struct diag *diag)
{
    const struct sd_component *c = &sys->components[index];
    char where[64];
    snprintf(where, sizeof(where), " in component '%s'", c->name.text);
    check_unique(diag, &sys->components[0].name, sizeof(*c), index, "component", "");
    if (!sd_given(c->image.pos)) {
        diag_error(diag, c->name.pos, "component '%s' has no image", c->name.text);
    }
    if (c->thread_count == 0) {
        diag_error(diag, c->name.pos, "component '%s' has no thread", c->name.text);
    }
    for (unsigned i = 0; i < c->thread_count; i++) {
        check_unique(diag, &c->threads[0].name, sizeof(c->threads[0]), i, "thread", where);
    }
    for (unsigned i = 0; i < c->mmio_count; i++) {
        check_unique(diag, &c->mmio[0].name, sizeof(c->mmio[0]), i, "region", where);
    }
}

/* --- references --------------------------------------------------------------------- */

static int resolve_component(const struct sd_system *sys, const struct sd_name *name,
                             struct diag *diag)
{
    int index = sd_find_component(sys, name->text);
    if (index == SD_NONE) {
        diag_error(diag, name->pos, "unknown component '%s'", name->text);
    }
    return index;
}

static void resolve_connection(struct sd_system *sys, struct sd_connection *c,
                               struct diag *diag)
{
    for (unsigned i = 0; i < c->party_count; i++) {
        struct sd_party *party = &sys->parties[c->first_party + i];
        party->component = resolve_component(sys, &party->name, diag);
    }
    if (c->kind != SD_SHARED) {
        c->target.component = resolve_component(sys, &c->target.name, diag);
    }
}

/* `mmio DEVICE RIGHTS` takes the device's whole range. */
static void resolve_mmio(struct sd_system *sys, struct sd_mmio *m, struct diag *diag)
{
    if (!m->whole_device) {
        return;
    }
    m->device = sd_find_device(sys, m->name.text);
    if (m->device == SD_NONE) {
        diag_error(diag, m->name.pos, "unknown device '%s'", m->name.text);
        return;
    }
    const struct sd_device *d = &sys->platform.devices[m->device];
    m->addr = (struct sd_number){d->addr.value, m->name.pos};
    m->size = (struct sd_number){d->size.value, m->name.pos};
}

/* `irq DEVICE` takes the device's interrupt. */
static void resolve_irq(struct sd_system *sys, struct sd_irq *irq, struct diag *diag)
{
    if (irq->resolved) {
        return;
    }
    int index = sd_find_device(sys, irq->device.text);
    if (index == SD_NONE) {
        diag_error(diag, irq->device.pos, "unknown device '%s'", irq->device.text);
        return;
    }
    const struct sd_device *d = &sys->platform.devices[index];
    if (!sd_given(d->irq.pos)) {
        diag_error(diag, irq->device.pos, "device '%s' has no irq", d->name.text);
        return;
    }
    irq->number = (struct sd_number){d->irq.value, irq->device.pos};
    irq->resolved = true;
}

static void resolve_component_refs(struct sd_system *sys, struct sd_component *c,
                                   struct diag *diag)
{
    if (sd_given(c->fault.pos)) {
        c->fault_handler = resolve_component(sys, &c->fault, diag);
    }
    for (unsigned i = 0; i < c->mmio_count; i++) {
        resolve_mmio(sys, &c->mmio[i], diag);
    }
    for (unsigned i = 0; i < c->irq_count; i++) {
        resolve_irq(sys, &c->irqs[i], diag);
    }
}

void check_names(struct sd_system *sys, struct diag *diag)
{
    check_platform(sys, diag);
    if (sys->component_count == 0) {
        diag_error(diag, (struct sd_pos){1, 1}, "no component statement");
    }
    for (unsigned i = 0; i < sys->component_count; i++) {
        check_component(sys, i, diag);
        resolve_component_refs(sys, &sys->components[i], diag);
    }
    for (unsigned i = 0; i < sys->connection_count; i++) {
        check_unique(diag, &sys->connections[0].name, sizeof(sys->connections[0]), i,
                     "connection", "");
        resolve_connection(sys, &sys->connections[i], diag);
    }
}
