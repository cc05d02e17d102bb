// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Flow parser: header variants, fragments, and truncation at every length. */
#include <stdlib.h>

#include "flow.h"
#include "frames.h"
#include "xtest.h"

static const uint8_t a4[4] = { 10, 0, 0, 1 }, b4[4] = { 192, 168, 7, 9 };
static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t b6[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 0x42 };
static const uint16_t qtag[1] = { 0x8100 };
static const uint16_t qinq[2] = { 0x88A8, 0x8100 };
static const uint16_t three_tags[3] = { 0x88A8, 0x8100, 0x8100 };

/* Parse a copy sized exactly len, so ASan flags any read past the end. */
static enum xnet_flow_kind parse_exact(const struct frame *f, size_t len,
				       struct xnet_flow *flow)
{
	uint8_t *copy = malloc(len ? len : 1);
	enum xnet_flow_kind kind;

	memcpy(copy, f->b, len);
	kind = xnet_flow_parse(copy, len, flow);
	free(copy);
	return kind;
}

static bool ports_are(const struct xnet_flow *fl, uint16_t s, uint16_t d)
{
	return fl->ports[0] == s >> 8 && fl->ports[1] == (s & 0xff) &&
	       fl->ports[2] == d >> 8 && fl->ports[3] == (d & 0xff);
}

static void ipv4_cases(void)
{
	struct xnet_flow fl;
	struct frame f;
	enum xnet_flow_kind k;

	fr_v4(&f, a4, b4, FR_TCP, 1234, 80);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4_TCP && fl.addr_len == 4 &&
		 !memcmp(fl.src, a4, 4) && !memcmp(fl.dst, b4, 4) &&
		 ports_are(&fl, 1234, 80) && fl.l3_offset == 14 &&
		 fl.l4_offset == 34 && fl.proto == FR_TCP,
		 "flow IPv4 TCP: addresses, ports, offsets");

	fr_v4(&f, a4, b4, FR_UDP, 53, 5353);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4_UDP && ports_are(&fl, 53, 5353),
		 "flow IPv4 UDP");

	fr_v4(&f, a4, b4, FR_ICMP, 0x0800, 0);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4 && fl.proto == FR_ICMP,
		 "flow IPv4 ICMP: 2-tuple");

	fr_eth(&f, NULL, 0, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 40, 0);
	fr_l4(&f, 4000, 443, 20);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4_TCP && fl.l4_offset == 14 + 60 &&
		 ports_are(&fl, 4000, 443), "flow IPv4 with 40 bytes of options");

	fr_v4(&f, a4, b4, FR_TCP, 1, 2);
	f.b[14] = 0x44;		/* IHL 4: shorter than the fixed header */
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE,
		 "flow IPv4 IHL < 5 rejected");
	f.b[14] = 0x55;		/* version 5 */
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE,
		 "flow IPv4 ethertype with version != 4 rejected");
	f.b[14] = 0x4f;		/* IHL 15 = 60 bytes, beyond the frame */
	f.len = 14 + 40;
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE,
		 "flow IPv4 IHL past the frame end rejected");

	fr_eth(&f, NULL, 0, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 0, 0x2000);		/* MF */
	fr_l4(&f, 1, 2, 20);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4 && fl.fragment && fl.proto == FR_TCP,
		 "flow IPv4 first fragment (MF): 2-tuple");
	fr_eth(&f, NULL, 0, 0x0800);
	fr_ipv4(&f, a4, b4, FR_UDP, 0, 0x00b9);		/* offset only */
	fr_l4(&f, 1, 2, 8);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV4 && fl.fragment,
		 "flow IPv4 last fragment (offset): 2-tuple");
	fr_eth(&f, NULL, 0, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 0, 0x4000);		/* DF only */
	fr_l4(&f, 1, 2, 20);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV4_TCP && !fl.fragment,
		 "flow IPv4 DF is not a fragment");
}

static void vlan_cases(void)
{
	struct xnet_flow fl;
	struct frame f;

	fr_eth(&f, qtag, 1, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 0, 0);
	fr_l4(&f, 10, 20, 20);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV4_TCP &&
		 fl.l3_offset == 18 && ports_are(&fl, 10, 20),
		 "flow 802.1Q tagged IPv4 TCP");

	fr_eth(&f, qinq, 2, 0x86DD);
	fr_ipv6(&f, a6, b6, FR_UDP);
	fr_l4(&f, 30, 40, 8);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6_UDP &&
		 fl.l3_offset == 22 && ports_are(&fl, 30, 40),
		 "flow 802.1ad + 802.1Q (QinQ) IPv6 UDP");

	fr_eth(&f, three_tags, 3, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 0, 0);
	fr_l4(&f, 10, 20, 20);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE,
		 "flow three VLAN tags rejected");

	fr_eth(&f, NULL, 0, 0x0806);
	memset(f.b + f.len, 0, 28);
	f.len += 28;
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE &&
		 fl.l3_offset == 0, "flow ARP: no flow");
}

