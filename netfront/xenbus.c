// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: the XenStore handshake and the frontend state machine.
 *
 * The xenwatch callback only records the backend's state and queues
 * state_work; all reactions run in that work (or in an ethtool call) under
 * rtnl and info->lock, so connect, teardown and renegotiation never race.
 *
 * Renegotiation (ethtool -L) walks the path every netback accepts while
 * the vif stays online: Closing -> Closed -> Initialising, the backend
 * answering Closing/Closed/InitWait, then a fresh connect. The netdev
 * stays registered throughout.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/etherdevice.h>
#include <xen/xenbus.h>

#include "common.h"
#include "negotiate.h"

/*
 * Read an unsigned XenStore integer strictly. Absent: *out = dflt, 0.
 * Present but malformed or above max: a negative errno.
 */
static int xnf_read_u32(const char *dir, const char *key, u32 max, u32 dflt,
			u32 *out)
{
	char *s;
	int err;

	s = xenbus_read(XBT_NIL, dir, key, NULL);
	if (IS_ERR(s)) {
		*out = dflt;
		return 0;
	}
	err = xnet_parse_u32(s, max, out);
	kfree(s);
	return err;
}

/* Read one backend key; a malformed value breaks the device with one line. */
static int xnf_read_backend(struct xnf_info *info, const char *key, u32 max,
			    u32 *out)
{
	int err = xnf_read_u32(info->xbdev->otherend, key, max, 0, out);

	if (err && xnf_break(info))
		xnf_peer_err(info, NULL, "%s/%s is not an integer <= %u; device disabled\n",
			     info->xbdev->otherend, key, max);
	return err;
}

static int xnf_read_features(struct xnf_info *info)
{
	struct xnf_backend_features *f = &info->feat;
	u32 rx_copy, split, ctrl, sg, gso4, gso6, csum6;

	if (xnf_read_backend(info, XNET_KEY_FEATURE_RX_COPY, 1, &rx_copy) ||
	    xnf_read_backend(info, XNET_KEY_MQ_MAX_QUEUES, XNET_U32_MAX,
			     &f->max_queues) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_SPLIT_EVTCHN, 1, &split) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_CTRL_RING, 1, &ctrl) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_SG, 1, &sg) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_GSO_TCPV4, 1, &gso4) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_GSO_TCPV6, 1, &gso6) ||
	    xnf_read_backend(info, XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD, 1,
			     &csum6))
		return -EINVAL;
	if (!rx_copy) {
		xnf_fatal(info, NULL, "backend lacks feature-rx-copy");
		return -EOPNOTSUPP;
	}
	f->split_evtchn = split;
	f->ctrl_ring = ctrl;
	f->sg = sg;
	f->gso_tcpv4 = gso4;
	f->gso_tcpv6 = gso6;
	f->ipv6_csum = csum6;
	f->known = true;
	return 0;
}

unsigned int xnf_default_queues(struct xnf_info *info)
{
	u32 want = info->want_queues ? info->want_queues : READ_ONCE(xnf_max_queues);
	u32 n = xnet_negotiate_frontend_queues(info->feat.max_queues, want,
					       num_online_cpus());

	return min_t(u32, n, info->netdev->num_tx_queues);
}

static int xnf_write_keys(struct xnf_info *info)
{
	struct xenbus_device *xbdev = info->xbdev;
	static const char * const features[] = {
		XNET_KEY_FEATURE_RX_NOTIFY, XNET_KEY_FEATURE_SG,
		XNET_KEY_FEATURE_GSO_TCPV4, XNET_KEY_FEATURE_GSO_TCPV6,
		XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD,
	};
	struct xenbus_transaction t;
	unsigned int i, tries = 0;
	int err;

	xnf_queues_remove_keys(info);
again:
	err = xenbus_transaction_start(&t);
	if (err)
		return err;
	err = xnf_queues_write_keys(info, t);
	if (!err && info->feat.ctrl_ring)
		err = xnf_ctrl_write_keys(info, t);
	if (!err)
		err = xenbus_printf(t, xbdev->nodename, XNET_KEY_REQUEST_RX_COPY,
				    "%u", 1);
	for (i = 0; !err && i < ARRAY_SIZE(features); i++)
		err = xenbus_printf(t, xbdev->nodename, features[i], "%u", 1);
	if (err) {
		xenbus_transaction_end(t, 1);
		return err;
	}
	err = xenbus_transaction_end(t, 0);
	/* Another writer raced us: retry, but never forever. */
	if (err == -EAGAIN && ++tries < XNF_XS_RETRIES)
		goto again;
	if (!err)
		info->keys_written = info->num_queues;
	return err;
}

