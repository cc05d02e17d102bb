// SPDX-License-Identifier: GPL-2.0
/*
 * Read one vif, both ends, from a source, and say what looks wrong.
 * Numbers go through core/negotiate.c's strict parser, the same one both
 * drivers use, so the tool flags exactly what a driver would refuse.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xnet/netif.h>
#include <xnet/xs_keys.h>

#include "negotiate.h"
#include "xst_vif.h"

#define FLAG_MAX	1	/* feature-* and request-* keys are 0 or 1 */

static const struct {
	const char *name;
	const char *backend_key;
	const char *frontend_key;
	u32 frontend_max;
} feature_template[XST_NR_FEATURES] = {
	{ "sg", XNET_KEY_FEATURE_SG, XNET_KEY_FEATURE_SG, FLAG_MAX },
	{ "gso-tcpv4", XNET_KEY_FEATURE_GSO_TCPV4, XNET_KEY_FEATURE_GSO_TCPV4, FLAG_MAX },
	{ "gso-tcpv6", XNET_KEY_FEATURE_GSO_TCPV6, XNET_KEY_FEATURE_GSO_TCPV6, FLAG_MAX },
	{ "ipv6-csum-offload", XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD,
	  XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD, FLAG_MAX },
	{ "rx-copy", XNET_KEY_FEATURE_RX_COPY, XNET_KEY_REQUEST_RX_COPY, FLAG_MAX },
	{ "rx-flip", XNET_KEY_FEATURE_RX_FLIP, NULL, FLAG_MAX },
	{ "rx-notify", NULL, XNET_KEY_FEATURE_RX_NOTIFY, FLAG_MAX },
	{ "no-csum-offload", NULL, XNET_KEY_FEATURE_NO_CSUM_OFFLOAD, FLAG_MAX },
	{ "multicast-control", XNET_KEY_FEATURE_MCAST_CONTROL,
	  XNET_KEY_REQUEST_MCAST_CONTROL, FLAG_MAX },
	{ "dynamic-multicast-control", XNET_KEY_FEATURE_DYN_MCAST_CONTROL, NULL, FLAG_MAX },
	/* The frontend side of these two is what its layout uses. */
	{ "split-event-channels", XNET_KEY_FEATURE_SPLIT_EVTCHN, NULL, FLAG_MAX },
	{ "ctrl-ring", XNET_KEY_FEATURE_CTRL_RING, NULL, FLAG_MAX },
	{ "xdp-headroom", XNET_KEY_FEATURE_XDP_HEADROOM, XNET_KEY_XDP_HEADROOM,
	  XNET_MAX_XDP_HEADROOM },
};

static void add_warning(struct xst_vif *vif, const char *fmt, ...)
	__printf(2, 3);

static void add_warning(struct xst_vif *vif, const char *fmt, ...)
{
	unsigned int n = xst_strv_len(vif->warnings);
	char **w = realloc(vif->warnings, (n + 2) * sizeof(*w));
	va_list ap;

	if (!w)
		return;
	vif->warnings = w;
	va_start(ap, fmt);
	if (vasprintf(&w[n], fmt, ap) < 0)
		w[n] = NULL;
	va_end(ap);
	w[n + 1] = NULL;
}

void xst_num_free(struct xst_num *n)
{
	free(n->raw);
	n->raw = NULL;
	n->state = XST_ABSENT;
}

/* Returns the parser's verdict: 0, -EINVAL or -ERANGE. */
static int num_parse(struct xst_num *n, char *raw, u32 max)
{
	int ret = 0;

	n->raw = raw;
	n->state = XST_ABSENT;
	if (!raw)
		return 0;
	ret = xnet_parse_u32(raw, max, &n->value);
	n->state = ret ? XST_BAD : XST_OK;
	return ret;
}

/* Read dir/key as a number and explain a bad value once. */
static void read_num(struct xst_vif *vif, struct xst_source *src, struct xst_num *n,
		     const char *side, const char *dir, const char *key, u32 max)
{
	int ret;

	if (!dir) {
		num_parse(n, NULL, max);
		return;
	}
	ret = num_parse(n, xst_readf(src, "%s/%s", dir, key), max);
	if (!ret)
		return;
	vif->bad = true;
	if (ret == -ERANGE)
		add_warning(vif, "%s %s = \"%s\": out of range (at most %u)", side, key,
			    n->raw, max);
	else
		add_warning(vif, "%s %s = \"%s\": not a decimal number", side, key, n->raw);
}

