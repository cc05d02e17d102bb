/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Flow tuple extraction from an Ethernet frame, for hashing a packet to a
 * queue. Reads only bytes below len: every header field is bounds-checked,
 * so the parser is safe on any input (it is fuzzed).
 *
 * Handles up to XNET_FLOW_VLAN_MAX 802.1Q / 802.1ad tags, IPv4 with
 * options, IPv6 with extension headers (hop-by-hop, routing, fragment,
 * destination options, AH). A fragment, an unknown or truncated L4 header
 * falls back to the address-only 2-tuple.
 */
#ifndef XNET_FLOW_H
#define XNET_FLOW_H

#include "xnet_types.h"

#define XNET_FLOW_VLAN_MAX	2	/* QinQ: outer 802.1ad + inner 802.1Q */
#define XNET_FLOW_IPV6_EXT_MAX	8	/* extension headers walked at most */
#define XNET_FLOW_ADDR_LEN	16	/* IPv6 size; IPv4 uses the first 4 */
#define XNET_FLOW_ADDR4_LEN	4

/* What the frame offers as hash input (not yet filtered by hash flags). */
enum xnet_flow_kind {
	XNET_FLOW_NONE = 0,	/* not IP, or IP header truncated/invalid */
	XNET_FLOW_IPV4,		/* addresses only */
	XNET_FLOW_IPV4_TCP,	/* addresses and TCP ports */
	XNET_FLOW_IPV4_UDP,	/* addresses and UDP ports */
	XNET_FLOW_IPV6,
	XNET_FLOW_IPV6_TCP,
	XNET_FLOW_IPV6_UDP,
};

struct xnet_flow {
	enum xnet_flow_kind kind;
	u8 proto;		/* L4 protocol number; 0 when unknown */
	bool fragment;		/* IP fragment: ports not used */
	u8 addr_len;		/* 4 or 16; 0 with XNET_FLOW_NONE */
	u8 src[XNET_FLOW_ADDR_LEN];	/* network byte order */
	u8 dst[XNET_FLOW_ADDR_LEN];
	u8 ports[4];		/* source then destination, network order */
	u16 l3_offset;		/* offset of the IP header in the frame */
	u16 l4_offset;		/* offset of the L4 header; 0 when unknown */
};

/*
 * Parse frame[0..len). Fills *flow (zeroed first) and returns flow->kind.
 * Never reads outside the frame.
 */
enum xnet_flow_kind xnet_flow_parse(const u8 *frame, size_t len,
				    struct xnet_flow *flow);

/*
 * Swap source and destination (addresses and ports) in place, so the
 * tuple reads as the peer's packets of the same flow parse: lets a
 * frontend hash its TX packets the way the backend hashes their replies.
 */
void xnet_flow_reverse(struct xnet_flow *flow);

/* True for the kinds that carry ports. */
static inline bool xnet_flow_has_ports(enum xnet_flow_kind kind)
{
	return kind == XNET_FLOW_IPV4_TCP || kind == XNET_FLOW_IPV4_UDP ||
	       kind == XNET_FLOW_IPV6_TCP || kind == XNET_FLOW_IPV6_UDP;
}

#endif /* XNET_FLOW_H */
