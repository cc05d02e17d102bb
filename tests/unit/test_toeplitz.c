// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Toeplitz against the published RSS verification suite (Microsoft
 * "Verifying the RSS Hash Calculation"; also the Intel 82599 datasheet
 * 7.1.2.8.3): the 40-byte key 6d5a56da...01fa, IPv4 and IPv6 tuples,
 * hashes over addresses only and over addresses + ports.
 */
#include <stdlib.h>

#include "toeplitz.h"
#include "frames.h"
#include "xtest.h"

struct v4_vector {
	uint8_t src[4], dst[4];
	uint16_t sport, dport;
	uint32_t hash_2t, hash_4t;
};

struct v6_vector {
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t hash_2t, hash_4t;
};

static const struct v4_vector v4_vectors[] = {
	{ { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
};

static const struct v6_vector v6_vectors[] = {
	/* 3ffe:2501:200:1fff::7 -> 3ffe:2501:200:3::1 */
	{ { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff,
	    0, 0, 0, 0, 0, 0, 0, 0x07 },
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03,
	    0, 0, 0, 0, 0, 0, 0, 0x01 },
	  2794, 1766, 0x2cc18cd5, 0x40207d3d },
	/* 3ffe:501:8::260:97ff:fe40:efab -> ff02::1 */
	{ { 0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00,
	    0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab },
	  { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 },
	  14230, 4739, 0x0f0c461c, 0xdde51bbf },
	/* 3ffe:1900:4545:3:200:f8ff:fe21:67cf -> fe80::200:f8ff:fe21:67cf */
	{ { 0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  44251, 38024, 0x4b61e985, 0x02d1feef },
};

#define NV4 (ARRAY_SIZE(v4_vectors))
#define NV6 (ARRAY_SIZE(v6_vectors))

static const uint8_t *key = xnet_toeplitz_default_key;

/* Independent reference: extract each 32-bit key window bit by bit. */
static uint32_t ref_toeplitz(const uint8_t *k, size_t klen, const uint8_t *d,
			     size_t n)
{
	uint32_t h = 0, win;
	size_t i, b, j;

	for (i = 0; i < n * 8; i++) {
		if (!(d[i / 8] & (0x80 >> (i % 8))))
			continue;
		win = 0;
		for (j = 0; j < 32; j++) {
			b = i + j;
			win <<= 1;
			if (b / 8 < klen && (k[b / 8] & (0x80 >> (b % 8))))
				win |= 1;
		}
		h ^= win;
	}
	return h;
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void raw_vectors(void)
{
	uint8_t in[36];
	size_t i;

	for (i = 0; i < NV4; i++) {
		const struct v4_vector *v = &v4_vectors[i];

		memcpy(in, v->src, 4);
		memcpy(in + 4, v->dst, 4);
		put_be16(in + 8, v->sport);
		put_be16(in + 10, v->dport);
		XT_CHECK(xnet_toeplitz(key, 40, in, 8) == v->hash_2t,
			 "toeplitz IPv4 vector %zu 2-tuple = %08x", i, v->hash_2t);
		XT_CHECK(xnet_toeplitz(key, 40, in, 12) == v->hash_4t,
			 "toeplitz IPv4 vector %zu 4-tuple = %08x", i, v->hash_4t);
	}
	for (i = 0; i < NV6; i++) {
		const struct v6_vector *v = &v6_vectors[i];

		memcpy(in, v->src, 16);
		memcpy(in + 16, v->dst, 16);
		put_be16(in + 32, v->sport);
		put_be16(in + 34, v->dport);
		XT_CHECK(xnet_toeplitz(key, 40, in, 32) == v->hash_2t,
			 "toeplitz IPv6 vector %zu 2-tuple = %08x", i, v->hash_2t);
		XT_CHECK(xnet_toeplitz(key, 40, in, 36) == v->hash_4t,
			 "toeplitz IPv6 vector %zu 4-tuple = %08x", i, v->hash_4t);
	}
}

/* Hash a frame through the parser with the given flags. */
static bool frame_hash(const struct frame *f, uint32_t flags, uint32_t *h,
		       uint8_t *bit)
{
	struct xnet_flow flow;

	xnet_flow_parse(f->b, f->len, &flow);
	return xnet_toeplitz_flow(key, 40, flags, &flow, h, bit);
}

static void flow_vectors(void)
{
	const uint32_t v4_all = XNET_HASH_TYPE_IPV4 | XNET_HASH_TYPE_IPV4_TCP;
	const uint32_t v6_all = XNET_HASH_TYPE_IPV6 | XNET_HASH_TYPE_IPV6_TCP;
	struct frame f;
	uint32_t h = 0;
	uint8_t bit = 0xff;
	bool ok;
	size_t i;

	for (i = 0; i < NV4; i++) {
		const struct v4_vector *v = &v4_vectors[i];

		fr_v4(&f, v->src, v->dst, FR_TCP, v->sport, v->dport);
		ok = frame_hash(&f, v4_all, &h, &bit);
		XT_CHECK(ok && h == v->hash_4t &&
			 bit == XNET_HASH_TYPE_IPV4_TCP_BIT,
			 "flow IPv4 TCP vector %zu, flags IPV4|IPV4_TCP: 4-tuple", i);
		ok = frame_hash(&f, XNET_HASH_TYPE_IPV4, &h, &bit);
		XT_CHECK(ok && h == v->hash_2t && bit == XNET_HASH_TYPE_IPV4_BIT,
			 "flow IPv4 TCP vector %zu, flag IPV4 only: 2-tuple", i);
		ok = frame_hash(&f, XNET_HASH_TYPE_IPV6 | XNET_HASH_TYPE_IPV6_TCP,
				&h, &bit);
		XT_CHECK(!ok, "flow IPv4 vector %zu, IPv6 flags only: no hash", i);

		fr_v4(&f, v->src, v->dst, FR_UDP, v->sport, v->dport);
		ok = frame_hash(&f, v4_all, &h, &bit);
		XT_CHECK(ok && h == v->hash_2t && bit == XNET_HASH_TYPE_IPV4_BIT,
			 "flow IPv4 UDP vector %zu, protocol flags: 2-tuple", i);
		ok = frame_hash(&f, XNET_HASH_TYPE_IPV4_TCP, &h, &bit);
		XT_CHECK(!ok, "flow IPv4 UDP vector %zu, IPV4_TCP only: no hash", i);
		ok = frame_hash(&f, XNET_HASH_LOCAL_UDP4, &h, &bit);
		XT_CHECK(ok && h == v->hash_4t,
			 "flow IPv4 UDP vector %zu, local UDP4 flag: 4-tuple", i);
	}
	for (i = 0; i < NV6; i++) {
		const struct v6_vector *v = &v6_vectors[i];

		fr_v6(&f, v->src, v->dst, FR_TCP, v->sport, v->dport);
		ok = frame_hash(&f, v6_all, &h, &bit);
		XT_CHECK(ok && h == v->hash_4t &&
			 bit == XNET_HASH_TYPE_IPV6_TCP_BIT,
			 "flow IPv6 TCP vector %zu, flags IPV6|IPV6_TCP: 4-tuple", i);
		ok = frame_hash(&f, XNET_HASH_TYPE_IPV6, &h, &bit);
		XT_CHECK(ok && h == v->hash_2t && bit == XNET_HASH_TYPE_IPV6_BIT,
			 "flow IPv6 TCP vector %zu, flag IPV6 only: 2-tuple", i);
		ok = frame_hash(&f, v4_all, &h, &bit);
		XT_CHECK(!ok, "flow IPv6 vector %zu, IPv4 flags only: no hash", i);

		fr_v6(&f, v->src, v->dst, FR_UDP, v->sport, v->dport);
		ok = frame_hash(&f, v6_all, &h, &bit);
		XT_CHECK(ok && h == v->hash_2t,
			 "flow IPv6 UDP vector %zu, protocol flags: 2-tuple", i);
		ok = frame_hash(&f, XNET_HASH_LOCAL_UDP6, &h, &bit);
		XT_CHECK(ok && h == v->hash_4t,
			 "flow IPv6 UDP vector %zu, local UDP6 flag: 4-tuple", i);
	}
	ok = frame_hash(&f, 0, &h, &bit);
	XT_CHECK(!ok, "flow hash flags 0: no hash");
}

static void keys(void)
{
	uint8_t data[36], padded[40] = { 0 };
	size_t i, n, klen;
	bool same = true;

	srand(7);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)rand();
	XT_CHECK(xnet_toeplitz(key, 0, data, sizeof(data)) == 0,
		 "toeplitz empty key hashes to 0");
	XT_CHECK(xnet_toeplitz(key, 40, data, 0) == 0,
		 "toeplitz empty input hashes to 0");
	for (klen = 0; klen <= 40; klen++) {
		memset(padded, 0, sizeof(padded));
		memcpy(padded, key, klen);
		if (xnet_toeplitz(key, klen, data, sizeof(data)) !=
		    xnet_toeplitz(padded, 40, data, sizeof(data)))
			same = false;
	}
	XT_CHECK(same, "toeplitz short key equals zero-padded 40-byte key");
	XT_CHECK(xnet_toeplitz(key, 41, data, 36) == xnet_toeplitz(key, 40, data, 36),
		 "toeplitz key length above 40 is clamped");

	same = true;
	for (i = 0; i < 2000; i++) {
		uint8_t k[40], d[64];

		for (n = 0; n < sizeof(k); n++)
			k[n] = (uint8_t)rand();
		for (n = 0; n < sizeof(d); n++)
			d[n] = (uint8_t)rand();
		n = (size_t)rand() % sizeof(d);
		klen = (size_t)rand() % 41;
		if (xnet_toeplitz(k, klen, d, n) != ref_toeplitz(k, klen, d, n))
			same = false;
	}
	XT_CHECK(same, "toeplitz equals bitwise reference on 2000 random inputs");
}

static void symmetric_flows(void)
{
	const uint32_t all = XNET_HASH_TYPE_ALL | XNET_HASH_LOCAL_UDP4 |
			     XNET_HASH_LOCAL_UDP6;
	static const uint8_t protos[2] = { FR_TCP, FR_UDP };
	struct xnet_flow fwd, back;
	struct frame a, b;
	uint32_t h1 = 0, h2 = 1;
	uint8_t t1, t2;
	size_t i, p;
	bool ok;

	for (p = 0; p < 2; p++) {
		for (i = 0; i < NV4; i++) {
			const struct v4_vector *v = &v4_vectors[i];

			fr_v4(&a, v->src, v->dst, protos[p], v->sport, v->dport);
			fr_v4(&b, v->dst, v->src, protos[p], v->dport, v->sport);
			xnet_flow_parse(a.b, a.len, &fwd);
			xnet_flow_parse(b.b, b.len, &back);
			xnet_flow_reverse(&fwd);
			ok = xnet_toeplitz_flow(key, 40, all, &fwd, &h1, &t1) &&
			     xnet_toeplitz_flow(key, 40, all, &back, &h2, &t2);
			XT_CHECK(ok && h1 == h2 && t1 == t2,
				 "reverse(IPv4 %s A->B) hashes as B->A, vector %zu",
				 p ? "UDP" : "TCP", i);
		}
		for (i = 0; i < NV6; i++) {
			const struct v6_vector *v = &v6_vectors[i];

			fr_v6(&a, v->src, v->dst, protos[p], v->sport, v->dport);
			fr_v6(&b, v->dst, v->src, protos[p], v->dport, v->sport);
			xnet_flow_parse(a.b, a.len, &fwd);
			xnet_flow_parse(b.b, b.len, &back);
			xnet_flow_reverse(&fwd);
			ok = xnet_toeplitz_flow(key, 40, all, &fwd, &h1, &t1) &&
			     xnet_toeplitz_flow(key, 40, all, &back, &h2, &t2);
			XT_CHECK(ok && h1 == h2 && t1 == t2,
				 "reverse(IPv6 %s A->B) hashes as B->A, vector %zu",
				 p ? "UDP" : "TCP", i);
		}
	}
}

void test_toeplitz(void)
{
	raw_vectors();
	flow_vectors();
	keys();
	symmetric_flows();
}