/* A count of queues: 0 parses but means nothing, so it is flagged too. */
static void read_count(struct xst_vif *vif, struct xst_source *src, struct xst_num *n,
		       const char *side, const char *dir, const char *key)
{
	read_num(vif, src, n, side, dir, key, XNET_QUEUES_MAX);
	if (n->state == XST_OK && n->value == 0) {
		n->state = XST_BAD;
		vif->bad = true;
		add_warning(vif, "%s %s = \"0\": a queue count must be at least 1", side, key);
	}
}

static void read_queue(struct xst_vif *vif, struct xst_source *src, unsigned int i,
		       const char *dir)
{
	struct xst_queue *q = &vif->queues[i];
	bool split, single;
	char side[32];

	snprintf(side, sizeof(side), "frontend queue %u", i);
	read_num(vif, src, &q->tx_ring_ref, side, dir, XNET_KEY_TX_RING_REF, XNET_U32_MAX);
	read_num(vif, src, &q->rx_ring_ref, side, dir, XNET_KEY_RX_RING_REF, XNET_U32_MAX);
	read_num(vif, src, &q->evtchn, side, dir, XNET_KEY_EVENT_CHANNEL, XNET_U32_MAX);
	read_num(vif, src, &q->evtchn_tx, side, dir, XNET_KEY_EVENT_CHANNEL_TX, XNET_U32_MAX);
	read_num(vif, src, &q->evtchn_rx, side, dir, XNET_KEY_EVENT_CHANNEL_RX, XNET_U32_MAX);

	if (q->tx_ring_ref.state == XST_ABSENT || q->rx_ring_ref.state == XST_ABSENT) {
		vif->bad = true;
		add_warning(vif, "queue %u: %s missing in %s", i,
			    q->tx_ring_ref.state == XST_ABSENT ? XNET_KEY_TX_RING_REF :
			    XNET_KEY_RX_RING_REF, dir);
	}
	split = q->evtchn_tx.state != XST_ABSENT || q->evtchn_rx.state != XST_ABSENT;
	single = q->evtchn.state != XST_ABSENT;
	if (split && (q->evtchn_tx.state == XST_ABSENT || q->evtchn_rx.state == XST_ABSENT)) {
		vif->bad = true;
		add_warning(vif, "queue %u: only one of %s/%s in %s", i,
			    XNET_KEY_EVENT_CHANNEL_TX, XNET_KEY_EVENT_CHANNEL_RX, dir);
	} else if (!split && !single) {
		vif->bad = true;
		add_warning(vif, "queue %u: no event channel in %s", i, dir);
	}
}

/* The frontend's layout: how many queues, and where their keys are. */
static void read_layout(struct xst_vif *vif, struct xst_source *src)
{
	const char *fe = vif->frontend_path;
	unsigned int i, n = 0;

	read_count(vif, src, &vif->num_queues, "frontend", fe, XNET_KEY_MQ_NUM_QUEUES);
	if (vif->num_queues.state == XST_OK) {
		n = vif->num_queues.value;
	} else if (vif->num_queues.state == XST_ABSENT &&
		   (xst_existsf(src, "%s/%s", fe, XNET_KEY_TX_RING_REF) ||
		    xst_existsf(src, "%s/%s", fe, XNET_KEY_RX_RING_REF))) {
		n = 1;	/* a single-queue frontend writes no count */
	}
	if (!n)
		return;
	vif->queues = calloc(n, sizeof(*vif->queues));
	if (!vif->queues)
		return;
	vif->nr_queues = n;
	vif->layout = n == 1 ? XST_LAYOUT_TOP_LEVEL : XST_LAYOUT_QUEUE_DIRS;
	for (i = 0; i < n; i++) {
		char *dir = NULL;

		if (n == 1) {
			read_queue(vif, src, i, fe);
			continue;
		}
		if (asprintf(&dir, "%s/" XNET_XS_QUEUE_DIR_FMT, fe, i) < 0)
			return;
		read_queue(vif, src, i, dir);
		free(dir);
	}
}

static bool all_queues_split(const struct xst_vif *vif)
{
	unsigned int i;

	for (i = 0; i < vif->nr_queues; i++)
		if (vif->queues[i].evtchn_tx.state == XST_ABSENT)
			return false;
	return vif->nr_queues > 0;
}

static struct xst_feature *feature_offered_by(struct xst_vif *vif, const char *backend_key)
{
	unsigned int i;

	for (i = 0; i < XST_NR_FEATURES; i++)
		if (vif->features[i].backend_key &&
		    !strcmp(vif->features[i].backend_key, backend_key))
			return &vif->features[i];
	return NULL;
}

