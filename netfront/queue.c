// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: per-queue setup and teardown.
 *
 * A queue owns one TX and one RX ring page, their grant references, one
 * or two event channels (split when the backend offers it), a NAPI
 * context and a refill timer. Queues are built at each connect and freed
 * at each disconnect; their counters live in info->stats and survive.
 */
#include <linux/interrupt.h>
#include <linux/cpumask.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "common.h"
#include "ring_check.h"

/*
 * Event handlers. A notification with no new response is counted as
 * spurious for the lateeoi machinery, which throttles an event storm from
 * a misbehaving backend.
 */
static bool xnf_seen_new(RING_IDX *seen, RING_IDX prod)
{
	if (*seen == prod)
		return false;
	*seen = prod;
	return true;
}

static bool xnf_tx_event(struct xnf_queue *q)
{
	return xnf_seen_new(&q->tx_irq_seen, READ_ONCE(q->tx.sring->rsp_prod));
}

static bool xnf_rx_event(struct xnf_queue *q)
{
	return xnf_seen_new(&q->rx_irq_seen, READ_ONCE(q->rx.sring->rsp_prod));
}

static irqreturn_t xnf_irq_finish(struct xnf_queue *q, int irq, bool work)
{
	if (work && !xnf_is_broken(q->info))
		napi_schedule(&q->napi);
	xen_irq_lateeoi(irq, work ? 0 : XEN_EOI_FLAG_SPURIOUS);
	return IRQ_HANDLED;
}

static irqreturn_t xnf_tx_interrupt(int irq, void *data)
{
	struct xnf_queue *q = data;

	return xnf_irq_finish(q, irq, xnf_tx_event(q));
}

static irqreturn_t xnf_rx_interrupt(int irq, void *data)
{
	struct xnf_queue *q = data;

	return xnf_irq_finish(q, irq, xnf_rx_event(q));
}

static irqreturn_t xnf_shared_interrupt(int irq, void *data)
{
	struct xnf_queue *q = data;
	bool tx = xnf_tx_event(q);
	bool rx = xnf_rx_event(q);

	return xnf_irq_finish(q, irq, tx || rx);
}

static int xnf_bind(struct xnf_queue *q, evtchn_port_t *port, int *irq,
		    irq_handler_t handler, const char *name)
{
	struct xenbus_device *xbdev = q->info->xbdev;
	int err;

	err = xenbus_alloc_evtchn(xbdev, port);
	if (err)
		return err;
	err = bind_evtchn_to_irqhandler_lateeoi(*port, handler, 0, name, q);
	if (err < 0) {
		xenbus_free_evtchn(xbdev, *port);
		return err;
	}
	*irq = err;
	return 0;
}

static void xnf_unbind(struct xnf_queue *q, int *irq)
{
	if (*irq <= 0)
		return;
	irq_update_affinity_hint(*irq, NULL);
	/* Closes the event channel as well. */
	unbind_from_irqhandler(*irq, q);
	*irq = 0;
}

static int xnf_queue_events(struct xnf_queue *q, bool split)
{
	const char *dev = q->info->netdev->name;
	int err;

	if (!split) {
		snprintf(q->tx_irq_name, sizeof(q->tx_irq_name), "%s-q%u",
			 dev, q->id);
		err = xnf_bind(q, &q->tx_evtchn, &q->tx_irq,
			       xnf_shared_interrupt, q->tx_irq_name);
		q->rx_evtchn = q->tx_evtchn;
		q->rx_irq = q->tx_irq;
		return err;
	}
	snprintf(q->tx_irq_name, sizeof(q->tx_irq_name), "%s-q%u-tx", dev, q->id);
	snprintf(q->rx_irq_name, sizeof(q->rx_irq_name), "%s-q%u-rx", dev, q->id);
	err = xnf_bind(q, &q->tx_evtchn, &q->tx_irq, xnf_tx_interrupt,
		       q->tx_irq_name);
	if (err)
		return err;
	return xnf_bind(q, &q->rx_evtchn, &q->rx_irq, xnf_rx_interrupt,
			q->rx_irq_name);
}

static int xnf_queue_rings(struct xnf_queue *q)
{
	struct xenbus_device *xbdev = q->info->xbdev;
	void *page;
	int err;

	err = xenbus_setup_ring(xbdev, GFP_KERNEL, &page, 1, &q->tx_ring_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&q->tx, (struct xnet_tx_sring *)page, XEN_PAGE_SIZE);

	err = xenbus_setup_ring(xbdev, GFP_KERNEL, &page, 1, &q->rx_ring_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&q->rx, (struct xnet_rx_sring *)page, XEN_PAGE_SIZE);
	return 0;
}

