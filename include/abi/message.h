/*
 * message.h: the IPC message format: message info word, registers, IPC buffer.
 *
 * As in seL4, a message is a label, up to CAIRN_MSG_MAX_LENGTH words and up to
 * CAIRN_MSG_MAX_EXTRA_CAPS capabilities. The first CAIRN_MSG_REGISTERS words travel in
 * registers a2..a5; the rest in the sender's IPC buffer, a page-resident struct whose
 * address each thread registers with its TCB. The info word goes in a1.
 */
#ifndef CAIRN_ABI_MESSAGE_H
#define CAIRN_ABI_MESSAGE_H

#include <stdint.h>

#define CAIRN_MSG_MAX_LENGTH 120
#define CAIRN_MSG_MAX_EXTRA_CAPS 3
#define CAIRN_MSG_REGISTERS 4

/*
 * The message info word, seL4's layout:
 *   bits 63..12 label, 11..9 caps unwrapped (a mask), 8..7 extra caps, 6..0 length.
 */
#define CAIRN_MSG_LENGTH_BITS 7
#define CAIRN_MSG_EXTRA_CAPS_BITS 2
#define CAIRN_MSG_UNWRAPPED_BITS 3
#define CAIRN_MSG_LABEL_SHIFT 12

static inline uint64_t cairn_msg_info(uint64_t label, unsigned unwrapped, unsigned extra_caps,
                                      unsigned length)
{
    return label << CAIRN_MSG_LABEL_SHIFT | (uint64_t)(unwrapped & 7u) << 9 |
           (uint64_t)(extra_caps & 3u) << 7 | (length & 0x7fu);
}

static inline uint64_t cairn_msg_label(uint64_t info)
{
    return info >> CAIRN_MSG_LABEL_SHIFT;
}

static inline unsigned cairn_msg_unwrapped(uint64_t info)
{
    return (unsigned)(info >> 9) & 7u;
}

static inline unsigned cairn_msg_extra_caps(uint64_t info)
{
    return (unsigned)(info >> 7) & 3u;
}

static inline unsigned cairn_msg_length(uint64_t info)
{
    return (unsigned)info & 0x7fu;
}

/* The IPC buffer: where long messages, capability addresses and badges travel. */
struct cairn_ipc_buffer {
    uint64_t tag;                                 /* unused by the kernel; free for user code */
    uint64_t msg[CAIRN_MSG_MAX_LENGTH];           /* msg[0..3] shadow the registers */
    uint64_t user_data;                           /* thread-local pointer for the user */
    uint64_t caps_or_badges[CAIRN_MSG_MAX_EXTRA_CAPS]; /* send: cptrs; receive: badges */
    uint64_t receive_cnode;                       /* where a received capability goes: */
    uint64_t receive_index;                       /*   CNode cptr, index and depth as in */
    uint64_t receive_depth;                       /*   the CNode invocations */
};

#define CAIRN_IPC_BUFFER_BITS 10
_Static_assert(sizeof(struct cairn_ipc_buffer) <= (1u << CAIRN_IPC_BUFFER_BITS),
               "the IPC buffer fits its 1 KiB slot");

#endif
