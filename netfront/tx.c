// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: guest transmit.
 *
 * Each page fragment of a packet is granted read-only in its own slot; a
 * GSO packet carries one extra-info slot after the first. A packet that
 * needs more data slots than every backend must accept is linearized, so
 * it is never dropped for its shape. Completions are reaped in NAPI.
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "common.h"
#include "flow.h"
#include "toeplitz.h"
#include "ring_check.h"

/*
 * Queue choice: the Toeplitz hash of the flow as the backend sees the
 * packets coming back (source and destination swapped), through the same
 * key and table the control ring gave the backend, so both directions of
 * a flow meet on one queue. Packets without an IP flow use XPS.
 */
u16 xnf_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev)
{
	const struct xnf_rss *rss = &xnf_info(dev)->rss;
	unsigned int n = dev->real_num_tx_queues;
	struct xnet_flow flow;
	u8 type_bit;
	u32 hash;

	if (n == 1)
		return 0;
	if (xnet_flow_parse(skb->data, skb_headlen(skb), &flow) != XNET_FLOW_NONE) {
		xnet_flow_reverse(&flow);
		if (xnet_toeplitz_flow(rss->key, sizeof(rss->key), rss->hash_flags,
				       &flow, &hash, &type_bit))
			return xnet_queue_from_hash(&rss->map, hash, n);
	}
	return netdev_pick_tx(dev, skb, sb_dev) % n;
}

/* Xen pages a buffer spans; frags may sit at any offset of a compound page. */
static unsigned int xnf_span(unsigned long offset, unsigned int len)
{
	return DIV_ROUND_UP((offset & ~XEN_PAGE_MASK) + len, XEN_PAGE_SIZE);
}

static unsigned int xnf_tx_data_slots(const struct sk_buff *skb)
{
	unsigned int i, n = 0;

	if (skb_headlen(skb))
		n = xnf_span(offset_in_page(skb->data), skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		n += xnf_span(skb_frag_off(f), skb_frag_size(f));
	}
	return n;
}

/* Bytes the first slot would carry: the backend wants the whole L2 header. */
static unsigned int xnf_tx_first_len(const struct sk_buff *skb)
{
	if (!skb_headlen(skb))
		return 0;
	return min_t(unsigned int, skb_headlen(skb),
		     PAGE_SIZE - offset_in_page(skb->data));
}

static void xnf_tx_count(struct xnf_queue *q, u64_stats_t *ctr, u64 add)
{
	u64_stats_update_begin(&q->stats->syncp);
	u64_stats_add(ctr, add);
	u64_stats_update_end(&q->stats->syncp);
}

/*
 * Untrusted backend: a grant opens its whole page, so the packet moves to
 * a zeroed buffer of its own whose data starts on a page boundary; the
 * pages granted then hold packet bytes and zeros only (skb_shared_info
 * lies past the last data page: alloc_skb puts it after the room asked).
 */
static struct sk_buff *xnf_tx_bounce(struct sk_buff *skb)
{
	struct sk_buff *copy;

	copy = alloc_skb(ALIGN(skb->len, XEN_PAGE_SIZE),
			 GFP_ATOMIC | __GFP_NOWARN | __GFP_ZERO);
	if (copy && (!IS_ALIGNED((unsigned long)copy->data, XEN_PAGE_SIZE) ||
		     skb_copy_bits(skb, 0, skb_put(copy, skb->len), skb->len))) {
		kfree_skb(copy);
		copy = NULL;
	}
	if (copy) {
		skb_copy_header(copy, skb);
		/* Header offsets count from the head, and the headroom changed. */
		skb_headers_offset_update(copy, skb_headroom(copy) - skb_headroom(skb));
	}
	dev_consume_skb_any(skb);
	return copy;
}

/*
 * Reshape a packet the ring can't take as it is. Returns the skb to send
 * (maybe a new one) or NULL when it had to be dropped (counted).
 */
static struct sk_buff *xnf_tx_shape(struct xnf_queue *q, struct sk_buff *skb)
{
	struct sk_buff *copy;

	if (READ_ONCE(q->info->bounce)) {
		skb = xnf_tx_bounce(skb);
		if (!skb)
			return NULL;
		xnf_tx_count(q, &q->stats->tx_bounced, 1);
	}

	if (xnf_tx_first_len(skb) < ETH_HLEN) {
		copy = skb_copy(skb, GFP_ATOMIC);
		dev_consume_skb_any(skb);
		skb = copy;
		if (!skb)
			return NULL;
	}
	if (xnf_tx_data_slots(skb) > XNET_NR_SLOTS_MIN) {
		if (skb_linearize(skb)) {
			dev_kfree_skb_any(skb);
			return NULL;
		}
		xnf_tx_count(q, &q->stats->tx_linearized, 1);
	}
	if (xnf_tx_data_slots(skb) > XNET_NR_SLOTS_MIN) {
		dev_kfree_skb_any(skb);
		return NULL;
	}
	return skb;
}