/*
 * Free a ring page. If the backend still maps it (it never should after
 * Closing), the page goes to the grant table's deferred list instead of
 * back to the allocator, so a late backend write can't hit reused memory.
 */
void xnf_ring_release(void **ring, grant_ref_t *ref)
{
	if (*ref != INVALID_GRANT_REF) {
		if (gnttab_end_foreign_access_ref(*ref)) {
			gnttab_free_grant_reference(*ref);
			free_pages_exact(*ring, XEN_PAGE_SIZE);
		} else {
			gnttab_end_foreign_access(*ref, virt_to_page(*ring));
		}
	} else if (*ring) {
		free_pages_exact(*ring, XEN_PAGE_SIZE);
	}
	*ref = INVALID_GRANT_REF;
	*ring = NULL;
}

static void xnf_queue_free(struct xnf_queue *q)
{
	bool shared = q->rx_irq == q->tx_irq;

	del_timer_sync(&q->rx_refill_timer);
	if (q->napi.poll)
		netif_napi_del(&q->napi);
	xnf_unbind(q, &q->tx_irq);
	if (!shared)
		xnf_unbind(q, &q->rx_irq);
	q->rx_irq = 0;

	if (q->tx.sring)
		xnf_tx_release_all(q);
	if (q->rx.sring)
		xnf_rx_release_all(q);
	if (q->tx_gref_head != INVALID_GRANT_REF)
		gnttab_free_grant_references(q->tx_gref_head);
	if (q->rx_gref_head != INVALID_GRANT_REF)
		gnttab_free_grant_references(q->rx_gref_head);
	xnf_ring_release((void **)&q->tx.sring, &q->tx_ring_ref);
	xnf_ring_release((void **)&q->rx.sring, &q->rx_ring_ref);
}

static int xnf_queue_init(struct xnf_info *info, struct xnf_queue *q,
			  unsigned int id)
{
	unsigned int i;
	int err;

	q->info = info;
	q->id = id;
	q->stats = &info->stats[id];
	q->tx_ring_ref = INVALID_GRANT_REF;
	q->rx_ring_ref = INVALID_GRANT_REF;
	q->tx_gref_head = INVALID_GRANT_REF;
	q->rx_gref_head = INVALID_GRANT_REF;
	spin_lock_init(&q->tx_lock);
	timer_setup(&q->rx_refill_timer, xnf_rx_refill_timeout, 0);

	for (i = 0; i < XNF_TX_RING_SIZE; i++)
		q->tx_bufs[i].next_free = i + 1;
	q->tx_free_head = 0;
	q->tx_ids_free = XNF_TX_RING_SIZE;

	err = gnttab_alloc_grant_references(XNF_TX_RING_SIZE, &q->tx_gref_head);
	if (err)
		goto fail;
	q->tx_grefs_free = XNF_TX_RING_SIZE;
	err = gnttab_alloc_grant_references(XNF_RX_RING_SIZE, &q->rx_gref_head);
	if (err)
		goto fail;
	err = xnf_queue_rings(q);
	if (err)
		goto fail;
	/* NAPI exists (disabled) before any event can try to schedule it. */
	netif_napi_add(info->netdev, &q->napi, xnf_poll);
	err = xnf_queue_events(q, info->feat.split_evtchn);
	if (err)
		goto fail;
	return 0;

fail:
	xnf_queue_free(q);
	return err;
}

int xnf_queues_create(struct xnf_info *info, unsigned int num_queues)
{
	unsigned int i;
	int err;

	info->queues = kvcalloc(num_queues, sizeof(*info->queues), GFP_KERNEL);
	if (!info->queues)
		return -ENOMEM;
	for (i = 0; i < num_queues; i++) {
		err = xnf_queue_init(info, &info->queues[i], i);
		if (err) {
			info->num_queues = i;
			xnf_queues_destroy(info);
			return err;
		}
	}
	info->num_queues = num_queues;
	return 0;
}

void xnf_queues_destroy(struct xnf_info *info)
{
	unsigned int i;

	if (!info->queues)
		return;
	for (i = 0; i < info->num_queues; i++)
		xnf_queue_free(&info->queues[i]);
	kvfree(info->queues);
	info->queues = NULL;
	info->num_queues = 0;
}

/* Data path on: the device is up and connected. */
void xnf_queues_start(struct xnf_info *info)
{
	unsigned int i;

	if (test_and_set_bit(XNF_STARTED, &info->flags))
		return;
	local_bh_disable();
	for (i = 0; i < info->num_queues; i++) {
		napi_enable(&info->queues[i].napi);
		/* Pick up whatever arrived while we were down. */
		napi_schedule(&info->queues[i].napi);
	}
	local_bh_enable();
	netif_tx_wake_all_queues(info->netdev);
}

