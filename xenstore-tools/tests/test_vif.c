// SPDX-License-Identifier: GPL-2.0
/* Reading vifs: layouts, features, cross-checks and absurd values. */
#include <stdlib.h>
#include <string.h>

#include <xnet/xs_keys.h>

#include "test.h"

static const struct xst_feature *feature(const struct xst_vif *vif, const char *name)
{
	unsigned int i;

	for (i = 0; i < XST_NR_FEATURES; i++)
		if (!strcmp(vif->features[i].name, name))
			return &vif->features[i];
	return NULL;
}

static bool num_is(const struct xst_num *n, u32 value)
{
	return n->state == XST_OK && n->value == value;
}

static bool num_bad(const struct xst_num *n, const char *raw)
{
	return n->state == XST_BAD && n->raw && !strcmp(n->raw, raw);
}

static void stock_two_queues(void)
{
	struct xst_source *src = fixture("stock-2q.xs");
	struct xst_vif *vif = read_one(src, 1, 0);
	const struct xst_feature *f;

	if (!vif)
		goto out;
	CHECK(!strcmp(vif->name, "guest1"));
	CHECK(vif->vcpus == 2);
	CHECK(vif->backend_domid == 0);
	CHECK(!strcmp(vif->backend_path, "/local/domain/0/backend/vif/1/0"));
	CHECK(num_is(&vif->frontend_state, XNET_STATE_CONNECTED));
	CHECK(num_is(&vif->backend_state, XNET_STATE_CONNECTED));
	CHECK(num_is(&vif->max_queues, 2));
	CHECK(num_is(&vif->num_queues, 2));
	CHECK(vif->operator_max.state == XST_ABSENT);
	CHECK(vif->layout == XST_LAYOUT_QUEUE_DIRS);
	CHECK(vif->nr_queues == 2);
	CHECK(num_is(&vif->queues[0].tx_ring_ref, 1280));
	CHECK(num_is(&vif->queues[0].rx_ring_ref, 1281));
	CHECK(num_is(&vif->queues[1].evtchn_tx, 7));
	CHECK(num_is(&vif->queues[1].evtchn_rx, 8));
	CHECK(vif->queues[1].evtchn.state == XST_ABSENT);
	CHECK(vif->ctrl_ring_ref.state == XST_ABSENT);
	CHECK(!vif->hash_algorithm && !vif->rate_raw);
	CHECK(!strcmp(vif->hotplug_status, XNET_HOTPLUG_CONNECTED));
	f = feature(vif, "rx-copy");
	CHECK(f && num_is(&f->backend, 1) && num_is(&f->frontend, 1));
	f = feature(vif, "split-event-channels");
	CHECK(f && num_is(&f->backend, 1) && num_is(&f->frontend, 1));
	f = feature(vif, "ctrl-ring");
	CHECK(f && num_is(&f->backend, 1) && f->frontend.state == XST_ABSENT);
	f = feature(vif, "rx-flip");
	CHECK(f && num_is(&f->backend, 0) && f->frontend.state == XST_ABSENT);
	CHECK(!vif->bad);
	CHECK(xst_strv_len(vif->warnings) == 0);
out:
	xst_vif_free(vif);
	xst_source_close(src);
}

static void one_queue_top_level(void)
{
	struct xst_source *src = fixture("one-queue.xs");
	struct xst_vif *ours = read_one(src, 2, 0), *legacy = read_one(src, 3, 0);

	if (!ours || !legacy)
		goto out;
	CHECK(ours->layout == XST_LAYOUT_TOP_LEVEL && ours->nr_queues == 1);
	CHECK(num_is(&ours->num_queues, 1));
	CHECK(num_is(&ours->queues[0].tx_ring_ref, 1280));
	CHECK(num_is(&ours->queues[0].evtchn_tx, 5));
	CHECK(num_is(&ours->ctrl_ring_ref, 1300) && num_is(&ours->evtchn_ctrl, 9));
	CHECK(num_is(&feature(ours, "ctrl-ring")->frontend, 1));
	CHECK(!ours->bad && xst_strv_len(ours->warnings) == 0);
	/* no multi-queue-num-queues: one queue, still at top level */
	CHECK(legacy->num_queues.state == XST_ABSENT);
	CHECK(legacy->layout == XST_LAYOUT_TOP_LEVEL && legacy->nr_queues == 1);
	CHECK(num_is(&legacy->queues[0].evtchn, 5));
	CHECK(!strcmp(legacy->hash_algorithm, XNET_HASH_ALG_NAME_TOEPLITZ));
	CHECK(!legacy->rate_bad && legacy->rate_bytes == 1250000 && legacy->rate_usec == 20000);
	CHECK(!legacy->bad);
out:
	xst_vif_free(ours);
	xst_vif_free(legacy);
	xst_source_close(src);
}