static void read_features(struct xst_vif *vif, struct xst_source *src)
{
	struct xst_feature *split, *ctrl;
	unsigned int i;

	for (i = 0; i < XST_NR_FEATURES; i++) {
		struct xst_feature *f = &vif->features[i];

		f->name = feature_template[i].name;
		f->backend_key = feature_template[i].backend_key;
		f->frontend_key = feature_template[i].frontend_key;
		if (f->backend_key)
			read_num(vif, src, &f->backend, "backend", vif->backend_path,
				 f->backend_key, FLAG_MAX);
		if (f->frontend_key)
			read_num(vif, src, &f->frontend, "frontend", vif->frontend_path,
				 f->frontend_key, feature_template[i].frontend_max);
	}
	split = feature_offered_by(vif, XNET_KEY_FEATURE_SPLIT_EVTCHN);
	ctrl = feature_offered_by(vif, XNET_KEY_FEATURE_CTRL_RING);
	if (vif->nr_queues) {
		split->frontend.state = XST_OK;
		split->frontend.value = all_queues_split(vif);
	}
	if (vif->ctrl_ring_ref.state != XST_ABSENT) {
		ctrl->frontend.state = XST_OK;
		ctrl->frontend.value = 1;
	}
	if (split->frontend.value && !(split->backend.state == XST_OK && split->backend.value))
		add_warning(vif, "frontend uses split event channels the backend did not offer");
	if (ctrl->frontend.value && !(ctrl->backend.state == XST_OK && ctrl->backend.value))
		add_warning(vif, "frontend set up a control ring the backend did not offer");
}

static void read_backend_extras(struct xst_vif *vif, struct xst_source *src)
{
	const char *be = vif->backend_path;

	vif->hash_algorithm = xst_readf(src, "%s/%s", be, XNET_KEY_HASH_ALGORITHM);
	if (vif->hash_algorithm && strcmp(vif->hash_algorithm, XNET_HASH_ALG_NAME_NONE) &&
	    strcmp(vif->hash_algorithm, XNET_HASH_ALG_NAME_TOEPLITZ)) {
		vif->hash_algorithm_bad = true;
		vif->bad = true;
		add_warning(vif, "backend %s = \"%s\": not a known algorithm",
			    XNET_KEY_HASH_ALGORITHM, vif->hash_algorithm);
	}
	vif->rate_raw = xst_readf(src, "%s/%s", be, XNET_KEY_RATE);
	if (vif->rate_raw && xnet_parse_rate(vif->rate_raw, &vif->rate_bytes, &vif->rate_usec)) {
		vif->rate_bad = true;
		vif->bad = true;
		add_warning(vif, "backend %s = \"%s\": expected <bytes>,<usec>, both above 0",
			    XNET_KEY_RATE, vif->rate_raw);
	}
	vif->hotplug_status = xst_readf(src, "%s/%s", be, XNET_KEY_HOTPLUG_STATUS);
	vif->bridge = xst_readf(src, "%s/%s", be, XNET_KEY_BRIDGE);
	read_count(vif, src, &vif->max_queues, "backend", be, XNET_KEY_MQ_MAX_QUEUES);
	read_count(vif, src, &vif->operator_max, "backend", be, XNET_KEY_OPERATOR_MAX_QUEUES);
}

/* Cross-checks between the two ends and the domain. */
static void check_queue_counts(struct xst_vif *vif)
{
	const struct xst_num *max = &vif->max_queues, *cap = &vif->operator_max;

	if (vif->num_queues.state == XST_OK && max->state == XST_OK &&
	    vif->num_queues.value > max->value) {
		vif->bad = true;
		add_warning(vif, "frontend asked for %u queues, backend offers at most %u",
			    vif->num_queues.value, max->value);
	}
	if (vif->num_queues.state == XST_OK && max->state == XST_ABSENT && vif->backend_path)
		add_warning(vif, "frontend wrote %s but the backend offers no multi-queue",
			    XNET_KEY_MQ_NUM_QUEUES);
	if (cap->state == XST_OK && (vif->nr_queues > cap->value ||
				     (max->state == XST_OK && max->value > cap->value)))
		add_warning(vif, "%s=%u applies at the guest's next connect",
			    XNET_KEY_OPERATOR_MAX_QUEUES, cap->value);
	if (vif->nr_queues && vif->vcpus > 0 && vif->nr_queues != (unsigned int)vif->vcpus) {
		if (max->state == XST_OK && max->value < (u32)vif->vcpus)
			add_warning(vif, "%u queues for %d vCPUs (backend offers at most %u)",
				    vif->nr_queues, vif->vcpus, max->value);
		else
			add_warning(vif, "%u queues for %d vCPUs", vif->nr_queues, vif->vcpus);
	}
}

