// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Ethernet frame -> flow tuple. Every read goes through xnet_flow_have():
 * the offset and length are checked against the frame length before any
 * byte is touched.
 */
#include "flow.h"

/* Header facts of Ethernet, IPv4 and IPv6 (IEEE 802.3/802.1Q, RFC 791,
 * RFC 8200, IANA protocol numbers).
 */
#define XNET_ETH_ALEN		6
#define XNET_ETH_HDR_LEN	14
#define XNET_ETHERTYPE_LEN	2
#define XNET_VLAN_TCI_LEN	2
#define XNET_ETHERTYPE_IPV4	0x0800
#define XNET_ETHERTYPE_IPV6	0x86DD
#define XNET_ETHERTYPE_8021Q	0x8100
#define XNET_ETHERTYPE_8021AD	0x88A8

#define XNET_IPV4_MIN_HLEN	20
#define XNET_IP_VERSION_SHIFT	4
#define XNET_IPV4_VERSION	4
#define XNET_IPV4_IHL_MASK	0xF
#define XNET_IPV4_IHL_UNIT	4	/* IHL counts 32-bit words */
#define XNET_IPV4_ADDR_LEN	XNET_FLOW_ADDR4_LEN
#define XNET_IPV4_FRAG_MASK	0x3FFF	/* MF flag + fragment offset */
#define XNET_IPV4_OFF_FRAG	6
#define XNET_IPV4_OFF_PROTO	9
#define XNET_IPV4_OFF_SRC	12
#define XNET_IPV4_OFF_DST	16

#define XNET_IPV6_HLEN		40
#define XNET_IPV6_VERSION	6
#define XNET_IPV6_ADDR_LEN	XNET_FLOW_ADDR_LEN
#define XNET_IPV6_OFF_NEXT	6
#define XNET_IPV6_OFF_SRC	8
#define XNET_IPV6_OFF_DST	24
#define XNET_IPV6_EXT_UNIT	8	/* HBH/routing/dstopts length unit */
#define XNET_IPV6_AH_UNIT	4	/* AH length unit */
#define XNET_IPV6_EXT_MIN	2	/* next header + length */
#define XNET_IPV6_FRAG_HLEN	8
#define XNET_IPV6_FRAG_OFF	2	/* offset + M flag word */
#define XNET_IPV6_FRAG_MASK	0xFFF9	/* offset + M flag */

#define XNET_IPPROTO_HOPOPTS	0
#define XNET_IPPROTO_TCP	6
#define XNET_IPPROTO_UDP	17
#define XNET_IPPROTO_ROUTING	43
#define XNET_IPPROTO_FRAGMENT	44
#define XNET_IPPROTO_AH		51
#define XNET_IPPROTO_DSTOPTS	60

#define XNET_PORTS_LEN		4

