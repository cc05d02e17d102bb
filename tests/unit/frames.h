/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Builders of test frames: Ethernet, VLAN tags, IPv4/IPv6, TCP/UDP ports. */
#ifndef FRAMES_H
#define FRAMES_H

#include <stddef.h>
#include <stdint.h>

#define FR_MAX		4096
#define FR_TCP		6
#define FR_UDP		17
#define FR_ICMP		1

struct frame {
	uint8_t b[FR_MAX];
	size_t len;
	size_t l3;	/* IP header offset */
	size_t l4;	/* L4 header offset */
};

void fr_eth(struct frame *f, const uint16_t *tags, int ntags, uint16_t type);
/* IPv4 header with optlen bytes of options (multiple of 4), frag field. */
void fr_ipv4(struct frame *f, const uint8_t src[4], const uint8_t dst[4],
	     uint8_t proto, size_t optlen, uint16_t frag);
void fr_ipv6(struct frame *f, const uint8_t src[16], const uint8_t dst[16],
	     uint8_t next);
/* Append an IPv6 extension header of type kind, next header next, total
 * length len bytes (fragment: len 8, frag = offset|M word).
 */
void fr_ipv6_ext(struct frame *f, uint8_t kind, uint8_t next, size_t len,
		 uint16_t frag);
/* L4 header: ports then hdrlen - 4 zero bytes. */
void fr_l4(struct frame *f, uint16_t sport, uint16_t dport, size_t hdrlen);

/* Frames of the published RSS vectors, src -> dst. */
void fr_v4(struct frame *f, const uint8_t src[4], const uint8_t dst[4],
	   uint8_t proto, uint16_t sport, uint16_t dport);
void fr_v6(struct frame *f, const uint8_t src[16], const uint8_t dst[16],
	   uint8_t proto, uint16_t sport, uint16_t dport);

#endif /* FRAMES_H */
