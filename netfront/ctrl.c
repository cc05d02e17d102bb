// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: the control ring and RSS.
 *
 * When the backend offers feature-ctrl-ring we give it our Toeplitz key,
 * hash types and indirection table (control messages 1-7), so it steers
 * guest-bound packets to the queue our TX path picks for the same flow.
 * Requests are synchronous, one at a time; key and table travel in a page
 * granted read-only for the duration of the request.
 */
#include <linux/netdevice.h>
#include <linux/interrupt.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "common.h"
#include "ring_check.h"

static irqreturn_t xnf_ctrl_interrupt(int irq, void *data)
{
	struct xnf_ctrl *ctrl = data;
	RING_IDX prod = READ_ONCE(ctrl->ring.sring->rsp_prod);
	bool work = prod != ctrl->irq_seen;

	ctrl->irq_seen = prod;
	if (work)
		wake_up(&ctrl->wq);
	xen_irq_lateeoi(irq, work ? 0 : XEN_EOI_FLAG_SPURIOUS);
	return IRQ_HANDLED;
}

int xnf_ctrl_create(struct xnf_info *info)
{
	struct xenbus_device *xbdev = info->xbdev;
	struct xnf_ctrl *ctrl = &info->ctrl;
	void *page;
	int err;

	ctrl->ring_ref = INVALID_GRANT_REF;
	ctrl->dead = false;
	snprintf(ctrl->irq_name, sizeof(ctrl->irq_name), "%s-ctrl",
		 info->netdev->name);
	/* Granted to the backend: nothing but what we write into it. */
	ctrl->buf = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!ctrl->buf)
		return -ENOMEM;
	err = xenbus_setup_ring(xbdev, GFP_KERNEL, &page, 1, &ctrl->ring_ref);
	if (err)
		goto fail;
	XEN_FRONT_RING_INIT(&ctrl->ring, (struct xnet_ctrl_sring *)page,
			    XEN_PAGE_SIZE);
	ctrl->irq_seen = 0;
	err = xenbus_alloc_evtchn(xbdev, &ctrl->evtchn);
	if (err)
		goto fail;
	err = bind_evtchn_to_irqhandler_lateeoi(ctrl->evtchn, xnf_ctrl_interrupt,
						0, ctrl->irq_name, ctrl);
	if (err < 0) {
		xenbus_free_evtchn(xbdev, ctrl->evtchn);
		goto fail;
	}
	ctrl->irq = err;
	return 0;

fail:
	xnf_ctrl_destroy(info);
	return err;
}

void xnf_ctrl_destroy(struct xnf_info *info)
{
	struct xnf_ctrl *ctrl = &info->ctrl;

	mutex_lock(&ctrl->lock);
	if (ctrl->irq > 0)
		unbind_from_irqhandler(ctrl->irq, ctrl);
	ctrl->irq = 0;
	if (ctrl->ring.sring)
		xnf_ring_release((void **)&ctrl->ring.sring, &ctrl->ring_ref);
	if (ctrl->buf)
		__free_page(ctrl->buf);
	ctrl->buf = NULL;
	ctrl->active = false;
	mutex_unlock(&ctrl->lock);
}

int xnf_ctrl_write_keys(struct xnf_info *info, struct xenbus_transaction t)
{
	const char *node = info->xbdev->nodename;
	int err;

	err = xenbus_printf(t, node, XNET_KEY_CTRL_RING_REF, "%u",
			    info->ctrl.ring_ref);
	if (!err)
		err = xenbus_printf(t, node, XNET_KEY_EVENT_CHANNEL_CTRL, "%u",
				    info->ctrl.evtchn);
	return err;
}

static int xnf_ctrl_status(u32 status)
{
	switch (status) {
	case XNET_CTRL_STATUS_SUCCESS:
		return 0;
	case XNET_CTRL_STATUS_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case XNET_CTRL_STATUS_INVALID_PARAMETER:
		return -EINVAL;
	case XNET_CTRL_STATUS_BUFFER_OVERFLOW:
		return -ENOBUFS;
	default:
		return -EIO;
	}
}

static bool xnf_ctrl_answered(struct xnf_ctrl *ctrl)
{
	return READ_ONCE(ctrl->ring.sring->rsp_prod) != ctrl->ring.rsp_cons;
}

