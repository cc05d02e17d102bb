// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: the XenStore handshake for device type "vif".
 *
 * probe: create the vif netdev (the hotplug script needs it at InitWait),
 * advertise features and the queue maximum, go InitWait.  Frontend
 * Connected: read its layout with strict checks (core negotiate/parse),
 * map rings, start one thread per queue; go Connected once the hotplug
 * script wrote hotplug-status=connected.  Closing/Closed tear everything
 * down; Initialising after Closed starts over (the guest may pick a new
 * queue count).  All of this runs in the xenwatch thread, serialised.
 */
#include <linux/cpumask.h>
#include <linux/slab.h>

#include "common.h"
#include "compat.h"
#include "negotiate.h"

static int xnb_read_u32(const char *dir, const char *key, u32 max, u32 *out)
{
	char *s = xenbus_read(XBT_NIL, dir, key, NULL);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	err = xnet_parse_u32(s, max, out);
	kfree(s);
	return err;
}

/* A frontend feature flag: absent is 0, anything but a number is an error. */
static int xnb_read_flag(const char *dir, const char *key, bool *out)
{
	u32 v = 0;
	int err = xnb_read_u32(dir, key, XNET_U32_MAX, &v);

	if (err == -ENOENT)
		err = 0;
	*out = v != 0;
	return err;
}

/* Queues this vif offers: module parameter, dom0 CPUs, operator key. */
static void xnb_publish_max(struct xnb_vif *vif)
{
	u32 max = xnet_negotiate_backend_max(xnb_max_queues, num_online_cpus(),
					     vif->operator_max);

	vif->published_max = min_t(u32, max, vif->max_queues);
	xenbus_printf(XBT_NIL, vif->xdev->nodename, XNET_KEY_MQ_MAX_QUEUES,
		      "%u", vif->published_max);
}

static int xnb_write_features(struct xenbus_device *xdev)
{
	static const char *const on[] = {
		XNET_KEY_FEATURE_SG, XNET_KEY_FEATURE_GSO_TCPV4,
		XNET_KEY_FEATURE_GSO_TCPV6, XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD,
		XNET_KEY_FEATURE_RX_COPY, XNET_KEY_FEATURE_SPLIT_EVTCHN,
		XNET_KEY_FEATURE_CTRL_RING,
	};
	struct xenbus_transaction xbt;
	unsigned int i;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(on) && !err; i++)
		err = xenbus_printf(xbt, xdev->nodename, on[i], "%d", 1);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename,
				    XNET_KEY_FEATURE_RX_FLIP, "%d", 0);
	if (err) {
		xenbus_transaction_end(xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

static int xnb_read_features(struct xnb_vif *vif)
{
	const char *fe = vif->xdev->otherend;
	bool rx_copy, no_csum;
	int err;

	err = xnb_read_flag(fe, XNET_KEY_REQUEST_RX_COPY, &rx_copy) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_RX_NOTIFY, &vif->fe_rx_notify) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_SG, &vif->fe_sg) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_GSO_TCPV4, &vif->fe_gso4) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_GSO_TCPV6, &vif->fe_gso6) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_NO_CSUM_OFFLOAD, &no_csum) ?:
	      xnb_read_flag(fe, XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD,
			    &vif->fe_ipv6_csum);
	if (err) {
		xenbus_dev_fatal(vif->xdev, err, "reading frontend features");
		return err;
	}
	if (!rx_copy) {
		xenbus_dev_fatal(vif->xdev, -EOPNOTSUPP,
				 "frontend must use request-rx-copy");
		return -EOPNOTSUPP;
	}
	vif->fe_ip_csum = !no_csum;
	return 0;
}

static int xnb_read_num_queues(struct xnb_vif *vif, u32 *num)
{
	int err = xnb_read_u32(vif->xdev->otherend, XNET_KEY_MQ_NUM_QUEUES,
			       XNET_U32_MAX, num);

	if (err == -ENOENT) {
		*num = 1;
		return 0;
	}
	if (err) {
		xenbus_dev_fatal(vif->xdev, err, "reading %s/%s",
				 vif->xdev->otherend, XNET_KEY_MQ_NUM_QUEUES);
		return err;
	}
	if (!xnet_negotiate_queues_ok(*num, vif->published_max)) {
		xenbus_dev_fatal(vif->xdev, -EINVAL,
				 "guest requested %u queues, valid range is 1 - %u",
				 *num, vif->published_max);
		return -EINVAL;
	}
	return 0;
}

