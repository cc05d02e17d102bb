// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The hostile backend's XenStore arrangement. It plays the toolstack too:
 * it creates the frontend dir device/vif/<devid> (owned by the guest, so
 * netfront may write there) and its own backend dir under
 * backend/xnet-hostile/ (owned by dom0, readable by the guest), which no
 * netback watches. The guest's xenbus sees a new vif and probes netfront.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "back.h"
#include "negotiate.h"

/* Local-admin MAC for the hostile vif; its last byte is the device id. */
#define BACK_MAC_FMT		"02:58:4e:48:00:%02x"
/* Values of multi-queue-max-queues per variant. */
static const char *const back_maxq[] = {
	[BACK_XS_HONEST] = "2",
	[BACK_XS_MAXQ_ZERO] = "0",
	[BACK_XS_MAXQ_HUGE] = "4294967295",
	[BACK_XS_MAXQ_TEXT] = "abc",
	[BACK_XS_UNTRUSTED] = "2",
};

int back_open(struct back *b)
{
	b->xs = hx_xs_open();
	if (!b->xs)
		return HX_EXIT_ENV;
	b->gt = xengnttab_open(NULL, 0);
	if (!b->gt) {
		hx_env_fail("/dev/xen/gntdev", "modprobe xen-gntdev (as root, in dom0)");
		return HX_EXIT_ENV;
	}
	b->ev = xenevtchn_open(NULL, 0);
	if (!b->ev) {
		hx_env_fail("/dev/xen/evtchn", "modprobe xen-evtchn (as root, in dom0)");
		return HX_EXIT_ENV;
	}
	return 0;
}

/* Give path to owner, readable by reader (xenstored: first entry = owner). */
static bool back_perms(struct back *b, xs_transaction_t t, const char *path, u32 owner,
		       u32 reader)
{
	struct xs_permissions perms[2] = {
		{ .id = owner, .perms = XS_PERM_NONE },
		{ .id = reader, .perms = XS_PERM_READ },
	};

	if (!xs_set_permissions(b->xs, t, path, perms, 2)) {
		hx_say("set permissions of %s failed: %s", path, strerror(errno));
		return false;
	}
	return true;
}

static bool back_node(struct back *b, xs_transaction_t t, const char *dir, const char *key,
		      bool frontend, const char *value)
{
	char path[HX_PATH_MAX];
	u32 owner = frontend ? b->domid : 0, reader = frontend ? 0 : b->domid;

	hx_key(path, dir, key);
	return hx_write(b->xs, t, path, "%s", value) && back_perms(b, t, path, owner, reader);
}

static bool back_write_dirs(struct back *b, xs_transaction_t t, enum back_xs_variant xs)
{
	char num[HX_PATH_MAX], mac[HX_PATH_MAX], parent[HX_PATH_MAX];
	bool ok = true;
	char *v;

	/* A guest created with no vif has no device/vif/ yet: make it its own. */
	snprintf(parent, sizeof(parent), XNET_XS_FRONTEND_ROOT_FMT, b->domid);
	v = xs_read(b->xs, t, parent, NULL);
	if (!v)
		ok &= xs_mkdir(b->xs, t, parent) && back_perms(b, t, parent, b->domid, 0);
	free(v);
	ok &= xs_mkdir(b->xs, t, b->be_dir) && back_perms(b, t, b->be_dir, 0, b->domid);
	ok &= xs_mkdir(b->xs, t, b->fe_dir) && back_perms(b, t, b->fe_dir, b->domid, 0);
	snprintf(mac, sizeof(mac), BACK_MAC_FMT, b->devid & 0xff);
	snprintf(num, sizeof(num), "%u", b->domid);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FRONTEND, false, b->fe_dir);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FRONTEND_ID, false, num);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_ONLINE, false, "1");
	ok &= back_node(b, t, b->be_dir, XNET_KEY_MAC, false, mac);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FEATURE_RX_COPY, false, "1");
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FEATURE_RX_FLIP, false, "0");
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FEATURE_SG, false, "1");
	ok &= back_node(b, t, b->be_dir, XNET_KEY_FEATURE_SPLIT_EVTCHN, false, "1");
	ok &= back_node(b, t, b->be_dir, XNET_KEY_MQ_MAX_QUEUES, false, back_maxq[xs]);
	snprintf(num, sizeof(num), "%u", b->devid);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_HANDLE, false, num);
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_HANDLE, true, num);
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_MAC, true, mac);
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_BACKEND, true, b->be_dir);
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_BACKEND_ID, true, "0");
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_TRUSTED, true, xs == BACK_XS_UNTRUSTED ? "0" : "1");
	ok &= back_node(b, t, b->fe_dir, XNET_KEY_STATE, true, "1");
	/* InitWait at once: the guest's watch on our state fires on registration. */
	snprintf(num, sizeof(num), "%d", XNET_STATE_INIT_WAIT);
	ok &= back_node(b, t, b->be_dir, XNET_KEY_STATE, false, num);
	return ok;
}

