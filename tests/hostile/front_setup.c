// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The frontend handshake done from userspace: rings and data pages granted
 * through gntalloc, unbound event channels for the backend, the keys, and
 * Connected. An XenStore attack variant bends one key on the way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"
#include "negotiate.h"

/* Offsets that turn a real grant ref / port into one nobody granted/bound. */
#define FRONT_BAD_REF_DELTA	0x100000U
#define FRONT_BAD_PORT_DELTA	4000U
/* Wait after Closing/Closed for the backend to follow. */
#define FRONT_CLOSE_MS		3000

static const char *const front_queue_strings[] = {
	[FRONT_XS_QUEUES_ZERO] = "0",
	[FRONT_XS_QUEUES_HUGE] = "65536",
	[FRONT_XS_QUEUES_TEXT] = "abc",
};

int front_open(struct front *f)
{
	f->xs = hx_xs_open();
	if (!f->xs)
		return HX_EXIT_ENV;
	f->gs = xengntshr_open(NULL, 0);
	if (!f->gs) {
		hx_env_fail("/dev/xen/gntalloc", "modprobe xen-gntalloc (as root, in a PV guest)");
		return HX_EXIT_ENV;
	}
	f->ev = xenevtchn_open(NULL, 0);
	if (!f->ev) {
		hx_env_fail("/dev/xen/evtchn", "modprobe xen-evtchn (as root, in a Xen domain)");
		return HX_EXIT_ENV;
	}
	return 0;
}

static void front_fill_frame(u8 *p, const u8 *mac, unsigned int n)
{
	unsigned int i;

	memset(p, 0xff, XNET_MAC_LEN);			/* broadcast */
	memcpy(p + XNET_MAC_LEN, mac, XNET_MAC_LEN);
	p[2 * XNET_MAC_LEN] = FRONT_ETHERTYPE >> 8;
	p[2 * XNET_MAC_LEN + 1] = FRONT_ETHERTYPE & 0xff;
	for (i = XNET_ETH_HLEN; i < XNET_PAGE_SIZE; i++)
		p[i] = (u8)(i + n);
}

static void front_read_mac(struct front *f)
{
	char path[HX_PATH_MAX];
	unsigned int m[XNET_MAC_LEN], i;
	char *v;

	hx_key(path, f->fe_dir, XNET_KEY_MAC);
	v = hx_read(f->xs, path);
	if (v && sscanf(v, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
			&m[5]) == XNET_MAC_LEN) {
		for (i = 0; i < XNET_MAC_LEN; i++)
			f->mac[i] = (u8)m[i];
	} else {
		memcpy(f->mac, "\x02\x00\x00\x00\xba\xd0", XNET_MAC_LEN);
	}
	free(v);
}

