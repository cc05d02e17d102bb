// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Test frame builders. */
#include <string.h>

#include "frames.h"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void fr_eth(struct frame *f, const uint16_t *tags, int ntags, uint16_t type)
{
	static const uint8_t mac[12] = { 0x00, 0x16, 0x3e, 0, 0, 1,
					 0x00, 0x16, 0x3e, 0, 0, 2 };
	int i;

	memset(f, 0, sizeof(*f));
	memcpy(f->b, mac, sizeof(mac));
	f->len = sizeof(mac);
	for (i = 0; i < ntags; i++) {
		put16(f->b + f->len, tags[i]);
		put16(f->b + f->len + 2, (uint16_t)(100 + i));	/* TCI */
		f->len += 4;
	}
	put16(f->b + f->len, type);
	f->len += 2;
}

void fr_ipv4(struct frame *f, const uint8_t src[4], const uint8_t dst[4],
	     uint8_t proto, size_t optlen, uint16_t frag)
{
	uint8_t *ip = f->b + f->len;
	size_t hlen = 20 + optlen;

	f->l3 = f->len;
	memset(ip, 0, hlen);
	ip[0] = (uint8_t)(0x40 | (hlen / 4));
	put16(ip + 2, (uint16_t)(hlen + 20));
	put16(ip + 6, frag);
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	memset(ip + 20, 1, optlen);	/* NOP options */
	f->len += hlen;
	f->l4 = f->len;
}

void fr_ipv6(struct frame *f, const uint8_t src[16], const uint8_t dst[16],
	     uint8_t next)
{
	uint8_t *ip = f->b + f->len;

	f->l3 = f->len;
	memset(ip, 0, 40);
	ip[0] = 0x60;
	ip[6] = next;
	ip[7] = 64;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	f->len += 40;
	f->l4 = f->len;
}

void fr_ipv6_ext(struct frame *f, uint8_t kind, uint8_t next, size_t len,
		 uint16_t frag)
{
	uint8_t *h = f->b + f->len;

	memset(h, 0, len);
	h[0] = next;
	if (kind == 44)
		put16(h + 2, frag);
	else if (kind == 51)
		h[1] = (uint8_t)(len / 4 - 2);
	else
		h[1] = (uint8_t)(len / 8 - 1);
	f->len += len;
	f->l4 = f->len;
}

void fr_l4(struct frame *f, uint16_t sport, uint16_t dport, size_t hdrlen)
{
	uint8_t *h = f->b + f->len;

	memset(h, 0, hdrlen);
	put16(h, sport);
	put16(h + 2, dport);
	f->len += hdrlen;
}

void fr_v4(struct frame *f, const uint8_t src[4], const uint8_t dst[4],
	   uint8_t proto, uint16_t sport, uint16_t dport)
{
	fr_eth(f, NULL, 0, 0x0800);
	fr_ipv4(f, src, dst, proto, 0, 0);
	fr_l4(f, sport, dport, proto == FR_TCP ? 20 : 8);
}

void fr_v6(struct frame *f, const uint8_t src[16], const uint8_t dst[16],
	   uint8_t proto, uint16_t sport, uint16_t dport)
{
	fr_eth(f, NULL, 0, 0x86DD);
	fr_ipv6(f, src, dst, proto);
	fr_l4(f, sport, dport, proto == FR_TCP ? 20 : 8);
}