int back_create(struct back *b, enum back_xs_variant xs)
{
	xs_transaction_t t;
	char *v;
	bool ok;

	snprintf(b->be_dir, sizeof(b->be_dir), BACK_DIR_FMT, b->domid, b->devid);
	snprintf(b->fe_dir, sizeof(b->fe_dir), XNET_XS_FRONTEND_DIR_FMT, b->domid, b->devid);
	v = xs_read(b->xs, XBT_NULL, b->fe_dir, NULL);
	if (v) {
		free(v);
		hx_say("error: %s exists already: pick a free --devid", b->fe_dir);
		return -1;
	}
	do {
		t = xs_transaction_start(b->xs);
		ok = back_write_dirs(b, t, xs);
		if (!ok) {
			xs_transaction_end(b->xs, t, true);
			hx_say("error: creating %s and %s failed (is dom%u alive?)", b->fe_dir,
			       b->be_dir, b->domid);
			return -1;
		}
	} while (!xs_transaction_end(b->xs, t, false) && errno == EAGAIN);
	b->created = true;
	hx_peer_init(&b->frontend, "frontend", b->fe_dir);
	hx_say("created %s (owner dom%u) and %s, multi-queue-max-queues '%s', state InitWait",
	       b->fe_dir, b->domid, b->be_dir, back_maxq[xs]);
	return 0;
}

static int back_read_queue(struct back *b, struct back_queue *q, const char *dir)
{
	char path[HX_PATH_MAX];

	if (hx_read_u32(b->xs, hx_key(path, dir, XNET_KEY_TX_RING_REF), &q->tx_ref) ||
	    hx_read_u32(b->xs, hx_key(path, dir, XNET_KEY_RX_RING_REF), &q->rx_ref)) {
		hx_say("observed: queue %u ring refs missing or malformed in %s", q->index, dir);
		return -1;
	}
	if (hx_read_u32(b->xs, hx_key(path, dir, XNET_KEY_EVENT_CHANNEL_TX), &q->remote_tx) ||
	    hx_read_u32(b->xs, hx_key(path, dir, XNET_KEY_EVENT_CHANNEL_RX), &q->remote_rx)) {
		if (hx_read_u32(b->xs, hx_key(path, dir, XNET_KEY_EVENT_CHANNEL), &q->remote_tx)) {
			hx_say("observed: queue %u event channel missing in %s", q->index, dir);
			return -1;
		}
		q->remote_rx = q->remote_tx;
	}
	return 0;
}

static int back_map_queue(struct back *b, struct back_queue *q)
{
	q->tx_page = xengnttab_map_grant_ref(b->gt, b->domid, q->tx_ref, PROT_READ | PROT_WRITE);
	q->rx_page = xengnttab_map_grant_ref(b->gt, b->domid, q->rx_ref, PROT_READ | PROT_WRITE);
	if (!q->tx_page || !q->rx_page) {
		hx_say("error: mapping queue %u rings (refs %u/%u) failed: %s", q->index, q->tx_ref,
		       q->rx_ref, strerror(errno));
		return -1;
	}
	BACK_RING_INIT(&q->tx, (struct xnet_tx_sring *)q->tx_page, XNET_PAGE_SIZE);
	BACK_RING_INIT(&q->rx, (struct xnet_rx_sring *)q->rx_page, XNET_PAGE_SIZE);
	q->port_tx = xenevtchn_bind_interdomain(b->ev, b->domid, q->remote_tx);
	q->port_rx = q->remote_rx == q->remote_tx ? q->port_tx :
		xenevtchn_bind_interdomain(b->ev, b->domid, q->remote_rx);
	if (q->port_tx < 0 || q->port_rx < 0) {
		hx_say("error: binding queue %u event channels %u/%u failed: %s", q->index,
		       q->remote_tx, q->remote_rx, strerror(errno));
		return -1;
	}
	hx_say("queue %u: mapped rings %u/%u, bound event channels %u/%u", q->index, q->tx_ref,
	       q->rx_ref, q->remote_tx, q->remote_rx);
	return 0;
}