struct xnf_tx_build {
	struct xnf_queue *q;
	struct sk_buff *skb;
	struct xnet_tx_request *last;
	RING_IDX prod;
	u16 first_flags;
	bool gso;
};

static void xnf_tx_slot(struct xnf_tx_build *b, struct page *page,
			unsigned int offset, unsigned int len)
{
	struct xnf_queue *q = b->q;
	struct xnet_tx_request *req;
	struct xnf_tx_buf *buf;
	grant_ref_t ref;
	u16 id;

	id = q->tx_free_head;
	buf = &q->tx_bufs[id];
	q->tx_free_head = buf->next_free;
	q->tx_ids_free--;
	ref = gnttab_claim_grant_reference(&q->tx_gref_head);
	q->tx_grefs_free--;
	gnttab_grant_foreign_access_ref(ref, q->info->xbdev->otherend_id,
					xen_page_to_gfn(page), 1);
	/* Every slot holds a reference, so completions may come in any order. */
	buf->skb = b->last ? skb_get(b->skb) : b->skb;
	buf->page = page;
	buf->gref = ref;

	req = RING_GET_REQUEST(&q->tx, b->prod++);
	req->id = id;
	req->gref = ref;
	req->offset = offset;
	if (b->last) {
		b->last->flags |= XNET_TXF_MORE_DATA;
		req->size = len;
		req->flags = 0;
		b->last = req;
		return;
	}
	/* The first slot states the whole packet length. */
	req->size = b->skb->len;
	req->flags = b->first_flags;
	b->last = req;
	if (b->gso) {
		struct xnet_extra_info *gso;

		req->flags |= XNET_TXF_EXTRA_INFO;
		gso = (struct xnet_extra_info *)RING_GET_REQUEST(&q->tx, b->prod++);
		memset(gso, 0, sizeof(*gso));
		gso->type = XNET_EXTRA_TYPE_GSO;
		gso->u.gso.size = skb_shinfo(b->skb)->gso_size;
		gso->u.gso.type = (skb_shinfo(b->skb)->gso_type & SKB_GSO_TCPV6) ?
				  XNET_GSO_TYPE_TCPV6 : XNET_GSO_TYPE_TCPV4;
	}
}

/* One slot per Xen page the buffer touches. */
static void xnf_tx_region(struct xnf_tx_build *b, struct page *page,
			  unsigned long offset, unsigned int len)
{
	/* A grant covers one Xen page: x86 pages are exactly that. */
	BUILD_BUG_ON(PAGE_SIZE != XEN_PAGE_SIZE);
	page += offset >> PAGE_SHIFT;
	offset &= ~PAGE_MASK;
	while (len) {
		unsigned int chunk = min_t(unsigned int, len, PAGE_SIZE - offset);

		xnf_tx_slot(b, page, offset, chunk);
		len -= chunk;
		offset = 0;
		page++;
	}
}

static u16 xnf_tx_csum_flags(const struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		return XNET_TXF_CSUM_BLANK | XNET_TXF_DATA_VALIDATED;
	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return XNET_TXF_DATA_VALIDATED;
	return 0;
}

netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xnf_info *info = xnf_info(dev);
	u16 qid = skb_get_queue_mapping(skb);
	struct xnf_tx_build b = { };
	struct netdev_queue *txq;
	unsigned int slots, len;
	struct xnf_queue *q;
	int notify;
	int i;

	if (unlikely(qid >= info->num_queues || !test_bit(XNF_CONNECTED, &info->flags) ||
		     xnf_is_broken(info))) {
		dev_kfree_skb_any(skb);
		/* qid < num_tx_queues always; the stats array has that many. */
		u64_stats_update_begin(&info->stats[qid].syncp);
		u64_stats_inc(&info->stats[qid].tx_drops);
		u64_stats_update_end(&info->stats[qid].syncp);
		return NETDEV_TX_OK;
	}
	q = &info->queues[qid];
	txq = netdev_get_tx_queue(dev, qid);

	skb = xnf_tx_shape(q, skb);
	if (!skb) {
		xnf_tx_count(q, &q->stats->tx_drops, 1);
		return NETDEV_TX_OK;
	}
	slots = xnf_tx_data_slots(skb);
	b.gso = skb_is_gso(skb);

	spin_lock(&q->tx_lock);
	if (unlikely(RING_FREE_REQUESTS(&q->tx) < slots + b.gso ||
		     q->tx_grefs_free < slots)) {
		/*
		 * Should not happen: the queue stops while a packet may not
		 * fit. The skb may be a reshaped copy, so it can't go back to
		 * the stack with NETDEV_TX_BUSY: drop it.
		 */
		netif_tx_stop_queue(txq);
		spin_unlock(&q->tx_lock);
		dev_kfree_skb_any(skb);
		xnf_tx_count(q, &q->stats->tx_ring_full, 1);
		xnf_tx_count(q, &q->stats->tx_drops, 1);
		return NETDEV_TX_OK;
	}

	b.q = q;
	b.skb = skb;
	b.prod = q->tx.req_prod_pvt;
	b.first_flags = xnf_tx_csum_flags(skb);
	len = skb->len;
	if (skb_headlen(skb))
		xnf_tx_region(&b, virt_to_page(skb->data), offset_in_page(skb->data),
			      skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		xnf_tx_region(&b, skb_frag_page(f), skb_frag_off(f),
			      skb_frag_size(f));
	}
	q->tx.req_prod_pvt = b.prod;
	skb_tx_timestamp(skb);

	if (RING_FREE_REQUESTS(&q->tx) < XNF_TX_WAKE_SLOTS) {
		netif_tx_stop_queue(txq);
		xnf_tx_count(q, &q->stats->tx_ring_full, 1);
	}
	if (!netdev_xmit_more() || netif_xmit_stopped(txq)) {
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&q->tx, notify);
		if (notify)
			notify_remote_via_irq(q->tx_irq);
	}
	spin_unlock(&q->tx_lock);

	u64_stats_update_begin(&q->stats->syncp);
	u64_stats_inc(&q->stats->tx_packets);
	u64_stats_add(&q->stats->tx_bytes, len);
	u64_stats_update_end(&q->stats->syncp);
	return NETDEV_TX_OK;
}

