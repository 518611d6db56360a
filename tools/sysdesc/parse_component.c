/*
 * parse_component.c: a component block, one isolated component.
 *
 *   component NAME {
 *       image   NAME
 *       thread  NAME priority P [max M] [stack SIZE]    (attributes in any order)
 *       heap    SIZE
 *       mmio    NAME at ADDR size SIZE RIGHTS  |  mmio DEVICE RIGHTS
 *       irq     N  |  irq DEVICE
 *       fault   COMPONENT
 *       untyped
 *       asid_control
 *       inspect
 *   }
 *
 * Statements that may appear once (image, heap, fault, untyped, asid_control, inspect) are
 * refused here the second time; everything else about their values is checked later.
 */
#include <stdio.h>
#include <string.h>

#include "parser.h"

/* `image NAME`. */
static void parse_image(struct parser *p, struct sd_component *c)
{
    if (sd_given(c->image.pos)) {
        parser_second(p, "image", c->image.pos);
        parser_skip_line(p);
        return;
    }
    parser_advance(p);
    if (!parser_take_name(p, "an image name", &c->image)) {
        parser_skip_line(p);
        return;
    }
    parser_end_statement(p);
}

/* One of `priority P`, `max M`, `stack SIZE`, each at most once. */
static bool parse_thread_attribute(struct parser *p, struct sd_thread *t)
{
    struct sd_number *slot = NULL;
    const char *what = NULL;
    bool size = false;
    if (lex_is(&p->tok, "priority")) {
        slot = &t->priority;
        what = "a priority";
    } else if (lex_is(&p->tok, "max")) {
        slot = &t->max;
        what = "a maximum priority";
    } else if (lex_is(&p->tok, "stack")) {
        slot = &t->stack;
        what = "a stack size";
        size = true;
    } else {
        parser_expected(p, "'priority', 'max' or 'stack'");
        return false;
    }
    if (sd_given(slot->pos)) {
        diag_error(p->diag, p->tok.pos, "'%.*s' given twice", (int)p->tok.length, p->tok.text);
        return false;
    }
    parser_advance(p);
    return size ? parser_take_size(p, what, slot) : parser_take_number(p, what, slot);
}

/* `thread NAME priority P [max M] [stack SIZE]`. */
static void parse_thread(struct parser *p, struct sd_component *c)
{
    parser_advance(p);
    struct sd_thread t = {0};
    if (!parser_take_name(p, "a thread name", &t.name)) {
        parser_skip_line(p);
        return;
    }
    while (!parser_at_line_end(p)) {
        if (!parse_thread_attribute(p, &t)) {
            parser_skip_line(p);
            return;
        }
    }
    if (!sd_given(t.priority.pos)) {
        diag_error(p->diag, p->tok.pos, "missing 'priority'");
    } else if (c->thread_count == SD_MAX_THREADS) {
        diag_error(p->diag, t.name.pos, "too many threads (at most %u)", SD_MAX_THREADS);
    } else {
        c->threads[c->thread_count++] = t;
    }
    parser_end_statement(p);
}

/* `heap SIZE`. */
static void parse_heap(struct parser *p, struct sd_component *c)
{
    if (sd_given(c->heap.pos)) {
        parser_second(p, "heap", c->heap.pos);
        parser_skip_line(p);
        return;
    }
    parser_advance(p);
    if (!parser_take_size(p, "a heap size", &c->heap)) {
        parser_skip_line(p);
        return;
    }
    parser_end_statement(p);
}

/* The rest of `mmio NAME at ADDR size SIZE RIGHTS`, or of `mmio DEVICE RIGHTS`. */
static bool parse_mmio_range(struct parser *p, struct sd_mmio *m)
{
    if (!lex_is(&p->tok, "at")) {
        if (p->tok.kind != LEX_NAME) {
            parser_expected(p, "'at' or rights");
            return false;
        }
        m->whole_device = true;
        return parser_take_rights(p, &m->rights);
    }
    parser_advance(p);
    return parser_take_number(p, "an address", &m->addr) && parser_take_keyword(p, "size") &&
           parser_take_size(p, "a size", &m->size) && parser_take_rights(p, &m->rights);
}