static void single_event_channel(void)
{
	struct xst_source *src = fixture("single-evtchn.xs");
	struct xst_vif *vif = read_one(src, 4, 0);

	if (!vif)
		goto out;
	CHECK(vif->nr_queues == 2);
	CHECK(num_is(&vif->queues[0].evtchn, 5) && num_is(&vif->queues[1].evtchn, 6));
	CHECK(vif->queues[0].evtchn_tx.state == XST_ABSENT);
	CHECK(num_is(&feature(vif, "split-event-channels")->backend, 0));
	CHECK(num_is(&feature(vif, "split-event-channels")->frontend, 0));
	CHECK(!vif->bad);
	/* 2 queues on 4 vCPUs, and the backend is what limits it */
	CHECK(has_warning(vif, "2 queues for 4 vCPUs (backend offers at most 2)"));
out:
	xst_vif_free(vif);
	xst_source_close(src);
}

static void absurd_queue_counts(void)
{
	struct xst_source *src = fixture("absurd.xs");
	struct xst_vif *abc = read_one(src, 11, 0), *zero = read_one(src, 12, 0);
	struct xst_vif *huge = read_one(src, 13, 0), *many = read_one(src, 16, 0);

	if (!abc || !zero || !huge || !many)
		goto out;
	CHECK(num_bad(&abc->num_queues, "abc") && abc->nr_queues == 0 && abc->bad);
	CHECK(has_warning(abc, "multi-queue-num-queues = \"abc\": not a decimal number"));
	CHECK(num_bad(&zero->num_queues, "0") && zero->nr_queues == 0 && zero->bad);
	CHECK(has_warning(zero, "at least 1"));
	CHECK(num_bad(&huge->num_queues, "65536") && huge->nr_queues == 0 && huge->bad);
	CHECK(has_warning(huge, "out of range"));
	CHECK(many->bad && has_warning(many, "asked for 3 queues, backend offers at most 2"));
out:
	xst_vif_free(abc);
	xst_vif_free(zero);
	xst_vif_free(huge);
	xst_vif_free(many);
	xst_source_close(src);
}

static void absurd_keys(void)
{
	struct xst_source *src = fixture("absurd.xs");
	struct xst_vif *norefs = read_one(src, 14, 0), *junk = read_one(src, 15, 0);

	if (!norefs || !junk)
		goto out;
	CHECK(norefs->bad && norefs->nr_queues == 2);
	CHECK(norefs->queues[1].tx_ring_ref.state == XST_ABSENT);
	CHECK(has_warning(norefs, "queue 1: tx-ring-ref missing"));
	CHECK(has_warning(norefs, "queue 0: only one of event-channel-tx/event-channel-rx"));
	CHECK(junk->bad);
	CHECK(num_bad(&junk->backend_state, "99"));
	CHECK(num_bad(&junk->max_queues, " 2"));
	CHECK(num_bad(&junk->operator_max, "-1"));
	CHECK(junk->rate_bad && !strcmp(junk->rate_raw, "fast"));
	CHECK(junk->hash_algorithm_bad && !strcmp(junk->hash_algorithm, "md5"));
	CHECK(num_bad(&junk->queues[0].tx_ring_ref, "0x500"));
	CHECK(num_bad(&feature(junk, "sg")->frontend, "2"));
	CHECK(has_warning(junk, "frontend queue 0 tx-ring-ref = \"0x500\""));
out:
	xst_vif_free(norefs);
	xst_vif_free(junk);
	xst_source_close(src);
}

static void finds_every_vif_in_order(void)
{
	struct xst_source *src = fixture("multi.xs");
	struct xst_vif_list list;
	static const unsigned int want[][2] = { { 1, 0 }, { 1, 1 }, { 5, 0 }, { 7, 0 }, { 8, 0 } };
	unsigned int i;

	if (!src)
		return;
	CHECK(xst_find_vifs(src, XST_ANY, XST_ANY, &list) == 0);
	CHECK(list.nr == 5);
	for (i = 0; i < list.nr && i < 5; i++)
		CHECK(list.ids[i].domid == want[i][0] && list.ids[i].devid == want[i][1]);
	if (list.nr == 5) {
		/* a driver domain's backend */
		CHECK(list.ids[4].backend_domid == 2);
		CHECK(!strcmp(list.ids[4].backend_path, "/local/domain/2/backend/vif/8/0"));
		/* a backend whose frontend is gone */
		CHECK(!strcmp(list.ids[3].frontend_path, "/local/domain/7/device/vif/0"));
	}
	xst_vif_list_free(&list);
	CHECK(xst_find_vifs(src, 1, XST_ANY, &list) == 0 && list.nr == 2);
	xst_vif_list_free(&list);
	CHECK(xst_find_vifs(src, 1, 1, &list) == 0 && list.nr == 1);
	xst_vif_list_free(&list);
	CHECK(xst_find_vifs(src, 1, 9, &list) == 0 && list.nr == 0);
	xst_vif_list_free(&list);
	xst_source_close(src);
}

