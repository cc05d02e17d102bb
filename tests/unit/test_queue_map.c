// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Indirection table: default fill, validation, queue choice. */
#include <stdlib.h>

#include "queue_map.h"
#include "xtest.h"

void test_queue_map(void)
{
	struct xnet_queue_map map;
	u32 table[XNET_QUEUE_MAP_MAX + 1];
	u32 i, q;
	bool ok;

	xnet_queue_map_default(&map, 128, 3);
	ok = map.size == 128;
	for (i = 0; i < 128; i++)
		ok = ok && map.table[i] == i % 3;
	XT_CHECK(ok, "queue_map default 128 entries round-robin over 3 queues");
	xnet_queue_map_default(&map, 500, 4);
	XT_CHECK(map.size == XNET_QUEUE_MAP_MAX,
		 "queue_map default size clamped to %d", XNET_QUEUE_MAP_MAX);
	xnet_queue_map_default(&map, 8, 0);
	XT_CHECK(map.size == 8 && map.table[7] == 0,
		 "queue_map default with 0 queues fills zeros");

	for (i = 0; i <= XNET_QUEUE_MAP_MAX; i++)
		table[i] = i % 4;
	XT_CHECK(xnet_queue_map_valid(table, 128, 4), "queue_map valid: 128 entries < 4");
	XT_CHECK(xnet_queue_map_valid(table, 0, 0), "queue_map valid: empty table");
	XT_CHECK(!xnet_queue_map_valid(table, 129, 4), "queue_map invalid: 129 entries");
	XT_CHECK(!xnet_queue_map_valid(table, 4, 3), "queue_map invalid: entry 3 with 3 queues");
	XT_CHECK(!xnet_queue_map_valid(table, 2, 0), "queue_map invalid: any entry with 0 queues");
	table[5] = 0xFFFFFFFF;
	XT_CHECK(!xnet_queue_map_valid(table, 6, 4), "queue_map invalid: entry 0xFFFFFFFF");

	map.size = 0;
	XT_CHECK(xnet_queue_from_hash(&map, 10, 4) == 2,
		 "queue_from_hash: empty table is hash %% queues");
	xnet_queue_map_default(&map, 4, 4);
	map.table[1] = 3;
	XT_CHECK(xnet_queue_from_hash(&map, 5, 4) == 3,
		 "queue_from_hash: table[hash %% size]");
	map.table[1] = 9;
	XT_CHECK(xnet_queue_from_hash(&map, 5, 4) == 1,
		 "queue_from_hash: stale entry falls back to hash %% queues");
	XT_CHECK(xnet_queue_from_hash(&map, 5, 0) == 0,
		 "queue_from_hash: 0 queues gives 0");
	map.size = 1000;
	XT_CHECK(xnet_queue_from_hash(&map, 7, 4) == 3,
		 "queue_from_hash: corrupt size falls back to modular");

	ok = true;
	srand(3);
	for (i = 0; i < 10000; i++) {
		u32 nq = (u32)rand() % 16 + 1;

		xnet_queue_map_default(&map, (u32)rand() % 129, (u32)rand() % 20);
		q = xnet_queue_from_hash(&map, (u32)rand(), nq);
		ok = ok && q < nq;
	}
	XT_CHECK(ok, "queue_from_hash: always < num_queues (10000 random)");
}
