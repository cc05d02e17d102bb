// SPDX-License-Identifier: GPL-2.0
/*
 * The readable table.  Values a guest wrote are printed escaped and cut
 * short: they must not be able to drive the operator's terminal.
 */
#include <stdio.h>
#include <string.h>

#include <xnet/xs_keys.h>

#include "xst_report.h"

#define TEXT_SHOWN_MAX	40	/* characters of a raw value shown in the table */
#define CELL_MAX	(TEXT_SHOWN_MAX * 4 + 16)
#define LINE_SHOWN_MAX	300	/* characters of a warning shown */
#define LINE_MAX	(LINE_SHOWN_MAX * 4 + 16)
#define ASCII_FIRST	0x20
#define ASCII_LAST	0x7e

/* Printable copy of s, at most max characters of it. */
static const char *escape(char *buf, size_t len, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used = 0, shown = 0;

	for (; *p && used + 5 < len; p++, shown++) {
		if (shown == max) {
			used += snprintf(buf + used, len - used, "...");
			break;
		}
		if (*p >= ASCII_FIRST && *p <= ASCII_LAST && *p != '\\')
			buf[used++] = (char)*p;
		else
			used += snprintf(buf + used, len - used, "\\x%02x", *p);
	}
	buf[used] = 0;
	return buf;
}

static const char *safe(char *buf, size_t len, const char *s)
{
	return escape(buf, len, s, TEXT_SHOWN_MAX);
}

static const char *num(char *buf, size_t len, const struct xst_num *n)
{
	char raw[CELL_MAX];

	switch (n->state) {
	case XST_OK:
		snprintf(buf, len, "%u", n->value);
		break;
	case XST_BAD:
		snprintf(buf, len, "BAD:\"%s\"", safe(raw, sizeof(raw), n->raw ? n->raw : ""));
		break;
	default:
		snprintf(buf, len, "-");
	}
	return buf;
}

static const char *state(char *buf, size_t len, const struct xst_num *n)
{
	if (n->state == XST_OK) {
		snprintf(buf, len, "%s", xnet_state_name(n->value));
		return buf;
	}
	return num(buf, len, n);
}

static const char *text(char *buf, size_t len, const char *s)
{
	return s ? safe(buf, len, s) : "-";
}

static void header(FILE *out, const struct xst_vif *vif)
{
	char a[CELL_MAX], b[CELL_MAX], c[CELL_MAX];

	fprintf(out, "vif%u.%u  domain %s (id %u", vif->domid, vif->devid,
		text(a, sizeof(a), vif->name), vif->domid);
	if (vif->vcpus >= 0)
		fprintf(out, ", %d vCPU%s", vif->vcpus, vif->vcpus == 1 ? "" : "s");
	if (vif->backend_domid >= 0)
		snprintf(b, sizeof(b), "dom%d", vif->backend_domid);
	fprintf(out, ")  backend %s  mac %s  bridge %s\n",
		vif->backend_domid >= 0 ? b : "-", text(a, sizeof(a), vif->mac),
		text(c, sizeof(c), vif->bridge));
	fprintf(out, "  state         frontend %s  backend %s  hotplug %s\n",
		state(a, sizeof(a), &vif->frontend_state), state(b, sizeof(b), &vif->backend_state),
		text(c, sizeof(c), vif->hotplug_status));
}

static void queue_summary(FILE *out, const struct xst_vif *vif)
{
	char a[CELL_MAX], b[CELL_MAX], c[CELL_MAX];

	fprintf(out, "  queues        %u negotiated (requested %s, backend max %s, operator max %s)\n",
		vif->nr_queues, num(a, sizeof(a), &vif->num_queues),
		num(b, sizeof(b), &vif->max_queues), num(c, sizeof(c), &vif->operator_max));
	if (vif->hash_algorithm_bad)
		fprintf(out, "  hash          BAD:\"%s\"\n",
			safe(a, sizeof(a), vif->hash_algorithm));
	else
		fprintf(out, "  hash          %s\n", text(a, sizeof(a), vif->hash_algorithm));
	if (!vif->rate_raw)
		fprintf(out, "  rate          unlimited\n");
	else if (vif->rate_bad)
		fprintf(out, "  rate          BAD:\"%s\"\n", safe(a, sizeof(a), vif->rate_raw));
	else
		fprintf(out, "  rate          %llu bytes per %u us (%.1f Mbit/s)\n",
			(unsigned long long)vif->rate_bytes, vif->rate_usec,
			(double)vif->rate_bytes * 8 / vif->rate_usec);
	if (vif->ctrl_ring_ref.state == XST_ABSENT)
		fprintf(out, "  control ring  none\n");
	else
		fprintf(out, "  control ring  ring-ref %s  event-channel %s\n",
			num(a, sizeof(a), &vif->ctrl_ring_ref), num(b, sizeof(b), &vif->evtchn_ctrl));
}

static void queue_rows(FILE *out, const struct xst_vif *vif)
{
	char a[CELL_MAX], b[CELL_MAX], c[CELL_MAX], d[CELL_MAX];
	unsigned int i;

	if (!vif->nr_queues)
		return;
	fprintf(out, "  %-6s %-12s %-12s %s\n", "queue", "tx-ring-ref", "rx-ring-ref",
		"event channels");
	for (i = 0; i < vif->nr_queues; i++) {
		const struct xst_queue *q = &vif->queues[i];

		fprintf(out, "  %-6u %-12s %-12s ", i, num(a, sizeof(a), &q->tx_ring_ref),
			num(b, sizeof(b), &q->rx_ring_ref));
		if (q->evtchn_tx.state != XST_ABSENT || q->evtchn_rx.state != XST_ABSENT)
			fprintf(out, "tx %s, rx %s\n", num(c, sizeof(c), &q->evtchn_tx),
				num(d, sizeof(d), &q->evtchn_rx));
		else if (q->evtchn.state != XST_ABSENT)
			fprintf(out, "%s (single)\n", num(c, sizeof(c), &q->evtchn));
		else
			fprintf(out, "-\n");
	}
}

static void feature_rows(FILE *out, const struct xst_vif *vif)
{
	char a[CELL_MAX], b[CELL_MAX];
	unsigned int i;

	fprintf(out, "  %-27s %-9s %s\n", "feature", "backend", "frontend");
	for (i = 0; i < XST_NR_FEATURES; i++) {
		const struct xst_feature *f = &vif->features[i];

		fprintf(out, "  %-27s %-9s %s\n", f->name, num(a, sizeof(a), &f->backend),
			num(b, sizeof(b), &f->frontend));
	}
}

void xst_format_table(FILE *out, const struct xst_report *r)
{
	unsigned int i, w;

	if (!r->nr)
		fprintf(out, "no vifs\n");
	for (i = 0; i < r->nr; i++) {
		const struct xst_vif *vif = r->vifs[i];

		if (i)
			fputc('\n', out);
		header(out, vif);
		queue_summary(out, vif);
		queue_rows(out, vif);
		feature_rows(out, vif);
		/* warnings quote raw values: escape them too */
		for (w = 0; vif->warnings && vif->warnings[w]; w++) {
			char line[LINE_MAX];

			fprintf(out, "  warning: %s\n",
				escape(line, sizeof(line), vif->warnings[w], LINE_SHOWN_MAX));
		}
	}
	if (r->vcpus_note)
		fprintf(out, "note: vCPU counts unknown: %s\n", r->vcpus_note);
}
