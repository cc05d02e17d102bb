// SPDX-License-Identifier: GPL-2.0
/* --json: the schema is documented in docs/tools.md; keep the two in step. */
#include <xnet/xs_keys.h>

#include "xst_json.h"
#include "xst_report.h"

#define SCHEMA_VERSION	1
#define MBIT_DECIMALS	3

static const char *layout_name(enum xst_layout layout)
{
	switch (layout) {
	case XST_LAYOUT_TOP_LEVEL:
		return "top-level";
	case XST_LAYOUT_QUEUE_DIRS:
		return "queue-dirs";
	default:
		return "none";
	}
}

static void state(struct xst_json *j, const struct xst_num *n)
{
	xst_json_num(j, "state", n);
	xst_json_string(j, "state_name", n->state == XST_OK ? xnet_state_name(n->value) : NULL);
}

static void frontend(struct xst_json *j, const struct xst_vif *vif)
{
	xst_json_begin_object(j, "frontend");
	xst_json_string(j, "path", vif->frontend_path);
	state(j, &vif->frontend_state);
	xst_json_end_object(j);
}

static void backend(struct xst_json *j, const struct xst_vif *vif)
{
	if (!vif->backend_path) {
		xst_json_null(j, "backend");
		return;
	}
	xst_json_begin_object(j, "backend");
	xst_json_int(j, "domid", vif->backend_domid);
	xst_json_string(j, "path", vif->backend_path);
	state(j, &vif->backend_state);
	xst_json_string(j, "hotplug_status", vif->hotplug_status);
	xst_json_string(j, "bridge", vif->bridge);
	xst_json_string(j, "mac", vif->mac);
	xst_json_end_object(j);
}

static void queues(struct xst_json *j, const struct xst_vif *vif)
{
	unsigned int i;

	xst_json_begin_object(j, "queues");
	xst_json_uint(j, "negotiated", vif->nr_queues);
	xst_json_num(j, "requested", &vif->num_queues);
	xst_json_num(j, "backend_max", &vif->max_queues);
	xst_json_num(j, "operator_max", &vif->operator_max);
	xst_json_string(j, "layout", layout_name(vif->layout));
	xst_json_end_object(j);

	xst_json_begin_array(j, "queue");
	for (i = 0; i < vif->nr_queues; i++) {
		const struct xst_queue *q = &vif->queues[i];

		xst_json_begin_object(j, NULL);
		xst_json_uint(j, "index", i);
		xst_json_num(j, "tx_ring_ref", &q->tx_ring_ref);
		xst_json_num(j, "rx_ring_ref", &q->rx_ring_ref);
		xst_json_bool(j, "split", q->evtchn_tx.state != XST_ABSENT);
		xst_json_num(j, "event_channel", &q->evtchn);
		xst_json_num(j, "event_channel_tx", &q->evtchn_tx);
		xst_json_num(j, "event_channel_rx", &q->evtchn_rx);
		xst_json_end_object(j);
	}
	xst_json_end_array(j);
}

static void raw_bad(struct xst_json *j, const char *key, const char *raw)
{
	xst_json_begin_object(j, key);
	xst_json_string(j, "raw", raw);
	xst_json_bool(j, "bad", true);
	xst_json_end_object(j);
}

static void extras(struct xst_json *j, const struct xst_vif *vif)
{
	xst_json_begin_object(j, "control_ring");
	xst_json_bool(j, "present", vif->ctrl_ring_ref.state != XST_ABSENT);
	xst_json_num(j, "ring_ref", &vif->ctrl_ring_ref);
	xst_json_num(j, "event_channel", &vif->evtchn_ctrl);
	xst_json_end_object(j);

	if (vif->hash_algorithm_bad)
		raw_bad(j, "hash_algorithm", vif->hash_algorithm);
	else
		xst_json_string(j, "hash_algorithm", vif->hash_algorithm);

	if (!vif->rate_raw) {
		xst_json_null(j, "rate");
	} else if (vif->rate_bad) {
		raw_bad(j, "rate", vif->rate_raw);
	} else {
		xst_json_begin_object(j, "rate");
		xst_json_uint(j, "bytes", vif->rate_bytes);
		xst_json_uint(j, "usec", vif->rate_usec);
		/* bits per microsecond are megabits per second */
		xst_json_decimal(j, "mbit_per_s", (double)vif->rate_bytes * 8 / vif->rate_usec,
				 MBIT_DECIMALS);
		xst_json_end_object(j);
	}
}

static void features(struct xst_json *j, const struct xst_vif *vif)
{
	unsigned int i;

	xst_json_begin_object(j, "features");
	for (i = 0; i < XST_NR_FEATURES; i++) {
		const struct xst_feature *f = &vif->features[i];

		xst_json_begin_object(j, f->name);
		xst_json_num(j, "backend", &f->backend);
		xst_json_num(j, "frontend", &f->frontend);
		xst_json_end_object(j);
	}
	xst_json_end_object(j);
}

static void one_vif(struct xst_json *j, const struct xst_vif *vif)
{
	char label[32];
	unsigned int i;

	snprintf(label, sizeof(label), "vif%u.%u", vif->domid, vif->devid);
	xst_json_begin_object(j, NULL);
	xst_json_string(j, "vif", label);
	xst_json_uint(j, "domid", vif->domid);
	xst_json_uint(j, "devid", vif->devid);
	xst_json_string(j, "domain", vif->name);
	if (vif->vcpus < 0)
		xst_json_null(j, "vcpus");
	else
		xst_json_int(j, "vcpus", vif->vcpus);
	frontend(j, vif);
	backend(j, vif);
	queues(j, vif);
	extras(j, vif);
	features(j, vif);
	xst_json_begin_array(j, "warnings");
	for (i = 0; vif->warnings && vif->warnings[i]; i++)
		xst_json_string(j, NULL, vif->warnings[i]);
	xst_json_end_array(j);
	xst_json_bool(j, "bad", vif->bad);
	xst_json_end_object(j);
}

void xst_format_json(FILE *out, const struct xst_report *r)
{
	struct xst_json j = { .out = out };
	unsigned int i;

	xst_json_begin_object(&j, NULL);
	xst_json_uint(&j, "schema", SCHEMA_VERSION);
	xst_json_string(&j, "vcpus_note", r->vcpus_note);
	xst_json_begin_array(&j, "vifs");
	for (i = 0; i < r->nr; i++)
		one_vif(&j, r->vifs[i]);
	xst_json_end_array(&j);
	xst_json_end_object(&j);
}
