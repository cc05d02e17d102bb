// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Toeplitz hash. A 64-bit window holds the key bits starting at the
 * current input bit: its top 32 bits are the key slice to XOR in when that
 * input bit is set. After each input byte the window has shifted 8 bits
 * left and the next key byte (zero past the key's end) fills its bottom.
 */
#include "toeplitz.h"

#define XNET_TOEPLITZ_WINDOW_BYTES	8
#define XNET_BYTE_BITS			8
/* The hash is the window's upper half: 32 key bits from the current bit. */
#define XNET_TOEPLITZ_SLICE_SHIFT	32
#define XNET_IPV4_TUPLE_ADDRS		8
#define XNET_IPV6_TUPLE_ADDRS		32
#define XNET_TUPLE_PORTS		4
#define XNET_TUPLE_MAX			(XNET_IPV6_TUPLE_ADDRS + XNET_TUPLE_PORTS)

const u8 xnet_toeplitz_default_key[XNET_HASH_KEY_SIZE_MAX] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static u8 xnet_key_byte(const u8 *key, size_t key_len, size_t i)
{
	return i < key_len ? key[i] : 0;
}

u32 xnet_toeplitz(const u8 *key, size_t key_len, const u8 *data, size_t len)
{
	u64 window = 0;
	u32 hash = 0;
	size_t next, i;
	int bit;

	if (key_len > XNET_HASH_KEY_SIZE_MAX)
		key_len = XNET_HASH_KEY_SIZE_MAX;
	for (next = 0; next < XNET_TOEPLITZ_WINDOW_BYTES; next++)
		window = (window << XNET_BYTE_BITS) |
			 xnet_key_byte(key, key_len, next);

	for (i = 0; i < len; i++) {
		for (bit = XNET_BYTE_BITS - 1; bit >= 0; bit--) {
			if (data[i] & (1U << bit))
				hash ^= (u32)(window >> XNET_TOEPLITZ_SLICE_SHIFT);
			window <<= 1;
		}
		window |= xnet_key_byte(key, key_len, next++);
	}
	return hash;
}

bool xnet_toeplitz_flow(const u8 *key, size_t key_len, u32 hash_flags,
			const struct xnet_flow *flow, u32 *hash, u8 *type_bit)
{
	u8 buf[XNET_TUPLE_MAX];
	bool v4 = flow->addr_len == XNET_FLOW_ADDR4_LEN;
	u32 plain = v4 ? XNET_HASH_TYPE_IPV4 : XNET_HASH_TYPE_IPV6;
	u32 tcp = v4 ? XNET_HASH_TYPE_IPV4_TCP : XNET_HASH_TYPE_IPV6_TCP;
	u32 udp = v4 ? XNET_HASH_LOCAL_UDP4 : XNET_HASH_LOCAL_UDP6;
	size_t alen = flow->addr_len;
	size_t n = 2 * alen;
	bool is_tcp, is_udp;
	u8 bit;

	if (flow->kind == XNET_FLOW_NONE ||
	    (alen != XNET_FLOW_ADDR4_LEN && alen != XNET_FLOW_ADDR_LEN))
		return false;
	is_tcp = flow->kind == XNET_FLOW_IPV4_TCP ||
		 flow->kind == XNET_FLOW_IPV6_TCP;
	is_udp = flow->kind == XNET_FLOW_IPV4_UDP ||
		 flow->kind == XNET_FLOW_IPV6_UDP;

	memcpy(buf, flow->src, alen);
	memcpy(buf + alen, flow->dst, alen);
	if ((is_tcp && (hash_flags & tcp)) || (is_udp && (hash_flags & udp))) {
		memcpy(buf + n, flow->ports, XNET_TUPLE_PORTS);
		n += XNET_TUPLE_PORTS;
		bit = is_tcp ? (v4 ? XNET_HASH_TYPE_IPV4_TCP_BIT :
				     XNET_HASH_TYPE_IPV6_TCP_BIT) :
			       (v4 ? XNET_HASH_TYPE_IPV4_BIT :
				     XNET_HASH_TYPE_IPV6_BIT);
	} else if (hash_flags & plain) {
		bit = v4 ? XNET_HASH_TYPE_IPV4_BIT : XNET_HASH_TYPE_IPV6_BIT;
	} else {
		return false;
	}
	*hash = xnet_toeplitz(key, key_len, buf, n);
	*type_bit = bit;
	return true;
}