static void parse_mmio(struct parser *p, struct sd_component *c)
{
    parser_advance(p);
    struct sd_mmio m = {.device = SD_NONE};
    if (!parser_take_name(p, "a region or device name", &m.name) ||
        !parse_mmio_range(p, &m)) {
        parser_skip_line(p);
        return;
    }
    if (c->mmio_count == SD_MAX_MMIO) {
        diag_error(p->diag, m.name.pos, "too many mmio regions (at most %u)", SD_MAX_MMIO);
    } else {
        c->mmio[c->mmio_count++] = m;
    }
    parser_end_statement(p);
}

/* `irq N` or `irq DEVICE`. */
static void parse_irq(struct parser *p, struct sd_component *c)
{
    struct sd_pos keyword = p->tok.pos;
    parser_advance(p);
    struct sd_irq irq = {0};
    bool ok = p->tok.kind == LEX_NAME ? parser_take_name(p, "a device", &irq.device)
                                      : parser_take_number(p, "an irq number or a device",
                                                           &irq.number);
    if (!ok) {
        parser_skip_line(p);
        return;
    }
    irq.resolved = !sd_given(irq.device.pos);
    if (c->irq_count == SD_MAX_IRQS) {
        diag_error(p->diag, keyword, "too many irqs (at most %u)", SD_MAX_IRQS);
    } else {
        c->irqs[c->irq_count++] = irq;
    }
    parser_end_statement(p);
}

/* `fault COMPONENT`. */
static void parse_fault(struct parser *p, struct sd_component *c)
{
    if (sd_given(c->fault.pos)) {
        parser_second(p, "fault", c->fault.pos);
        parser_skip_line(p);
        return;
    }
    parser_advance(p);
    if (!parser_take_name(p, "a fault handler component", &c->fault)) {
        parser_skip_line(p);
        return;
    }
    parser_end_statement(p);
}

/* `untyped`, `asid_control` or `inspect`: a flag given at most once. */
static void parse_flag(struct parser *p, const char *keyword, struct sd_pos *flag)
{
    if (sd_given(*flag)) {
        parser_second(p, keyword, *flag);
        parser_skip_line(p);
        return;
    }
    *flag = p->tok.pos;
    parser_advance(p);
    parser_end_statement(p);
}

static void parse_component_line(struct parser *p, void *block)
{
    struct sd_component *c = block;
    char shown[64];
    if (lex_is(&p->tok, "image")) {
        parse_image(p, c);
    } else if (lex_is(&p->tok, "thread")) {
        parse_thread(p, c);
    } else if (lex_is(&p->tok, "heap")) {
        parse_heap(p, c);
    } else if (lex_is(&p->tok, "mmio")) {
        parse_mmio(p, c);
    } else if (lex_is(&p->tok, "irq")) {
        parse_irq(p, c);
    } else if (lex_is(&p->tok, "fault")) {
        parse_fault(p, c);
    } else if (lex_is(&p->tok, "untyped")) {
        parse_flag(p, "untyped", &c->untyped);
    } else if (lex_is(&p->tok, "asid_control")) {
        parse_flag(p, "asid_control", &c->asid_control);
    } else if (lex_is(&p->tok, "inspect")) {
        parse_flag(p, "inspect", &c->inspect);
    } else if (p->tok.kind == LEX_NAME) {
        diag_error(p->diag, p->tok.pos, "unknown statement %s in component '%s'",
                   lex_describe(&p->tok, shown, sizeof(shown)), c->name.text);
        parser_skip_line(p);
    } else {
        parser_expected(p, "a component statement");
        parser_skip_line(p);
    }
}

void parse_component(struct parser *p)
{
    struct sd_system *sys = p->sys;
    struct sd_pos keyword = p->tok.pos;
    parser_advance(p);
    struct sd_name name = {"?", keyword};
    bool head_ok = true;
    struct sd_component *c = &p->scratch;   /* read, then forgotten, unless kept below */
    if (!parser_take_name(p, "a component name", &name)) {
        if (!parser_broken_head_opens_block(p)) {
            return;
        }
        head_ok = false;
    } else if (sys->component_count == SD_MAX_COMPONENTS) {
        diag_error(p->diag, name.pos, "too many components (at most %u)", SD_MAX_COMPONENTS);
    } else {
        c = &sys->components[sys->component_count++];
    }
    memset(c, 0, sizeof(*c));
    c->name = name;
    c->fault_handler = SD_NONE;
    parser_block(p, "component", &c->name, parse_component_line, c, head_ok);
}
