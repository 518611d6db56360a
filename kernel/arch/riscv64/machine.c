/*
 * machine.c: machine halt through QEMU virt's sifive,test0 device.
 *
 * Writing 0x5555 exits QEMU with status 0; (code << 16) | 0x3333 exits with `code`.
 * QEMU truncates the status to 8 bits, so only 1..255 are distinguishable failures.
 * Without the device a failure cannot be signalled (SBI shutdown always exits 0), so
 * the machine then stops in place and a harness sees its timeout, never a false pass.
 */
#include "machine.h"

#include "memory.h"
#include "sbi.h"

#define TEST_PASS 0x5555u
#define TEST_FAIL 0x3333u

static uint64_t exit_device;

void machine_set_exit_device(uint64_t paddr)
{
    exit_device = paddr;
}

/* The value that makes the test device exit with status (1..255 kept, above is 255). */
static uint32_t exit_value(unsigned status)
{
    if (status == 0) {
        return TEST_PASS;
    }
    unsigned code = status > 255 ? 255 : status;   /* never let 256 read as success */
    return (code << 16) | TEST_FAIL;
}

void machine_halt(unsigned status)
{
    if (exit_device != 0) {
        volatile uint32_t *reg = phys_to_virt(exit_device);
        *reg = exit_value(status);
    }
    if (status == 0) {
        sbi_shutdown();
    }
    /* Firmware shutdown would read as success on QEMU: stay stopped instead. */
    for (;;) {
        __asm__ volatile("wfi");
    }
}