/* Read one queue's ring refs and event channels, then map and bind. */
static int xnb_connect_queue(struct xnb_vif *vif, struct xnb_queue *q)
{
	struct xenbus_device *xdev = vif->xdev;
	u32 tx_ref, rx_ref, tx_evt, rx_evt;
	char *dir;
	int err;

	if (vif->num_queues == 1)
		dir = kstrdup(xdev->otherend, GFP_KERNEL);
	else
		dir = kasprintf(GFP_KERNEL, "%s/" XNET_XS_QUEUE_DIR_FMT,
				xdev->otherend, q->id);
	if (!dir)
		return -ENOMEM;

	err = xnb_read_u32(dir, XNET_KEY_TX_RING_REF, XNET_U32_MAX, &tx_ref) ?:
	      xnb_read_u32(dir, XNET_KEY_RX_RING_REF, XNET_U32_MAX, &rx_ref);
	if (err) {
		xenbus_dev_fatal(xdev, err, "reading ring refs in %s", dir);
		goto out;
	}
	err = xnb_read_u32(dir, XNET_KEY_EVENT_CHANNEL_TX, XNET_U32_MAX, &tx_evt);
	if (err == -ENOENT) {
		err = xnb_read_u32(dir, XNET_KEY_EVENT_CHANNEL, XNET_U32_MAX,
				   &tx_evt);
		rx_evt = tx_evt;
	} else if (!err) {
		err = xnb_read_u32(dir, XNET_KEY_EVENT_CHANNEL_RX, XNET_U32_MAX,
				   &rx_evt);
	}
	if (err) {
		xenbus_dev_fatal(xdev, err, "reading event channels in %s", dir);
		goto out;
	}

	err = xnb_queue_connect(q, tx_ref, rx_ref, tx_evt, rx_evt);
	if (err)
		xenbus_dev_fatal(xdev, err, "mapping rings %u/%u, binding %u/%u for %s",
				 tx_ref, rx_ref, tx_evt, rx_evt, q->name);
out:
	kfree(dir);
	return err;
}

/* Optional control ring: absent is fine, half-present or bad is fatal. */
static int xnb_connect_ctrl(struct xnb_vif *vif)
{
	const char *fe = vif->xdev->otherend;
	u32 ref, evt;
	int err;

	err = xnb_read_u32(fe, XNET_KEY_CTRL_RING_REF, XNET_U32_MAX, &ref);
	if (err == -ENOENT)
		return 0;
	if (!err)
		err = xnb_read_u32(fe, XNET_KEY_EVENT_CHANNEL_CTRL, XNET_U32_MAX,
				   &evt);
	if (!err)
		err = xnb_ctrl_connect(vif, ref, evt);
	if (err)
		xenbus_dev_fatal(vif->xdev, err, "connecting the control ring");
	return err;
}

static void xnb_read_rate(struct xnb_vif *vif)
{
	char *s = xenbus_read(XBT_NIL, vif->xdev->nodename, XNET_KEY_RATE, NULL);
	u64 bytes;
	u32 usec;

	if (IS_ERR(s)) {
		xnb_rate_set(&vif->rate, 0, 0);
		return;
	}
	if (xnet_parse_rate(s, &bytes, &usec))
		netdev_warn(vif->dev, "ignoring malformed %s \"%s\"\n",
			    XNET_KEY_RATE, s);
	else
		xnb_rate_set(&vif->rate, bytes, usec);
	kfree(s);
}

