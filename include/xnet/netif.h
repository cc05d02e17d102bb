/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The Xen netif wire protocol, stated once for the project: ring slot
 * layouts, flags, extra-info segments, control-ring messages and limits.
 *
 * Facts from Xen's public io/netif.h (the ABI authority); the text and the
 * names are ours. Usable from kernel code (__KERNEL__) and userspace C.
 *
 * Rings: this header defines the slot structs only. The shared-ring
 * machinery comes from the platform's own ring.h, instantiated with our
 * slot structs by XNET_DEFINE_RING_TYPES():
 *  - kernel modules: <xen/interface/io/ring.h>, whose RING_* macros already
 *    carry the memory-barrier and RING_COPY_* rules (XSA-155 era hardening)
 *    that a private copy would have to re-derive and keep correct;
 *  - userspace: Xen's <xen/io/ring.h> (libxen-dev), likewise.
 * Both provide DEFINE_RING_TYPES with the same generated layout.
 */
#ifndef XNET_NETIF_H
#define XNET_NETIF_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/* ---- Limits ---- */

/* Slots per packet every backend must accept (the legacy MAX_SKB_FRAGS). */
#define XNET_NR_SLOTS_MIN		18
/* Largest packet a TX chain may describe (first slot's size is a u16). */
#define XNET_MAX_TX_SIZE		0xFFFF
/* Rings and grants are single 4 KiB Xen pages. */
#define XNET_PAGE_SIZE			4096
/* Slots in a one-page TX or RX ring (__CONST_RING_SIZE of either). */
#define XNET_RING_SIZE			256
/* Ethernet header length: the smallest TX packet a backend takes. */
#define XNET_ETH_HLEN			14
/* Control ring: Toeplitz key and indirection table limits. */
#define XNET_HASH_KEY_SIZE_MAX		40
#define XNET_HASH_MAPPING_SIZE_MAX	128
/* Multicast addresses a backend filters per vif (Linux netback). */
#define XNET_MCAST_MAX			64
/* Largest XDP headroom a frontend may ask for (Linux extension). */
#define XNET_MAX_XDP_HEADROOM		0x7FFF

/* ---- TX ring (frontend -> backend packets) ---- */

/* TX request flags (bit numbers, then masks). */
#define XNET_TXF_CSUM_BLANK_BIT		0
#define XNET_TXF_DATA_VALIDATED_BIT	1
#define XNET_TXF_MORE_DATA_BIT		2
#define XNET_TXF_EXTRA_INFO_BIT		3
#define XNET_TXF_CSUM_BLANK		(1U << XNET_TXF_CSUM_BLANK_BIT)
#define XNET_TXF_DATA_VALIDATED		(1U << XNET_TXF_DATA_VALIDATED_BIT)
#define XNET_TXF_MORE_DATA		(1U << XNET_TXF_MORE_DATA_BIT)
#define XNET_TXF_EXTRA_INFO		(1U << XNET_TXF_EXTRA_INFO_BIT)

/*
 * One TX slot. In the first slot of a packet, size is the whole packet
 * length; in later slots it is that slot's length.
 */
struct xnet_tx_request {
	uint32_t gref;
	uint16_t offset;
	uint16_t flags;
	uint16_t id;
	uint16_t size;
};

struct xnet_tx_response {
	uint16_t id;
	int16_t status;		/* XNET_RSP_* */
};

/* ---- RX ring (backend -> frontend packets, into frontend buffers) ---- */

#define XNET_RXF_DATA_VALIDATED_BIT	0
#define XNET_RXF_CSUM_BLANK_BIT		1
#define XNET_RXF_MORE_DATA_BIT		2
#define XNET_RXF_EXTRA_INFO_BIT		3
#define XNET_RXF_GSO_PREFIX_BIT		4	/* deprecated */
#define XNET_RXF_DATA_VALIDATED		(1U << XNET_RXF_DATA_VALIDATED_BIT)
#define XNET_RXF_CSUM_BLANK		(1U << XNET_RXF_CSUM_BLANK_BIT)
#define XNET_RXF_MORE_DATA		(1U << XNET_RXF_MORE_DATA_BIT)
#define XNET_RXF_EXTRA_INFO		(1U << XNET_RXF_EXTRA_INFO_BIT)
#define XNET_RXF_GSO_PREFIX		(1U << XNET_RXF_GSO_PREFIX_BIT)

