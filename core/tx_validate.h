/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Validation of one TX request chain (guest -> backend packet), before the
 * backend maps or copies anything. The chain is: a first request (whose
 * size is the whole packet length), then, when it has XNET_TXF_EXTRA_INFO,
 * extra-info segments linked by XNET_EXTRA_FLAG_MORE, then the following
 * data requests while XNET_TXF_MORE_DATA is set.
 *
 * Verdicts follow the stock backend's split: a packet that is merely
 * unacceptable is DROPped (every slot gets an error response, the vif
 * lives); a chain no honest frontend produces is FATAL (disable the vif).
 * On DROP the whole chain is still walked, so chain->slots says how many
 * slots to consume and answer.
 */
#ifndef XNET_TX_VALIDATE_H
#define XNET_TX_VALIDATE_H

#include <xnet/netif.h>
#include "xnet_types.h"

/* Extra segments allowed in one chain: one per type is all a frontend
 * needs; more is a hostile chain.
 */
#define XNET_TX_EXTRAS_MAX	(XNET_EXTRA_TYPE_MAX - 1)
/*
 * Limits of the stock Linux backend in our terms (data slots including
 * the first; Linux counts the slots after the first: 18 and 20).
 */
#define XNET_TX_MAX_SLOTS_DEFAULT	(XNET_NR_SLOTS_MIN + 1)
#define XNET_TX_FATAL_SLOTS_DEFAULT	21
/* Extra types a backend takes on its TX ring. */
#define XNET_TX_EXTRAS_BACKEND	((1U << XNET_EXTRA_TYPE_GSO) | \
				 (1U << XNET_EXTRA_TYPE_MCAST_ADD) | \
				 (1U << XNET_EXTRA_TYPE_MCAST_DEL) | \
				 (1U << XNET_EXTRA_TYPE_HASH))

enum xnet_tx_verdict {
	XNET_TX_OK = 0,
	XNET_TX_DROP,		/* error responses, packet discarded */
	XNET_TX_FATAL,		/* frontend misbehaves: disable the vif */
};

enum xnet_tx_reason {
	XNET_TXR_NONE = 0,
	XNET_TXR_TOO_MANY_SLOTS,	/* DROP: > max_slots data slots */
	XNET_TXR_SIZE_MISMATCH,		/* DROP: slot size > bytes left */
	XNET_TXR_TOO_SHORT,		/* DROP: packet < XNET_ETH_HLEN */
	XNET_TXR_INCOMPLETE,		/* FATAL: chain runs past the requests */
	XNET_TXR_ROGUE_SLOTS,		/* FATAL: > fatal_slots data slots */
	XNET_TXR_CROSSES_PAGE,		/* FATAL: offset + size > 4 KiB */
	XNET_TXR_EXTRA_TYPE,		/* FATAL: unknown/refused extra type */
	XNET_TXR_EXTRA_CHAIN,		/* FATAL: too many extras */
	XNET_TXR_GSO,			/* FATAL: bad GSO type or zero MSS */
};

/* Values below XNET_NR_SLOTS_MIN, or fatal below max, are raised. */
struct xnet_tx_limits {
	u32 max_slots;		/* more data slots than this: DROP */
	u32 fatal_slots;	/* more data slots than this: FATAL */
	u32 extra_types;	/* accepted extras: bit (1 << XNET_EXTRA_TYPE_*) */
};

struct xnet_tx_chain {
	u32 slots;		/* ring slots the chain occupies, extras too */
	u32 data_slots;		/* first request + following data requests */
	u32 extra_slots;
	u32 zero_slots;		/* following data slots of size 0: skip them */
	u32 total_size;		/* packet length (first request's size) */
	u32 first_size;		/* bytes carried by the first slot itself */
	bool mcast;		/* multicast add/del request, no packet */
	enum xnet_tx_reason reason;
	/* Extras by type; extras[t - 1].type == 0 when type t is absent. */
	struct xnet_extra_info extras[XNET_EXTRA_TYPE_MAX - 1];
};

/*
 * Copy the chain's index-th ring slot (0 = first request) into *slot.
 * Return false when index is at or beyond the requests the frontend has
 * produced. The validator asks for each index once, in order.
 */
typedef bool (*xnet_tx_slot_fn)(void *ctx, u32 index,
				struct xnet_tx_request *slot);

/*
 * Walk and judge one chain. A multicast add/del request (an MCAST extra)
 * is not a packet: it occupies the first slot and its extras only, and
 * reports mcast = true. Otherwise checks, in order per slot: chain
 * complete (FATAL), data-slot count vs fatal_slots (FATAL) and max_slots
 * (DROP), slot size vs bytes left (DROP: buggy frontends overflow the
 * u16 total on >= 64 KiB frames), offset + size within the page (FATAL,
 * also on slots of a dropped chain); then, for a packet not dropped, the
 * first slot's own bytes within its page (FATAL), GSO sanity (FATAL),
 * total >= XNET_ETH_HLEN (DROP). Unlike the stock backend, an Ethernet
 * header split over the first slots is accepted (first_size may be below
 * XNET_ETH_HLEN): the backend must gather headers across slots.
 */
enum xnet_tx_verdict xnet_tx_validate(const struct xnet_tx_limits *limits,
				      xnet_tx_slot_fn get_slot, void *ctx,
				      struct xnet_tx_chain *chain);

/* Reinterpret a TX ring slot as the extra-info segment it carries. */
static inline void xnet_tx_slot_to_extra(const struct xnet_tx_request *slot,
					 struct xnet_extra_info *extra)
{
	memcpy(extra, slot, sizeof(*extra));
}

/* Short text for a reason, for the one log line about a bad peer. */
const char *xnet_tx_reason_str(enum xnet_tx_reason reason);

#endif /* XNET_TX_VALIDATE_H */
