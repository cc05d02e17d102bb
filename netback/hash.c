// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: dom0 -> guest queue choice and the control ring.
 *
 * Every packet for the guest is hashed with Toeplitz over its flow tuple
 * (core flow parser and hash) and mapped to a queue (core queue map).
 * The default key and flags apply until the frontend sets its own through
 * the control ring (message types 1-7); the configuration is swapped
 * under RCU so start_xmit never takes a lock for it.
 */
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/page.h>

#include "common.h"
#include "ctrl_check.h"
#include "flow.h"
#include "ring_check.h"
#include "toeplitz.h"

/* Frame bytes looked at for the flow tuple: L2, VLANs, IP, extensions, L4. */
#define XNB_FLOW_PARSE_LEN	128
/* What our hash can honour when the frontend asks which types exist. */
#define XNB_HASH_TYPES		XNET_HASH_TYPE_ALL
/* Until the frontend says otherwise, spread UDP flows by port too. */
#define XNB_HASH_FLAGS_DEFAULT	(XNET_HASH_TYPE_ALL | XNET_HASH_LOCAL_UDP4 | \
				 XNET_HASH_LOCAL_UDP6)

static struct xnb_hash_cfg *xnb_hash_default(void)
{
	struct xnb_hash_cfg *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);

	if (!cfg)
		return NULL;
	cfg->algorithm = XNET_HASH_ALGORITHM_TOEPLITZ;
	cfg->flags = XNB_HASH_FLAGS_DEFAULT;
	cfg->key_len = XNET_HASH_KEY_SIZE_MAX;
	memcpy(cfg->key, xnet_toeplitz_default_key, XNET_HASH_KEY_SIZE_MAX);
	cfg->map.size = 0;
	return cfg;
}

int xnb_hash_init(struct xnb_vif *vif)
{
	struct xnb_hash_cfg *cfg = xnb_hash_default();

	if (!cfg)
		return -ENOMEM;
	RCU_INIT_POINTER(vif->hash, cfg);
	return 0;
}

/* Only the control-ring thread and (dis)connect, never at once, write. */
static struct xnb_hash_cfg *xnb_hash_cur(struct xnb_vif *vif)
{
	return rcu_dereference_protected(vif->hash, true);
}

static void xnb_hash_install(struct xnb_vif *vif, struct xnb_hash_cfg *cfg)
{
	struct xnb_hash_cfg *old = xnb_hash_cur(vif);

	rcu_assign_pointer(vif->hash, cfg);
	kfree_rcu(old, rcu);
}

/* A new frontend session starts from the defaults. */
void xnb_hash_reset(struct xnb_vif *vif)
{
	struct xnb_hash_cfg *cfg = xnb_hash_default();

	if (cfg)
		xnb_hash_install(vif, cfg);
}

void xnb_hash_free(struct xnb_vif *vif)
{
	kfree(rcu_dereference_protected(vif->hash, true));
	RCU_INIT_POINTER(vif->hash, NULL);
}

void xnb_hash_publish(struct xnb_vif *vif)
{
	u32 alg = xnb_hash_cur(vif)->algorithm;

	xenbus_printf(XBT_NIL, vif->xdev->nodename, XNET_KEY_HASH_ALGORITHM,
		      "%s", alg == XNET_HASH_ALGORITHM_TOEPLITZ ?
		      XNET_HASH_ALG_NAME_TOEPLITZ : XNET_HASH_ALG_NAME_NONE);
}

u16 xnb_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev)
{
	struct xnb_vif *vif = netdev_priv(dev);
	unsigned int n = dev->real_num_tx_queues;
	u8 buf[XNB_FLOW_PARSE_LEN];
	const struct xnb_hash_cfg *cfg;
	struct xnet_flow flow;
	const u8 *frame;
	u32 hash, queue;
	u8 type_bit;
	unsigned int len;

	if (n <= 1)
		return 0;

	rcu_read_lock();
	cfg = rcu_dereference(vif->hash);
	if (!cfg || cfg->algorithm != XNET_HASH_ALGORITHM_TOEPLITZ)
		goto fallback;
	len = min_t(unsigned int, skb->len, sizeof(buf));
	frame = skb_header_pointer(skb, 0, len, buf);
	if (!frame)
		goto fallback;
	xnet_flow_parse(frame, len, &flow);
	if (!xnet_toeplitz_flow(cfg->key, cfg->key_len, cfg->flags, &flow,
				&hash, &type_bit))
		goto fallback;
	skb_set_hash(skb, hash, xnet_flow_has_ports(flow.kind) ?
		     PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);
	queue = xnet_queue_from_hash(&cfg->map, hash, n);
	rcu_read_unlock();
	return queue;

fallback:
	rcu_read_unlock();
	return skb_get_hash(skb) % n;
}