struct xnet_rx_request {
	uint16_t id;
	uint16_t pad;
	uint32_t gref;
};

/* A response sits in the ring slot of its request; status >= 0 is a size. */
struct xnet_rx_response {
	uint16_t id;
	uint16_t offset;
	uint16_t flags;
	int16_t status;
};

/* Response status codes (TX status, RX status when negative). */
#define XNET_RSP_DROPPED		(-2)
#define XNET_RSP_ERROR			(-1)
#define XNET_RSP_OKAY			0
#define XNET_RSP_NULL			1	/* slot held an extra-info segment */

/* ---- Extra-info segments (occupy a TX or RX slot after the first) ---- */

#define XNET_EXTRA_TYPE_NONE		0	/* never valid on the wire */
#define XNET_EXTRA_TYPE_GSO		1
#define XNET_EXTRA_TYPE_MCAST_ADD	2
#define XNET_EXTRA_TYPE_MCAST_DEL	3
#define XNET_EXTRA_TYPE_HASH		4
#define XNET_EXTRA_TYPE_XDP		5	/* Linux only, RX only */
#define XNET_EXTRA_TYPE_MAX		6	/* one past the last type */

#define XNET_EXTRA_FLAG_MORE_BIT	0
#define XNET_EXTRA_FLAG_MORE		(1U << XNET_EXTRA_FLAG_MORE_BIT)

#define XNET_GSO_TYPE_NONE		0
#define XNET_GSO_TYPE_TCPV4		1
#define XNET_GSO_TYPE_TCPV6		2

#define XNET_MAC_LEN			6
#define XNET_HASH_VALUE_LEN		4

struct xnet_extra_info {
	uint8_t type;		/* XNET_EXTRA_TYPE_* */
	uint8_t flags;		/* XNET_EXTRA_FLAG_* */
	union {
		struct {
			uint16_t size;		/* MSS */
			uint8_t type;		/* XNET_GSO_TYPE_* */
			uint8_t pad;
			uint16_t features;	/* none defined: 0 */
		} gso;
		struct {
			uint8_t addr[XNET_MAC_LEN];
		} mcast;
		struct {
			uint8_t type;		/* XNET_HASH_TYPE_*_BIT */
			uint8_t algorithm;	/* XNET_HASH_ALGORITHM_* */
			uint8_t value[XNET_HASH_VALUE_LEN]; /* little endian */
		} hash;
		struct {
			uint16_t headroom;
			uint16_t pad[2];
		} xdp;
		uint16_t pad[3];
	} u;
};

/* ---- Control ring (frontend requests, backend responses) ---- */

#define XNET_CTRL_TYPE_INVALID			0
#define XNET_CTRL_TYPE_GET_HASH_FLAGS		1
#define XNET_CTRL_TYPE_SET_HASH_FLAGS		2
#define XNET_CTRL_TYPE_SET_HASH_KEY		3	/* data: gref, len */
#define XNET_CTRL_TYPE_GET_HASH_MAPPING_SIZE	4
#define XNET_CTRL_TYPE_SET_HASH_MAPPING_SIZE	5	/* data: size */
#define XNET_CTRL_TYPE_SET_HASH_MAPPING		6	/* data: gref, len, off */
#define XNET_CTRL_TYPE_SET_HASH_ALGORITHM	7
#define XNET_CTRL_TYPE_GET_GREF_MAPPING_SIZE	8	/* staging grants */
#define XNET_CTRL_TYPE_ADD_GREF_MAPPING		9
#define XNET_CTRL_TYPE_DEL_GREF_MAPPING		10

#define XNET_CTRL_STATUS_SUCCESS		0
#define XNET_CTRL_STATUS_NOT_SUPPORTED		1
#define XNET_CTRL_STATUS_INVALID_PARAMETER	2
#define XNET_CTRL_STATUS_BUFFER_OVERFLOW	3

#define XNET_CTRL_DATA_WORDS		3

struct xnet_ctrl_request {
	uint16_t id;
	uint16_t type;		/* XNET_CTRL_TYPE_* */
	uint32_t data[XNET_CTRL_DATA_WORDS];
};