int back_connect(struct back *b)
{
	char path[HX_PATH_MAX], name[HX_PATH_MAX], dir[HX_PATH_MAX];
	u32 queues = 1;
	unsigned int i;
	int s, err;

	s = hx_peer_wait(b->xs, &b->frontend,
			 HX_STATE_BIT(XNET_STATE_CONNECTED) | HX_STATE_BIT(XNET_STATE_INITIALISED) |
			 HX_STATES_DOWN, BACK_CONNECT_MS);
	if (s != XNET_STATE_CONNECTED && s != XNET_STATE_INITIALISED) {
		hx_say("observed: the frontend did not connect (state %d)", s);
		return 1;
	}
	err = hx_read_u32(b->xs, hx_key(path, b->fe_dir, XNET_KEY_MQ_NUM_QUEUES), &queues);
	if (err && err != -ENOENT) {
		hx_say("observed: frontend wrote a malformed multi-queue-num-queues");
		return 1;
	}
	hx_say("observed: frontend asks for %u queue(s)%s", queues,
	       err == -ENOENT ? " (no multi-queue-num-queues)" : "");
	if (queues == 0 || queues > BACK_QUEUES_MAX)
		return 1;
	b->num_queues = queues;
	for (i = 0; i < queues; i++) {
		struct back_queue *q = &b->q[i];

		q->index = i;
		snprintf(name, sizeof(name), XNET_XS_QUEUE_DIR_FMT, i);
		if (queues == 1)
			snprintf(dir, sizeof(dir), "%s", b->fe_dir);
		else
			hx_key(dir, b->fe_dir, name);
		if (back_read_queue(b, q, dir) || back_map_queue(b, q))
			return -1;
	}
	hx_set_state(b->xs, b->be_dir, XNET_STATE_CONNECTED);
	hx_say("backend state Connected");
	return 0;
}

void back_destroy(struct back *b)
{
	unsigned int i;

	if (b->created) {
		hx_set_state(b->xs, b->be_dir, XNET_STATE_CLOSING);
		hx_peer_wait(b->xs, &b->frontend, HX_STATES_DOWN, BACK_CLOSE_MS);
	}
	/* Unmapped before Closed, as a backend must: the frontend then frees its pages. */
	for (i = 0; i < b->num_queues; i++) {
		struct back_queue *q = &b->q[i];

		if (q->port_rx > 0 && q->port_rx != q->port_tx)
			xenevtchn_unbind(b->ev, q->port_rx);
		if (q->port_tx > 0)
			xenevtchn_unbind(b->ev, q->port_tx);
		if (q->tx_page)
			xengnttab_unmap(b->gt, q->tx_page, 1);
		if (q->rx_page)
			xengnttab_unmap(b->gt, q->rx_page, 1);
	}
	if (b->created) {
		hx_set_state(b->xs, b->be_dir, XNET_STATE_CLOSED);
		hx_peer_wait(b->xs, &b->frontend, HX_STATE_BIT(XNET_STATE_CLOSED), BACK_CLOSE_MS);
		xs_rm(b->xs, XBT_NULL, b->fe_dir);
		xs_rm(b->xs, XBT_NULL, b->be_dir);
		hx_say("removed %s and %s", b->fe_dir, b->be_dir);
	}
	if (b->ev)
		xenevtchn_close(b->ev);
	if (b->gt)
		xengnttab_close(b->gt);
	if (b->xs) {
		xs_close(b->xs);
		hx_say("released mappings, event channels and handles");
	}
}
