// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: the vif netdev, per-queue setup and teardown, and the one
 * kernel thread per queue that owns that queue's rings.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/kthread.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <xen/events.h>

#include "common.h"

/* Wake a thread waiting for guest RX buffers this often to check stalls. */
#define XNB_RX_STALL_POLL	(HZ / 2)

static int xnb_open(struct net_device *dev)
{
	netif_tx_start_all_queues(dev);
	return 0;
}

static int xnb_close(struct net_device *dev)
{
	netif_tx_stop_all_queues(dev);
	return 0;
}

static int xnb_change_mtu(struct net_device *dev, int mtu)
{
	struct xnb_vif *vif = netdev_priv(dev);
	int max = vif->fe_sg ? dev->max_mtu : ETH_DATA_LEN;

	if (mtu > max)
		return -EINVAL;
	dev->mtu = mtu;
	return 0;
}

/* Offer the stack only the offloads the frontend said it takes. */
static netdev_features_t xnb_fix_features(struct net_device *dev,
					  netdev_features_t features)
{
	struct xnb_vif *vif = netdev_priv(dev);

	if (!vif->fe_sg)
		features &= ~NETIF_F_SG;
	if (!vif->fe_gso4)
		features &= ~NETIF_F_TSO;
	if (!vif->fe_gso6)
		features &= ~NETIF_F_TSO6;
	if (!vif->fe_ip_csum)
		features &= ~NETIF_F_IP_CSUM;
	if (!vif->fe_ipv6_csum)
		features &= ~NETIF_F_IPV6_CSUM;
	return features;
}

/* The netdev's RX is guest TX and its TX is guest RX. */
static void xnb_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *s)
{
	struct xnb_vif *vif = netdev_priv(dev);
	unsigned int i;

	for (i = 0; i < vif->max_queues; i++) {
		const struct xnb_queue_stats *st = &vif->stats[i];

		s->rx_packets += READ_ONCE(st->tx_packets);
		s->rx_bytes += READ_ONCE(st->tx_bytes);
		s->rx_dropped += READ_ONCE(st->tx_drops);
		s->rx_errors += READ_ONCE(st->tx_copy_errors) +
				READ_ONCE(st->tx_map_errors);
		s->tx_packets += READ_ONCE(st->rx_packets);
		s->tx_bytes += READ_ONCE(st->rx_bytes);
		s->tx_dropped += READ_ONCE(st->rx_drops);
		s->tx_errors += READ_ONCE(st->rx_copy_errors);
	}
}

static const struct net_device_ops xnb_netdev_ops = {
	.ndo_open		= xnb_open,
	.ndo_stop		= xnb_close,
	.ndo_start_xmit		= xnb_start_xmit,
	.ndo_select_queue	= xnb_select_queue,
	.ndo_get_stats64	= xnb_get_stats64,
	.ndo_change_mtu		= xnb_change_mtu,
	.ndo_fix_features	= xnb_fix_features,
	.ndo_validate_addr	= eth_validate_addr,
};

static void xnb_netdev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &xnb_netdev_ops;
	dev->ethtool_ops = &xnb_ethtool_ops;
	dev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_TSO | NETIF_F_TSO6;
	dev->features = dev->hw_features | NETIF_F_RXCSUM;
	dev->min_mtu = ETH_MIN_MTU;
	/* A frame, VLAN tag included, must fit a TX chain's u16 length. */
	dev->max_mtu = XNB_MAX_PKT_LEN - VLAN_ETH_HLEN;
}

