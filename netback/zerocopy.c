// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: zero-copy guest TX.  Guest pages are grant-mapped into
 * pending slots and handed to the stack as skb fragments; the stack's
 * zero-copy completion queues the packet back to its queue's thread,
 * which unmaps the pages in batches and only then answers the guest.
 */
#include <linux/delay.h>
#include <linux/slab.h>
#include <xen/page.h>

#include "common.h"
#include "compat.h"

/* How often teardown reports packets the stack still holds. */
#define XNB_ZC_WAIT_WARN	(10 * HZ)
#define XNB_ZC_WAIT_POLL_MS	10

static void xnb_zc_callback(struct sk_buff *skb, struct ubuf_info *ubuf,
			    bool success)
{
	struct xnb_tx_pending *head = container_of(ubuf, struct xnb_tx_pending,
						   ubuf);
	struct xnb_queue *q = head->queue;
	unsigned long flags;

	/* Segments and copies of the skb each hold a reference. */
	if (!refcount_dec_and_test(&ubuf->refcnt))
		return;

	spin_lock_irqsave(&q->zc_lock, flags);
	q->zc_done[q->zc_done_count++] = head - q->pending;
	spin_unlock_irqrestore(&q->zc_lock, flags);
	xnb_queue_kick(q, XNB_EV_ZC_DONE);
}

COMPAT_DEFINE_UBUF_OPS(xnb_zc_ops, xnb_zc_callback);

static void xnb_zc_free_arrays(struct xnb_queue *q)
{
	kvfree(q->pending);
	kfree(q->pending_free);
	kfree(q->zc_done);
	kfree(q->map_ops);
	kfree(q->map_pages);
	kfree(q->map_pending);
	kfree(q->map_pkt);
	kfree(q->unmap_ops);
	kfree(q->unmap_pages);
	q->pending = NULL;
	q->pending_free = NULL;
	q->zc_done = NULL;
	q->map_ops = NULL;
	q->map_pages = NULL;
	q->map_pending = NULL;
	q->map_pkt = NULL;
	q->unmap_ops = NULL;
	q->unmap_pages = NULL;
}

/*
 * Zero copy is an optimisation: when its pages cannot be had, the queue
 * copies instead, so this never fails the connection.
 */
int xnb_zc_init(struct xnb_queue *q)
{
	struct page **pages;
	unsigned int i;

	atomic_set(&q->zc_inflight, 0);
	if (!xnb_zerocopy)
		return 0;

	q->pending = kvcalloc(XNB_TX_PENDING_MAX, sizeof(*q->pending),
			      GFP_KERNEL);
	q->pending_free = kcalloc(XNB_TX_PENDING_MAX, sizeof(u16), GFP_KERNEL);
	q->zc_done = kcalloc(XNB_TX_PENDING_MAX, sizeof(u16), GFP_KERNEL);
	q->map_ops = kcalloc(XNB_TX_MAP_OPS, sizeof(*q->map_ops), GFP_KERNEL);
	q->map_pages = kcalloc(XNB_TX_MAP_OPS, sizeof(*q->map_pages),
			       GFP_KERNEL);
	q->map_pending = kcalloc(XNB_TX_MAP_OPS, sizeof(u16), GFP_KERNEL);
	q->map_pkt = kcalloc(XNB_TX_MAP_OPS, sizeof(u16), GFP_KERNEL);
	q->unmap_ops = kcalloc(XNB_TX_MAP_OPS, sizeof(*q->unmap_ops),
			       GFP_KERNEL);
	q->unmap_pages = kcalloc(XNB_TX_MAP_OPS, sizeof(*q->unmap_pages),
				 GFP_KERNEL);
	pages = kcalloc(XNB_TX_PENDING_MAX, sizeof(*pages), GFP_KERNEL);
	if (!q->pending || !q->pending_free || !q->zc_done || !q->map_ops ||
	    !q->map_pages || !q->map_pending || !q->map_pkt ||
	    !q->unmap_ops || !q->unmap_pages || !pages ||
	    gnttab_alloc_pages(XNB_TX_PENDING_MAX, pages)) {
		kfree(pages);
		xnb_zc_free_arrays(q);
		netdev_warn(q->vif->dev, "%s: no pages for zero copy, copying\n",
			    q->name);
		return 0;
	}

	for (i = 0; i < XNB_TX_PENDING_MAX; i++) {
		q->pending[i].queue = q;
		q->pending[i].page = pages[i];
		q->pending_free[i] = i;
	}
	q->pending_free_count = XNB_TX_PENDING_MAX;
	q->zc_done_count = 0;
	kfree(pages);
	return 0;
}

void xnb_zc_free(struct xnb_queue *q)
{
	struct page **pages;
	unsigned int i;

	if (!q->pending)
		return;
	pages = kcalloc(XNB_TX_PENDING_MAX, sizeof(*pages), GFP_KERNEL);
	if (pages) {
		unsigned int n = 0;

		for (i = 0; i < XNB_TX_PENDING_MAX; i++)
			if (!q->pending[i].lost)
				pages[n++] = q->pending[i].page;
		gnttab_free_pages(n, pages);
		kfree(pages);
	} else {
		/* Leaking ballooned pages beats freeing them one by one. */
		netdev_warn(q->vif->dev, "%s: leaked zero-copy pages\n",
			    q->name);
	}
	xnb_zc_free_arrays(q);
}