static void check_paths(struct xst_vif *vif, struct xst_source *src)
{
	char *claimed = xst_readf(src, "%s/%s", vif->frontend_path, XNET_KEY_BACKEND);

	if (vif->frontend_state.state == XST_ABSENT &&
	    !xst_existsf(src, "%s", vif->frontend_path))
		add_warning(vif, "frontend dir %s is missing", vif->frontend_path);
	if (!vif->backend_path)
		add_warning(vif, "no backend dir found for this vif");
	else if (claimed && strcmp(claimed, vif->backend_path))
		add_warning(vif, "frontend %s = \"%s\" is not the backend dir found (%s)",
			    XNET_KEY_BACKEND, claimed, vif->backend_path);
	free(claimed);
}

struct xst_vif *xst_read_vif(struct xst_source *src, const struct xst_vif_id *id)
{
	struct xst_vif *vif = calloc(1, sizeof(*vif));
	const char *fe, *be;

	if (!vif)
		return NULL;
	vif->domid = id->domid;
	vif->devid = id->devid;
	vif->frontend_path = strdup(id->frontend_path);
	vif->backend_path = id->backend_path ? strdup(id->backend_path) : NULL;
	if (!vif->frontend_path || (id->backend_path && !vif->backend_path)) {
		xst_vif_free(vif);
		return NULL;
	}
	fe = vif->frontend_path;
	be = vif->backend_path;
	vif->name = xst_readf(src, "/local/domain/%u/name", vif->domid);
	vif->vcpus = src->ops->domain_vcpus(src, vif->domid);

	read_num(vif, src, &vif->frontend_state, "frontend", fe, XNET_KEY_STATE,
		 XNET_STATE_COUNT - 1);
	read_num(vif, src, &vif->backend_state, "backend", be, XNET_KEY_STATE,
		 XNET_STATE_COUNT - 1);
	vif->backend_domid = be ? (int)id->backend_domid : -1;
	/* The toolstack's copy in the backend dir; the guest can rewrite its own. */
	vif->mac = be ? xst_readf(src, "%s/%s", be, XNET_KEY_MAC) : NULL;
	if (!vif->mac)
		vif->mac = xst_readf(src, "%s/%s", fe, XNET_KEY_MAC);
	if (be)
		read_backend_extras(vif, src);
	read_layout(vif, src);
	read_num(vif, src, &vif->ctrl_ring_ref, "frontend", fe, XNET_KEY_CTRL_RING_REF,
		 XNET_U32_MAX);
	read_num(vif, src, &vif->evtchn_ctrl, "frontend", fe, XNET_KEY_EVENT_CHANNEL_CTRL,
		 XNET_U32_MAX);
	read_features(vif, src);
	check_paths(vif, src);
	check_queue_counts(vif);
	return vif;
}

static void queue_free(struct xst_queue *q)
{
	xst_num_free(&q->tx_ring_ref);
	xst_num_free(&q->rx_ring_ref);
	xst_num_free(&q->evtchn);
	xst_num_free(&q->evtchn_tx);
	xst_num_free(&q->evtchn_rx);
}

void xst_vif_free(struct xst_vif *vif)
{
	unsigned int i;

	if (!vif)
		return;
	for (i = 0; i < vif->nr_queues; i++)
		queue_free(&vif->queues[i]);
	for (i = 0; i < XST_NR_FEATURES; i++) {
		xst_num_free(&vif->features[i].backend);
		xst_num_free(&vif->features[i].frontend);
	}
	xst_num_free(&vif->frontend_state);
	xst_num_free(&vif->backend_state);
	xst_num_free(&vif->max_queues);
	xst_num_free(&vif->num_queues);
	xst_num_free(&vif->operator_max);
	xst_num_free(&vif->ctrl_ring_ref);
	xst_num_free(&vif->evtchn_ctrl);
	free(vif->queues);
	free(vif->name);
	free(vif->frontend_path);
	free(vif->backend_path);
	free(vif->hotplug_status);
	free(vif->mac);
	free(vif->bridge);
	free(vif->hash_algorithm);
	free(vif->rate_raw);
	xst_strv_free(vif->warnings);
	free(vif);
}
