/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Queue choice from a flow hash through an indirection table (the control
 * ring's "hash mapping"): queue = table[hash % size], or hash % num_queues
 * when the table is empty (size 0), as io/netif.h specifies.
 */
#ifndef XNET_QUEUE_MAP_H
#define XNET_QUEUE_MAP_H

#include <xnet/netif.h>
#include "xnet_types.h"

#define XNET_QUEUE_MAP_MAX	XNET_HASH_MAPPING_SIZE_MAX

struct xnet_queue_map {
	u32 size;			/* entries in use; 0 = modular */
	u32 table[XNET_QUEUE_MAP_MAX];	/* queue index per entry */
};

/* Fill the first size entries round-robin over num_queues (0 -> all 0). */
void xnet_queue_map_default(struct xnet_queue_map *map, u32 size,
			    u32 num_queues);

/* True when n <= XNET_QUEUE_MAP_MAX and every entry < num_queues. */
bool xnet_queue_map_valid(const u32 *table, u32 n, u32 num_queues);

/*
 * Queue for a hash. An entry >= num_queues (table not yet fixed up after
 * a queue-count change) falls back to modular choice, so the result is
 * always < num_queues; num_queues 0 gives 0.
 */
u32 xnet_queue_from_hash(const struct xnet_queue_map *map, u32 hash,
			 u32 num_queues);

#endif /* XNET_QUEUE_MAP_H */
