/*
 * csr.h: access to RISC-V supervisor control and status registers, and their bit names.
 */
#ifndef CAIRN_ARCH_CSR_H
#define CAIRN_ARCH_CSR_H

#include <stdint.h>

#define csr_read(name) ({ uint64_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"rK"((uint64_t)(v)))
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"rK"((uint64_t)(v)))
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"rK"((uint64_t)(v)))

#define SSTATUS_SIE (1ul << 1)
#define SSTATUS_SPIE (1ul << 5)
#define SSTATUS_SPP (1ul << 8)
#define SSTATUS_FS_MASK (3ul << 13)
#define SSTATUS_SUM (1ul << 18)

#define SIE_SSIE (1ul << 1)
#define SIE_STIE (1ul << 5)
#define SIE_SEIE (1ul << 9)
#define SIP_STIP (1ul << 5)
#define SIP_SEIP (1ul << 9)

#define SCAUSE_INTERRUPT (1ul << 63)

#define SCOUNTEREN_CY (1ul << 0)
#define SCOUNTEREN_TM (1ul << 1)
#define SCOUNTEREN_IR (1ul << 2)

#define SATP_MODE_SV39 (8ul << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK 0xfffful

static inline uint64_t read_instret(void)
{
    uint64_t v;
    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

static inline void sfence_vma_all(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}

/* Forgets every translation of one address space (global mappings stay). */
static inline void sfence_vma_asid(uint64_t asid)
{
    __asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
}

/* Forgets the translation of one page in one address space. */
static inline void sfence_vma_page(uint64_t vaddr, uint64_t asid)
{
    __asm__ volatile("sfence.vma %0, %1" ::"r"(vaddr), "r"(asid) : "memory");
}

static inline void wait_for_interrupt(void)
{
    __asm__ volatile("wfi");
}

#endif