struct xnb_vif *xnb_vif_create(struct xenbus_device *xdev, domid_t domid,
			       u32 handle, unsigned int max_queues)
{
	static const u8 vif_mac[ETH_ALEN] = XNB_VIF_MAC;
	struct net_device *dev;
	struct xnb_vif *vif;
	char name[IFNAMSIZ];
	int err;

	snprintf(name, sizeof(name), "vif%u.%u", domid, handle);
	dev = alloc_netdev_mqs(sizeof(*vif), name, NET_NAME_PREDICTABLE,
			       xnb_netdev_setup, max_queues, max_queues);
	if (!dev)
		return ERR_PTR(-ENOMEM);

	vif = netdev_priv(dev);
	vif->dev = dev;
	vif->xdev = xdev;
	vif->domid = domid;
	vif->handle = handle;
	vif->max_queues = max_queues;
	mutex_init(&vif->lock);
	spin_lock_init(&vif->carrier_lock);
	atomic_set(&vif->stalled_queues, 0);
	xnb_rate_init(&vif->rate);

	err = -ENOMEM;
	vif->stats = kcalloc(max_queues, sizeof(*vif->stats), GFP_KERNEL);
	if (!vif->stats)
		goto err_free;
	err = xnb_hash_init(vif);
	if (err)
		goto err_free;

	SET_NETDEV_DEV(dev, &xdev->dev);
	eth_hw_addr_set(dev, vif_mac);
	netif_set_tso_max_size(dev, XNB_MAX_PKT_LEN - VLAN_ETH_HLEN);
	netif_carrier_off(dev);

	err = register_netdev(dev);
	if (err)
		goto err_hash;
	xnb_debugfs_add_vif(vif);
	return vif;

err_hash:
	xnb_hash_free(vif);
err_free:
	kfree(vif->stats);
	free_netdev(dev);
	return ERR_PTR(err);
}

void xnb_vif_destroy(struct xnb_vif *vif)
{
	struct net_device *dev = vif->dev;

	xnb_debugfs_remove_vif(vif);
	unregister_netdev(dev);
	xnb_hash_free(vif);
	kfree(vif->stats);
	free_netdev(dev);
}

void xnb_vif_update_carrier(struct xnb_vif *vif)
{
	spin_lock_bh(&vif->carrier_lock);
	if (READ_ONCE(vif->connected) && !READ_ONCE(vif->disabled) &&
	    !atomic_read(&vif->stalled_queues))
		netif_carrier_on(vif->dev);
	else
		netif_carrier_off(vif->dev);
	spin_unlock_bh(&vif->carrier_lock);
}

/* A rogue frontend: stop its data path for good, say so once. */
void xnb_vif_disable(struct xnb_queue *q, const char *why)
{
	struct xnb_vif *vif = q->vif;

	if (xchg(&vif->disabled, true))
		return;
	xnb_peer_err(q, "%s; vif disabled", why);
	xnb_vif_update_carrier(vif);
}

/*
 * A reason already set has a wake-up on its way or a thread about to look,
 * so only the first kick of each reason takes the wait queue's lock: under
 * Xen PV that lock's irqrestore costs a hypercall whenever an event is
 * pending, once per packet in start_xmit otherwise.
 */
void xnb_queue_kick(struct xnb_queue *q, enum xnb_queue_event ev)
{
	if (!test_and_set_bit(ev, &q->events))
		wake_up(&q->wq);
}

static irqreturn_t xnb_tx_interrupt(int irq, void *data)
{
	xnb_queue_kick(data, XNB_EV_TX_IRQ);
	return IRQ_HANDLED;
}

static irqreturn_t xnb_rx_interrupt(int irq, void *data)
{
	xnb_queue_kick(data, XNB_EV_RX_IRQ);
	return IRQ_HANDLED;
}

static irqreturn_t xnb_interrupt(int irq, void *data)
{
	struct xnb_queue *q = data;

	set_bit(XNB_EV_TX_IRQ, &q->events);
	xnb_queue_kick(q, XNB_EV_RX_IRQ);
	return IRQ_HANDLED;
}

static bool xnb_queue_has_work(struct xnb_queue *q)
{
	return READ_ONCE(q->events) || xnb_zc_done_pending(q) ||
	       xnb_tx_work_pending(q) || xnb_rx_work_pending(q);
}

static long xnb_queue_timeout(struct xnb_queue *q)
{
	long timeout = xnb_rx_wait_timeout(q);

	if (q->tx_rate_wait) {
		long left = (long)(q->tx_resume_at - jiffies);

		timeout = min(timeout, max(left, 1L));
	}
	return timeout;
}

/*
 * Late EOI: the event channel stays masked until the thread has looked at
 * the ring, so a guest cannot storm dom0 with events; an event that
 * brought no work is reported spurious and Xen backs off.
 */
