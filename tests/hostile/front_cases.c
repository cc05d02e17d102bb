// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile frontend's attacks on the TX ring and the event channels.
 * Each case produces one kind of bad input and then watches; main() sends
 * an honest probe frame before and after to tell "dropped" from "closed".
 */
#include <stdio.h>
#include <string.h>

#include "front.h"

/* Data slots in the too-many-slots chains: above the drop limit of both
 * backends but below the fatal one, then above the fatal one.
 */
#define FRONT_SLOTS_DROP	20
#define FRONT_SLOTS_FATAL	24
/* Bytes each following slot of a long chain carries. */
#define FRONT_SLOT_BYTES	60
/* A size below an Ethernet header. */
#define FRONT_TINY_SIZE		8
/* Offset and size of a slot that runs past its page. */
#define FRONT_CROSS_OFFSET	4000
#define FRONT_CROSS_SIZE	200
/* A grant ref beyond any grant table a guest gets. */
#define FRONT_REF_OUT_OF_TABLE	0x0FFFFFFFU
/* An extra-info type no backend knows. */
#define FRONT_EXTRA_TYPE_BOGUS	0xEE
/* TCP MSS in the GSO extra of the unterminated chain. */
#define FRONT_GSO_MSS		1400
/* Producer jumps in producer-ahead, and the pause between them. */
#define FRONT_RACE_STEPS	50
#define FRONT_RACE_PAUSE_MS	20
/* Random mode: most slots reference our own grants, at most this many a batch. */
#define FRONT_RANDOM_BATCH	32
#define FRONT_RANDOM_PAUSE_MS	100
/* Storm: check the backend's state after this many notifications. */
#define FRONT_STORM_CHECK	4096

static void front_slot(struct xnet_tx_request *req, u32 gref, u16 offset, u16 size,
		       u16 flags, u16 id)
{
	req->gref = gref;
	req->offset = offset;
	req->size = size;
	req->flags = flags;
	req->id = id;
}

/* One packet over n data slots, each on its own page, FRONT_SLOT_BYTES each. */
static void front_long_chain(struct front *f, unsigned int n)
{
	struct front_queue *q = &f->q[0];
	unsigned int i;

	for (i = 0; i < n; i++) {
		u16 size = (u16)(i == 0 ? n * FRONT_SLOT_BYTES : FRONT_SLOT_BYTES);

		front_slot(front_tx_slot(q), f->tx_refs[i % FRONT_TX_PAGES], 0, size,
			   i + 1 < n ? XNET_TXF_MORE_DATA : 0, front_tx_id(f));
	}
	front_tx_push(f, q);
	hx_say("sent one packet of %u data slots (%u bytes)", n, n * FRONT_SLOT_BYTES);
}

