/*
 * version.h: Cairn's release version, printed by the kernel and the root task.
 */
#ifndef CAIRN_ABI_VERSION_H
#define CAIRN_ABI_VERSION_H

#define CAIRN_VERSION_STRING "0.1.0"

#endif