/*
 * Take back a slot's grant and free its id. If the backend still uses the
 * grant, its page goes to the grant table's deferred list and the
 * reference leaves our pool for good; the skb's reference is abandoned
 * rather than dropped, since a head from the slab would otherwise be
 * reused while the backend can still read it. Returns false in that case.
 */
static bool xnf_tx_release(struct xnf_queue *q, u16 id)
{
	struct xnf_tx_buf *buf = &q->tx_bufs[id];
	bool taken_back = gnttab_end_foreign_access_ref(buf->gref);

	if (taken_back) {
		gnttab_release_grant_reference(&q->tx_gref_head, buf->gref);
		q->tx_grefs_free++;
		dev_consume_skb_any(buf->skb);
	} else {
		get_page(buf->page);
		gnttab_end_foreign_access(buf->gref, buf->page);
		skb_orphan(buf->skb);	/* the socket need not wait for it */
	}
	buf->skb = NULL;
	buf->page = NULL;
	buf->next_free = q->tx_free_head;
	q->tx_free_head = id;
	q->tx_ids_free++;
	return taken_back;
}

/* Reap TX responses. Called from NAPI. */
void xnf_tx_complete(struct xnf_queue *q)
{
	struct xnet_tx_response rsp;
	const char *bad = NULL;
	RING_IDX cons, prod;
	unsigned int errors = 0;

	spin_lock(&q->tx_lock);
	cons = q->tx.rsp_cons;
	prod = READ_ONCE(q->tx.sring->rsp_prod);
	virt_rmb();	/* read responses only after rsp_prod */
	if (!xnet_ring_responses_ok(prod, cons, q->tx.req_prod_pvt)) {
		bad = "TX responses beyond requests";
		goto out;
	}
	for (; cons != prod; cons++) {
		RING_COPY_RESPONSE(&q->tx, cons, &rsp);
		if (rsp.status == XNET_RSP_NULL)
			continue;
		if (!xnet_ring_id_ok(rsp.id, XNF_TX_RING_SIZE) ||
		    !q->tx_bufs[rsp.id].skb) {
			bad = "TX response with an id not in use";
			break;
		}
		if (rsp.status != XNET_RSP_OKAY)
			errors++;
		if (!xnf_tx_release(q, rsp.id))
			bad = "TX grant still in use after its response";
	}
	q->tx.rsp_cons = cons;
	if (!bad && netif_tx_queue_stopped(netdev_get_tx_queue(q->info->netdev, q->id)) &&
	    RING_FREE_REQUESTS(&q->tx) >= XNF_TX_WAKE_SLOTS &&
	    test_bit(XNF_CONNECTED, &q->info->flags) && !xnf_is_broken(q->info))
		netif_tx_wake_queue(netdev_get_tx_queue(q->info->netdev, q->id));
out:
	spin_unlock(&q->tx_lock);
	if (errors)
		xnf_tx_count(q, &q->stats->tx_errors, errors);
	if (bad)
		xnf_fatal(q->info, q, bad);
}

/* Is there anything for NAPI, after re-arming the response event? */
bool xnf_tx_has_work(struct xnf_queue *q)
{
	int more;

	RING_FINAL_CHECK_FOR_RESPONSES(&q->tx, more);
	return more;
}

/* Teardown: the backend has disconnected (or is gone). */
void xnf_tx_release_all(struct xnf_queue *q)
{
	unsigned int id;

	spin_lock_bh(&q->tx_lock);
	for (id = 0; id < XNF_TX_RING_SIZE; id++) {
		if (!q->tx_bufs[id].skb)
			continue;
		xnf_tx_release(q, id);
	}
	spin_unlock_bh(&q->tx_lock);
}
