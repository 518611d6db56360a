/*
 * plic.c: PLIC register access. All registers are 32 bits wide and must be accessed
 * so (measured: 64-bit loads fault). The S-mode context of hart h is 2h + 1.
 */
#include "plic.h"

#include "csr.h"
#include "memory.h"

#define PRIORITY(irq) (4u * (irq))
#define ENABLE(context) (0x2000u + 0x80u * (context))
#define THRESHOLD(context) (0x200000u + 0x1000u * (context))
#define CLAIM(context) (0x200004u + 0x1000u * (context))

static volatile uint8_t *plic;
static unsigned source_count;
static unsigned context;

static volatile uint32_t *reg(uint32_t offset)
{
    return (volatile uint32_t *)(plic + offset);
}

void plic_init(uint64_t base, unsigned sources, uint64_t hart)
{
    if (base == 0) {
        return;
    }
    plic = phys_to_virt(base);
    source_count = sources < PLIC_MAX_SOURCES ? sources : PLIC_MAX_SOURCES;
    context = 2 * (unsigned)hart + 1;
    for (unsigned irq = 1; irq < source_count; irq++) {
        *reg(PRIORITY(irq)) = 1;
        plic_enable(irq, false);
    }
    *reg(THRESHOLD(context)) = 0;
    csr_set(sie, SIE_SEIE);
}

unsigned plic_source_count(void)
{
    return source_count;
}

void plic_enable(unsigned irq, bool on)
{
    volatile uint32_t *word = reg(ENABLE(context) + 4 * (irq / 32));
    uint32_t bit = 1u << (irq % 32);
    *word = on ? (*word | bit) : (*word & ~bit);
}

unsigned plic_claim(void)
{
    return plic != 0 ? *reg(CLAIM(context)) : 0;
}

void plic_complete(unsigned irq)
{
    *reg(CLAIM(context)) = irq;
}