static void xnb_queue_eoi(struct xnb_queue *q, bool tx_work, bool rx_work)
{
	if (!q->split_evtchn) {
		if (q->tx_eoi_pending || q->rx_eoi_pending)
			xen_irq_lateeoi(q->tx_irq, (tx_work || rx_work) ?
					0 : XEN_EOI_FLAG_SPURIOUS);
		q->tx_eoi_pending = false;
		q->rx_eoi_pending = false;
		return;
	}
	if (q->tx_eoi_pending)
		xen_irq_lateeoi(q->tx_irq, tx_work ? 0 : XEN_EOI_FLAG_SPURIOUS);
	if (q->rx_eoi_pending)
		xen_irq_lateeoi(q->rx_irq, rx_work ? 0 : XEN_EOI_FLAG_SPURIOUS);
	q->tx_eoi_pending = false;
	q->rx_eoi_pending = false;
}

static int xnb_queue_thread(void *data)
{
	struct xnb_queue *q = data;

	while (!kthread_should_stop()) {
		RING_IDX rx_prod, tx_cons;
		bool tx_more, rx_more;

		wait_event_interruptible_timeout(q->wq,
						 xnb_queue_has_work(q) ||
						 kthread_should_stop(),
						 xnb_queue_timeout(q));
		if (kthread_should_stop())
			break;

		if (test_and_clear_bit(XNB_EV_TX_IRQ, &q->events))
			q->tx_eoi_pending = true;
		if (test_and_clear_bit(XNB_EV_RX_IRQ, &q->events))
			q->rx_eoi_pending = true;
		clear_bit(XNB_EV_RX_QUEUED, &q->events);
		clear_bit(XNB_EV_ZC_DONE, &q->events);
		/* Look at the work only after the reasons are clear: a kick
		 * after this point sets its bit anew and wakes us.
		 */
		smp_mb__after_atomic();

		tx_cons = q->tx.req_cons;
		rx_prod = READ_ONCE(q->rx.sring->req_prod);

		xnb_zc_complete(q);
		tx_more = xnb_tx_action(q);
		rx_more = xnb_rx_action(q);
		xnb_rx_check_stall(q);
		xnb_queue_eoi(q, q->tx.req_cons != tx_cons,
			      rx_prod != q->rx_req_seen);
		q->rx_req_seen = rx_prod;

		if (tx_more || rx_more)
			cond_resched();
	}
	return 0;
}

int xnb_queue_setup(struct xnb_queue *q, struct xnb_vif *vif, unsigned int id)
{
	q->vif = vif;
	q->id = id;
	q->stats = &vif->stats[id];
	snprintf(q->name, sizeof(q->name), "%s-q%u", vif->dev->name, id);
	init_waitqueue_head(&q->wq);
	skb_queue_head_init(&q->rx_queue);
	spin_lock_init(&q->zc_lock);
	q->rx_last_progress = jiffies;

	if (xnb_tx_init(q) || xnb_rx_init(q))
		return -ENOMEM;
	return xnb_zc_init(q);
}

static int xnb_queue_bind(struct xnb_queue *q, evtchn_port_t tx_evtchn,
			  evtchn_port_t rx_evtchn)
{
	struct xenbus_device *xdev = q->vif->xdev;
	int irq;

	q->split_evtchn = tx_evtchn != rx_evtchn;
	if (!q->split_evtchn) {
		snprintf(q->irq_name[0], sizeof(q->irq_name[0]), "%s", q->name);
		irq = bind_interdomain_evtchn_to_irqhandler_lateeoi(xdev,
				tx_evtchn, xnb_interrupt, 0, q->irq_name[0], q);
		if (irq < 0)
			return irq;
		q->tx_irq = irq;
		q->rx_irq = irq;
		return 0;
	}

	snprintf(q->irq_name[0], sizeof(q->irq_name[0]), "%s-tx", q->name);
	irq = bind_interdomain_evtchn_to_irqhandler_lateeoi(xdev, tx_evtchn,
			xnb_tx_interrupt, 0, q->irq_name[0], q);
	if (irq < 0)
		return irq;
	q->tx_irq = irq;

	snprintf(q->irq_name[1], sizeof(q->irq_name[1]), "%s-rx", q->name);
	irq = bind_interdomain_evtchn_to_irqhandler_lateeoi(xdev, rx_evtchn,
			xnb_rx_interrupt, 0, q->irq_name[1], q);
	if (irq < 0) {
		unbind_from_irqhandler(q->tx_irq, q);
		q->tx_irq = 0;
		return irq;
	}
	q->rx_irq = irq;
	return 0;
}

