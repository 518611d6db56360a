/*
 * check_memory.c: RAM, devices, MMIO regions, IRQs and region sizes.
 *
 * A device region may be mapped by one component only, and only from a device the
 * platform declares, never from RAM: RAM is handed out as untyped memory, and a frame
 * mapped both ways would let a component read kernel objects. MMIO mappings are whole
 * pages, so two regions "overlap" when they share a page even if their bytes do not.
 * An IRQ goes to one component only, and must be one a device raises.
 */
#include <stdio.h>

#include "check.h"

#define PAGE ((uint64_t)SD_PAGE_SIZE)

struct range {
    uint64_t first;                /* first byte */
    uint64_t last;                 /* last byte (inclusive, so the top of memory fits) */
};

static bool overlaps(struct range a, struct range b)
{
    return a.first <= b.last && b.first <= a.last;
}

static bool inside(struct range inner, struct range outer)
{
    return inner.first >= outer.first && inner.last <= outer.last;
}

/* Reports a zero size, or one that is not whole pages where pages are required. */
static bool check_size(struct diag *diag, const char *what, struct sd_number size,
                       bool whole_pages)
{
    if (size.value == 0) {
        diag_error(diag, size.pos, "%s size is 0", what);
        return false;
    }
    if (whole_pages && size.value % PAGE != 0) {
        char text[32];
        diag_error(diag, size.pos, "%s size %s is not a multiple of 4K", what,
                   check_size_text(size.value, text, sizeof(text)));
        return false;
    }
    return true;
}

/* A non-empty range whose end fits in 64 bits. */
static bool check_range(struct diag *diag, const char *what, struct sd_number addr,
                        struct sd_number size, struct range *out)
{
    if (!check_size(diag, what, size, false)) {
        return false;
    }
    if (size.value - 1 > UINT64_MAX - addr.value) {
        diag_error(diag, size.pos, "%s at 0x%llx: address + size overflows 64 bits", what,
                   (unsigned long long)addr.value);
        return false;
    }
    *out = (struct range){addr.value, addr.value + (size.value - 1)};
    return true;
}

/* --- the platform ------------------------------------------------------------------- */

struct platform_ranges {
    bool ram_ok;
    struct range ram;
    bool device_ok[SD_MAX_DEVICES];
    struct range devices[SD_MAX_DEVICES];
};

static bool irq_in_range(struct diag *diag, struct sd_number irq)
{
    if (irq.value == 0 || irq.value > SD_MAX_IRQ) {
        diag_error(diag, irq.pos, "irq %llu is not a PLIC source (1..%u)",
                   (unsigned long long)irq.value, SD_MAX_IRQ);
        return false;
    }
    return true;
}

static void check_device_irq(const struct sd_platform *p, unsigned index, struct diag *diag)
{
    const struct sd_device *d = &p->devices[index];
    if (!sd_given(d->irq.pos) || !irq_in_range(diag, d->irq)) {
        return;
    }
    for (unsigned i = 0; i < index; i++) {
        const struct sd_device *other = &p->devices[i];
        if (sd_given(other->irq.pos) && other->irq.value == d->irq.value) {
            diag_error(diag, d->irq.pos, "irq %llu is also the irq of device '%s' (line %u)",
                       (unsigned long long)d->irq.value, other->name.text,
                       (unsigned)other->name.pos.line);
            return;
        }
    }
}

static void check_device(const struct sd_platform *p, unsigned index,
                         struct platform_ranges *r, struct diag *diag)
{
    const struct sd_device *d = &p->devices[index];
    char what[64];
    snprintf(what, sizeof(what), "device '%s'", d->name.text);
    check_device_irq(p, index, diag);
    if (!check_range(diag, what, d->addr, d->size, &r->devices[index])) {
        return;
    }
    if (r->ram_ok && overlaps(r->devices[index], r->ram)) {
        diag_error(diag, d->name.pos, "device '%s' overlaps RAM", d->name.text);
        return;
    }
    for (unsigned i = 0; i < index; i++) {
        if (r->device_ok[i] && overlaps(r->devices[index], r->devices[i])) {
            diag_error(diag, d->name.pos, "device '%s' overlaps device '%s' (line %u)",
                       d->name.text, p->devices[i].name.text,
                       (unsigned)p->devices[i].name.pos.line);
            return;
        }
    }
    r->device_ok[index] = true;
}

static void check_platform(const struct sd_platform *p, struct platform_ranges *r,
                           struct diag *diag)
{
    if (sd_given(p->ram_pos)) {
        r->ram_ok = check_range(diag, "ram", p->ram_addr, p->ram_size, &r->ram);
    }
    for (unsigned i = 0; i < p->device_count; i++) {
        check_device(p, i, r, diag);
    }
}

/* --- mmio --------------------------------------------------------------------------- */

struct claim {
    unsigned component;
    const struct sd_mmio *mmio;
    struct range pages;
};

