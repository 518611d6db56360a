/*
 * plic.h: the RISC-V platform-level interrupt controller, for the boot hart's S-mode.
 */
#ifndef CAIRN_ARCH_PLIC_H
#define CAIRN_ARCH_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#define PLIC_MAX_SOURCES 128

/* Starts the PLIC at physical base with `sources` sources for hart's S-mode context:
 * every source disabled, priority 1, threshold 0; external interrupts enabled. */
void plic_init(uint64_t base, unsigned sources, uint64_t hart);

/* The number of sources (irq numbers are 1..sources-1); 0 when there is no PLIC. */
unsigned plic_source_count(void);

/* Lets irq through to this hart, or masks it. */
void plic_enable(unsigned irq, bool on);

/* The highest pending irq, now claimed (0: none). */
unsigned plic_claim(void);

/* Tells the PLIC the claimed irq was handled. */
void plic_complete(unsigned irq);

#endif
