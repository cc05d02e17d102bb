// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* TX request-chain validation: see tx_validate.h for the rules. */
#include "tx_validate.h"

struct xnet_tx_walk {
	xnet_tx_slot_fn get_slot;
	void *ctx;
	struct xnet_tx_chain *chain;
};

static enum xnet_tx_verdict xnet_tx_fail(struct xnet_tx_chain *chain,
					 enum xnet_tx_verdict verdict,
					 enum xnet_tx_reason reason)
{
	chain->reason = reason;
	return verdict;
}

static bool xnet_tx_next(struct xnet_tx_walk *w, struct xnet_tx_request *slot)
{
	if (!w->get_slot(w->ctx, w->chain->slots, slot))
		return false;
	w->chain->slots++;
	return true;
}

static enum xnet_tx_verdict xnet_tx_extras(struct xnet_tx_walk *w,
					   u32 accepted)
{
	struct xnet_tx_chain *chain = w->chain;
	struct xnet_tx_request slot;
	struct xnet_extra_info extra;

	do {
		if (chain->extra_slots == XNET_TX_EXTRAS_MAX)
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_EXTRA_CHAIN);
		if (!xnet_tx_next(w, &slot))
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_INCOMPLETE);
		chain->extra_slots++;
		xnet_tx_slot_to_extra(&slot, &extra);
		if (extra.type == XNET_EXTRA_TYPE_NONE ||
		    extra.type >= XNET_EXTRA_TYPE_MAX ||
		    !(accepted & (1U << extra.type)))
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_EXTRA_TYPE);
		chain->extras[extra.type - 1] = extra;
	} while (extra.flags & XNET_EXTRA_FLAG_MORE);
	return XNET_TX_OK;
}

/* Walk the data slots after the first; *left is the first slot's share. */
static enum xnet_tx_verdict xnet_tx_data(struct xnet_tx_walk *w,
					 const struct xnet_tx_limits *lim,
					 u16 flags, u32 *left)
{
	struct xnet_tx_chain *chain = w->chain;
	struct xnet_tx_request slot;
	u32 max = lim->max_slots, fatal = lim->fatal_slots;

	if (max < XNET_NR_SLOTS_MIN)
		max = XNET_NR_SLOTS_MIN;
	if (fatal < max)
		fatal = max;

	while (flags & XNET_TXF_MORE_DATA) {
		if (!xnet_tx_next(w, &slot))
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_INCOMPLETE);
		if (++chain->data_slots > fatal)
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_ROGUE_SLOTS);
		if (slot.offset + slot.size > XNET_PAGE_SIZE)
			return xnet_tx_fail(chain, XNET_TX_FATAL,
					    XNET_TXR_CROSSES_PAGE);
		if (!chain->reason && chain->data_slots > max)
			chain->reason = XNET_TXR_TOO_MANY_SLOTS;
		if (!chain->reason && slot.size > *left)
			chain->reason = XNET_TXR_SIZE_MISMATCH;
		if (!chain->reason) {
			*left -= slot.size;
			if (!slot.size)
				chain->zero_slots++;
		}
		flags = slot.flags;
	}
	return chain->reason ? XNET_TX_DROP : XNET_TX_OK;
}

static bool xnet_tx_gso_ok(const struct xnet_extra_info *gso)
{
	if (gso->type != XNET_EXTRA_TYPE_GSO)
		return true;
	return gso->u.gso.size &&
	       (gso->u.gso.type == XNET_GSO_TYPE_TCPV4 ||
		gso->u.gso.type == XNET_GSO_TYPE_TCPV6);
}

enum xnet_tx_verdict xnet_tx_validate(const struct xnet_tx_limits *limits,
				      xnet_tx_slot_fn get_slot, void *ctx,
				      struct xnet_tx_chain *chain)
{
	struct xnet_tx_walk w = { get_slot, ctx, chain };
	struct xnet_tx_request first;
	enum xnet_tx_verdict verdict;
	u32 left;

	memset(chain, 0, sizeof(*chain));
	if (!xnet_tx_next(&w, &first))
		return xnet_tx_fail(chain, XNET_TX_FATAL, XNET_TXR_INCOMPLETE);
	chain->data_slots = 1;
	chain->total_size = first.size;

	if (first.flags & XNET_TXF_EXTRA_INFO) {
		verdict = xnet_tx_extras(&w, limits->extra_types);
		if (verdict != XNET_TX_OK)
			return verdict;
	}
	if (chain->extras[XNET_EXTRA_TYPE_MCAST_ADD - 1].type ||
	    chain->extras[XNET_EXTRA_TYPE_MCAST_DEL - 1].type) {
		chain->mcast = true;
		return XNET_TX_OK;
	}

	left = first.size;
	verdict = xnet_tx_data(&w, limits, first.flags, &left);
	if (verdict != XNET_TX_OK)
		return verdict;
	chain->first_size = left;
	if (first.offset + left > XNET_PAGE_SIZE)
		return xnet_tx_fail(chain, XNET_TX_FATAL, XNET_TXR_CROSSES_PAGE);
	if (!xnet_tx_gso_ok(&chain->extras[XNET_EXTRA_TYPE_GSO - 1]))
		return xnet_tx_fail(chain, XNET_TX_FATAL, XNET_TXR_GSO);
	if (chain->total_size < XNET_ETH_HLEN)
		return xnet_tx_fail(chain, XNET_TX_DROP, XNET_TXR_TOO_SHORT);
	return XNET_TX_OK;
}

const char *xnet_tx_reason_str(enum xnet_tx_reason reason)
{
	switch (reason) {
	case XNET_TXR_NONE:		return "ok";
	case XNET_TXR_TOO_MANY_SLOTS:	return "too many slots";
	case XNET_TXR_SIZE_MISMATCH:	return "slot size beyond packet size";
	case XNET_TXR_TOO_SHORT:	return "packet shorter than Ethernet header";
	case XNET_TXR_INCOMPLETE:	return "chain runs past produced requests";
	case XNET_TXR_ROGUE_SLOTS:	return "slot count beyond fatal limit";
	case XNET_TXR_CROSSES_PAGE:	return "slot crosses page boundary";
	case XNET_TXR_EXTRA_TYPE:	return "invalid extra-info type";
	case XNET_TXR_EXTRA_CHAIN:	return "extra-info chain too long";
	case XNET_TXR_GSO:		return "invalid GSO extra";
	}
	return "unknown";
}
