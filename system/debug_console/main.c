/*
 * main.c: debug_console, the operator's shell on the serial line.
 *
 * It reads bytes the UART driver puts in the shared ring (woken by its rx_ready signal,
 * never polling), edits the line (line_editor.c) and runs each line as a command
 * (shell.c); what it prints goes to the UART driver. At boot it runs the autostart
 * script (source.c) before the first prompt.
 */
#include "cairn.h"
#include "console.h"
#include "line_editor.h"
#include "log.h"
#include "shell.h"
#include "source.h"

static struct line_editor editor;

static void echo(void *context, const char *bytes, size_t length)
{
    (void)context;
    console_write(bytes, length);
}

static void take_input(void)
{
    int byte;
    while ((byte = console_read_byte()) >= 0) {
        enum line_event event = line_editor_feed(&editor, (char)byte);
        if (event == LINE_DONE) {
            shell_run(line_editor_text(&editor), line_editor_too_long(&editor));
        }
        if (event != LINE_NONE) {
            console_printf(SHELL_PROMPT);
        }
    }
}

int main(void)
{
    log_set_name("debug_console");
    line_editor_init(&editor, echo, 0);
    uint64_t instructions;
    __asm__ volatile("rdinstret %0" : "=r"(instructions));
    console_printf("\nCairn debug console, up after %lu instructions from reset. Type help for "
                   "the commands.\n", instructions);
    source_autostart();
    console_printf(SHELL_PROMPT);
    for (;;) {
        console_wait_input();
        take_input();
    }
}