struct xnet_ctrl_response {
	uint16_t id;
	uint16_t type;
	uint32_t status;	/* XNET_CTRL_STATUS_* */
	uint32_t data;
};

/* Entry of an ADD/DEL_GREF_MAPPING table (staging grants). */
#define XNET_CTRLF_GREF_READONLY	(1U << 0)
struct xnet_ctrl_gref {
	uint32_t ref;
	uint16_t flags;
	uint16_t status;
};

/*
 * Hash types: bit numbers go in an extra-info's hash.type; the masks are
 * OR-ed in SET/GET_HASH_FLAGS. The _TCP types hash addresses and ports.
 */
#define XNET_HASH_TYPE_IPV4_BIT		0
#define XNET_HASH_TYPE_IPV4_TCP_BIT	1
#define XNET_HASH_TYPE_IPV6_BIT		2
#define XNET_HASH_TYPE_IPV6_TCP_BIT	3
#define XNET_HASH_TYPE_IPV4		(1U << XNET_HASH_TYPE_IPV4_BIT)
#define XNET_HASH_TYPE_IPV4_TCP		(1U << XNET_HASH_TYPE_IPV4_TCP_BIT)
#define XNET_HASH_TYPE_IPV6		(1U << XNET_HASH_TYPE_IPV6_BIT)
#define XNET_HASH_TYPE_IPV6_TCP		(1U << XNET_HASH_TYPE_IPV6_TCP_BIT)
#define XNET_HASH_TYPE_ALL		(XNET_HASH_TYPE_IPV4 | \
					 XNET_HASH_TYPE_IPV4_TCP | \
					 XNET_HASH_TYPE_IPV6 | \
					 XNET_HASH_TYPE_IPV6_TCP)

#define XNET_HASH_ALGORITHM_NONE	0
#define XNET_HASH_ALGORITHM_TOEPLITZ	1

/*
 * Instantiate the ring types (xnet_tx_sring, xnet_tx_front_ring,
 * xnet_tx_back_ring, and the same for xnet_rx and xnet_ctrl) after
 * including the platform's ring.h. Use once, at file scope, as
 * "XNET_DEFINE_RING_TYPES();": the expansion ends in a forward struct
 * declaration that the caller's semicolon completes.
 */
#define XNET_DEFINE_RING_TYPES()					\
	DEFINE_RING_TYPES(xnet_tx, struct xnet_tx_request,		\
			  struct xnet_tx_response);			\
	DEFINE_RING_TYPES(xnet_rx, struct xnet_rx_request,		\
			  struct xnet_rx_response);			\
	DEFINE_RING_TYPES(xnet_ctrl, struct xnet_ctrl_request,		\
			  struct xnet_ctrl_response);			\
	struct xnet_ring_types_defined

/* ---- Layout checks: the ABI fixes every size and offset ---- */

#define XNET_ABI_CHECK(cond) _Static_assert(cond, #cond)

XNET_ABI_CHECK(sizeof(struct xnet_tx_request) == 12);
XNET_ABI_CHECK(sizeof(struct xnet_tx_response) == 4);
XNET_ABI_CHECK(sizeof(struct xnet_rx_request) == 8);
XNET_ABI_CHECK(sizeof(struct xnet_rx_response) == 8);
XNET_ABI_CHECK(sizeof(struct xnet_extra_info) == 8);
XNET_ABI_CHECK(sizeof(struct xnet_ctrl_request) == 16);
XNET_ABI_CHECK(sizeof(struct xnet_ctrl_response) == 12);
XNET_ABI_CHECK(sizeof(struct xnet_ctrl_gref) == 8);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_tx_request, offset) == 4);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_tx_request, size) == 10);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_rx_request, gref) == 4);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_rx_response, status) == 6);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_extra_info, u) == 2);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_extra_info, u.gso.features) == 6);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_extra_info, u.hash.value) == 4);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_ctrl_request, data) == 4);
XNET_ABI_CHECK(__builtin_offsetof(struct xnet_ctrl_response, data) == 8);
/* An extra-info segment must fit in the TX slot it replaces. */
XNET_ABI_CHECK(sizeof(struct xnet_extra_info) <= sizeof(struct xnet_tx_request));

#endif /* XNET_NETIF_H */