static int front_share_data(struct front *f)
{
	unsigned int i;

	f->tx_pages = xengntshr_share_pages(f->gs, f->backend_id, FRONT_TX_PAGES, f->tx_refs, 1);
	f->rx_pages = xengntshr_share_pages(f->gs, f->backend_id, FRONT_RX_PAGES, f->rx_refs, 1);
	if (!f->tx_pages || !f->rx_pages) {
		hx_say("error: granting data pages failed: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < FRONT_TX_PAGES; i++)
		front_fill_frame((u8 *)f->tx_pages + i * XNET_PAGE_SIZE, f->mac, i);
	hx_say("granted %u TX data pages (refs %u..) and %u RX pages to dom%u",
	       FRONT_TX_PAGES, f->tx_refs[0], FRONT_RX_PAGES, f->backend_id);
	return 0;
}

static int front_queue_init(struct front *f, struct front_queue *q)
{
	struct xnet_tx_sring *txs;
	struct xnet_rx_sring *rxs;

	q->ring_pages = xengntshr_share_pages(f->gs, f->backend_id, 2, q->ring_refs, 1);
	if (!q->ring_pages) {
		hx_say("error: granting ring pages of queue %u failed: %s", q->index,
		       strerror(errno));
		return -1;
	}
	txs = q->ring_pages;
	rxs = (void *)((u8 *)q->ring_pages + XNET_PAGE_SIZE);
	SHARED_RING_INIT(txs);
	SHARED_RING_INIT(rxs);
	FRONT_RING_INIT(&q->tx, txs, XNET_PAGE_SIZE);
	FRONT_RING_INIT(&q->rx, rxs, XNET_PAGE_SIZE);
	q->port_tx = xenevtchn_bind_unbound_port(f->ev, f->backend_id);
	q->port_rx = f->split ? xenevtchn_bind_unbound_port(f->ev, f->backend_id) : q->port_tx;
	if (q->port_tx < 0 || q->port_rx < 0) {
		hx_say("error: binding event channels of queue %u failed: %s", q->index,
		       strerror(errno));
		return -1;
	}
	hx_say("queue %u: tx-ring-ref %u rx-ring-ref %u, event channels %d/%d", q->index,
	       q->ring_refs[0], q->ring_refs[1], q->port_tx, q->port_rx);
	return 0;
}

static bool front_write_queue(struct front *f, xs_transaction_t t, struct front_queue *q,
			      const char *dir, enum front_xs_variant xs)
{
	char path[HX_PATH_MAX];
	u32 tx_ref = q->ring_refs[0];
	unsigned int bad_port = (unsigned int)q->port_tx + FRONT_BAD_PORT_DELTA;
	bool ok = true;

	if (xs == FRONT_XS_BAD_RING_REF)
		tx_ref += FRONT_BAD_REF_DELTA;
	if (xs != FRONT_XS_NO_RING_REF) {
		hx_key(path, dir, XNET_KEY_TX_RING_REF);
		ok &= hx_write(f->xs, t, path, "%u", tx_ref);
	}
	hx_key(path, dir, XNET_KEY_RX_RING_REF);
	ok &= hx_write(f->xs, t, path, "%u", q->ring_refs[1]);
	if (f->split) {
		hx_key(path, dir, XNET_KEY_EVENT_CHANNEL_TX);
		ok &= hx_write(f->xs, t, path, "%u",
			       xs == FRONT_XS_BAD_EVTCHN ? bad_port : (unsigned int)q->port_tx);
		hx_key(path, dir, XNET_KEY_EVENT_CHANNEL_RX);
		ok &= hx_write(f->xs, t, path, "%d", q->port_rx);
	} else {
		hx_key(path, dir, XNET_KEY_EVENT_CHANNEL);
		ok &= hx_write(f->xs, t, path, "%u",
			       xs == FRONT_XS_BAD_EVTCHN ? bad_port : (unsigned int)q->port_tx);
	}
	return ok;
}

static bool front_write_keys(struct front *f, enum front_xs_variant xs, bool backend_mq)
{
	char path[HX_PATH_MAX];
	xs_transaction_t t;
	unsigned int i;
	bool flat = f->num_queues == 1;
	bool ok;

	do {
		t = xs_transaction_start(f->xs);
		ok = true;
		hx_key(path, f->fe_dir, XNET_KEY_MQ_NUM_QUEUES);
		if (xs == FRONT_XS_QUEUES_ZERO || xs == FRONT_XS_QUEUES_HUGE ||
		    xs == FRONT_XS_QUEUES_TEXT)
			ok &= hx_write(f->xs, t, path, "%s", front_queue_strings[xs]);
		else if (backend_mq)
			ok &= hx_write(f->xs, t, path, "%u", f->num_queues);
		for (i = 0; i < f->num_queues; i++) {
			char dir[HX_PATH_MAX], name[HX_PATH_MAX];

			snprintf(name, sizeof(name), XNET_XS_QUEUE_DIR_FMT, i);
			if (flat)
				snprintf(dir, sizeof(dir), "%s", f->fe_dir);
			else
				hx_key(dir, f->fe_dir, name);
			ok &= front_write_queue(f, t, &f->q[i], dir, xs);
		}
		hx_key(path, f->fe_dir, XNET_KEY_REQUEST_RX_COPY);
		ok &= hx_write(f->xs, t, path, "1");
		hx_key(path, f->fe_dir, XNET_KEY_FEATURE_RX_NOTIFY);
		ok &= hx_write(f->xs, t, path, "1");
		hx_key(path, f->fe_dir, XNET_KEY_FEATURE_SG);
		ok &= hx_write(f->xs, t, path, "1");
		if (!ok) {
			xs_transaction_end(f->xs, t, true);
			return false;
		}
	} while (!xs_transaction_end(f->xs, t, false) && errno == EAGAIN);
	return true;
}

static int front_read_backend(struct front *f, char *be_dir, size_t len)
{
	char path[HX_PATH_MAX];
	char *v;

	/* Relative to this domain's home, so no domid lookup is needed. */
	snprintf(f->fe_dir, sizeof(f->fe_dir), "device/" XNET_XS_DEVICE_CLASS "/%u", f->devid);
	hx_key(path, f->fe_dir, XNET_KEY_BACKEND);
	v = hx_read(f->xs, path);
	if (!v) {
		hx_say("error: %s missing: no vif %u for this domain (xl network-attach?)", path,
		       f->devid);
		return -1;
	}
	snprintf(be_dir, len, "%s", v);
	free(v);
	hx_key(path, f->fe_dir, XNET_KEY_BACKEND_ID);
	if (hx_read_u32(f->xs, path, &f->backend_id)) {
		hx_say("error: %s missing or not a number", path);
		return -1;
	}
	if (hx_state(f->xs, f->fe_dir) != XNET_STATE_INITIALISING)
		hx_say("warning: frontend state is %d, not Initialising: is a netfront loaded?",
		       hx_state(f->xs, f->fe_dir));
	return 0;
}

int front_connect(struct front *f, enum front_xs_variant xs)
{
	char be_dir[HX_PATH_MAX], path[HX_PATH_MAX];
	u32 backend_max = 0, split = 0;
	bool backend_mq;
	unsigned int i;
	int s;

	if (front_read_backend(f, be_dir, sizeof(be_dir)))
		return -1;
	front_read_mac(f);
	hx_peer_init(&f->backend, "backend", be_dir);
	hx_say("frontend %s, backend %s (dom%u)", f->fe_dir, be_dir, f->backend_id);
	s = hx_peer_wait(f->xs, &f->backend, HX_STATE_BIT(XNET_STATE_INIT_WAIT), FRONT_HANDSHAKE_MS);
	if (s != XNET_STATE_INIT_WAIT) {
		hx_say("error: backend never reached InitWait");
		return -1;
	}
	hx_key(path, be_dir, XNET_KEY_MQ_MAX_QUEUES);
	backend_mq = hx_read_u32(f->xs, path, &backend_max) == 0;
	hx_key(path, be_dir, XNET_KEY_FEATURE_SPLIT_EVTCHN);
	f->split = hx_read_u32(f->xs, path, &split) == 0 && split == 1;
	f->num_queues = xnet_negotiate_frontend_queues(backend_max, f->queues_wanted,
						       f->queues_wanted);
	if (f->num_queues > FRONT_QUEUES_MAX)
		f->num_queues = FRONT_QUEUES_MAX;
	hx_say("backend offers multi-queue-max-queues %u, split event channels %s: using %u queue(s)",
	       backend_max, f->split ? "yes" : "no", f->num_queues);
	if (front_share_data(f))
		return -1;
	for (i = 0; i < f->num_queues; i++) {
		f->q[i].index = i;
		if (front_queue_init(f, &f->q[i]))
			return -1;
	}
	if (!front_write_keys(f, xs, backend_mq)) {
		hx_say("error: writing the frontend keys failed");
		return -1;
	}
	hx_set_state(f->xs, f->fe_dir, XNET_STATE_CONNECTED);
	hx_say("wrote the keys and state Connected");
	s = hx_peer_wait(f->xs, &f->backend,
			 HX_STATE_BIT(XNET_STATE_CONNECTED) | HX_STATES_DOWN,
			 xs == FRONT_XS_HONEST ? FRONT_HANDSHAKE_MS : f->duration_s * 1000U);
	return s == XNET_STATE_CONNECTED ? 0 : 1;
}

void front_close(struct front *f)
{
	unsigned int i;

	if (f->fe_dir[0] && f->backend.dir[0]) {
		hx_set_state(f->xs, f->fe_dir, XNET_STATE_CLOSING);
		hx_peer_wait(f->xs, &f->backend, HX_STATES_DOWN, FRONT_CLOSE_MS);
		hx_set_state(f->xs, f->fe_dir, XNET_STATE_CLOSED);
		hx_peer_wait(f->xs, &f->backend,
			     HX_STATE_BIT(XNET_STATE_CLOSED) | HX_STATE_BIT(XNET_STATE_INIT_WAIT),
			     FRONT_CLOSE_MS);
	}
	for (i = 0; i < f->num_queues; i++) {
		struct front_queue *q = &f->q[i];

		if (q->port_rx > 0 && q->port_rx != q->port_tx)
			xenevtchn_unbind(f->ev, q->port_rx);
		if (q->port_tx > 0)
			xenevtchn_unbind(f->ev, q->port_tx);
		if (q->ring_pages)
			xengntshr_unshare(f->gs, q->ring_pages, 2);
	}
	if (f->tx_pages)
		xengntshr_unshare(f->gs, f->tx_pages, FRONT_TX_PAGES);
	if (f->rx_pages)
		xengntshr_unshare(f->gs, f->rx_pages, FRONT_RX_PAGES);
	if (f->ev)
		xenevtchn_close(f->ev);
	if (f->gs)
		xengntshr_close(f->gs);
	if (f->xs) {
		xs_close(f->xs);
		hx_say("released event channels, grants and handles");
	}
}
