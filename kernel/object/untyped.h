/*
 * untyped.h: untyped memory, the only source of kernel objects.
 */
#ifndef CAIRN_KERNEL_UNTYPED_H
#define CAIRN_KERNEL_UNTYPED_H

#include "invocation.h"

/* Decodes and performs CAIRN_UNTYPED_RETYPE and CAIRN_UNTYPED_DESCRIBE. */
enum cairn_error decode_untyped(struct cte *slot, struct message *m, struct syscall_error *e);

/* The capability for a new untyped region [paddr, paddr + 2^size_bits). */
struct cap untyped_cap(uint64_t paddr, unsigned size_bits, bool is_device);

/*
 * Makes one object of `type` (size_bits for untyped and CNodes) at kernel address
 * `object` (zeroed unless device memory) and returns its capability.
 */
struct cap untyped_make_object(unsigned type, unsigned size_bits, uint64_t object, bool device);

/* The bytes of an untyped capability's region not yet retyped (all of them once
 * nothing made from it is left). */
uint64_t untyped_free_bytes(const struct cte *slot);

/* Log2 of the bytes an object of `type` takes (size_bits for untyped and CNodes). */
unsigned untyped_object_bits(unsigned type, unsigned size_bits);

#endif
