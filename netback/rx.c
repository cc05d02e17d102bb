// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: guest RX (packets from dom0 into the guest).
 *
 * start_xmit puts packets on a bounded per-queue list and wakes the
 * queue's thread, which grant-copies them into the buffers the guest
 * posted on its RX ring, many copies per hypercall.  A guest that stops
 * posting buffers cannot make dom0 hold more than XNB_RX_QUEUE_BYTES per
 * queue: its packets age out, and after a stall timeout its carrier goes
 * off until it posts again.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/page.h>

#include "common.h"
#include "ring_check.h"

/* How often a thread waiting for guest buffers checks drain and stall. */
#define XNB_RX_STALL_POLL	(HZ / 2)

/* Per-skb state while it waits on the queue. */
struct xnb_rx_cb {
	unsigned long expires;		/* jiffies: drop after this */
};

#define XNB_RX_CB(skb)	((struct xnb_rx_cb *)(skb)->cb)

/* A packet of the current batch. */
struct xnb_rx_meta {
	struct sk_buff *skb;
	RING_IDX first;			/* its first ring slot */
	unsigned int slots;
	bool gso;			/* slot first + 1 is the GSO extra */
	bool error;
};

struct xnb_rx_batch {
	unsigned int n;
	unsigned int nops;
	struct xnb_rx_meta meta[XNB_RX_BATCH];
	u16 op_meta[XNB_RX_COPY_OPS];
	struct gnttab_copy ops[XNB_RX_COPY_OPS];
};

/* Where the next copied byte lands in the guest's buffers. */
struct xnb_rx_cursor {
	struct xnet_rx_request req;
	struct xnet_rx_response *cur;
	unsigned int filled;
};

int xnb_rx_init(struct xnb_queue *q)
{
	q->rx_batch = kzalloc(sizeof(*q->rx_batch), GFP_KERNEL);
	return q->rx_batch ? 0 : -ENOMEM;
}

void xnb_rx_free(struct xnb_queue *q)
{
	kfree(q->rx_batch);
	q->rx_batch = NULL;
}

static unsigned int xnb_rx_slots_needed(const struct sk_buff *skb)
{
	return DIV_ROUND_UP(skb->len, XNET_PAGE_SIZE) +
	       (skb_is_gso(skb) ? 1 : 0);
}

netdev_tx_t xnb_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xnb_vif *vif = netdev_priv(dev);
	unsigned int idx = skb_get_queue_mapping(skb);
	struct xnb_queue *q;

	/* Pairs with the release in xnb_vif_start(): queues are set up. */
	if (!smp_load_acquire(&vif->connected) || READ_ONCE(vif->disabled) ||
	    idx >= vif->num_queues)
		goto drop;
	q = &vif->queues[idx];

	if (skb_has_frag_list(skb) && skb_linearize(skb))
		goto drop;
	/* Mapped guest pages cannot be a grant-copy source: copy them. */
	if (skb_orphan_frags_rx(skb, GFP_ATOMIC))
		goto drop;
	if (xnb_rx_slots_needed(skb) > XNB_RX_SLOTS_MAX)
		goto drop;

	XNB_RX_CB(skb)->expires = jiffies +
				  msecs_to_jiffies(xnb_rx_drain_timeout_ms);
	spin_lock(&q->rx_queue.lock);
	__skb_queue_tail(&q->rx_queue, skb);
	q->rx_queue_bytes += skb->len;
	if (q->rx_queue_bytes > XNB_RX_QUEUE_BYTES)
		netif_tx_stop_queue(netdev_get_tx_queue(dev, idx));
	spin_unlock(&q->rx_queue.lock);

	xnb_queue_kick(q, XNB_EV_RX_QUEUED);
	return NETDEV_TX_OK;

drop:
	if (idx < vif->max_queues)
		WRITE_ONCE(vif->stats[idx].rx_drops,
			   vif->stats[idx].rx_drops + 1);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static struct sk_buff *xnb_rx_dequeue(struct xnb_queue *q)
{
	struct sk_buff *skb;

	spin_lock_bh(&q->rx_queue.lock);
	skb = __skb_dequeue(&q->rx_queue);
	if (skb)
		q->rx_queue_bytes -= skb->len;
	spin_unlock_bh(&q->rx_queue.lock);
	return skb;
}