/* The mmio region's own rules; fills *pages with the whole pages it maps. */
static bool check_mmio_range(const struct sd_mmio *m, const struct platform_ranges *r,
                             struct range *pages, struct diag *diag)
{
    char what[64];
    snprintf(what, sizeof(what), "mmio '%s'", m->name.text);
    struct range bytes;
    if (!check_range(diag, what, m->addr, m->size, &bytes)) {
        return false;
    }
    if (m->addr.value % PAGE != 0) {
        diag_error(diag, m->addr.pos, "mmio '%s' at 0x%llx is not page-aligned", m->name.text,
                   (unsigned long long)m->addr.value);
        return false;
    }
    if (r->ram_ok && overlaps(bytes, r->ram)) {
        diag_error(diag, m->addr.pos, "mmio '%s' overlaps RAM", m->name.text);
        return false;
    }
    bool in_device = false;
    for (unsigned i = 0; i < SD_MAX_DEVICES && !in_device; i++) {
        in_device = r->device_ok[i] && inside(bytes, r->devices[i]);
    }
    if (!in_device) {
        diag_error(diag, m->addr.pos, "mmio '%s' (0x%llx..0x%llx) is not inside a platform "
                   "device", m->name.text, (unsigned long long)bytes.first,
                   (unsigned long long)bytes.last);
        return false;
    }
    *pages = (struct range){bytes.first, bytes.last | (PAGE - 1)};
    return true;
}

/* Each region against the ones before it, over all components. */
static void check_claims(const struct sd_system *sys, const struct claim *claims,
                         unsigned count, struct diag *diag)
{
    for (unsigned i = 0; i < count; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (!overlaps(claims[i].pages, claims[j].pages)) {
                continue;
            }
            const struct sd_mmio *m = claims[i].mmio, *first = claims[j].mmio;
            diag_error(diag, m->addr.pos, "mmio '%s' claimed twice: 0x%llx..0x%llx is also "
                       "mapped by %s ('%s', line %u)", m->name.text,
                       (unsigned long long)claims[i].pages.first,
                       (unsigned long long)claims[i].pages.last,
                       sys->components[claims[j].component].name.text, first->name.text,
                       (unsigned)first->name.pos.line);
            break;
        }
    }
}

static void check_mmio(const struct sd_system *sys, const struct platform_ranges *r,
                       struct diag *diag)
{
    struct claim claims[SD_MAX_COMPONENTS * SD_MAX_MMIO];
    unsigned count = 0;
    for (unsigned c = 0; c < sys->component_count; c++) {
        const struct sd_component *comp = &sys->components[c];
        for (unsigned i = 0; i < comp->mmio_count; i++) {
            const struct sd_mmio *m = &comp->mmio[i];
            if (m->whole_device && m->device == SD_NONE) {
                continue;   /* an unknown device: reported already */
            }
            struct range pages;
            if (check_mmio_range(m, r, &pages, diag)) {
                claims[count++] = (struct claim){c, m, pages};
            }
        }
    }
    check_claims(sys, claims, count, diag);
}

/* --- irqs --------------------------------------------------------------------------- */

static bool some_device_has(const struct sd_platform *p, uint64_t irq)
{
    for (unsigned i = 0; i < p->device_count; i++) {
        if (sd_given(p->devices[i].irq.pos) && p->devices[i].irq.value == irq) {
            return true;
        }
    }
    return false;
}

/* The first irq before (component, index) with the same number, or NULL. */
static const struct sd_irq *irq_claimed(const struct sd_system *sys, unsigned component,
                                        unsigned index, unsigned *holder)
{
    const struct sd_irq *irq = &sys->components[component].irqs[index];
    for (unsigned c = 0; c <= component; c++) {
        const struct sd_component *comp = &sys->components[c];
        unsigned end = c == component ? index : comp->irq_count;
        for (unsigned i = 0; i < end; i++) {
            if (comp->irqs[i].resolved && comp->irqs[i].number.value == irq->number.value) {
                *holder = c;
                return &comp->irqs[i];
            }
        }
    }
    return NULL;
}

static void check_irq(const struct sd_system *sys, unsigned component, unsigned index,
                      struct diag *diag)
{
    const struct sd_irq *irq = &sys->components[component].irqs[index];
    unsigned holder;
    if (!irq->resolved || !irq_in_range(diag, irq->number)) {
        return;
    }
    if (!some_device_has(&sys->platform, irq->number.value)) {
        diag_error(diag, irq->number.pos, "no platform device has irq %llu",
                   (unsigned long long)irq->number.value);
        return;
    }
    const struct sd_irq *first = irq_claimed(sys, component, index, &holder);
    if (first != NULL) {
        diag_error(diag, irq->number.pos, "irq %llu claimed twice (also held by %s, line %u)",
                   (unsigned long long)irq->number.value, sys->components[holder].name.text,
                   (unsigned)first->number.pos.line);
    }
}

/* --- sizes -------------------------------------------------------------------------- */

static void check_region_sizes(const struct sd_system *sys, struct diag *diag)
{
    for (unsigned c = 0; c < sys->component_count; c++) {
        const struct sd_component *comp = &sys->components[c];
        for (unsigned i = 0; i < comp->thread_count; i++) {
            if (sd_given(comp->threads[i].stack.pos)) {
                check_size(diag, "stack", comp->threads[i].stack, true);
            }
        }
        if (sd_given(comp->heap.pos)) {
            check_size(diag, "heap", comp->heap, true);
        }
    }
    for (unsigned i = 0; i < sys->connection_count; i++) {
        if (sys->connections[i].kind == SD_SHARED) {
            check_size(diag, "shared region", sys->connections[i].size, true);
        }
    }
}

void check_memory(struct sd_system *sys, struct diag *diag)
{
    struct platform_ranges ranges = {0};
    check_platform(&sys->platform, &ranges, diag);
    check_mmio(sys, &ranges, diag);
    for (unsigned c = 0; c < sys->component_count; c++) {
        for (unsigned i = 0; i < sys->components[c].irq_count; i++) {
            check_irq(sys, c, i, diag);
        }
    }
    check_region_sizes(sys, diag);
}
