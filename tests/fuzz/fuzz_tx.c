// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * libFuzzer target: the TX chain validator. Input: 3 bytes of limits
 * (max slots, fatal slots, accepted extra types), then 12-byte ring slots
 * as a frontend wrote them. The verdict must be consistent with the
 * chain summary, and each slot must be fetched once, in order.
 */
#include <stdlib.h>

#include "tx_validate.h"

#define FUZZ_LIMIT_BYTES	3
#define FUZZ_SLOT_SIZE		sizeof(struct xnet_tx_request)

struct fuzz_ring {
	const uint8_t *slots;
	uint32_t n;
	uint32_t next;
};


static bool fuzz_get(void *ctx, u32 index, struct xnet_tx_request *slot)
{
	struct fuzz_ring *r = ctx;

	if (index != r->next)
		abort();
	if (index >= r->n)
		return false;
	memcpy(slot, r->slots + (size_t)index * FUZZ_SLOT_SIZE, FUZZ_SLOT_SIZE);
	r->next++;
	return true;
}

static void check_chain(const struct xnet_tx_chain *c, enum xnet_tx_verdict v,
			const struct xnet_tx_limits *lim, uint32_t n)
{
	uint32_t max = lim->max_slots < XNET_NR_SLOTS_MIN ?
		       XNET_NR_SLOTS_MIN : lim->max_slots;

	if (c->slots > n || c->extra_slots > XNET_TX_EXTRAS_MAX)
		abort();
	if ((v == XNET_TX_OK) != (c->reason == XNET_TXR_NONE))
		abort();
	if (v == XNET_TX_FATAL)
		return;
	if (c->slots != c->data_slots + c->extra_slots && !c->mcast)
		abort();
	if (v == XNET_TX_OK && !c->mcast) {
		if (c->data_slots > max || c->total_size < XNET_ETH_HLEN ||
		    c->first_size > c->total_size ||
		    c->zero_slots >= c->data_slots)
			abort();
	}
}

/*
 * Independent re-walk of a chain the validator did not call FATAL: every
 * data slot lies within its page and, for an accepted packet, the slot
 * sizes add up to the packet size.
 */
static void recheck_slots(const struct fuzz_ring *r,
			  const struct xnet_tx_chain *c, enum xnet_tx_verdict v)
{
	struct xnet_tx_request s, first;
	uint32_t i, sum = 0;

	memcpy(&first, r->slots, FUZZ_SLOT_SIZE);
	if (c->mcast)
		return;
	for (i = 1 + c->extra_slots; i < c->slots; i++) {
		memcpy(&s, r->slots + (size_t)i * FUZZ_SLOT_SIZE, FUZZ_SLOT_SIZE);
		if (s.offset + s.size > XNET_PAGE_SIZE)
			abort();
		sum += s.size;
	}
	if (v != XNET_TX_OK)
		return;
	if (sum + c->first_size != first.size ||
	    first.offset + c->first_size > XNET_PAGE_SIZE)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xnet_tx_limits lim;
	struct xnet_tx_chain chain;
	struct fuzz_ring ring;
	enum xnet_tx_verdict v;
	uint8_t *copy;

	if (size < FUZZ_LIMIT_BYTES)
		return 0;
	lim.max_slots = data[0];
	lim.fatal_slots = data[1];
	lim.extra_types = data[2];
	data += FUZZ_LIMIT_BYTES;
	size -= FUZZ_LIMIT_BYTES;

	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ring.slots = copy;
	ring.n = (uint32_t)(size / FUZZ_SLOT_SIZE);
	ring.next = 0;
	v = xnet_tx_validate(&lim, fuzz_get, &ring, &chain);
	if (v != XNET_TX_FATAL && ring.next != chain.slots)
		abort();
	check_chain(&chain, v, &lim, ring.n);
	if (v != XNET_TX_FATAL)
		recheck_slots(&ring, &chain, v);
	free(copy);
	return 0;
}