static void xnb_connect(struct xnb_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;
	unsigned int i;
	u32 num;
	int err;

	mutex_lock(&vif->lock);
	if (vif->queues)
		goto out;
	err = xnb_read_num_queues(vif, &num) ?: xnb_read_features(vif);
	if (err)
		goto out;

	vif->queues = kcalloc(num, sizeof(*vif->queues), GFP_KERNEL);
	if (!vif->queues) {
		xenbus_dev_fatal(xdev, -ENOMEM, "allocating %u queues", num);
		goto out;
	}
	vif->num_queues = num;
	for (i = 0; i < num; i++) {
		err = xnb_queue_setup(&vif->queues[i], vif, i);
		if (err) {
			xenbus_dev_fatal(xdev, err, "setting up queue %u", i);
			goto fail;
		}
	}
	for (i = 0; i < num; i++) {
		err = xnb_connect_queue(vif, &vif->queues[i]);
		if (err)
			goto fail;
	}
	xnb_hash_reset(vif);
	err = xnb_connect_ctrl(vif);
	if (err)
		goto fail;
	xnb_read_rate(vif);
	err = xnb_vif_start(vif, num);
	if (err) {
		xenbus_dev_fatal(xdev, err, "starting %u queue threads", num);
		goto fail;
	}
	xnb_hash_publish(vif);
	netdev_info(vif->dev, "connected: %u queue%s, %s event channels%s\n",
		    num, num == 1 ? "" : "s",
		    vif->queues[0].split_evtchn ? "split" : "shared",
		    vif->ctrl.active ? ", control ring" : "");
	if (vif->hotplug_connected)
		xenbus_switch_state(xdev, XenbusStateConnected);
	goto out;

fail:
	xnb_vif_stop(vif);
out:
	mutex_unlock(&vif->lock);
}

static void xnb_disconnect(struct xnb_vif *vif)
{
	mutex_lock(&vif->lock);
	if (vif->queues) {
		xnb_vif_stop(vif);
		netdev_info(vif->dev, "disconnected\n");
	}
	mutex_unlock(&vif->lock);
}

static void xnb_hotplug_changed(struct xenbus_watch *w, const char *path,
				const char *token)
{
	struct xnb_vif *vif = container_of(w, struct xnb_vif, hotplug_watch);
	char *s = xenbus_read(XBT_NIL, vif->xdev->nodename,
			      XNET_KEY_HOTPLUG_STATUS, NULL);

	if (IS_ERR(s))
		return;
	vif->hotplug_connected = !strcmp(s, XNET_HOTPLUG_CONNECTED);
	kfree(s);
	if (vif->hotplug_connected && READ_ONCE(vif->connected) &&
	    vif->xdev->state != XenbusStateConnected)
		xenbus_switch_state(vif->xdev, XenbusStateConnected);
}

static void xnb_rate_changed(struct xenbus_watch *w, const char *path,
			     const char *token)
{
	xnb_read_rate(container_of(w, struct xnb_vif, rate_watch));
}

/* Operator cap: takes effect at the next InitWait (now, if waiting). */
static void xnb_maxq_changed(struct xenbus_watch *w, const char *path,
			     const char *token)
{
	struct xnb_vif *vif = container_of(w, struct xnb_vif, maxq_watch);
	u32 cap = 0;
	int err;

	err = xnb_read_u32(vif->xdev->nodename, XNET_KEY_OPERATOR_MAX_QUEUES,
			   XNET_QUEUES_MAX, &cap);
	if (err && err != -ENOENT) {
		netdev_warn(vif->dev, "ignoring malformed %s\n",
			    XNET_KEY_OPERATOR_MAX_QUEUES);
		return;
	}
	vif->operator_max = err ? 0 : cap;
	if (vif->xdev->state == XenbusStateInitWait)
		xnb_publish_max(vif);
}

static void xnb_unwatch(struct xenbus_watch *w, bool *on)
{
	if (!*on)
		return;
	unregister_xenbus_watch(w);
	kfree(w->node);
	w->node = NULL;
	*on = false;
}

static int xnb_watch(struct xnb_vif *vif, struct xenbus_watch *w, bool *on,
		     const char *key,
		     void (*cb)(struct xenbus_watch *, const char *,
				const char *))
{
	int err = xenbus_watch_pathfmt(vif->xdev, w, NULL, cb, "%s/%s",
				       vif->xdev->nodename, key);

	*on = !err;
	return err;
}

static void xnb_unwatch_all(struct xnb_vif *vif)
{
	xnb_unwatch(&vif->hotplug_watch, &vif->hotplug_watch_on);
	xnb_unwatch(&vif->rate_watch, &vif->rate_watch_on);
	xnb_unwatch(&vif->maxq_watch, &vif->maxq_watch_on);
}