/* Slots the head packet needs, 0 when the queue is empty. */
static unsigned int xnb_rx_head_slots(struct xnb_queue *q)
{
	struct sk_buff *skb;
	unsigned int slots = 0;

	spin_lock_bh(&q->rx_queue.lock);
	skb = skb_peek(&q->rx_queue);
	if (skb)
		slots = xnb_rx_slots_needed(skb);
	spin_unlock_bh(&q->rx_queue.lock);
	return slots;
}

static u32 xnb_rx_room(struct xnb_queue *q)
{
	return xnet_ring_pending(READ_ONCE(q->rx.sring->req_prod),
				 q->rx.req_cons);
}

void xnb_rx_purge(struct xnb_queue *q)
{
	struct sk_buff *skb;

	while ((skb = xnb_rx_dequeue(q))) {
		WRITE_ONCE(q->stats->rx_drops, q->stats->rx_drops + 1);
		kfree_skb(skb);
	}
}

/* Grant copies of the batch so far; failures mark their packet. */
static void xnb_rx_copy(struct xnb_queue *q, struct xnb_rx_batch *b)
{
	unsigned int i;

	if (!b->nops)
		return;
	gnttab_batch_copy(b->ops, b->nops);
	for (i = 0; i < b->nops; i++) {
		struct xnb_rx_meta *m = &b->meta[b->op_meta[i]];

		if (b->ops[i].status == GNTST_okay || m->error)
			continue;
		m->error = true;
		WRITE_ONCE(q->stats->rx_copy_errors,
			   q->stats->rx_copy_errors + 1);
		xnb_peer_err(q, "grant copy to ref %u failed (%d)",
			     b->ops[i].dest.u.ref, b->ops[i].status);
	}
	b->nops = 0;
}

static void xnb_rx_add_copy(struct xnb_queue *q, struct xnb_rx_batch *b,
			    struct page *page, unsigned int off,
			    unsigned int len, const struct xnb_rx_cursor *c)
{
	struct gnttab_copy *op;

	if (b->nops == XNB_RX_COPY_OPS)
		xnb_rx_copy(q, b);
	op = &b->ops[b->nops];
	b->op_meta[b->nops++] = b->n;

	op->source.u.gmfn = xen_page_to_gfn(page);
	op->source.domid = DOMID_SELF;
	op->source.offset = off;
	op->dest.u.ref = c->req.gref;
	op->dest.domid = q->vif->domid;
	op->dest.offset = c->filled;
	op->len = len;
	op->flags = GNTCOPY_dest_gref;
}

/* Take the next guest buffer; its response goes in the same slot. */
static void xnb_rx_next_slot(struct xnb_queue *q, struct xnb_rx_cursor *c)
{
	RING_IDX i = q->rx.req_cons++;

	if (c->cur)
		c->cur->flags |= XNET_RXF_MORE_DATA;
	RING_COPY_REQUEST(&q->rx, i, &c->req);
	c->cur = RING_GET_RESPONSE(&q->rx, i);
	c->cur->id = c->req.id;
	c->cur->offset = 0;
	c->cur->flags = 0;
	c->cur->status = 0;
	c->filled = 0;
}

/* Copy len bytes starting at page+off, across guest buffer ends. */
static void xnb_rx_copy_span(struct xnb_queue *q, struct xnb_rx_batch *b,
			     struct xnb_rx_cursor *c, struct page *page,
			     unsigned int off, unsigned int len)
{
	while (len) {
		unsigned int n;

		if (c->filled == XNET_PAGE_SIZE)
			xnb_rx_next_slot(q, c);
		n = min_t(unsigned int, len, XNET_PAGE_SIZE - c->filled);
		xnb_rx_add_copy(q, b, page, off, n, c);
		c->filled += n;
		c->cur->status += n;
		off += n;
		len -= n;
	}
}

/* Copy an arbitrary kernel-virtual range, split at dom0 page ends. */
static void xnb_rx_copy_virt(struct xnb_queue *q, struct xnb_rx_batch *b,
			     struct xnb_rx_cursor *c, const u8 *data,
			     unsigned int len)
{
	while (len) {
		unsigned int off = offset_in_page(data);
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - off);

		xnb_rx_copy_span(q, b, c, virt_to_page(data), off, n);
		data += n;
		len -= n;
	}
}