static void ipv6_cases(void)
{
	struct xnet_flow fl;
	struct frame f;
	enum xnet_flow_kind k;
	int i;

	fr_v6(&f, a6, b6, FR_TCP, 22, 50000);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV6_TCP && fl.addr_len == 16 &&
		 !memcmp(fl.src, a6, 16) && !memcmp(fl.dst, b6, 16) &&
		 ports_are(&fl, 22, 50000) && fl.l4_offset == 54,
		 "flow IPv6 TCP: addresses, ports, offsets");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 0);
	fr_ipv6_ext(&f, 0, 43, 16, 0);		/* hop-by-hop, 16 bytes */
	fr_ipv6_ext(&f, 43, 60, 24, 0);		/* routing */
	fr_ipv6_ext(&f, 60, 51, 8, 0);		/* destination options */
	fr_ipv6_ext(&f, 51, FR_TCP, 24, 0);	/* AH */
	fr_l4(&f, 7, 8, 20);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV6_TCP && ports_are(&fl, 7, 8) &&
		 fl.l4_offset == 14 + 40 + 72,
		 "flow IPv6 HBH + routing + dstopts + AH extension headers");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 44);
	fr_ipv6_ext(&f, 44, FR_UDP, 8, 0x0001);	/* offset 0, M set */
	fr_l4(&f, 7, 8, 8);
	k = parse_exact(&f, f.len, &fl);
	XT_CHECK(k == XNET_FLOW_IPV6 && fl.fragment && fl.proto == FR_UDP,
		 "flow IPv6 first fragment: 2-tuple");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 44);
	fr_ipv6_ext(&f, 44, FR_UDP, 8, 0);	/* atomic fragment */
	fr_l4(&f, 7, 8, 8);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6_UDP &&
		 !fl.fragment, "flow IPv6 atomic fragment keeps ports");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 50);		/* ESP */
	fr_l4(&f, 7, 8, 8);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6,
		 "flow IPv6 ESP: 2-tuple");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 59);		/* no next header */
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6,
		 "flow IPv6 no-next-header: 2-tuple");

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 60);
	for (i = 0; i < XNET_FLOW_IPV6_EXT_MAX; i++)
		fr_ipv6_ext(&f, 60, i + 1 < XNET_FLOW_IPV6_EXT_MAX ? 60 : FR_TCP,
			    8, 0);
	fr_l4(&f, 7, 8, 20);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6_TCP,
		 "flow IPv6 %d extension headers walked", XNET_FLOW_IPV6_EXT_MAX);

	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 60);
	for (i = 0; i <= XNET_FLOW_IPV6_EXT_MAX; i++)
		fr_ipv6_ext(&f, 60, i < XNET_FLOW_IPV6_EXT_MAX ? 60 : FR_TCP, 8, 0);
	fr_l4(&f, 7, 8, 20);
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_IPV6 && fl.proto == 0,
		 "flow IPv6 more than %d extension headers: 2-tuple",
		 XNET_FLOW_IPV6_EXT_MAX);

	fr_v6(&f, a6, b6, FR_TCP, 1, 2);
	f.b[14] = 0x40;
	XT_CHECK(parse_exact(&f, f.len, &fl) == XNET_FLOW_NONE,
		 "flow IPv6 ethertype with version 4 rejected");

	XT_CHECK(xnet_flow_parse(NULL, 100, &fl) == XNET_FLOW_NONE,
		 "flow NULL frame: no flow");
}

/*
 * Cut a frame at every length: below l3 + the fixed IP header there is no
 * flow; from there until the ports are complete, the 2-tuple; then the
 * full kind. ASan checks that no byte past len is read.
 */
static void truncate_all(const char *name, const struct frame *f,
			 size_t ip_fixed, size_t ip_full,
			 enum xnet_flow_kind two, enum xnet_flow_kind full)
{
	struct xnet_flow fl;
	enum xnet_flow_kind k, want;
	size_t len, bad = 0;
	bool ok = true;

	for (len = 0; len <= f->len; len++) {
		k = parse_exact(f, len, &fl);
		if (len < f->l3 + ip_fixed || len < ip_full)
			want = XNET_FLOW_NONE;
		else if (len < f->l4 + 4)
			want = two;
		else
			want = full;
		if (k != want && ok) {
			ok = false;
			bad = len;
		}
	}
	XT_CHECK(ok, "flow %s truncated at every length 0..%zu (first bad %zu)",
		 name, f->len, bad);
}

static void truncation(void)
{
	struct frame f;

	fr_eth(&f, qtag, 1, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 12, 0);
	fr_l4(&f, 1, 2, 20);
	truncate_all("VLAN IPv4+options TCP", &f, 20, f.l3 + 32,
		     XNET_FLOW_IPV4, XNET_FLOW_IPV4_TCP);

	fr_v4(&f, a4, b4, FR_UDP, 1, 2);
	truncate_all("IPv4 UDP", &f, 20, 0, XNET_FLOW_IPV4, XNET_FLOW_IPV4_UDP);

	fr_eth(&f, qinq, 2, 0x86DD);
	fr_ipv6(&f, a6, b6, 0);
	fr_ipv6_ext(&f, 0, 44, 8, 0);
	fr_ipv6_ext(&f, 44, 60, 8, 0);
	fr_ipv6_ext(&f, 60, FR_TCP, 16, 0);
	fr_l4(&f, 1, 2, 20);
	truncate_all("QinQ IPv6+ext TCP", &f, 40, 0, XNET_FLOW_IPV6,
		     XNET_FLOW_IPV6_TCP);

	fr_v6(&f, a6, b6, FR_UDP, 1, 2);
	truncate_all("IPv6 UDP", &f, 40, 0, XNET_FLOW_IPV6, XNET_FLOW_IPV6_UDP);
}

void test_flow(void)
{
	ipv4_cases();
	vlan_cases();
	ipv6_cases();
	truncation();
}
