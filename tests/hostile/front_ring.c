// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Honest ring mechanics of the hostile frontend: producing TX slots,
 * posting RX buffers, and watching what the backend answers. Whether the
 * backend's indexes are sane is judged by core/ring_check.
 */
#include <poll.h>

#include "front.h"
#include "ring_check.h"

struct xnet_tx_request *front_tx_slot(struct front_queue *q)
{
	struct xnet_tx_request *req = RING_GET_REQUEST(&q->tx, q->tx.req_prod_pvt);

	q->tx.req_prod_pvt++;
	return req;
}

void front_tx_push(struct front *f, struct front_queue *q)
{
	RING_PUSH_REQUESTS(&q->tx);
	front_notify(f, q);
}

u16 front_tx_id(struct front *f)
{
	return f->next_id++ % XNET_RING_SIZE;
}

u16 front_tx_frame(struct front *f, struct front_queue *q)
{
	struct xnet_tx_request *req = front_tx_slot(q);

	req->gref = f->tx_refs[0];
	req->offset = 0;
	req->flags = 0;
	req->id = front_tx_id(f);
	req->size = FRONT_FRAME_LEN;
	return req->id;
}

void front_rx_post(struct front *f, struct front_queue *q, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count && i < FRONT_RX_PAGES; i++) {
		struct xnet_rx_request *req = RING_GET_REQUEST(&q->rx, q->rx.req_prod_pvt);

		req->id = (u16)(q->rx.req_prod_pvt % XNET_RING_SIZE);
		req->gref = f->rx_refs[i];
		q->rx.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS(&q->rx);
	front_notify(f, q);
	hx_say("queue %u: posted %u RX buffers", q->index, i);
}

void front_notify(struct front *f, struct front_queue *q)
{
	xenevtchn_notify(f->ev, (evtchn_port_t)q->port_tx);
	if (q->port_rx != q->port_tx)
		xenevtchn_notify(f->ev, (evtchn_port_t)q->port_rx);
}

static void front_count_tx(struct front *f, const struct xnet_tx_response *rsp)
{
	switch (rsp->status) {
	case XNET_RSP_OKAY:
		f->stats.tx_ok++;
		break;
	case XNET_RSP_ERROR:
		f->stats.tx_error++;
		break;
	case XNET_RSP_DROPPED:
		f->stats.tx_dropped++;
		break;
	case XNET_RSP_NULL:
		f->stats.tx_null++;
		break;
	default:
		f->stats.tx_other++;
		break;
	}
}

/* Consume TX responses of queue q; returns how many were consumed. */
static unsigned int front_drain_tx(struct front *f, struct front_queue *q)
{
	RING_IDX prod = q->tx.sring->rsp_prod;
	unsigned int n = 0;

	xen_rmb();
	if (!xnet_ring_responses_ok(prod, q->tx.rsp_cons, q->tx.req_prod_pvt)) {
		f->stats.ring_violations++;
		hx_say("observed: queue %u TX rsp_prod %u is beyond our requests (cons %u, prod %u)",
		       q->index, prod, q->tx.rsp_cons, q->tx.req_prod_pvt);
		return 0;
	}
	while (q->tx.rsp_cons != prod) {
		const struct xnet_tx_response *rsp = RING_GET_RESPONSE(&q->tx, q->tx.rsp_cons);

		hx_say("observed: queue %u TX response id %u status %d", q->index, rsp->id,
		       rsp->status);
		front_count_tx(f, rsp);
		q->tx.rsp_cons++;
		n++;
	}
	q->tx.sring->rsp_event = q->tx.rsp_cons + 1;
	return n;
}

static void front_drain_rx(struct front *f, struct front_queue *q)
{
	RING_IDX prod = q->rx.sring->rsp_prod;

	xen_rmb();
	if (!xnet_ring_responses_ok(prod, q->rx.rsp_cons, q->rx.req_prod_pvt)) {
		f->stats.ring_violations++;
		hx_say("observed: queue %u RX rsp_prod %u is beyond our buffers", q->index, prod);
		return;
	}
	while (q->rx.rsp_cons != prod) {
		q->rx.rsp_cons++;
		f->stats.rx_responses++;
	}
	q->rx.sring->rsp_event = q->rx.rsp_cons + 1;
}

static void front_wait_event(struct front *f, unsigned int ms)
{
	struct pollfd pfd = { .fd = xenevtchn_fd(f->ev), .events = POLLIN };
	xenevtchn_port_or_error_t port;

	if (poll(&pfd, 1, (int)ms) <= 0)
		return;
	port = xenevtchn_pending(f->ev);
	if (port >= 0)
		xenevtchn_unmask(f->ev, (evtchn_port_t)port);
}

void front_observe(struct front *f, unsigned int ms)
{
	unsigned long end = hx_now_ms() + ms;
	unsigned int i;

	do {
		for (i = 0; i < f->num_queues; i++) {
			front_drain_tx(f, &f->q[i]);
			front_drain_rx(f, &f->q[i]);
		}
		hx_peer_poll(f->xs, &f->backend);
		front_wait_event(f, HX_POLL_MS);
	} while (hx_now_ms() < end);
}

bool front_probe(struct front *f, const char *when)
{
	unsigned int ok_before = f->stats.tx_ok;
	bool alive;

	front_tx_frame(f, &f->q[0]);
	front_tx_push(f, &f->q[0]);
	front_observe(f, FRONT_OBSERVE_MS);
	alive = f->stats.tx_ok > ok_before;
	hx_say("probe %s: honest frame %s", when,
	       alive ? "answered OKAY: vif alive" : "not answered OKAY: vif silent or closed");
	return alive;
}