static bool xnet_flow_have(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

/* Skip VLAN tags; returns the L3 offset and sets *ethertype, or 0. */
static size_t xnet_flow_l2(const u8 *frame, size_t len, u16 *ethertype)
{
	size_t off = 2 * XNET_ETH_ALEN;
	unsigned int tags = 0;
	u16 type;

	for (;;) {
		if (!xnet_flow_have(len, off, XNET_ETHERTYPE_LEN))
			return 0;
		type = xnet_load_be16(frame + off);
		off += XNET_ETHERTYPE_LEN;
		if (type != XNET_ETHERTYPE_8021Q && type != XNET_ETHERTYPE_8021AD)
			break;
		if (++tags > XNET_FLOW_VLAN_MAX)
			return 0;
		off += XNET_VLAN_TCI_LEN;
	}
	*ethertype = type;
	return off;
}

/* Read the ports at l4 when the protocol has them and they are present. */
static void xnet_flow_l4(const u8 *frame, size_t len, size_t l4,
			 struct xnet_flow *flow, enum xnet_flow_kind tcp,
			 enum xnet_flow_kind udp)
{
	if (flow->proto != XNET_IPPROTO_TCP && flow->proto != XNET_IPPROTO_UDP)
		return;
	if (!xnet_flow_have(len, l4, XNET_PORTS_LEN))
		return;
	memcpy(flow->ports, frame + l4, XNET_PORTS_LEN);
	flow->l4_offset = (u16)l4;
	flow->kind = flow->proto == XNET_IPPROTO_TCP ? tcp : udp;
}

static void xnet_flow_ipv4(const u8 *frame, size_t len, size_t l3,
			   struct xnet_flow *flow)
{
	const u8 *ip = frame + l3;
	size_t hlen;

	if (!xnet_flow_have(len, l3, XNET_IPV4_MIN_HLEN) ||
	    ip[0] >> XNET_IP_VERSION_SHIFT != XNET_IPV4_VERSION)
		return;
	hlen = (size_t)(ip[0] & XNET_IPV4_IHL_MASK) * XNET_IPV4_IHL_UNIT;
	if (hlen < XNET_IPV4_MIN_HLEN || !xnet_flow_have(len, l3, hlen))
		return;

	flow->addr_len = XNET_IPV4_ADDR_LEN;
	memcpy(flow->src, ip + XNET_IPV4_OFF_SRC, XNET_IPV4_ADDR_LEN);
	memcpy(flow->dst, ip + XNET_IPV4_OFF_DST, XNET_IPV4_ADDR_LEN);
	flow->proto = ip[XNET_IPV4_OFF_PROTO];
	flow->kind = XNET_FLOW_IPV4;
	if (xnet_load_be16(ip + XNET_IPV4_OFF_FRAG) & XNET_IPV4_FRAG_MASK) {
		flow->fragment = true;
		return;
	}
	xnet_flow_l4(frame, len, l3 + hlen, flow, XNET_FLOW_IPV4_TCP,
		     XNET_FLOW_IPV4_UDP);
}

/* Walk IPv6 extension headers; returns false when ports must not be used. */
static bool xnet_flow_ipv6_ext(const u8 *frame, size_t len, size_t *off,
			       struct xnet_flow *flow)
{
	unsigned int walked;
	const u8 *h;
	size_t hlen;

	for (walked = 0; walked <= XNET_FLOW_IPV6_EXT_MAX; walked++) {
		switch (flow->proto) {
		case XNET_IPPROTO_HOPOPTS:
		case XNET_IPPROTO_ROUTING:
		case XNET_IPPROTO_DSTOPTS:
		case XNET_IPPROTO_AH:
		case XNET_IPPROTO_FRAGMENT:
			break;
		default:
			return true;
		}
		if (walked == XNET_FLOW_IPV6_EXT_MAX ||
		    !xnet_flow_have(len, *off, XNET_IPV6_EXT_MIN))
			return false;
		h = frame + *off;
		if (flow->proto == XNET_IPPROTO_FRAGMENT) {
			if (!xnet_flow_have(len, *off, XNET_IPV6_FRAG_HLEN))
				return false;
			if (xnet_load_be16(h + XNET_IPV6_FRAG_OFF) &
			    XNET_IPV6_FRAG_MASK) {
				flow->fragment = true;
				flow->proto = h[0];
				return false;
			}
			hlen = XNET_IPV6_FRAG_HLEN;
		} else if (flow->proto == XNET_IPPROTO_AH) {
			hlen = ((size_t)h[1] + 2) * XNET_IPV6_AH_UNIT;
		} else {
			hlen = ((size_t)h[1] + 1) * XNET_IPV6_EXT_UNIT;
		}
		if (!xnet_flow_have(len, *off, hlen))
			return false;
		flow->proto = h[0];
		*off += hlen;
	}
	return false;
}

static void xnet_flow_ipv6(const u8 *frame, size_t len, size_t l3,
			   struct xnet_flow *flow)
{
	const u8 *ip = frame + l3;
	size_t off = l3 + XNET_IPV6_HLEN;

	if (!xnet_flow_have(len, l3, XNET_IPV6_HLEN) ||
	    ip[0] >> XNET_IP_VERSION_SHIFT != XNET_IPV6_VERSION)
		return;

	flow->addr_len = XNET_IPV6_ADDR_LEN;
	memcpy(flow->src, ip + XNET_IPV6_OFF_SRC, XNET_IPV6_ADDR_LEN);
	memcpy(flow->dst, ip + XNET_IPV6_OFF_DST, XNET_IPV6_ADDR_LEN);
	flow->proto = ip[XNET_IPV6_OFF_NEXT];
	flow->kind = XNET_FLOW_IPV6;
	if (!xnet_flow_ipv6_ext(frame, len, &off, flow)) {
		if (!flow->fragment)
			flow->proto = 0;
		return;
	}
	xnet_flow_l4(frame, len, off, flow, XNET_FLOW_IPV6_TCP,
		     XNET_FLOW_IPV6_UDP);
}

void xnet_flow_reverse(struct xnet_flow *flow)
{
	u8 tmp[XNET_FLOW_ADDR_LEN];
	u8 port[XNET_PORTS_LEN / 2];

	memcpy(tmp, flow->src, sizeof(tmp));
	memcpy(flow->src, flow->dst, sizeof(tmp));
	memcpy(flow->dst, tmp, sizeof(tmp));
	memcpy(port, flow->ports, sizeof(port));
	memcpy(flow->ports, flow->ports + sizeof(port), sizeof(port));
	memcpy(flow->ports + sizeof(port), port, sizeof(port));
}

enum xnet_flow_kind xnet_flow_parse(const u8 *frame, size_t len,
				    struct xnet_flow *flow)
{
	u16 ethertype = 0;
	size_t l3;

	memset(flow, 0, sizeof(*flow));
	if (!frame || len < XNET_ETH_HDR_LEN)
		return XNET_FLOW_NONE;
	l3 = xnet_flow_l2(frame, len, &ethertype);
	if (!l3)
		return XNET_FLOW_NONE;
	flow->l3_offset = (u16)l3;
	if (ethertype == XNET_ETHERTYPE_IPV4)
		xnet_flow_ipv4(frame, len, l3, flow);
	else if (ethertype == XNET_ETHERTYPE_IPV6)
		xnet_flow_ipv6(frame, len, l3, flow);
	if (flow->kind == XNET_FLOW_NONE)
		flow->l3_offset = 0;
	return flow->kind;
}