/* Send one request and wait for its answer; ctrl->lock held. */
static int xnf_ctrl_call(struct xnf_info *info, u16 type, u32 d0, u32 d1,
			 u32 d2)
{
	struct xnf_ctrl *ctrl = &info->ctrl;
	struct xnet_ctrl_request *req;
	struct xnet_ctrl_response rsp;
	RING_IDX prod;
	int notify;
	u16 id;

	if (!ctrl->ring.sring || ctrl->dead)
		return -ENODEV;
	id = ctrl->next_id++;
	req = RING_GET_REQUEST(&ctrl->ring, ctrl->ring.req_prod_pvt);
	req->id = id;
	req->type = type;
	req->data[0] = d0;
	req->data[1] = d1;
	req->data[2] = d2;
	ctrl->ring.req_prod_pvt++;
	/* Ask for an event on this very answer, or the backend stays quiet. */
	ctrl->ring.sring->rsp_event = ctrl->ring.rsp_cons + 1;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&ctrl->ring, notify);
	if (notify)
		notify_remote_via_irq(ctrl->irq);

	if (!wait_event_timeout(ctrl->wq, xnf_ctrl_answered(ctrl),
				XNF_CTRL_TIMEOUT)) {
		/* A late answer would desynchronise the ring: stop using it. */
		ctrl->dead = true;
		xnf_peer_err(info, NULL, "control request %u not answered\n", type);
		return -ETIMEDOUT;
	}
	prod = READ_ONCE(ctrl->ring.sring->rsp_prod);
	virt_rmb();	/* read the response only after rsp_prod */
	if (!xnet_ring_responses_ok(prod, ctrl->ring.rsp_cons,
				    ctrl->ring.req_prod_pvt)) {
		xnf_fatal(info, NULL, "control responses beyond requests");
		ctrl->dead = true;
		return -EIO;
	}
	RING_COPY_RESPONSE(&ctrl->ring, ctrl->ring.rsp_cons, &rsp);
	ctrl->ring.rsp_cons++;
	if (rsp.id != id || rsp.type != type) {
		xnf_fatal(info, NULL, "control response does not match its request");
		ctrl->dead = true;
		return -EIO;
	}
	return xnf_ctrl_status(rsp.status);
}

/* Hand len bytes to the backend through the buffer page, then take it back. */
static int xnf_ctrl_call_buf(struct xnf_info *info, u16 type, const void *data,
			     u32 len, u32 d1, u32 d2)
{
	struct xnf_ctrl *ctrl = &info->ctrl;
	int ref, err;

	memcpy(page_address(ctrl->buf), data, len);
	ref = gnttab_grant_foreign_access(info->xbdev->otherend_id,
					  xen_page_to_gfn(ctrl->buf), 1);
	if (ref < 0)
		return ref;
	err = xnf_ctrl_call(info, type, ref, d1, d2);
	if (gnttab_end_foreign_access_ref(ref)) {
		gnttab_free_grant_reference(ref);
		return err;
	}
	/* The backend kept the grant: give up the page, use a fresh one. */
	gnttab_end_foreign_access(ref, ctrl->buf);
	ctrl->buf = alloc_page(GFP_KERNEL | __GFP_ZERO);
	xnf_fatal(info, NULL, "control buffer grant still in use");
	return -EIO;
}

/* Push the RSS settings to the backend; info->lock held. */
int xnf_rss_push(struct xnf_info *info)
{
	struct xnf_ctrl *ctrl = &info->ctrl;
	struct xnf_rss *rss = &info->rss;
	int err;

	if (!info->feat.ctrl_ring)
		return -EOPNOTSUPP;
	mutex_lock(&ctrl->lock);
	if (!ctrl->buf) {
		err = -ENODEV;
		goto out;
	}
	ctrl->active = false;
	err = xnf_ctrl_call(info, XNET_CTRL_TYPE_SET_HASH_ALGORITHM,
			    XNET_HASH_ALGORITHM_TOEPLITZ, 0, 0);
	if (!err)
		err = xnf_ctrl_call(info, XNET_CTRL_TYPE_SET_HASH_FLAGS,
				    rss->hash_flags, 0, 0);
	if (!err)
		err = xnf_ctrl_call_buf(info, XNET_CTRL_TYPE_SET_HASH_KEY, rss->key,
					sizeof(rss->key), sizeof(rss->key), 0);
	if (!err)
		err = xnf_ctrl_call(info, XNET_CTRL_TYPE_SET_HASH_MAPPING_SIZE,
				    rss->map.size, 0, 0);
	if (!err)
		err = xnf_ctrl_call_buf(info, XNET_CTRL_TYPE_SET_HASH_MAPPING,
					rss->map.table,
					rss->map.size * sizeof(rss->map.table[0]),
					rss->map.size, 0);
	ctrl->active = !err;
out:
	mutex_unlock(&ctrl->lock);
	if (err)
		netdev_warn(info->netdev, "RSS settings not accepted by backend domain %u (%d); receive steering stays the backend's\n",
			    info->xbdev->otherend_id, err);
	else
		netdev_info(info->netdev, "RSS: Toeplitz key and %u-entry table over %u queues given to the backend\n",
			    rss->map.size, info->num_queues);
	return err;
}

void xnf_rss_init(struct xnf_info *info)
{
	struct xnf_rss *rss = &info->rss;

	netdev_rss_key_fill(rss->key, sizeof(rss->key));
	rss->hash_flags = XNET_HASH_TYPE_ALL;
	xnet_queue_map_default(&rss->map, XNET_HASH_MAPPING_SIZE_MAX, 1);
}

/* Spread the table over the current queues unless the user's still fits. */
void xnf_rss_default_table(struct xnf_info *info)
{
	struct xnf_rss *rss = &info->rss;

	if (rss->user_table &&
	    xnet_queue_map_valid(rss->map.table, rss->map.size, info->num_queues))
		return;
	rss->user_table = false;
	xnet_queue_map_default(&rss->map, XNET_HASH_MAPPING_SIZE_MAX,
			       info->num_queues);
}