static void case_too_many_slots(struct front *f)
{
	front_long_chain(f, FRONT_SLOTS_DROP);
	front_observe(f, FRONT_OBSERVE_MS);
	front_probe(f, "between (below the fatal limit)");
	front_long_chain(f, FRONT_SLOTS_FATAL);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void case_producer_ahead(struct front *f)
{
	struct front_queue *q = &f->q[0];
	RING_IDX prod = q->tx.req_prod_pvt;
	unsigned int i;

	for (i = 0; i < FRONT_RACE_STEPS; i++) {
		prod += XNET_RING_SIZE + 1 + i;
		xen_wmb();
		q->tx.sring->req_prod = prod;
		front_notify(f, q);
		hx_sleep_ms(FRONT_RACE_PAUSE_MS);
	}
	hx_say("moved req_prod %u times, each more than a ring ahead (last %u, ours %u)",
	       FRONT_RACE_STEPS, prod, q->tx.req_prod_pvt);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void front_send_one(struct front *f, u32 gref, u16 offset, u16 size, const char *what)
{
	struct front_queue *q = &f->q[0];

	front_slot(front_tx_slot(q), gref, offset, size, 0, front_tx_id(f));
	front_tx_push(f, q);
	hx_say("sent %s (gref %u offset %u size %u)", what, gref, offset, size);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void case_bad_gref(struct front *f)
{
	front_send_one(f, FRONT_REF_OUT_OF_TABLE, 0, FRONT_FRAME_LEN, "a frame from a ref beyond the table");
	front_send_one(f, f->tx_refs[FRONT_TX_PAGES - 1] + 1000, 0, FRONT_FRAME_LEN,
		       "a frame from a ref never granted");
}

static void case_revoked_gref(struct front *f)
{
	u32 ref;
	void *page = xengntshr_share_pages(f->gs, f->backend_id, 1, &ref, 1);

	if (!page) {
		hx_say("error: could not grant the page to revoke");
		return;
	}
	memcpy(page, f->tx_pages, FRONT_FRAME_LEN);
	xengntshr_unshare(f->gs, page, 1);
	front_send_one(f, ref, 0, FRONT_FRAME_LEN, "a frame from a revoked grant");
}

static void case_tiny_size(struct front *f)
{
	front_send_one(f, f->tx_refs[0], 0, FRONT_TINY_SIZE, "a frame shorter than an Ethernet header");
}

static void case_cross_page(struct front *f)
{
	front_send_one(f, f->tx_refs[0], FRONT_CROSS_OFFSET, FRONT_CROSS_SIZE,
		       "a slot running past its page");
}

static void case_zero_size(struct front *f)
{
	static const u16 sizes[] = { 0, 0, 0, FRONT_FRAME_LEN / 2, 0 };
	struct front_queue *q = &f->q[0];
	unsigned int i, n = ARRAY_SIZE(sizes);

	front_slot(front_tx_slot(q), f->tx_refs[0], 0, FRONT_FRAME_LEN, XNET_TXF_MORE_DATA,
		   front_tx_id(f));
	for (i = 0; i < n; i++)
		front_slot(front_tx_slot(q), f->tx_refs[1 + i], 0, sizes[i],
			   i + 1 < n ? XNET_TXF_MORE_DATA : 0, front_tx_id(f));
	front_tx_push(f, q);
	hx_say("sent a %u-byte packet whose slots include 4 of size 0", FRONT_FRAME_LEN);
	front_observe(f, FRONT_OBSERVE_MS);
	front_send_one(f, f->tx_refs[0], 0, 0, "a packet of size 0");
}

static void case_split_header(struct front *f)
{
	struct front_queue *q = &f->q[0];
	unsigned int i;

	/* One byte a slot for the Ethernet header, then the rest in one. */
	for (i = 0; i < XNET_ETH_HLEN; i++)
		front_slot(front_tx_slot(q), f->tx_refs[0], (u16)i,
			   i == 0 ? FRONT_FRAME_LEN : 1, XNET_TXF_MORE_DATA, front_tx_id(f));
	front_slot(front_tx_slot(q), f->tx_refs[0], XNET_ETH_HLEN,
		   FRONT_FRAME_LEN - XNET_ETH_HLEN, 0, front_tx_id(f));
	front_tx_push(f, q);
	hx_say("sent a %u-byte frame whose header spans %u one-byte slots", FRONT_FRAME_LEN,
	       XNET_ETH_HLEN);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void front_extra_slot(struct front_queue *q, const struct xnet_extra_info *extra)
{
	struct xnet_tx_request *req = front_tx_slot(q);

	memset(req, 0, sizeof(*req));
	memcpy(req, extra, sizeof(*extra));
}

static void case_bad_extra_type(struct front *f)
{
	struct front_queue *q = &f->q[0];
	struct xnet_extra_info extra = { .type = FRONT_EXTRA_TYPE_BOGUS };

	front_slot(front_tx_slot(q), f->tx_refs[0], 0, FRONT_FRAME_LEN, XNET_TXF_EXTRA_INFO,
		   front_tx_id(f));
	front_extra_slot(q, &extra);
	front_tx_push(f, q);
	hx_say("sent a frame with an extra-info segment of unknown type %#x",
	       FRONT_EXTRA_TYPE_BOGUS);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void case_bad_extra_unterminated(struct front *f)
{
	struct front_queue *q = &f->q[0];
	struct xnet_extra_info extra = {
		.type = XNET_EXTRA_TYPE_GSO,
		.flags = XNET_EXTRA_FLAG_MORE,
		.u.gso = { .size = FRONT_GSO_MSS, .type = XNET_GSO_TYPE_TCPV4 },
	};

	front_slot(front_tx_slot(q), f->tx_refs[0], 0, FRONT_FRAME_LEN, XNET_TXF_EXTRA_INFO,
		   front_tx_id(f));
	front_extra_slot(q, &extra);
	front_tx_push(f, q);
	hx_say("sent a frame whose extra-info chain says MORE and then ends");
	front_observe(f, FRONT_OBSERVE_MS);
}

static void case_no_rx_buffers(struct front *f)
{
	struct front_queue *q = &f->q[0];

	hx_say("posting no RX buffers; watching for %u s while dom0 sends", f->duration_s);
	front_observe(f, f->duration_s * 1000U);
	hx_say("RX ring: req_prod %u, rsp_prod %u (backend's req_event %u)", q->rx.sring->req_prod,
	       q->rx.sring->rsp_prod, q->rx.sring->req_event);
}

static void case_evtchn_storm(struct front *f)
{
	unsigned long end = hx_now_ms() + f->duration_s * 1000UL;
	unsigned long sent = 0;
	unsigned int i;

	while (hx_now_ms() < end) {
		for (i = 0; i < f->num_queues; i++)
			front_notify(f, &f->q[i]);
		if (++sent % FRONT_STORM_CHECK == 0)
			hx_peer_poll(f->xs, &f->backend);
	}
	hx_say("notified every event channel %lu times in %u s", sent, f->duration_s);
	front_observe(f, FRONT_OBSERVE_MS);
}

static void front_random_slot(struct front *f, struct xnet_tx_request *req)
{
	u32 r = hx_rand(&f->seed);

	req->gref = (r & 7) ? f->tx_refs[r % FRONT_TX_PAGES] : hx_rand(&f->seed);
	req->offset = (r & 0x30) ? (u16)(hx_rand(&f->seed) % XNET_PAGE_SIZE) :
		(u16)hx_rand(&f->seed);
	req->size = (r & 0xC0) ? (u16)(hx_rand(&f->seed) % (XNET_PAGE_SIZE + 1)) :
		(u16)hx_rand(&f->seed);
	req->flags = (u16)(hx_rand(&f->seed) & 0xF);
	req->id = (u16)hx_rand(&f->seed);
}

static void case_random_ring(struct front *f)
{
	struct front_queue *q = &f->q[0];
	unsigned long end = hx_now_ms() + f->duration_s * 1000UL;
	unsigned int batches = 0, slots = 0, jumps = 0, n, i;

	hx_say("random ring, seed %llu (replay with --seed)", (unsigned long long)f->seed);
	while (hx_now_ms() < end) {
		n = 1 + hx_rand(&f->seed) % FRONT_RANDOM_BATCH;
		for (i = 0; i < n; i++)
			front_random_slot(f, front_tx_slot(q));
		slots += n;
		if (hx_rand(&f->seed) % 20 == 0) {
			q->tx.req_prod_pvt += hx_rand(&f->seed) % (2 * XNET_RING_SIZE);
			jumps++;
		}
		front_tx_push(f, q);
		batches++;
		front_observe(f, FRONT_RANDOM_PAUSE_MS);
	}
	hx_say("random ring: %u batches, %u slots, %u producer jumps", batches, slots, jumps);
}

static const struct front_case front_cases[] = {
	{ "honest", "control: honest frames only", FRONT_XS_HONEST, true, NULL },
	{ "too-many-slots", "a packet over 20 slots (drop), then over 24 (fatal)",
	  FRONT_XS_HONEST, true, case_too_many_slots },
	{ "producer-ahead", "req_prod jumps more than a ring ahead, repeatedly",
	  FRONT_XS_HONEST, true, case_producer_ahead },
	{ "bad-gref", "frames from grant refs never granted", FRONT_XS_HONEST, true, case_bad_gref },
	{ "revoked-gref", "a frame from a grant revoked before use", FRONT_XS_HONEST, true,
	  case_revoked_gref },
	{ "tiny-size", "a frame shorter than an Ethernet header", FRONT_XS_HONEST, true,
	  case_tiny_size },
	{ "cross-page", "a slot whose offset + size passes its page", FRONT_XS_HONEST, true,
	  case_cross_page },
	{ "zero-size", "zero-size slots inside a packet, and a zero-size packet",
	  FRONT_XS_HONEST, true, case_zero_size },
	{ "split-header", "the Ethernet header over 14 one-byte slots", FRONT_XS_HONEST, true,
	  case_split_header },
	{ "bad-extra-type", "an extra-info segment of unknown type", FRONT_XS_HONEST, true,
	  case_bad_extra_type },
	{ "bad-extra-unterminated", "an extra-info chain that says MORE, then ends",
	  FRONT_XS_HONEST, true, case_bad_extra_unterminated },
	{ "no-rx-buffers", "never post RX buffers while dom0 sends (--duration)",
	  FRONT_XS_HONEST, false, case_no_rx_buffers },
	{ "evtchn-storm", "notify every event channel nonstop (--duration)", FRONT_XS_HONEST,
	  true, case_evtchn_storm },
	{ "random-ring", "seeded random TX slots and producer jumps (--seed, --duration)",
	  FRONT_XS_HONEST, true, case_random_ring },
	{ "xs-queues-0", "multi-queue-num-queues = 0", FRONT_XS_QUEUES_ZERO, false, NULL },
	{ "xs-queues-65536", "multi-queue-num-queues = 65536", FRONT_XS_QUEUES_HUGE, false, NULL },
	{ "xs-queues-abc", "multi-queue-num-queues = abc", FRONT_XS_QUEUES_TEXT, false, NULL },
	{ "xs-no-ring-ref", "tx-ring-ref missing", FRONT_XS_NO_RING_REF, false, NULL },
	{ "xs-bad-ring-ref", "tx-ring-ref names a grant never made", FRONT_XS_BAD_RING_REF,
	  false, NULL },
	{ "xs-bad-evtchn", "event channel not bound for the backend", FRONT_XS_BAD_EVTCHN,
	  false, NULL },
};

const struct front_case *front_case_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(front_cases); i++)
		if (!strcmp(front_cases[i].name, name))
			return &front_cases[i];
	return NULL;
}

void front_case_list(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(front_cases); i++)
		printf("%-24s %s\n", front_cases[i].name, front_cases[i].what);
}