/*
 * The toolstack's mtu key, honoured once, when the device first connects,
 * and only if nobody in the guest changed the MTU already.
 */
static void xnf_apply_toolstack_mtu(struct xnf_info *info)
{
	struct net_device *dev = info->netdev;
	u32 mtu;

	if (dev->mtu != ETH_DATA_LEN)
		return;
	if (xnf_read_u32(info->xbdev->nodename, XNET_KEY_MTU, dev->max_mtu, 0,
			 &mtu) || !mtu)
		return;
	if (mtu >= dev->min_mtu && dev_set_mtu(dev, mtu))
		netdev_warn(dev, "toolstack mtu %u not applicable\n", mtu);
}

/* Stop the data path; rings and grants stay until the backend lets go. */
static void xnf_quiesce(struct xnf_info *info)
{
	struct net_device *dev = info->netdev;

	netif_carrier_off(dev);
	clear_bit(XNF_CONNECTED, &info->flags);
	xnf_queues_stop(info);
}

static void xnf_disconnect(struct xnf_info *info)
{
	xnf_quiesce(info);
	xnf_ctrl_destroy(info);
	xnf_queues_destroy(info);
}

/*
 * Trust is the toolstack's word (the frontend's "trusted" key, absent = 1)
 * and the administrator's (the trusted parameter); a malformed key counts
 * as untrusted, the safe side.
 */
static void xnf_read_trust(struct xnf_info *info)
{
	bool bounce;
	u32 trusted;

	if (xnf_read_u32(info->xbdev->nodename, XNET_KEY_TRUSTED, 1, 1,
			 &trusted))
		trusted = 0;
	bounce = !READ_ONCE(xnf_trusted) || !trusted;
	if (bounce && !info->bounce)
		netdev_info(info->netdev,
			    "backend domain %u untrusted: packets go through zeroed pages\n",
			    info->xbdev->otherend_id);
	info->bounce = bounce;
}

/* Backend is in InitWait: build the queues and announce them. */
static int xnf_connect(struct xnf_info *info)
{
	struct net_device *dev = info->netdev;
	bool first = !info->mtu_applied;
	unsigned int n, i;
	int err;

	err = xnf_read_features(info);
	if (err)
		return err;
	xnf_read_trust(info);
	n = xnf_default_queues(info);

	err = xnf_queues_create(info, n);
	if (err)
		goto fail;
	if (info->feat.ctrl_ring) {
		err = xnf_ctrl_create(info);
		if (err)
			goto fail;
	}
	err = netif_set_real_num_tx_queues(dev, n);
	if (!err)
		err = netif_set_real_num_rx_queues(dev, n);
	if (err)
		goto fail;
	xnf_rss_default_table(info);
	xnf_netdev_apply_features(info);
	if (first)
		xnf_apply_toolstack_mtu(info);

	for (i = 0; i < n; i++)
		xnf_rx_refill(&info->queues[i]);
	err = xnf_write_keys(info);
	if (err)
		goto fail;
	xnf_queues_set_affinity(info);

	err = xenbus_switch_state(info->xbdev, XenbusStateConnected);
	if (err)
		goto fail;
	set_bit(XNF_CONNECTED, &info->flags);
	info->mtu_applied = true;
	if (netif_running(dev))
		xnf_queues_start(info);
	netif_carrier_on(dev);
	netdev_info(dev, "connected to backend domain %u: %u queue%s, %s event channels%s\n",
		    info->xbdev->otherend_id, n, n == 1 ? "" : "s",
		    info->feat.split_evtchn ? "split" : "shared",
		    info->feat.ctrl_ring ? ", control ring" : "");
	return 0;

fail:
	xenbus_dev_error(info->xbdev, err, "connecting %u queues", n);
	xnf_disconnect(info);
	return err;
}

static bool xnf_backend_online(struct xnf_info *info)
{
	u32 online;

	return !xnf_read_u32(info->xbdev->otherend, XNET_KEY_ONLINE, 1, 0,
			     &online) && online;
}

