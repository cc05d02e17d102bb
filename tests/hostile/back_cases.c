// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile backend's attacks on netfront: bad response ids, responses
 * the frontend never asked for, a racing response producer, garbage sizes
 * and flags, and an event-channel storm. The XenStore cases need no code
 * here: back_create() writes the absurd multi-queue-max-queues.
 */
#include <stdio.h>
#include <string.h>

#include "back.h"

/* Responses beyond the requests in rsp-too-many. */
#define BACK_EXTRA_RESPONSES	17
/* Producer jumps in rsp-prod-ahead, and the pause between them. */
#define BACK_RACE_STEPS		50
#define BACK_RACE_PAUSE_MS	20
/* Period of the repeated RX attacks while serving. */
#define BACK_ATTACK_PERIOD_MS	1000
/* An RX size that fits a minimal frame, for otherwise-sane responses. */
#define BACK_RX_FRAME_LEN	60
/* Storm: poll the frontend's state after this many notifications. */
#define BACK_STORM_CHECK	4096
/* Garbage RX flags: every defined bit and one beyond. */
#define BACK_RX_FLAGS_MASK	0x3F

typedef void (*back_rx_fn)(struct back *b, const struct xnet_rx_request *req,
			   struct xnet_rx_response *rsp);

/* Answer every RX buffer the frontend posted, through fn. */
static unsigned int back_rx_answer(struct back *b, back_rx_fn fn)
{
	unsigned int i, n, total = 0;

	for (i = 0; i < b->num_queues; i++) {
		struct back_queue *q = &b->q[i];

		for (n = back_rx_pending(q); n; n--) {
			struct xnet_rx_request req = *RING_GET_REQUEST(&q->rx, q->rx.req_cons);

			fn(b, &req, RING_GET_RESPONSE(&q->rx, q->rx.rsp_prod_pvt));
			q->rx.req_cons++;
			q->rx.rsp_prod_pvt++;
			b->stats.rx_responses++;
			total++;
		}
		/* Notify unconditionally: an attack does not wait for req_event. */
		RING_PUSH_RESPONSES(&q->rx);
		back_notify(b, q);
	}
	return total;
}

/* Serve for --duration, running attack every BACK_ATTACK_PERIOD_MS. */
static void back_serve_attacking(struct back *b, void (*attack)(struct back *b))
{
	unsigned long end = hx_now_ms() + b->duration_s * 1000UL;

	while (hx_now_ms() < end) {
		attack(b);
		back_serve(b, BACK_ATTACK_PERIOD_MS);
	}
}

static void rx_bad_id(struct back *b, const struct xnet_rx_request *req,
		      struct xnet_rx_response *rsp)
{
	(void)req;
	rsp->id = (u16)(XNET_RING_SIZE + hx_rand(&b->seed) % XNET_RING_SIZE);
	rsp->offset = 0;
	rsp->flags = 0;
	rsp->status = BACK_RX_FRAME_LEN;
}

static void tx_bad_id(struct back *b, struct xnet_tx_response *rsp)
{
	rsp->id = (u16)(XNET_RING_SIZE + hx_rand(&b->seed) % XNET_RING_SIZE);
}

static void attack_bad_ids(struct back *b)
{
	unsigned int n = back_rx_answer(b, rx_bad_id);

	if (n)
		hx_say("answered %u RX buffers with ids out of range", n);
}

static void case_rsp_id_range(struct back *b)
{
	b->tx_mangle = tx_bad_id;
	hx_say("TX responses get ids >= %u (needs guest TX on this vif)", XNET_RING_SIZE);
	back_serve_attacking(b, attack_bad_ids);
}

static void case_rsp_too_many(struct back *b)
{
	unsigned int i, k;

	for (i = 0; i < b->num_queues; i++) {
		struct back_queue *q = &b->q[i];

		for (k = 0; k < BACK_EXTRA_RESPONSES; k++) {
			struct xnet_tx_response *tx = RING_GET_RESPONSE(&q->tx, q->tx.rsp_prod_pvt++);
			struct xnet_rx_response *rx = RING_GET_RESPONSE(&q->rx, q->rx.rsp_prod_pvt++);

			tx->id = (u16)k;
			tx->status = XNET_RSP_OKAY;
			rx->id = (u16)k;
			rx->offset = 0;
			rx->flags = 0;
			rx->status = BACK_RX_FRAME_LEN;
		}
		RING_PUSH_RESPONSES(&q->tx);
		RING_PUSH_RESPONSES(&q->rx);
		back_notify(b, q);
		hx_say("queue %u: published %u TX and %u RX responses nobody asked for", i,
		       BACK_EXTRA_RESPONSES, BACK_EXTRA_RESPONSES);
	}
	back_serve(b, b->duration_s * 1000U);
}

