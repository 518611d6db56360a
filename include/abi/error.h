/*
 * error.h: the error codes every system call returns in a0, shared by kernel and user code.
 *
 * Modelled on seL4's eleven codes: a small, stable set whose meaning a caller can act on.
 * The detail (which argument, which range) goes to the debug console in debug builds.
 */
#ifndef CAIRN_ABI_ERROR_H
#define CAIRN_ABI_ERROR_H

enum cairn_error {
    CAIRN_OK = 0,                    /* the call did what was asked */
    CAIRN_E_INVALID_ARGUMENT = 1,    /* an argument is outside what the call accepts */
    CAIRN_E_INVALID_CAPABILITY = 2,  /* a capability is of the wrong type or lacks rights */
    CAIRN_E_ILLEGAL_OPERATION = 3,   /* the object cannot do this (or not in this build) */
    CAIRN_E_RANGE = 4,               /* a size or count is outside the allowed range */
    CAIRN_E_ALIGNMENT = 5,           /* an address or size is misaligned */
    CAIRN_E_FAILED_LOOKUP = 6,       /* a capability address or user address did not resolve */
    CAIRN_E_TRUNCATED_MESSAGE = 7,   /* the message is shorter than the call needs */
    CAIRN_E_DELETE_FIRST = 8,        /* the destination slot is occupied */
    CAIRN_E_REVOKE_FIRST = 9,        /* the object has children that must be revoked first */
    CAIRN_E_NOT_ENOUGH_MEMORY = 10,  /* the untyped region has too little free space */
};

#define CAIRN_ERROR_COUNT 11

/* Why a capability lookup failed: reply word 1 of a CAIRN_E_FAILED_LOOKUP. */
enum cairn_lookup_failure {
    CAIRN_LOOKUP_INVALID_ROOT = 1,        /* the starting capability is not a CNode */
    CAIRN_LOOKUP_MISSING_CAPABILITY = 2,  /* the slot is empty (or of the wrong kind) */
    CAIRN_LOOKUP_DEPTH_MISMATCH = 3,      /* bits left over, or a level needs more bits */
    CAIRN_LOOKUP_GUARD_MISMATCH = 4,      /* the address's guard bits differ from the guard */
    CAIRN_LOOKUP_INSPECT_ONLY = 5,        /* bits remain at a CNode capability without the
                                             write right: walks never go through one */
};

#endif
