/*
 * uart_irq.c: a real device interrupt, end to end, as a user-level driver sees it.
 *
 * The root task finds the device untyped that holds the UART, makes a frame of it and
 * maps it (with two page tables) at UART_VADDR, takes the handler for the UART's IRQ,
 * binds a notification, and turns on the UART's receive interrupt. Then, three times:
 * wait for the notification, read the byte, acknowledge. The QEMU case types the keys.
 */
#include "cairn.h"
#include "cairn_vspace.h"

#define UART_PADDR 0x10000000ul
#define UART_IRQ 10
#define UART_VADDR 0x200000000ul
#define UART_RBR 0
#define UART_IER 1
#define UART_LSR 5
#define ROOT CAIRN_CAP_INIT_CNODE

enum { TABLE_L1, TABLE_L0, UART_FRAME, HANDLER, NTFN, SLOTS };

static cairn_cptr_t slot(const struct cairn_bootinfo *info, unsigned which)
{
    return CAIRN_CAP_FIRST_UNTYPED + info->untyped_count + which;
}

/* The capability of the device untyped starting at paddr (0: none). */
static cairn_cptr_t find_device_untyped(const struct cairn_bootinfo *info, uint64_t paddr)
{
    for (uint64_t i = 0; i < info->untyped_count; i++) {
        const struct cairn_untyped_desc *u = &info->untyped[i];
        if (u->is_device && u->paddr == paddr) {
            return CAIRN_CAP_FIRST_UNTYPED + i;
        }
    }
    return 0;
}

static enum cairn_error map_uart(const struct cairn_bootinfo *info)
{
    cairn_cptr_t ram = cairn_largest_ram_untyped(info), device = find_device_untyped(info, UART_PADDR);
    if (ram == 0 || device == 0) {
        cairn_printf("uart_irq: no untyped for RAM or for the UART\n");
        return CAIRN_E_FAILED_LOOKUP;
    }
    enum cairn_error err = cairn_untyped_retype(ram, CAIRN_OBJECT_PAGE_TABLE, 0, ROOT, 0, 0,
                                                slot(info, TABLE_L1), 2);
    if (err == CAIRN_OK) {
        err = cairn_untyped_retype(device, CAIRN_OBJECT_FRAME_4K, 0, ROOT, 0, 0,
                                   slot(info, UART_FRAME), 1);
    }
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(slot(info, TABLE_L1), CAIRN_CAP_INIT_VSPACE, UART_VADDR);
    }
    if (err == CAIRN_OK) {
        err = cairn_page_table_map(slot(info, TABLE_L0), CAIRN_CAP_INIT_VSPACE, UART_VADDR);
    }
    if (err == CAIRN_OK) {
        err = cairn_frame_map(slot(info, UART_FRAME), CAIRN_CAP_INIT_VSPACE, UART_VADDR,
                              CAIRN_RIGHT_READ | CAIRN_RIGHT_WRITE);
    }
    return err;
}

static enum cairn_error take_irq(const struct cairn_bootinfo *info)
{
    cairn_cptr_t ram = cairn_largest_ram_untyped(info);
    enum cairn_error err = cairn_untyped_retype(ram, CAIRN_OBJECT_NOTIFICATION, 0, ROOT, 0, 0,
                                                slot(info, NTFN), 1);
    if (err == CAIRN_OK) {
        err = cairn_irq_control_get(CAIRN_CAP_IRQ_CONTROL, UART_IRQ, ROOT, slot(info, HANDLER),
                                    CAIRN_WORD_BITS);
    }
    if (err == CAIRN_OK) {
        err = cairn_irq_handler_set_notification(slot(info, HANDLER), slot(info, NTFN));
    }
    return err;
}

int main(const struct cairn_bootinfo *info)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_VADDR;
    enum cairn_error err = map_uart(info);
    if (err == CAIRN_OK) {
        err = take_irq(info);
    }
    if (err != CAIRN_OK) {
        cairn_printf("uart_irq: setup failed: error %d\n", err);
        return 1;
    }
    uart[UART_IER] = 1;   /* interrupt when a byte has arrived */
    for (int i = 0; i < 3; i++) {
        cairn_printf("uart_irq: waiting for a key\n");
        uint64_t badge = cairn_wait(slot(info, NTFN));
        char c = (char)uart[UART_RBR];
        cairn_printf("uart_irq: interrupt (badge %lu), received '%c'\n", badge, c);
        cairn_irq_handler_ack(slot(info, HANDLER));
    }
    uart[UART_IER] = 0;
    return 0;
}