/* Copy len bytes from the start of a guest-granted page into buf. */
static int xnb_ctrl_fetch(struct xnb_vif *vif, grant_ref_t gref, void *buf,
			  unsigned int len)
{
	struct gnttab_copy op = {
		.source.u.ref = gref,
		.source.domid = vif->domid,
		.dest.u.gmfn = virt_to_gfn(buf),
		.dest.domid = DOMID_SELF,
		.dest.offset = offset_in_page(buf),
		.len = len,
		.flags = GNTCOPY_source_gref,
	};

	if (!len)
		return 0;
	gnttab_batch_copy(&op, 1);
	return op.status == GNTST_okay ? 0 : -EIO;
}

static u32 xnb_ctrl_set_key(struct xnb_vif *vif, struct xnb_hash_cfg *cfg,
			    grant_ref_t gref, u32 len)
{
	u32 status = xnet_ctrl_check_hash_key_len(len);
	u8 *key;

	if (status != XNET_CTRL_STATUS_SUCCESS)
		return status;
	/* kmalloc keeps a small buffer inside one page for the copy. */
	key = kzalloc(XNET_HASH_KEY_SIZE_MAX, GFP_KERNEL);
	if (!key)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	if (xnb_ctrl_fetch(vif, gref, key, len)) {
		kfree(key);
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	}
	memcpy(cfg->key, key, XNET_HASH_KEY_SIZE_MAX);
	cfg->key_len = len;
	kfree(key);
	return XNET_CTRL_STATUS_SUCCESS;
}

static u32 xnb_ctrl_set_mapping(struct xnb_vif *vif, struct xnb_hash_cfg *cfg,
				const struct xnet_ctrl_request *req)
{
	u32 len = req->data[1], off = req->data[2];
	u32 status = xnet_ctrl_check_mapping_update(cfg->map.size, off, len);
	u32 *table;

	if (status != XNET_CTRL_STATUS_SUCCESS)
		return status;
	table = kcalloc(XNET_HASH_MAPPING_SIZE_MAX, sizeof(u32), GFP_KERNEL);
	if (!table)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	status = XNET_CTRL_STATUS_INVALID_PARAMETER;
	if (!xnb_ctrl_fetch(vif, req->data[0], table, len * sizeof(u32)) &&
	    xnet_queue_map_valid(table, len, vif->num_queues)) {
		memcpy(&cfg->map.table[off], table, len * sizeof(u32));
		status = XNET_CTRL_STATUS_SUCCESS;
	}
	kfree(table);
	return status;
}