/* Make our state follow the backend's; rtnl and info->lock held. */
static void xnf_reconcile(struct xnf_info *info)
{
	struct xenbus_device *xbdev = info->xbdev;
	enum xenbus_state be = READ_ONCE(info->backend_state);
	enum xenbus_state me = xbdev->state;

	if (xnf_is_broken(info)) {
		xnf_quiesce(info);
		if (be == XenbusStateClosed || be == XenbusStateUnknown)
			xnf_disconnect(info);
		if (be == XenbusStateClosing || be == XenbusStateClosed ||
		    be == XenbusStateUnknown)
			xenbus_switch_state(xbdev, XenbusStateClosed);
		else if (me != XenbusStateClosed)
			xenbus_switch_state(xbdev, XenbusStateClosing);
		return;
	}

	switch (be) {
	case XenbusStateInitWait:
	case XenbusStateInitialised:
		if (me == XenbusStateConnected) {
			/* The backend restarted under us: start over. */
			netdev_info(info->netdev, "backend restarted, reconnecting\n");
			xnf_disconnect(info);
			xenbus_switch_state(xbdev, XenbusStateInitialising);
			me = XenbusStateInitialising;
		}
		if (me == XenbusStateInitialising)
			xnf_connect(info);
		break;
	case XenbusStateConnected:
		if (me != XenbusStateConnected)
			break;
		netif_carrier_on(info->netdev);
		__netdev_notify_peers(info->netdev);
		if (info->feat.ctrl_ring && !info->ctrl.active)
			xnf_rss_push(info);
		break;
	case XenbusStateClosing:
		/*
		 * A toolstack may write Closing while the backend still maps
		 * our pages: free them only once it reports Closed.
		 */
		xnf_quiesce(info);
		xenbus_switch_state(xbdev, XenbusStateClosed);
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		xnf_disconnect(info);
		if (be == XenbusStateUnknown || !xnf_backend_online(info)) {
			xenbus_switch_state(xbdev, XenbusStateClosed);
			break;
		}
		/* Still online (backend reloaded, or we closed): offer again. */
		if (me == XenbusStateInitialising)
			xenbus_printf(XBT_NIL, xbdev->nodename, XNET_KEY_STATE,
				      "%d", XenbusStateInitialising);
		else
			xenbus_switch_state(xbdev, XenbusStateInitialising);
		break;
	default:
		break;
	}
}

static void xnf_state_work(struct work_struct *work)
{
	struct xnf_info *info = container_of(work, struct xnf_info, state_work);

	rtnl_lock();
	mutex_lock(&info->lock);
	if (!test_bit(XNF_REMOVING, &info->flags))
		xnf_reconcile(info);
	mutex_unlock(&info->lock);
	rtnl_unlock();
}

static void xnf_backend_changed(struct xenbus_device *xbdev,
				enum xenbus_state backend_state)
{
	struct xnf_info *info = dev_get_drvdata(&xbdev->dev);

	WRITE_ONCE(info->backend_state, backend_state);
	wake_up_all(&info->state_wq);
	schedule_work(&info->state_work);
}

static bool xnf_backend_in(struct xnf_info *info, unsigned int mask)
{
	enum xenbus_state s = xenbus_read_driver_state(info->xbdev->otherend);

	return (1U << s) & (mask | (1U << XenbusStateUnknown));
}

/*
 * Wait (bounded) until the backend reaches a state in mask. Polls as well
 * as sleeping on state_wq: during remove() xenbus no longer watches the
 * backend for us.
 */
static bool xnf_wait_backend(struct xnf_info *info, unsigned int mask)
{
	unsigned long end = jiffies + XNF_STATE_TIMEOUT;

	while (!xnf_backend_in(info, mask)) {
		if (time_after(jiffies, end))
			return false;
		wait_event_timeout(info->state_wq, xnf_backend_in(info, mask),
				   XNF_STATE_POLL);
	}
	return true;
}

/* Switch our state, then wait for the backend to answer. */
static int xnf_step(struct xnf_info *info, enum xenbus_state to,
		    unsigned int mask)
{
	int err = xenbus_switch_state(info->xbdev, to);

	if (err)
		return err;
	if (!xnf_wait_backend(info, mask)) {
		netdev_warn(info->netdev, "backend did not answer %s in time\n",
			    xenbus_strstate(to));
		return -ETIMEDOUT;
	}
	return 0;
}

/*
 * ethtool -L: close the rings with the backend and reconnect with a new
 * queue count, keeping the netdev (addresses, routes) in place.
 */
