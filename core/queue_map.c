// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Hash -> queue through the control ring's indirection table. */
#include "queue_map.h"

void xnet_queue_map_default(struct xnet_queue_map *map, u32 size,
			    u32 num_queues)
{
	u32 i;

	if (size > XNET_QUEUE_MAP_MAX)
		size = XNET_QUEUE_MAP_MAX;
	memset(map, 0, sizeof(*map));
	map->size = size;
	for (i = 0; i < size; i++)
		map->table[i] = num_queues ? i % num_queues : 0;
}

bool xnet_queue_map_valid(const u32 *table, u32 n, u32 num_queues)
{
	u32 i;

	if (n > XNET_QUEUE_MAP_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (table[i] >= num_queues)
			return false;
	return true;
}

u32 xnet_queue_from_hash(const struct xnet_queue_map *map, u32 hash,
			 u32 num_queues)
{
	u32 size = map->size;
	u32 queue;

	if (!num_queues)
		return 0;
	if (!size || size > XNET_QUEUE_MAP_MAX)
		return hash % num_queues;
	queue = map->table[hash % size];
	return queue < num_queues ? queue : hash % num_queues;
}