void xnf_queues_stop(struct xnf_info *info)
{
	unsigned int i;

	netif_tx_disable(info->netdev);
	/* napi_disable() on a context never enabled would wait forever. */
	if (!test_and_clear_bit(XNF_STARTED, &info->flags))
		return;
	for (i = 0; i < info->num_queues; i++) {
		napi_disable(&info->queues[i].napi);
		del_timer_sync(&info->queues[i].rx_refill_timer);
	}
}

static int xnf_write_queue(struct xnf_queue *q, struct xenbus_transaction t,
			   const char *dir)
{
	int err;

	err = xenbus_printf(t, dir, XNET_KEY_TX_RING_REF, "%u", q->tx_ring_ref);
	if (!err)
		err = xenbus_printf(t, dir, XNET_KEY_RX_RING_REF, "%u",
				    q->rx_ring_ref);
	if (err)
		return err;
	if (q->rx_irq == q->tx_irq)
		return xenbus_printf(t, dir, XNET_KEY_EVENT_CHANNEL, "%u",
				     q->tx_evtchn);
	err = xenbus_printf(t, dir, XNET_KEY_EVENT_CHANNEL_TX, "%u", q->tx_evtchn);
	if (!err)
		err = xenbus_printf(t, dir, XNET_KEY_EVENT_CHANNEL_RX, "%u",
				    q->rx_evtchn);
	return err;
}

/*
 * Drop the ring keys an earlier connect wrote (another queue count may
 * use another layout). Outside the handshake transaction, and only when
 * there is something to remove, so a first connect writes exactly what
 * every frontend writes.
 */
void xnf_queues_remove_keys(struct xnf_info *info)
{
	static const char * const keys[] = {
		XNET_KEY_TX_RING_REF, XNET_KEY_RX_RING_REF,
		XNET_KEY_EVENT_CHANNEL, XNET_KEY_EVENT_CHANNEL_TX,
		XNET_KEY_EVENT_CHANNEL_RX,
	};
	const char *node = info->xbdev->nodename;
	char dir[sizeof(XNET_XS_QUEUE_DIR_PREFIX) + 12];
	unsigned int i;

	if (info->keys_written == 1) {
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			xenbus_rm(XBT_NIL, node, keys[i]);
	}
	for (i = 0; info->keys_written > 1 && i < info->keys_written; i++) {
		snprintf(dir, sizeof(dir), XNET_XS_QUEUE_DIR_FMT, i);
		xenbus_rm(XBT_NIL, node, dir);
	}
	info->keys_written = 0;
}

int xnf_queues_write_keys(struct xnf_info *info, struct xenbus_transaction t)
{
	const char *node = info->xbdev->nodename;
	unsigned int i;
	char *dir;
	int err;

	/* A backend without a maximum is single-queue and must not see the key. */
	if (info->feat.max_queues) {
		err = xenbus_printf(t, node, XNET_KEY_MQ_NUM_QUEUES, "%u",
				    info->num_queues);
		if (err)
			return err;
	}
	if (info->num_queues == 1)
		return xnf_write_queue(&info->queues[0], t, node);

	for (i = 0; i < info->num_queues; i++) {
		dir = kasprintf(GFP_KERNEL, "%s/" XNET_XS_QUEUE_DIR_FMT, node, i);
		if (!dir)
			return -ENOMEM;
		err = xnf_write_queue(&info->queues[i], t, dir);
		kfree(dir);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Queue i takes the i-th share of the online CPUs: its IRQs are steered to
 * the first of them and XPS sends their traffic (when no flow hash
 * applies) to queue i.
 */
void xnf_queues_set_affinity(struct xnf_info *info)
{
	unsigned int n = info->num_queues, i, cpu, k;
	cpumask_var_t mask;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return;
	for (i = 0; i < n; i++) {
		struct xnf_queue *q = &info->queues[i];

		cpumask_clear(mask);
		k = 0;
		for_each_online_cpu(cpu) {
			if (k++ % n == i)
				cpumask_set_cpu(cpu, mask);
		}
		if (cpumask_empty(mask))
			continue;
		q->affinity_cpu = cpumask_first(mask);
		irq_set_affinity_and_hint(q->tx_irq, cpumask_of(q->affinity_cpu));
		if (q->rx_irq != q->tx_irq)
			irq_set_affinity_and_hint(q->rx_irq,
						  cpumask_of(q->affinity_cpu));
		netif_set_xps_queue(info->netdev, mask, i);
	}
	free_cpumask_var(mask);
}