/* Serve one request on a private copy of the configuration. */
static u32 xnb_ctrl_handle(struct xnb_vif *vif,
			   const struct xnet_ctrl_request *req, u32 *data)
{
	struct xnb_hash_cfg *cfg;
	u32 status;

	switch (req->type) {
	case XNET_CTRL_TYPE_GET_HASH_FLAGS:
		*data = XNB_HASH_TYPES;
		return XNET_CTRL_STATUS_SUCCESS;
	case XNET_CTRL_TYPE_GET_HASH_MAPPING_SIZE:
		*data = XNET_HASH_MAPPING_SIZE_MAX;
		return XNET_CTRL_STATUS_SUCCESS;
	case XNET_CTRL_TYPE_SET_HASH_FLAGS:
	case XNET_CTRL_TYPE_SET_HASH_KEY:
	case XNET_CTRL_TYPE_SET_HASH_MAPPING_SIZE:
	case XNET_CTRL_TYPE_SET_HASH_MAPPING:
	case XNET_CTRL_TYPE_SET_HASH_ALGORITHM:
		break;
	default:
		return XNET_CTRL_STATUS_NOT_SUPPORTED;
	}

	cfg = kmemdup(xnb_hash_cur(vif), sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;

	switch (req->type) {
	case XNET_CTRL_TYPE_SET_HASH_FLAGS:
		status = xnet_ctrl_check_hash_flags(req->data[0], XNB_HASH_TYPES);
		if (status == XNET_CTRL_STATUS_SUCCESS)
			cfg->flags = req->data[0];
		break;
	case XNET_CTRL_TYPE_SET_HASH_KEY:
		status = xnb_ctrl_set_key(vif, cfg, req->data[0], req->data[1]);
		break;
	case XNET_CTRL_TYPE_SET_HASH_MAPPING_SIZE:
		status = xnet_ctrl_check_mapping_size(req->data[0]);
		if (status == XNET_CTRL_STATUS_SUCCESS) {
			cfg->map.size = req->data[0];
			memset(cfg->map.table, 0, sizeof(cfg->map.table));
		}
		break;
	case XNET_CTRL_TYPE_SET_HASH_MAPPING:
		status = xnb_ctrl_set_mapping(vif, cfg, req);
		break;
	default:
		status = xnet_ctrl_check_algorithm(req->data[0]);
		if (status == XNET_CTRL_STATUS_SUCCESS)
			cfg->algorithm = req->data[0];
		break;
	}

	if (status != XNET_CTRL_STATUS_SUCCESS) {
		kfree(cfg);
		return status;
	}
	xnb_hash_install(vif, cfg);
	if (req->type == XNET_CTRL_TYPE_SET_HASH_ALGORITHM)
		xnb_hash_publish(vif);
	return status;
}

static irqreturn_t xnb_ctrl_interrupt(int irq, void *data)
{
	struct xnb_vif *vif = data;
	struct xnet_ctrl_back_ring *ring = &vif->ctrl.ring;
	unsigned int eoi_flags = XEN_EOI_FLAG_SPURIOUS;
	int more, notify;

	do {
		RING_IDX prod = READ_ONCE(ring->sring->req_prod);

		/* Read the requests only after the index that covers them. */
		virt_rmb();
		if (!xnet_ring_requests_ok(prod, ring->req_cons,
					   ring->rsp_prod_pvt, RING_SIZE(ring))) {
			net_err_ratelimited("%s: vif%u.%u: control ring producer out of range\n",
					    XNB_DRV_NAME, vif->domid, vif->handle);
			break;
		}
		while (ring->req_cons != prod) {
			struct xnet_ctrl_request req;
			struct xnet_ctrl_response *rsp;
			u32 data = 0, status;

			RING_COPY_REQUEST(ring, ring->req_cons, &req);
			ring->req_cons++;
			status = xnb_ctrl_handle(vif, &req, &data);
			rsp = RING_GET_RESPONSE(ring, ring->rsp_prod_pvt);
			rsp->id = req.id;
			rsp->type = req.type;
			rsp->status = status;
			rsp->data = data;
			ring->rsp_prod_pvt++;
			eoi_flags = 0;
		}
		RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(ring, notify);
		if (notify)
			notify_remote_via_irq(vif->ctrl.irq);
		RING_FINAL_CHECK_FOR_REQUESTS(ring, more);
	} while (more);

	xen_irq_lateeoi(irq, eoi_flags);
	return IRQ_HANDLED;
}

int xnb_ctrl_connect(struct xnb_vif *vif, grant_ref_t ref,
		     evtchn_port_t evtchn)
{
	struct xenbus_device *xdev = vif->xdev;
	void *addr;
	int err, irq;

	err = xenbus_map_ring_valloc(xdev, &ref, 1, &addr);
	if (err)
		return err;
	BACK_RING_INIT(&vif->ctrl.ring, (struct xnet_ctrl_sring *)addr,
		       XEN_PAGE_SIZE);

	irq = bind_interdomain_evtchn_to_irq_lateeoi(xdev, evtchn);
	if (irq < 0) {
		err = irq;
		goto err_unmap;
	}
	err = request_threaded_irq(irq, NULL, xnb_ctrl_interrupt, IRQF_ONESHOT,
				   "xnb-ctrl", vif);
	if (err) {
		unbind_from_irqhandler(irq, vif);
		goto err_unmap;
	}
	vif->ctrl.irq = irq;
	vif->ctrl.active = true;
	return 0;

err_unmap:
	xenbus_unmap_ring_vfree(xdev, vif->ctrl.ring.sring);
	vif->ctrl.ring.sring = NULL;
	return err;
}

void xnb_ctrl_disconnect(struct xnb_vif *vif)
{
	if (!vif->ctrl.active)
		return;
	unbind_from_irqhandler(vif->ctrl.irq, vif);
	xenbus_unmap_ring_vfree(vif->xdev, vif->ctrl.ring.sring);
	vif->ctrl.ring.sring = NULL;
	vif->ctrl.irq = 0;
	vif->ctrl.active = false;
}