static void xnb_queue_unbind(struct xnb_queue *q)
{
	if (q->split_evtchn && q->rx_irq)
		unbind_from_irqhandler(q->rx_irq, q);
	if (q->tx_irq)
		unbind_from_irqhandler(q->tx_irq, q);
	q->tx_irq = 0;
	q->rx_irq = 0;
}

/* Map the guest's two ring pages and bind its event channels. */
int xnb_queue_connect(struct xnb_queue *q, grant_ref_t tx_ref,
		      grant_ref_t rx_ref, evtchn_port_t tx_evtchn,
		      evtchn_port_t rx_evtchn)
{
	struct xenbus_device *xdev = q->vif->xdev;
	void *addr;
	int err;

	err = xenbus_map_ring_valloc(xdev, &tx_ref, 1, &addr);
	if (err)
		return err;
	BACK_RING_INIT(&q->tx, (struct xnet_tx_sring *)addr, XEN_PAGE_SIZE);

	err = xenbus_map_ring_valloc(xdev, &rx_ref, 1, &addr);
	if (err)
		return err;
	BACK_RING_INIT(&q->rx, (struct xnet_rx_sring *)addr, XEN_PAGE_SIZE);
	q->rx_req_seen = q->rx.req_cons;

	return xnb_queue_bind(q, tx_evtchn, rx_evtchn);
}

/* Undo xnb_queue_connect() and xnb_queue_setup(); safe on a partial setup. */
void xnb_queue_disconnect(struct xnb_queue *q)
{
	struct xenbus_device *xdev;

	if (!q->vif)
		return;
	xdev = q->vif->xdev;
	if (q->task) {
		kthread_stop(q->task);
		put_task_struct(q->task);
		q->task = NULL;
	}
	xnb_queue_unbind(q);
	if (q->pending)
		xnb_zc_wait_idle(q);
	xnb_rx_purge(q);
	if (q->rx_stalled) {
		q->rx_stalled = false;
		atomic_dec(&q->vif->stalled_queues);
	}
	if (q->tx.sring)
		xenbus_unmap_ring_vfree(xdev, q->tx.sring);
	if (q->rx.sring)
		xenbus_unmap_ring_vfree(xdev, q->rx.sring);
	q->tx.sring = NULL;
	q->rx.sring = NULL;
	xnb_zc_free(q);
	xnb_tx_free(q);
	xnb_rx_free(q);
}

/* All queues are connected: size the netdev, start the threads, go. */
int xnb_vif_start(struct xnb_vif *vif, unsigned int num_queues)
{
	struct net_device *dev = vif->dev;
	unsigned int i;
	int err;

	rtnl_lock();
	err = netif_set_real_num_tx_queues(dev, num_queues);
	if (!err)
		err = netif_set_real_num_rx_queues(dev, num_queues);
	if (!err) {
		netdev_update_features(dev);
		if (!vif->fe_sg && dev->mtu > ETH_DATA_LEN)
			dev_set_mtu(dev, ETH_DATA_LEN);
	}
	rtnl_unlock();
	if (err)
		return err;

	for (i = 0; i < num_queues; i++) {
		struct xnb_queue *q = &vif->queues[i];
		struct task_struct *task;

		task = kthread_create(xnb_queue_thread, q, "%s", q->name);
		if (IS_ERR(task))
			return PTR_ERR(task);
		get_task_struct(task);
		q->task = task;
		wake_up_process(task);
	}

	WRITE_ONCE(vif->disabled, false);
	/* Queues first, then the flag start_xmit reads them by. */
	smp_store_release(&vif->connected, true);
	xnb_vif_update_carrier(vif);
	if (netif_running(dev))
		netif_tx_wake_all_queues(dev);
	return 0;
}

/* Stop the data path and release every queue's guest resources. */
void xnb_vif_stop(struct xnb_vif *vif)
{
	unsigned int i;

	WRITE_ONCE(vif->connected, false);
	xnb_vif_update_carrier(vif);
	netif_tx_disable(vif->dev);
	/* No start_xmit may still be looking at the queues. */
	synchronize_net();

	xnb_ctrl_disconnect(vif);
	for (i = 0; i < vif->num_queues; i++)
		xnb_queue_disconnect(&vif->queues[i]);
	kfree(vif->queues);
	vif->queues = NULL;
	vif->num_queues = 0;
}
