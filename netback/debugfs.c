// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: /sys/kernel/debug/xen-netback/<vif>/queues, one line per
 * queue with its ring indexes and state, for debugging a stuck guest.
 */
#include <linux/seq_file.h>

#include "common.h"

static struct dentry *xnb_debugfs_root;

static void xnb_debugfs_queue(struct seq_file *m, struct xnb_queue *q)
{
	seq_printf(m, "%s: tx req_prod %u req_cons %u rsp_prod %u req_event %u",
		   q->name, READ_ONCE(q->tx.sring->req_prod), q->tx.req_cons,
		   q->tx.rsp_prod_pvt, READ_ONCE(q->tx.sring->req_event));
	seq_printf(m, " | rx req_prod %u req_cons %u rsp_prod %u req_event %u",
		   READ_ONCE(q->rx.sring->req_prod), q->rx.req_cons,
		   q->rx.rsp_prod_pvt, READ_ONCE(q->rx.sring->req_event));
	seq_printf(m, " | rx_queue %u pkts %u bytes%s | zc %s inflight %d free %u",
		   skb_queue_len_lockless(&q->rx_queue),
		   READ_ONCE(q->rx_queue_bytes),
		   q->rx_stalled ? " STALLED" : "",
		   q->pending ? "on" : "off", atomic_read(&q->zc_inflight),
		   READ_ONCE(q->pending_free_count));
	seq_printf(m, " | irq tx %u rx %u%s events %#lx%s\n", q->tx_irq,
		   q->rx_irq, q->split_evtchn ? " split" : " shared",
		   READ_ONCE(q->events), q->tx_rate_wait ? " RATE-WAIT" : "");
}

static int xnb_debugfs_show(struct seq_file *m, void *unused)
{
	struct xnb_vif *vif = m->private;
	unsigned int i;
	int err;

	err = mutex_lock_interruptible(&vif->lock);
	if (err)
		return err;
	seq_printf(m, "%s: domid %u handle %u queues %u/%u (max %u) %s%s carrier %s\n",
		   vif->dev->name, vif->domid, vif->handle, vif->num_queues,
		   vif->published_max, vif->max_queues,
		   vif->connected ? "connected" : "disconnected",
		   vif->disabled ? " DISABLED" : "",
		   netif_carrier_ok(vif->dev) ? "on" : "off");
	seq_printf(m, "rate %llu bytes / %u us, ctrl ring %s\n", vif->rate.bytes,
		   vif->rate.usec, vif->ctrl.active ? "on" : "off");
	for (i = 0; i < vif->num_queues; i++)
		xnb_debugfs_queue(m, &vif->queues[i]);
	mutex_unlock(&vif->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnb_debugfs);

void xnb_debugfs_init(void)
{
	xnb_debugfs_root = debugfs_create_dir(XNB_DRV_NAME, NULL);
}

void xnb_debugfs_exit(void)
{
	debugfs_remove_recursive(xnb_debugfs_root);
}

void xnb_debugfs_add_vif(struct xnb_vif *vif)
{
	vif->debugfs_dir = debugfs_create_dir(vif->dev->name, xnb_debugfs_root);
	debugfs_create_file("queues", 0400, vif->debugfs_dir, vif,
			    &xnb_debugfs_fops);
}

void xnb_debugfs_remove_vif(struct xnb_vif *vif)
{
	debugfs_remove_recursive(vif->debugfs_dir);
	vif->debugfs_dir = NULL;
}