static void xnb_rx_add_gso(struct xnb_queue *q, struct sk_buff *skb)
{
	struct xnet_extra_info *extra;
	RING_IDX i = q->rx.req_cons++;

	extra = (struct xnet_extra_info *)RING_GET_RESPONSE(&q->rx, i);
	memset(extra, 0, sizeof(*extra));
	extra->type = XNET_EXTRA_TYPE_GSO;
	extra->u.gso.size = skb_shinfo(skb)->gso_size;
	extra->u.gso.type = skb_shinfo(skb)->gso_type & SKB_GSO_TCPV6 ?
			    XNET_GSO_TYPE_TCPV6 : XNET_GSO_TYPE_TCPV4;
}

/* Lay one packet out over guest buffers: data, [GSO extra], data... */
static void xnb_rx_build(struct xnb_queue *q, struct xnb_rx_batch *b,
			 struct sk_buff *skb)
{
	struct xnb_rx_meta *m = &b->meta[b->n];
	struct xnb_rx_cursor c = { 0 };
	unsigned int i;

	m->skb = skb;
	m->first = q->rx.req_cons;
	m->gso = skb_is_gso(skb);
	m->error = false;

	xnb_rx_next_slot(q, &c);
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		c.cur->flags |= XNET_RXF_CSUM_BLANK | XNET_RXF_DATA_VALIDATED;
	else if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		c.cur->flags |= XNET_RXF_DATA_VALIDATED;
	if (m->gso) {
		c.cur->flags |= XNET_RXF_EXTRA_INFO;
		xnb_rx_add_gso(q, skb);
	}

	xnb_rx_copy_virt(q, b, &c, skb->data, skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];
		unsigned int off = skb_frag_off(f);
		unsigned int len = skb_frag_size(f);

		while (len) {
			struct page *page = skb_frag_page(f) + (off >> PAGE_SHIFT);
			unsigned int poff = off & ~PAGE_MASK;
			unsigned int n = min_t(unsigned int, len, PAGE_SIZE - poff);

			xnb_rx_copy_span(q, b, &c, page, poff, n);
			off += n;
			len -= n;
		}
	}
	m->slots = q->rx.req_cons - m->first;
	b->n++;
}

/* Copies done: fix up failed packets' statuses, release, publish. */
static void xnb_rx_finish(struct xnb_queue *q, struct xnb_rx_batch *b)
{
	struct xnb_queue_stats *st = q->stats;
	unsigned int i, j;
	int notify;

	xnb_rx_copy(q, b);
	for (i = 0; i < b->n; i++) {
		struct xnb_rx_meta *m = &b->meta[i];

		if (m->error) {
			for (j = 0; j < m->slots; j++) {
				if (m->gso && j == 1)
					continue;
				RING_GET_RESPONSE(&q->rx, m->first + j)->status =
					XNET_RSP_ERROR;
			}
			WRITE_ONCE(st->rx_drops, st->rx_drops + 1);
			kfree_skb(m->skb);
			continue;
		}
		WRITE_ONCE(st->rx_packets, st->rx_packets + 1);
		WRITE_ONCE(st->rx_bytes, st->rx_bytes + m->skb->len);
		consume_skb(m->skb);
	}
	b->n = 0;

	q->rx.rsp_prod_pvt = q->rx.req_cons;
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->rx, notify);
	if (notify)
		notify_remote_via_irq(q->rx_irq);
}

static void xnb_rx_maybe_wake(struct xnb_queue *q)
{
	struct netdev_queue *txq = netdev_get_tx_queue(q->vif->dev, q->id);

	if (netif_tx_queue_stopped(txq) &&
	    READ_ONCE(q->rx_queue_bytes) < XNB_RX_QUEUE_BYTES / 2 &&
	    READ_ONCE(q->vif->connected))
		netif_tx_wake_queue(txq);
}

bool xnb_rx_work_pending(struct xnb_queue *q)
{
	unsigned int need;

	if (!q->rx.sring || READ_ONCE(q->vif->disabled))
		return false;
	need = xnb_rx_head_slots(q);
	if (!need)
		return q->rx_stalled && xnb_rx_room(q);
	return xnb_rx_room(q) >= need;
}