static int xnb_probe(struct xenbus_device *xdev,
		     const struct xenbus_device_id *id)
{
	struct xnb_vif *vif;
	u32 handle, ceiling;
	int err;

	err = xnb_read_u32(xdev->nodename, XNET_KEY_HANDLE, XNET_U32_MAX,
			   &handle);
	if (err) {
		xenbus_dev_fatal(xdev, err, "reading %s", XNET_KEY_HANDLE);
		return err;
	}

	/* The netdev is sized for the parameter; the operator key only lowers. */
	ceiling = xnet_negotiate_backend_max(xnb_max_queues, num_online_cpus(),
					     0);
	vif = xnb_vif_create(xdev, xdev->otherend_id, handle, ceiling);
	if (IS_ERR(vif)) {
		xenbus_dev_fatal(xdev, PTR_ERR(vif), "creating vif");
		return PTR_ERR(vif);
	}
	dev_set_drvdata(&xdev->dev, vif);

	err = xnb_write_features(xdev);
	if (err) {
		xenbus_dev_fatal(xdev, err, "writing features");
		goto fail;
	}
	err = xnb_watch(vif, &vif->maxq_watch, &vif->maxq_watch_on,
			XNET_KEY_OPERATOR_MAX_QUEUES, xnb_maxq_changed) ?:
	      xnb_watch(vif, &vif->rate_watch, &vif->rate_watch_on,
			XNET_KEY_RATE, xnb_rate_changed) ?:
	      xnb_watch(vif, &vif->hotplug_watch, &vif->hotplug_watch_on,
			XNET_KEY_HOTPLUG_STATUS, xnb_hotplug_changed);
	if (err) {
		xenbus_dev_fatal(xdev, err, "watching backend keys");
		goto fail;
	}
	xnb_publish_max(vif);
	err = xenbus_switch_state(xdev, XenbusStateInitWait);
	if (err)
		goto fail;
	return 0;

fail:
	xnb_unwatch_all(vif);
	dev_set_drvdata(&xdev->dev, NULL);
	xnb_vif_destroy(vif);
	return err;
}

static void xnb_remove(struct xenbus_device *xdev)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);

	if (!vif)
		return;
	xnb_unwatch_all(vif);
	xnb_disconnect(vif);
	dev_set_drvdata(&xdev->dev, NULL);
	xnb_vif_destroy(vif);
}

static void xnb_frontend_changed(struct xenbus_device *xdev,
				 enum xenbus_state state)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);

	if (!vif)
		return;
	vif->frontend_state = state;

	switch (state) {
	case XenbusStateInitialising:
		if (xdev->state == XenbusStateClosed) {
			xnb_publish_max(vif);
			xenbus_switch_state(xdev, XenbusStateInitWait);
		}
		break;
	case XenbusStateInitialised:
		break;
	case XenbusStateConnected:
		if (xdev->state == XenbusStateInitWait)
			xnb_connect(vif);
		break;
	case XenbusStateClosing:
		xnb_disconnect(vif);
		xenbus_switch_state(xdev, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		xnb_disconnect(vif);
		xenbus_switch_state(xdev, XenbusStateClosed);
		if (xenbus_dev_is_online(xdev))
			break;
		fallthrough;
	case XenbusStateUnknown:
		xnb_disconnect(vif);
		device_unregister(&xdev->dev);
		break;
	default:
		xenbus_dev_fatal(xdev, -EINVAL, "frontend in state %s",
				 xnet_state_name(state));
		break;
	}
}

static int xnb_uevent(COMPAT_UEVENT_CONST struct xenbus_device *xdev,
		      struct kobj_uevent_env *env)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);
	char *script = xenbus_read(XBT_NIL, xdev->nodename, XNET_KEY_SCRIPT,
				   NULL);

	if (!IS_ERR(script)) {
		int err = add_uevent_var(env, "script=%s", script);

		kfree(script);
		if (err)
			return err;
	}
	return vif ? add_uevent_var(env, "vif=%s", vif->dev->name) : 0;
}

static const struct xenbus_device_id xnb_ids[] = {
	{ XNET_XS_DEVICE_CLASS },
	{ "" }
};

static struct xenbus_driver xnb_driver = {
	.ids = xnb_ids,
	.probe = xnb_probe,
	.remove = xnb_remove,
	.otherend_changed = xnb_frontend_changed,
	.uevent = xnb_uevent,
	.allow_rebind = true,
};

int xnb_xenbus_register(void)
{
	return xenbus_register_backend(&xnb_driver);
}

void xnb_xenbus_unregister(void)
{
	xenbus_unregister_driver(&xnb_driver);
}