static void case_rsp_prod_ahead(struct back *b)
{
	unsigned int i, k;

	for (k = 0; k < BACK_RACE_STEPS; k++) {
		for (i = 0; i < b->num_queues; i++) {
			struct back_queue *q = &b->q[i];

			xen_wmb();
			q->tx.sring->rsp_prod += 2 * XNET_RING_SIZE + k;
			q->rx.sring->rsp_prod += 2 * XNET_RING_SIZE + k;
			back_notify(b, q);
		}
		hx_sleep_ms(BACK_RACE_PAUSE_MS);
	}
	hx_say("moved both rsp_prod %u times, each two rings ahead", BACK_RACE_STEPS);
	back_serve(b, b->duration_s * 1000U);
}

static void rx_garbage(struct back *b, const struct xnet_rx_request *req,
		       struct xnet_rx_response *rsp)
{
	rsp->id = req->id;
	rsp->offset = (u16)(hx_rand(&b->seed) % (2 * XNET_PAGE_SIZE));
	rsp->flags = (u16)(hx_rand(&b->seed) & BACK_RX_FLAGS_MASK);
	rsp->status = (s16)hx_rand(&b->seed);
}

static void tx_garbage(struct back *b, struct xnet_tx_response *rsp)
{
	rsp->status = (s16)hx_rand(&b->seed);
}

static void attack_garbage(struct back *b)
{
	unsigned int n = back_rx_answer(b, rx_garbage);

	if (n)
		hx_say("answered %u RX buffers with garbage offsets, flags and sizes", n);
}

static void case_rsp_garbage(struct back *b)
{
	hx_say("garbage responses, seed %llu (replay with --seed)", (unsigned long long)b->seed);
	b->tx_mangle = tx_garbage;
	back_serve_attacking(b, attack_garbage);
}

static void case_evtchn_storm(struct back *b)
{
	unsigned long end = hx_now_ms() + b->duration_s * 1000UL;
	unsigned int i;

	while (hx_now_ms() < end) {
		for (i = 0; i < b->num_queues; i++)
			back_notify(b, &b->q[i]);
		if (b->stats.notifies % BACK_STORM_CHECK == 0)
			hx_peer_poll(b->xs, &b->frontend);
	}
	hx_say("sent %lu notifications in %u s", b->stats.notifies, b->duration_s);
	back_serve(b, BACK_ATTACK_PERIOD_MS);
}

/* Serve TX honestly, looking around each slot, and look into every RX buffer posted. */
static void case_peek(struct back *b)
{
	unsigned long end = hx_now_ms() + b->duration_s * 1000UL;

	b->peek = true;
	while (hx_now_ms() < end) {
		back_peek_rx_posted(b);
		back_serve(b, BACK_ATTACK_PERIOD_MS);
	}
	hx_say("observed: TX pages %lu, with foreign bytes %lu (%lu bytes); RX buffers %lu, with foreign bytes %lu (%lu bytes); map failures %lu",
	       b->peek_tx.pages, b->peek_tx.foreign_pages, b->peek_tx.foreign_bytes,
	       b->peek_rx.pages, b->peek_rx.foreign_pages, b->peek_rx.foreign_bytes,
	       b->peek_tx.map_failures + b->peek_rx.map_failures);
}

static const struct back_case back_cases[] = {
	{ "honest", "control: answer TX honestly, deliver nothing", BACK_XS_HONEST, NULL },
	{ "rsp-id-range", "TX and RX responses with ids out of range", BACK_XS_HONEST,
	  case_rsp_id_range },
	{ "rsp-too-many", "more TX and RX responses than requests", BACK_XS_HONEST,
	  case_rsp_too_many },
	{ "rsp-prod-ahead", "rsp_prod racing rings ahead, repeatedly", BACK_XS_HONEST,
	  case_rsp_prod_ahead },
	{ "rsp-garbage", "garbage RX sizes/offsets/flags and TX statuses (--seed)",
	  BACK_XS_HONEST, case_rsp_garbage },
	{ "evtchn-storm", "notify every event channel nonstop (--duration)", BACK_XS_HONEST,
	  case_evtchn_storm },
	{ "xs-maxq-0", "multi-queue-max-queues = 0", BACK_XS_MAXQ_ZERO, NULL },
	{ "xs-maxq-huge", "multi-queue-max-queues = 4294967295", BACK_XS_MAXQ_HUGE, NULL },
	{ "xs-maxq-abc", "multi-queue-max-queues = abc", BACK_XS_MAXQ_TEXT, NULL },
	{ "peek", "read around TX data and into RX buffers through the grants (trusted = 1)",
	  BACK_XS_HONEST, case_peek },
	{ "peek-untrusted", "the same with the toolstack's trusted = 0: expect nothing foreign",
	  BACK_XS_UNTRUSTED, case_peek },
};

const struct back_case *back_case_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(back_cases); i++)
		if (!strcmp(back_cases[i].name, name))
			return &back_cases[i];
	return NULL;
}

void back_case_list(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(back_cases); i++)
		printf("%-16s %s\n", back_cases[i].name, back_cases[i].what);
}