long xnb_rx_wait_timeout(struct xnb_queue *q)
{
	if (!skb_queue_empty_lockless(&q->rx_queue) || q->rx_stalled)
		return XNB_RX_STALL_POLL;
	return MAX_SCHEDULE_TIMEOUT;
}

/* Ask the guest for an event once it has posted `need` more buffers. */
static bool xnb_rx_wait_for_room(struct xnb_queue *q, unsigned int need)
{
	q->rx.sring->req_event = q->rx.req_cons + need;
	/* Publish req_event before re-reading req_prod. */
	mb();
	return xnb_rx_room(q) >= need;
}

/* Copy up to a batch of packets to the guest; true when more can go. */
bool xnb_rx_action(struct xnb_queue *q)
{
	struct xnb_rx_batch *b = q->rx_batch;
	unsigned int budget = XNB_RX_BATCH;
	RING_IDX prod;

	if (!q->rx.sring)
		return false;
	if (READ_ONCE(q->vif->disabled)) {
		xnb_rx_purge(q);
		return false;
	}

	prod = READ_ONCE(q->rx.sring->req_prod);
	/* Read the requests only after the index that covers them. */
	virt_rmb();
	if (!xnet_ring_requests_ok(prod, q->rx.req_cons, q->rx.rsp_prod_pvt,
				   XNET_RING_SIZE)) {
		xnb_vif_disable(q, "RX producer index out of range");
		xnb_rx_purge(q);
		return false;
	}

	while (budget) {
		unsigned int need = xnb_rx_head_slots(q);
		struct sk_buff *skb;

		if (!need)
			break;
		if (xnet_ring_pending(prod, q->rx.req_cons) < need) {
			if (!xnb_rx_wait_for_room(q, need)) {
				WRITE_ONCE(q->stats->rx_ring_full,
					   q->stats->rx_ring_full + 1);
				break;
			}
			prod = READ_ONCE(q->rx.sring->req_prod);
			/* As above: requests after their index. */
			virt_rmb();
			if (!xnet_ring_requests_ok(prod, q->rx.req_cons,
						   q->rx.rsp_prod_pvt,
						   XNET_RING_SIZE))
				break;
			continue;
		}
		skb = xnb_rx_dequeue(q);
		if (!skb)
			break;
		xnb_rx_build(q, b, skb);
		q->rx_last_progress = jiffies;
		budget--;
	}
	if (b->n)
		xnb_rx_finish(q, b);
	xnb_rx_maybe_wake(q);
	return !budget;
}

static void xnb_rx_set_stalled(struct xnb_queue *q, bool stalled)
{
	struct xnb_vif *vif = q->vif;

	q->rx_stalled = stalled;
	if (stalled)
		atomic_inc(&vif->stalled_queues);
	else
		atomic_dec(&vif->stalled_queues);
	net_info_ratelimited("%s: vif%u.%u queue %u: guest RX %s\n",
			     XNB_DRV_NAME, vif->domid, vif->handle, q->id,
			     stalled ? "stalled" : "ready");
	xnb_vif_update_carrier(vif);
}

/* Age out packets the guest has no room for; carrier off when stuck. */
void xnb_rx_check_stall(struct xnb_queue *q)
{
	unsigned int need;

	if (!q->rx.sring || READ_ONCE(q->vif->disabled))
		return;

	need = xnb_rx_head_slots(q);
	if (!need || xnb_rx_room(q) >= need) {
		q->rx_last_progress = jiffies;
		if (q->rx_stalled && xnb_rx_room(q))
			xnb_rx_set_stalled(q, false);
		return;
	}

	for (;;) {
		struct sk_buff *skb;
		bool old;

		spin_lock_bh(&q->rx_queue.lock);
		skb = skb_peek(&q->rx_queue);
		old = skb && time_after(jiffies, XNB_RX_CB(skb)->expires);
		spin_unlock_bh(&q->rx_queue.lock);
		if (!old)
			break;
		skb = xnb_rx_dequeue(q);
		if (!skb)
			break;
		WRITE_ONCE(q->stats->rx_drops, q->stats->rx_drops + 1);
		kfree_skb(skb);
	}
	xnb_rx_maybe_wake(q);

	if (!q->rx_stalled &&
	    time_after(jiffies, q->rx_last_progress +
		       msecs_to_jiffies(xnb_rx_stall_timeout_ms)))
		xnb_rx_set_stalled(q, true);
}
