/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * xnet-hostile-front: a vif frontend in userspace that misbehaves on
 * purpose. front_setup.c does the handshake (possibly with absurd keys),
 * front_ring.c the honest ring mechanics, front_cases*.c the attacks.
 */
#ifndef FRONT_H
#define FRONT_H

#include <xengnttab.h>
#include <xenevtchn.h>

#include "hostile.h"

/* Queues this frontend may set up (the attack runs on queue 0). */
#define FRONT_QUEUES_MAX	8
/* Granted data pages on queue 0: enough for one slot per page in any case. */
#define FRONT_TX_PAGES		32
#define FRONT_RX_PAGES		16
/* Length of the probe frames this frontend sends (minimum Ethernet frame). */
#define FRONT_FRAME_LEN		60
/* Local experimental EtherType: nobody in dom0 acts on these frames. */
#define FRONT_ETHERTYPE		0x88B5
/* How long one attack step waits for the backend to answer. */
#define FRONT_OBSERVE_MS	1500
/* Default wait for the backend's InitWait / Connected. */
#define FRONT_HANDSHAKE_MS	30000

/* What the handshake writes; the XenStore attack cases bend these. */
enum front_xs_variant {
	FRONT_XS_HONEST = 0,
	FRONT_XS_QUEUES_ZERO,
	FRONT_XS_QUEUES_HUGE,
	FRONT_XS_QUEUES_TEXT,
	FRONT_XS_NO_RING_REF,
	FRONT_XS_BAD_RING_REF,
	FRONT_XS_BAD_EVTCHN,
};

struct front_queue {
	unsigned int index;
	void *ring_pages;		/* TX sring, then RX sring */
	u32 ring_refs[2];
	struct xnet_tx_front_ring tx;
	struct xnet_rx_front_ring rx;
	xenevtchn_port_or_error_t port_tx;	/* == port_rx when not split */
	xenevtchn_port_or_error_t port_rx;
};

struct front_stats {
	unsigned int tx_ok, tx_error, tx_dropped, tx_null, tx_other;
	unsigned int rx_responses;
	unsigned int ring_violations;
};

struct front {
	struct xs_handle *xs;
	xengntshr_handle *gs;
	xenevtchn_handle *ev;
	unsigned int devid;
	u32 backend_id;
	char fe_dir[HX_PATH_MAX];
	struct hx_peer backend;
	unsigned int queues_wanted;
	unsigned int num_queues;
	bool split;
	struct front_queue q[FRONT_QUEUES_MAX];
	void *tx_pages;
	u32 tx_refs[FRONT_TX_PAGES];
	void *rx_pages;
	u32 rx_refs[FRONT_RX_PAGES];
	u8 mac[XNET_MAC_LEN];
	u16 next_id;
	struct front_stats stats;
	u64 seed;
	unsigned int duration_s;
};

/* front_setup.c */
int front_open(struct front *f);
int front_connect(struct front *f, enum front_xs_variant xs);
void front_close(struct front *f);

/* front_ring.c */
struct xnet_tx_request *front_tx_slot(struct front_queue *q);
void front_tx_push(struct front *f, struct front_queue *q);
u16 front_tx_id(struct front *f);
/* Queue one honest frame (one slot, page 0); returns its id. */
u16 front_tx_frame(struct front *f, struct front_queue *q);
void front_rx_post(struct front *f, struct front_queue *q, unsigned int count);
void front_notify(struct front *f, struct front_queue *q);
/* Drain and print responses and backend state for ms milliseconds. */
void front_observe(struct front *f, unsigned int ms);
/* Send an honest frame; true when the backend answers it OKAY in time. */
bool front_probe(struct front *f, const char *when);

/* front_cases.c */
struct front_case {
	const char *name;
	const char *what;
	enum front_xs_variant xs;
	bool post_rx;
	void (*run)(struct front *f);	/* NULL: the handshake is the attack */
};

const struct front_case *front_case_find(const char *name);
void front_case_list(void);

#endif /* FRONT_H */
