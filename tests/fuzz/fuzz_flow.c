// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * libFuzzer target: the frame parser and the flow hash. The input is the
 * frame, in a buffer of exactly its size so ASan catches any over-read;
 * the parser's output must be self-consistent.
 */
#include <stdlib.h>

#include "flow.h"
#include "toeplitz.h"

#define FUZZ_ALL_FLAGS	(XNET_HASH_TYPE_ALL | XNET_HASH_LOCAL_UDP4 | \
			 XNET_HASH_LOCAL_UDP6)
#define FUZZ_PORTS_LEN	4


static void check_flow(const struct xnet_flow *flow, size_t size)
{
	struct xnet_flow twice = *flow;
	uint32_t hash;
	uint8_t bit;

	if (flow->kind == XNET_FLOW_NONE) {
		if (flow->addr_len || flow->l3_offset || flow->l4_offset)
			abort();
		return;
	}
	if (flow->l3_offset >= size ||
	    (flow->l4_offset && flow->l4_offset + FUZZ_PORTS_LEN > size))
		abort();
	if (xnet_flow_has_ports(flow->kind) != (flow->l4_offset != 0))
		abort();
	if (xnet_flow_has_ports(flow->kind) && flow->fragment)
		abort();
	if (!xnet_toeplitz_flow(xnet_toeplitz_default_key,
				XNET_HASH_KEY_SIZE_MAX, FUZZ_ALL_FLAGS, flow,
				&hash, &bit) ||
	    bit > XNET_HASH_TYPE_IPV6_TCP_BIT)
		abort();
	xnet_flow_reverse(&twice);
	xnet_flow_reverse(&twice);
	if (memcmp(&twice, flow, sizeof(twice)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *frame = malloc(size ? size : 1);
	struct xnet_flow flow;
	enum xnet_flow_kind kind;

	if (!frame)
		return 0;
	memcpy(frame, data, size);
	kind = xnet_flow_parse(frame, size, &flow);
	free(frame);
	if (kind != flow.kind)
		abort();
	check_flow(&flow, size);
	return 0;
}