unsigned int xnb_zc_available(struct xnb_queue *q)
{
	return q->pending ? q->pending_free_count : 0;
}

u16 xnb_zc_get(struct xnb_queue *q)
{
	return q->pending_free[--q->pending_free_count];
}

void xnb_zc_attach(struct xnb_queue *q, struct sk_buff *skb, u16 head)
{
	struct ubuf_info *ubuf = &q->pending[head].ubuf;

	compat_ubuf_set_ops(ubuf, xnb_zc_ops);
	ubuf->flags = SKBFL_ZEROCOPY_FRAG;
	refcount_set(&ubuf->refcnt, 1);
	skb_zcopy_init(skb, ubuf);
	atomic_inc(&q->zc_inflight);
}

bool xnb_zc_done_pending(struct xnb_queue *q)
{
	return q->pending && READ_ONCE(q->zc_done_count);
}

static struct xnb_tx_pending *xnb_zc_slot_of(struct xnb_queue *q,
					     struct page *page)
{
	unsigned int i;

	for (i = 0; i < XNB_TX_PENDING_MAX; i++)
		if (q->pending[i].page == page)
			return &q->pending[i];
	return NULL;
}

/*
 * A page whose unmap failed may still show the guest's frame: it is set
 * aside for the queue's life rather than mapped again or freed.
 */
static void xnb_zc_unmap(struct xnb_queue *q, unsigned int n)
{
	unsigned int i, lost = 0;
	int err;

	if (!n)
		return;
	err = gnttab_unmap_refs(q->unmap_ops, NULL, q->unmap_pages, n);
	for (i = 0; i < n; i++) {
		struct xnb_tx_pending *p;

		if (!err && q->unmap_ops[i].status == GNTST_okay)
			continue;
		p = xnb_zc_slot_of(q, q->unmap_pages[i]);
		if (p)
			p->lost = true;
		lost++;
	}
	if (lost)
		netdev_err(q->vif->dev,
			   "%s: grant unmap failed (%d) for %u pages; set aside\n",
			   q->name, err, lost);
}

/* Unmap the pages of released packets, then answer their slots. */
void xnb_zc_complete(struct xnb_queue *q)
{
	u16 heads[XNB_TX_PENDING_MAX];
	unsigned int i, n, nunmap = 0;
	unsigned long flags;

	if (!xnb_zc_done_pending(q))
		return;

	spin_lock_irqsave(&q->zc_lock, flags);
	n = q->zc_done_count;
	memcpy(heads, q->zc_done, n * sizeof(heads[0]));
	q->zc_done_count = 0;
	spin_unlock_irqrestore(&q->zc_lock, flags);

	for (i = 0; i < n; i++) {
		u16 idx;

		for (idx = heads[i]; idx != XNB_PENDING_END;
		     idx = q->pending[idx].next) {
			struct xnb_tx_pending *p = &q->pending[idx];

			if (!p->mapped)
				continue;
			gnttab_set_unmap_op(&q->unmap_ops[nunmap],
					    (unsigned long)page_address(p->page),
					    GNTMAP_host_map | GNTMAP_readonly,
					    p->handle);
			q->unmap_pages[nunmap++] = p->page;
			p->mapped = false;
			if (nunmap == XNB_TX_MAP_OPS) {
				xnb_zc_unmap(q, nunmap);
				nunmap = 0;
			}
		}
	}
	xnb_zc_unmap(q, nunmap);

	for (i = 0; i < n; i++) {
		u16 idx = heads[i];

		while (idx != XNB_PENDING_END) {
			struct xnb_tx_pending *p = &q->pending[idx];

			xnb_tx_make_response(q, p->req_id, p->status);
			if (!p->lost)
				q->pending_free[q->pending_free_count++] = idx;
			idx = p->next;
		}
		atomic_dec(&q->zc_inflight);
	}
	WRITE_ONCE(q->stats->tx_zc_completed, q->stats->tx_zc_completed + n);
	if (q->tx.sring)
		xnb_tx_push_responses(q);
}

/* Teardown: every mapped page must come back before the grants go. */
void xnb_zc_wait_idle(struct xnb_queue *q)
{
	unsigned long warn_at = jiffies + XNB_ZC_WAIT_WARN;

	for (;;) {
		xnb_zc_complete(q);
		if (!atomic_read(&q->zc_inflight))
			break;
		if (time_after(jiffies, warn_at)) {
			netdev_warn(q->vif->dev,
				    "%s: waiting for %d packets held by the stack\n",
				    q->name, atomic_read(&q->zc_inflight));
			warn_at = jiffies + XNB_ZC_WAIT_WARN;
		}
		msleep(XNB_ZC_WAIT_POLL_MS);
	}
}
