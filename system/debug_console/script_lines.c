/*
 * script_lines.c: the line splitting of script_lines.h.
 */
#include "script_lines.h"

void script_reader_init(struct script_reader *r, const char *bytes, size_t length)
{
    r->bytes = (const unsigned char *)bytes;
    r->length = bytes != 0 ? length : 0;
    r->at = 0;
    r->lines = 0;
}

static bool is_blank(unsigned char byte)
{
    return byte == ' ' || byte == '\t';
}

/* Blank, or a comment: nothing to run. */
static bool skipped(const unsigned char *text, size_t length)
{
    size_t i = 0;
    while (i < length && is_blank(text[i])) {
        i++;
    }
    return i == length || text[i] == '#';
}

/* Copies a line the shell can take into line->text; otherwise says why not. */
static void take(const unsigned char *text, size_t length, struct script_line *line)
{
    if (length > LINE_MAX) {
        line->kind = SCRIPT_LINE_TOO_LONG;
        return;
    }
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = text[i] == '\t' ? ' ' : text[i];
        if (byte < ' ' || byte >= 0x7f) {
            line->kind = SCRIPT_LINE_BAD_BYTE;
            line->bad_byte = byte;
            return;
        }
        line->text[i] = (char)byte;
    }
    line->text[length] = '\0';
    line->kind = SCRIPT_LINE_COMMAND;
}

void script_reader_next(struct script_reader *r, struct script_line *line)
{
    while (r->at < r->length) {
        const unsigned char *start = r->bytes + r->at;
        size_t length = 0, left = r->length - r->at;
        while (length < left && start[length] != '\n') {
            length++;
        }
        r->at += length < left ? length + 1 : length;   /* past the LF, if any */
        r->lines++;
        if (length > 0 && start[length - 1] == '\r') {
            length--;   /* CR LF, or a CR at the very end */
        }
        if (!skipped(start, length)) {
            line->number = r->lines;
            take(start, length, line);
            return;
        }
    }
    line->kind = SCRIPT_LINE_END;
    line->number = r->lines;
}

unsigned script_line_words(const char *text)
{
    unsigned words = 0;
    for (size_t i = 0; text[i] != '\0'; i++) {
        if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) {
            words++;
        }
    }
    return words;
}