static void multi_cross_checks(void)
{
	struct xst_source *src = fixture("multi.xs");
	struct xst_vif *capped = read_one(src, 1, 1), *booting = read_one(src, 5, 0);
	struct xst_vif *orphan = read_one(src, 7, 0), *web = read_one(src, 1, 0);

	if (!capped || !booting || !orphan || !web)
		goto out;
	CHECK(num_is(&capped->operator_max, 1));
	CHECK(has_warning(capped, "xnet-max-queues=1 applies at the guest's next connect"));
	CHECK(!capped->bad);
	CHECK(booting->nr_queues == 0 && booting->layout == XST_LAYOUT_NONE);
	CHECK(num_is(&booting->frontend_state, XNET_STATE_INITIALISING));
	CHECK(num_is(&booting->backend_state, XNET_STATE_INIT_WAIT));
	CHECK(!booting->bad && xst_strv_len(booting->warnings) == 0);
	CHECK(has_warning(orphan, "frontend dir /local/domain/7/device/vif/0 is missing"));
	CHECK(orphan->vcpus == -1 && !orphan->name);
	/* 4 queues on 4 vCPUs: nothing to say */
	CHECK(web->nr_queues == 4 && web->vcpus == 4 && xst_strv_len(web->warnings) == 0);
out:
	xst_vif_free(capped);
	xst_vif_free(booting);
	xst_vif_free(orphan);
	xst_vif_free(web);
	xst_source_close(src);
}

static void resolves_domains(void)
{
	struct xst_source *src = fixture("multi.xs");
	unsigned int domid = 0;
	char err[512] = "";

	if (!src)
		return;
	CHECK(xst_resolve_domain(src, "web", &domid, err, sizeof(err)) == 0 && domid == 1);
	CHECK(xst_resolve_domain(src, "8", &domid, err, sizeof(err)) == 0 && domid == 8);
	/* gone, but its backend dir is still there */
	CHECK(xst_resolve_domain(src, "7", &domid, err, sizeof(err)) == 0 && domid == 7);
	CHECK(xst_resolve_domain(src, "nosuch", &domid, err, sizeof(err)) == -1);
	CHECK(strstr(err, "no such domain: \"nosuch\"") && strstr(err, "web (1)"));
	CHECK(xst_resolve_domain(src, "99", &domid, err, sizeof(err)) == -1);
	CHECK(xst_resolve_domain(src, "", &domid, err, sizeof(err)) == -1);
	xst_source_close(src);
}

static void frontend_cannot_redirect_backend(void)
{
	/* A guest rewrote its "backend" key: the tools keep the real backend dir. */
	struct xst_source *src = fixture("stock-2q.xs");
	struct xst_vif *vif;

	if (!src)
		return;
	src->ops->write(src, "/local/domain/1/device/vif/0/backend", "/local/domain/0/evil");
	vif = read_one(src, 1, 0);
	CHECK(vif && !strcmp(vif->backend_path, "/local/domain/0/backend/vif/1/0"));
	CHECK(has_warning(vif, "is not the backend dir found"));
	xst_vif_free(vif);
	xst_source_close(src);
}

void tests_vif(void)
{
	test_run("vif: stock 2-queue layout, split event channels", stock_two_queues);
	test_run("vif: 1 queue at top level, with and without a count", one_queue_top_level);
	test_run("vif: single event channel per queue, vCPU warning", single_event_channel);
	test_run("vif: absurd queue counts abc, 0, 65536, above max", absurd_queue_counts);
	test_run("vif: missing ring refs and junk values flagged", absurd_keys);
	test_run("vif: every vif found, sorted, filtered", finds_every_vif_in_order);
	test_run("vif: operator cap, booting guest, orphan backend", multi_cross_checks);
	test_run("vif: domains by name and id", resolves_domains);
	test_run("vif: a guest's backend key cannot redirect the tools",
		 frontend_cannot_redirect_backend);
}
