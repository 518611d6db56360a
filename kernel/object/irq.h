/*
 * irq.h: interrupts as capabilities: IRQ control makes one handler capability per PLIC
 * source; a handler delivers its interrupt as a signal on a notification, and the
 * source stays masked until the driver acknowledges it.
 */
#ifndef CAIRN_KERNEL_IRQ_H
#define CAIRN_KERNEL_IRQ_H

#include "invocation.h"

struct notification;

/* Decodes IRQ control (CAIRN_IRQ_CONTROL_GET) and IRQ handler invocations. */
enum cairn_error decode_irq_control(struct cte *slot, struct message *m, struct syscall_error *e);
enum cairn_error decode_irq_handler(struct cte *slot, struct message *m, struct syscall_error *e);

/* Takes one pending external interrupt from the PLIC and delivers it. */
void irq_handle(void);

/* True while a handler capability for irq exists (a user driver owns the source). */
bool irq_is_issued(unsigned irq);

/* The last capability to a handler went: its source is masked and free again. */
void irq_release(unsigned irq);

/* A notification is being destroyed: no handler may signal it any more. */
void irq_forget_notification(const struct notification *n);

#endif
