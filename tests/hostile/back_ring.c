// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile backend's ring service: takes the frontend's TX chains as
 * core/tx_validate walks them and answers every slot, letting the case's
 * hook rewrite each response first. It never delivers packets to the
 * guest: RX responses are only ever written by an attack.
 */
#include <poll.h>

#include "back.h"
#include "ring_check.h"
#include "tx_validate.h"

struct back_slot_ctx {
	struct back_queue *q;
	RING_IDX prod;
};

static bool back_get_slot(void *ctx, u32 index, struct xnet_tx_request *slot)
{
	struct back_slot_ctx *c = ctx;
	RING_IDX i = c->q->tx.req_cons + index;

	if (i - c->q->tx.req_cons >= c->prod - c->q->tx.req_cons)
		return false;
	*slot = *RING_GET_REQUEST(&c->q->tx, i);
	return true;
}

void back_notify(struct back *b, struct back_queue *q)
{
	xenevtchn_notify(b->ev, (evtchn_port_t)q->port_tx);
	if (q->port_rx != q->port_tx)
		xenevtchn_notify(b->ev, (evtchn_port_t)q->port_rx);
	b->stats.notifies++;
}

unsigned int back_rx_pending(struct back_queue *q)
{
	RING_IDX prod = q->rx.sring->req_prod;

	xen_rmb();
	if (!xnet_ring_requests_ok(prod, q->rx.req_cons, q->rx.rsp_prod_pvt, XNET_RING_SIZE))
		return 0;
	return prod - q->rx.req_cons;
}

static void back_respond(struct back *b, struct back_queue *q, u16 id, s16 status)
{
	struct xnet_tx_response *rsp = RING_GET_RESPONSE(&q->tx, q->tx.rsp_prod_pvt);

	rsp->id = id;
	rsp->status = status;
	if (b->tx_mangle && status != XNET_RSP_NULL)
		b->tx_mangle(b, rsp);
	q->tx.rsp_prod_pvt++;
	b->stats.tx_responses++;
}

/* Answer one chain at req_cons; false when none is complete yet. */
static bool back_answer_chain(struct back *b, struct back_queue *q, RING_IDX prod)
{
	static const struct xnet_tx_limits limits = {
		.max_slots = XNET_TX_MAX_SLOTS_DEFAULT,
		.fatal_slots = XNET_TX_FATAL_SLOTS_DEFAULT,
		.extra_types = XNET_TX_EXTRAS_BACKEND,
	};
	struct back_slot_ctx ctx = { .q = q, .prod = prod };
	struct xnet_tx_chain chain;
	enum xnet_tx_verdict v = xnet_tx_validate(&limits, back_get_slot, &ctx, &chain);
	s16 status = v == XNET_TX_OK ? XNET_RSP_OKAY : XNET_RSP_ERROR;
	u32 i;

	if (v == XNET_TX_FATAL && chain.reason == XNET_TXR_INCOMPLETE)
		return false;
	if (v != XNET_TX_OK)
		hx_say("observed: queue %u frontend chain rejected: %s", q->index,
		       xnet_tx_reason_str(chain.reason));
	else if (b->peek)
		back_peek_tx_chain(b, q, &chain);
	for (i = 0; i < chain.slots && i < prod - q->tx.req_cons; i++) {
		const struct xnet_tx_request *req = RING_GET_REQUEST(&q->tx, q->tx.req_cons + i);
		bool extra = i >= 1 && i <= chain.extra_slots;

		back_respond(b, q, extra ? 0 : req->id, extra ? XNET_RSP_NULL : status);
	}
	q->tx.req_cons += i ? i : 1;
	b->stats.tx_requests++;
	return true;
}

static void back_serve_tx(struct back *b, struct back_queue *q)
{
	RING_IDX prod;
	bool answered = false;
	int notify;

	if (q->broken)
		return;
	prod = q->tx.sring->req_prod;
	xen_rmb();
	if (!xnet_ring_requests_ok(prod, q->tx.req_cons, q->tx.rsp_prod_pvt, XNET_RING_SIZE)) {
		hx_say("observed: queue %u TX req_prod %u is impossible (cons %u): stop serving it",
		       q->index, prod, q->tx.req_cons);
		q->broken = true;
		return;
	}
	while (q->tx.req_cons != prod && back_answer_chain(b, q, prod))
		answered = true;
	if (!answered)
		return;
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->tx, notify);
	if (notify)
		back_notify(b, q);
	q->tx.sring->req_event = q->tx.req_cons + 1;
}

void back_serve(struct back *b, unsigned int ms)
{
	struct pollfd pfd = { .fd = xenevtchn_fd(b->ev), .events = POLLIN };
	unsigned long end = hx_now_ms() + ms;
	xenevtchn_port_or_error_t port;
	unsigned int i;

	do {
		for (i = 0; i < b->num_queues; i++)
			back_serve_tx(b, &b->q[i]);
		hx_peer_poll(b->xs, &b->frontend);
		if (poll(&pfd, 1, HX_POLL_MS) > 0) {
			port = xenevtchn_pending(b->ev);
			if (port >= 0)
				xenevtchn_unmask(b->ev, (evtchn_port_t)port);
		}
	} while (hx_now_ms() < end);
}
