/*
 * parse_platform.c: the platform block, the machine the system runs on.
 *
 *   platform NAME {
 *       ram     ADDR size SIZE
 *       device  NAME at ADDR size SIZE [irq N]
 *   }
 */
#include <stdio.h>

#include "parser.h"

/* `ram ADDR size SIZE`, at most once. */
static void parse_ram(struct parser *p, struct sd_platform *platform)
{
    if (sd_given(platform->ram_pos)) {
        parser_second(p, "ram", platform->ram_pos);
        parser_skip_line(p);
        return;
    }
    struct sd_pos keyword = p->tok.pos;
    parser_advance(p);
    struct sd_number addr, size;
    if (!parser_take_number(p, "an address", &addr) || !parser_take_keyword(p, "size") ||
        !parser_take_size(p, "a size", &size)) {
        parser_skip_line(p);
        return;
    }
    platform->ram_pos = keyword;
    platform->ram_addr = addr;
    platform->ram_size = size;
    parser_end_statement(p);
}

/* The optional `irq N` at the end of a device line. */
static bool parse_device_irq(struct parser *p, struct sd_device *d)
{
    if (parser_at_line_end(p)) {
        return true;
    }
    return parser_take_keyword(p, "irq") && parser_take_number(p, "an irq number", &d->irq);
}

/* `device NAME at ADDR size SIZE [irq N]`. */
static void parse_device(struct parser *p, struct sd_platform *platform)
{
    parser_advance(p);
    struct sd_device d = {0};
    if (!parser_take_name(p, "a device name", &d.name) || !parser_take_keyword(p, "at") ||
        !parser_take_number(p, "an address", &d.addr) || !parser_take_keyword(p, "size") ||
        !parser_take_size(p, "a size", &d.size) || !parse_device_irq(p, &d)) {
        parser_skip_line(p);
        return;
    }
    if (platform->device_count == SD_MAX_DEVICES) {
        diag_error(p->diag, d.name.pos, "too many devices (at most %u)", SD_MAX_DEVICES);
    } else {
        platform->devices[platform->device_count++] = d;
    }
    parser_end_statement(p);
}

static void parse_platform_line(struct parser *p, void *block)
{
    struct sd_platform *platform = block;
    char shown[64];
    if (lex_is(&p->tok, "ram")) {
        parse_ram(p, platform);
    } else if (lex_is(&p->tok, "device")) {
        parse_device(p, platform);
    } else if (p->tok.kind == LEX_NAME) {
        diag_error(p->diag, p->tok.pos, "unknown statement %s in platform '%s'",
                   lex_describe(&p->tok, shown, sizeof(shown)), platform->name.text);
        parser_skip_line(p);
    } else {
        parser_expected(p, "a platform statement");
        parser_skip_line(p);
    }
}

void parse_platform(struct parser *p)
{
    struct sd_platform *platform = &p->sys->platform;
    if (sd_given(platform->name.pos)) {
        parser_second(p, "platform", platform->name.pos);
        platform = &p->scratch_platform;   /* read, then forgotten */
    }
    struct sd_pos keyword = p->tok.pos;
    parser_advance(p);
    struct sd_name name = {"?", keyword};
    bool head_ok = true;
    if (!parser_take_name(p, "a platform name", &name)) {
        if (!parser_broken_head_opens_block(p)) {
            return;
        }
        head_ok = false;
        platform = &p->scratch_platform;   /* read the body, so it reports its errors */
    }
    *platform = (struct sd_platform){.name = name};
    parser_block(p, "platform", &platform->name, parse_platform_line, platform, head_ok);
}
