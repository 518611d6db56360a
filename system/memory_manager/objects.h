/*
 * objects.h: the objects the memory manager made for its clients, and each client's
 * account (objects.c): MM_ALLOC, MM_FREE and MM_CLIENTS.
 */
#ifndef MEMORY_MANAGER_OBJECTS_H
#define MEMORY_MANAGER_OBJECTS_H

#include "rpc.h"

#define MM_MAX_OBJECTS 32            /* live objects, all clients together */
#define MM_MAX_CLIENTS 16            /* clients it keeps accounts for */
#define MM_OBJECT_QUOTA 12           /* each client's quota: objects ... */
#define MM_BYTE_QUOTA (32ul << 10)   /* ... and bytes */

/* MM_ALLOC: a new object for request->badge; the reply carries its capability. */
void objects_alloc(const struct rpc_request *request, struct rpc_reply *reply);

/* MM_FREE: destroys one of request->badge's objects. */
void objects_free(const struct rpc_request *request, struct rpc_reply *reply);

/* MM_CLIENTS: the accounts, from request's `first` on. */
void objects_clients(const struct rpc_request *request, struct rpc_reply *reply);

/* How many objects the clients hold. */
uint64_t objects_count(void);

#endif
