/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * xnet-hostile-back: serves a guest's netfront from dom0 in place of
 * netback, under a backend directory no netback probes, and misbehaves on
 * purpose. back_setup.c arranges XenStore (the toolstack's part too) and
 * the rings, back_ring.c answers the rings, back_cases.c the attacks.
 */
#ifndef BACK_H
#define BACK_H

#include <xengnttab.h>
#include <xenevtchn.h>

#include "hostile.h"

#define BACK_QUEUES_MAX		8
/* Default device id: vif 0 is the guest's honest, toolstack-made vif. */
#define BACK_DEVID_DEFAULT	1
/* This tool's backend directory: netback only probes backend/vif. */
#define BACK_DIR_FMT		"/local/domain/0/backend/xnet-hostile/%u/%u"
/* Queues advertised by the honest variant. */
#define BACK_QUEUES_OFFERED	2
#define BACK_CONNECT_MS		30000
#define BACK_CLOSE_MS		5000

enum back_xs_variant {
	BACK_XS_HONEST = 0,
	BACK_XS_MAXQ_ZERO,
	BACK_XS_MAXQ_HUGE,
	BACK_XS_MAXQ_TEXT,
	BACK_XS_UNTRUSTED,	/* honest, but the toolstack's trusted key is 0 */
};

struct back_queue {
	unsigned int index;
	u32 tx_ref, rx_ref;
	void *tx_page, *rx_page;
	struct xnet_tx_back_ring tx;
	struct xnet_rx_back_ring rx;
	u32 remote_tx, remote_rx;
	xenevtchn_port_or_error_t port_tx;	/* == port_rx when not split */
	xenevtchn_port_or_error_t port_rx;
	bool broken;				/* frontend's indexes insane */
};

struct back_stats {
	unsigned long tx_requests, tx_responses, rx_responses, notifies;
};

/* What the peek cases saw through the frontend's grants. */
struct back_peek_count {
	unsigned long pages, foreign_pages, foreign_bytes, map_failures;
};

/* Rewrites a response just before it is published (the attack hook). */
struct back;
typedef void (*back_tx_mangle_fn)(struct back *b, struct xnet_tx_response *rsp);

struct back {
	struct xs_handle *xs;
	xengnttab_handle *gt;
	xenevtchn_handle *ev;
	u32 domid;
	unsigned int devid;
	char be_dir[HX_PATH_MAX];
	char fe_dir[HX_PATH_MAX];
	bool created;
	struct hx_peer frontend;
	unsigned int num_queues;
	struct back_queue q[BACK_QUEUES_MAX];
	struct back_stats stats;
	back_tx_mangle_fn tx_mangle;
	bool peek;				/* look around each TX slot's stretch */
	struct back_peek_count peek_tx, peek_rx;
	u64 seed;
	unsigned int duration_s;
};

/* back_setup.c */
int back_open(struct back *b);
int back_create(struct back *b, enum back_xs_variant xs);
int back_connect(struct back *b);
void back_destroy(struct back *b);

/* back_ring.c */
void back_notify(struct back *b, struct back_queue *q);
/* Answer pending TX requests (through tx_mangle); wait up to ms for events. */
void back_serve(struct back *b, unsigned int ms);
/* RX requests the frontend posted and we have not answered. */
unsigned int back_rx_pending(struct back_queue *q);

/* back_peek.c */
struct xnet_tx_chain;
void back_peek_tx_chain(struct back *b, struct back_queue *q, const struct xnet_tx_chain *chain);
/* Take every RX buffer posted so far, without answering, and look into it. */
void back_peek_rx_posted(struct back *b);

/* back_cases.c */
struct back_case {
	const char *name;
	const char *what;
	enum back_xs_variant xs;
	void (*run)(struct back *b);	/* NULL: serve honestly for --duration */
};

const struct back_case *back_case_find(const char *name);
void back_case_list(void);

#endif /* BACK_H */