int xnf_renegotiate(struct xnf_info *info, unsigned int num_queues)
{
	int err;

	ASSERT_RTNL();
	mutex_lock(&info->lock);
	if (test_bit(XNF_REMOVING, &info->flags)) {
		mutex_unlock(&info->lock);
		return -ENODEV;
	}
	info->want_queues = num_queues;
	/* An explicit request is also the way back from a broken backend. */
	clear_bit(XNF_BROKEN, &info->flags);
	if (!test_bit(XNF_CONNECTED, &info->flags)) {
		xnf_reconcile(info);
		mutex_unlock(&info->lock);
		return 0;
	}
	xnf_quiesce(info);
	err = xnf_step(info, XenbusStateClosing,
		       (1U << XenbusStateClosing) | (1U << XenbusStateClosed));
	if (!err)
		err = xnf_step(info, XenbusStateClosed, 1U << XenbusStateClosed);
	/* The backend has unmapped everything (or is gone): free it all. */
	xnf_disconnect(info);
	if (!err)
		err = xnf_step(info, XenbusStateInitialising,
			       1U << XenbusStateInitWait);
	if (!err && xnf_backend_in(info, 1U << XenbusStateInitWait))
		err = xnf_connect(info);
	else if (!err)
		err = -ENODEV;
	if (!err && !xnf_wait_backend(info, 1U << XenbusStateConnected))
		netdev_warn(info->netdev, "backend not Connected yet\n");
	if (!err && info->feat.ctrl_ring &&
	    xenbus_read_driver_state(info->xbdev->otherend) == XenbusStateConnected)
		xnf_rss_push(info);
	mutex_unlock(&info->lock);
	if (err)
		netdev_err(info->netdev, "changing to %u queues failed (%d)\n",
			   num_queues, err);
	return err;
}

static int xnf_probe(struct xenbus_device *xbdev,
		     const struct xenbus_device_id *id)
{
	struct net_device *dev;
	struct xnf_info *info;
	int err;

	dev = xnf_netdev_create(xbdev);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	info = netdev_priv(dev);
	INIT_WORK(&info->state_work, xnf_state_work);
	dev_set_drvdata(&xbdev->dev, info);

	err = register_netdev(dev);
	if (err) {
		xenbus_dev_fatal(xbdev, err, "registering netdev");
		dev_set_drvdata(&xbdev->dev, NULL);
		kfree(info->stats);
		free_netdev(dev);
		return err;
	}
	/* After a module reload our node may still say Closed. */
	err = xenbus_switch_state(xbdev, XenbusStateInitialising);
	if (err)
		netdev_warn(dev, "could not announce Initialising (%d)\n", err);
	return 0;
}

static void xnf_remove(struct xenbus_device *xbdev)
{
	struct xnf_info *info = dev_get_drvdata(&xbdev->dev);
	struct net_device *dev = info->netdev;

	/*
	 * Under the lock: state work and ethtool changes either finished or
	 * will see the bit and do nothing.
	 */
	mutex_lock(&info->lock);
	set_bit(XNF_REMOVING, &info->flags);
	mutex_unlock(&info->lock);

	if (!xnf_backend_in(info, 1U << XenbusStateClosed)) {
		if (!xnf_step(info, XenbusStateClosing,
			      (1U << XenbusStateClosing) | (1U << XenbusStateClosed)))
			xnf_step(info, XenbusStateClosed, 1U << XenbusStateClosed);
	}
	unregister_netdev(dev);

	rtnl_lock();
	mutex_lock(&info->lock);
	xnf_disconnect(info);
	mutex_unlock(&info->lock);
	rtnl_unlock();
	/* Nothing can queue it any more (IRQs gone): none may run after free. */
	cancel_work_sync(&info->state_work);

	dev_set_drvdata(&xbdev->dev, NULL);
	kfree(info->stats);
	free_netdev(dev);
}

/* After save/restore or migration the backend is a new one: start over. */
static int xnf_resume(struct xenbus_device *xbdev)
{
	struct xnf_info *info = dev_get_drvdata(&xbdev->dev);

	rtnl_lock();
	mutex_lock(&info->lock);
	xnf_disconnect(info);
	mutex_unlock(&info->lock);
	rtnl_unlock();
	return 0;
}

static const struct xenbus_device_id xnf_ids[] = {
	{ XNET_XS_DEVICE_CLASS },
	{ "" }
};

static struct xenbus_driver xnf_driver = {
	.ids = xnf_ids,
	.probe = xnf_probe,
	.remove = xnf_remove,
	.resume = xnf_resume,
	.otherend_changed = xnf_backend_changed,
};

int xnf_xenbus_register(void)
{
	return xenbus_register_frontend(&xnf_driver);
}

void xnf_xenbus_unregister(void)
{
	xenbus_unregister_driver(&xnf_driver);
}
