// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: guest receive and the per-queue NAPI poll.
 *
 * The backend grant-copies packets into pages we post, one page per RX
 * slot; a response sits in the ring slot of its request, so a slot's page
 * is found by ring index. A packet is its first data slot, then any
 * extra-info slots (GSO, hash), then more data slots while more_data is
 * set. Pages become skb fragments; the headers are pulled into the head.
 */
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "common.h"
#include "ring_check.h"
#include "xnet_types.h"

/* One received packet's layout, read from the ring before it is consumed. */
struct xnf_rx_pkt {
	unsigned int slots;		/* ring slots, extras included */
	unsigned int nr_data;		/* data slots recorded in data[] */
	u16 flags;			/* first slot's XNET_RXF_* */
	const char *bad;		/* set when the layout is invalid */
	struct xnet_extra_info gso;
	struct xnet_extra_info hash;
	struct {
		RING_IDX idx;
		u16 offset;
		u16 len;
	} data[XNF_RX_MAX_DATA_SLOTS];
};

static void xnf_rx_count(struct xnf_queue *q, u64_stats_t *ctr)
{
	u64_stats_update_begin(&q->stats->syncp);
	u64_stats_inc(ctr);
	u64_stats_update_end(&q->stats->syncp);
}

static void xnf_rx_add_data(struct xnf_rx_pkt *pkt, RING_IDX idx,
			    const struct xnet_rx_response *rsp)
{
	if (rsp->status < 0) {
		pkt->bad = "error status";
		return;
	}
	if (rsp->offset + rsp->status > XEN_PAGE_SIZE) {
		pkt->bad = "data beyond its page";
		return;
	}
	if (pkt->nr_data == XNF_RX_MAX_DATA_SLOTS) {
		pkt->bad = "too many slots";
		return;
	}
	pkt->data[pkt->nr_data].idx = idx;
	pkt->data[pkt->nr_data].offset = rsp->offset;
	pkt->data[pkt->nr_data].len = rsp->status;
	pkt->nr_data++;
}

/*
 * Describe the packet starting at cons. Returns false when it is not
 * complete yet (its last slot not produced).
 */
static bool xnf_rx_parse(struct xnf_queue *q, RING_IDX cons, RING_IDX prod,
			 struct xnf_rx_pkt *pkt)
{
	struct xnet_rx_response rsp;
	struct xnet_extra_info extra;
	RING_IDX i = cons;
	unsigned int extras = 0;
	bool more;

	BUILD_BUG_ON(sizeof(extra) != sizeof(rsp));
	memset(pkt, 0, offsetof(struct xnf_rx_pkt, data));
	RING_COPY_RESPONSE(&q->rx, i, &rsp);
	pkt->flags = rsp.flags;
	xnf_rx_add_data(pkt, i++, &rsp);
	more = rsp.flags & XNET_RXF_MORE_DATA;

	if (rsp.flags & XNET_RXF_EXTRA_INFO) {
		do {
			if (i == prod)
				return false;
			/* An extra segment occupies a whole response slot. */
			RING_COPY_RESPONSE(&q->rx, i, &rsp);
			memcpy(&extra, &rsp, sizeof(extra));
			i++;
			if (++extras >= XNET_EXTRA_TYPE_MAX)
				pkt->bad = "too many extra segments";
			else if (extra.type == XNET_EXTRA_TYPE_GSO)
				pkt->gso = extra;
			else if (extra.type == XNET_EXTRA_TYPE_HASH)
				pkt->hash = extra;
		} while (extra.flags & XNET_EXTRA_FLAG_MORE);
	}
	while (more) {
		if (i == prod)
			return false;
		RING_COPY_RESPONSE(&q->rx, i, &rsp);
		xnf_rx_add_data(pkt, i++, &rsp);
		more = rsp.flags & XNET_RXF_MORE_DATA;
	}
	pkt->slots = i - cons;
	return true;
}

/*
 * Take a slot's page back from the backend. NULL when the backend still
 * holds the grant (the page then stays with the grant table until freed).
 */
static struct page *xnf_rx_take(struct xnf_queue *q, RING_IDX idx)
{
	struct xnf_rx_buf *buf = &q->rx_bufs[idx & (XNF_RX_RING_SIZE - 1)];
	struct page *page = buf->page;

	if (!page)
		return NULL;
	buf->page = NULL;
	if (!gnttab_end_foreign_access_ref(buf->gref)) {
		gnttab_end_foreign_access(buf->gref, page);
		xnf_fatal(q->info, q, "RX grant still in use after its response");
		return NULL;
	}
	gnttab_release_grant_reference(&q->rx_gref_head, buf->gref);
	return page;
}

static bool xnf_rx_offloads(struct xnf_queue *q, struct sk_buff *skb,
			    const struct xnf_rx_pkt *pkt)
{
	const struct xnet_extra_info *gso = &pkt->gso;
	bool blank = pkt->flags & XNET_RXF_CSUM_BLANK;
	bool partial = blank;

	if (gso->type) {
		if (!gso->u.gso.size || (gso->u.gso.type != XNET_GSO_TYPE_TCPV4 &&
					 gso->u.gso.type != XNET_GSO_TYPE_TCPV6))
			return false;
		skb_shinfo(skb)->gso_size = gso->u.gso.size;
		skb_shinfo(skb)->gso_type = SKB_GSO_DODGY |
			(gso->u.gso.type == XNET_GSO_TYPE_TCPV4 ?
			 SKB_GSO_TCPV4 : SKB_GSO_TCPV6);
		skb_shinfo(skb)->gso_segs = 0;
		partial = true;
	}
	if (partial) {
		/*
		 * Checksum left blank by the sender: locate it for the stack.
		 * A blank one already holds the pseudo-header sum; a GSO packet
		 * without the flag (a sloppy backend) gets it computed here.
		 */
		if (skb_checksum_setup(skb, !blank))
			return false;
		xnf_rx_count(q, &q->stats->rx_csum_fixups);
	} else if ((pkt->flags & XNET_RXF_DATA_VALIDATED) &&
		   (q->info->netdev->features & NETIF_F_RXCSUM)) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	}
	if (pkt->hash.type) {
		u8 t = pkt->hash.u.hash.type;
		bool l4 = t == XNET_HASH_TYPE_IPV4_TCP_BIT ||
			  t == XNET_HASH_TYPE_IPV6_TCP_BIT;

		skb_set_hash(skb, xnet_load_le32(pkt->hash.u.hash.value),
			     l4 ? PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);
	}
	return true;
}

/* Consume the packet's slots and hand it to the stack (or drop it). */
static void xnf_rx_deliver(struct xnf_queue *q, RING_IDX cons,
			   struct xnf_rx_pkt *pkt)
{
	struct net_device *dev = q->info->netdev;
	struct page *pages[XNF_RX_MAX_DATA_SLOTS];
	struct sk_buff *skb = NULL;
	unsigned int i, d = 0, len = 0;
	bool ok = !pkt->bad;

	/* Every slot gives its page back, extras included. */
	for (i = 0; i < pkt->slots; i++) {
		RING_IDX idx = cons + i;
		struct page *page = xnf_rx_take(q, idx);

		if (d < pkt->nr_data && pkt->data[d].idx == idx) {
			pages[d++] = page;
			ok = ok && page;
		} else if (page) {
			put_page(page);
		}
	}
	for (i = 0; i < pkt->nr_data; i++)
		len += pkt->data[i].len;
	if (ok && len >= ETH_HLEN)
		skb = napi_alloc_skb(&q->napi, XNF_RX_PULL_LEN);
	for (i = 0; i < pkt->nr_data; i++) {
		if (!pages[i])
			continue;
		if (skb && pkt->data[i].len)
			skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, pages[i],
					pkt->data[i].offset, pkt->data[i].len,
					PAGE_SIZE);
		else
			put_page(pages[i]);
	}
	if (!skb)
		goto drop;
	if (!__pskb_pull_tail(skb, min_t(unsigned int, skb->len, XNF_RX_PULL_LEN)))
		goto drop;
	skb->protocol = eth_type_trans(skb, dev);
	/* The checksum setup below reads the IP header through this. */
	skb_reset_network_header(skb);
	if (!xnf_rx_offloads(q, skb, pkt))
		goto drop;

	u64_stats_update_begin(&q->stats->syncp);
	u64_stats_inc(&q->stats->rx_packets);
	u64_stats_add(&q->stats->rx_bytes, len);
	u64_stats_update_end(&q->stats->syncp);
	skb_record_rx_queue(skb, q->id);
	napi_gro_receive(&q->napi, skb);
	return;

drop:
	if (pkt->bad)
		xnf_peer_err(q->info, q, "RX packet dropped: %s\n", pkt->bad);
	dev_kfree_skb_any(skb);
	xnf_rx_count(q, &q->stats->rx_drops);
}

static int xnf_rx_process(struct xnf_queue *q, int budget)
{
	RING_IDX cons = q->rx.rsp_cons, prod;
	struct xnf_rx_pkt pkt;
	int done = 0;

	prod = READ_ONCE(q->rx.sring->rsp_prod);
	virt_rmb();	/* read responses only after rsp_prod */
	if (!xnet_ring_responses_ok(prod, cons, q->rx.req_prod_pvt)) {
		xnf_fatal(q->info, q, "RX responses beyond requests");
		return 0;
	}
	q->rx_need = cons;
	while (cons != prod && done < budget) {
		if (!xnf_rx_parse(q, cons, prod, &pkt)) {
			/* A packet filling every posted slot can never finish. */
			if (prod == q->rx.req_prod_pvt &&
			    xnet_ring_pending(prod, cons) == XNF_RX_RING_SIZE)
				xnf_fatal(q->info, q, "RX packet larger than the ring");
			q->rx_need = prod;
			break;
		}
		xnf_rx_deliver(q, cons, &pkt);
		if (xnf_is_broken(q->info))
			break;
		cons += pkt.slots;
		q->rx.rsp_cons = cons;
		q->rx_need = cons;
		done++;
	}
	return done;
}

/* Post a page in every free RX slot. */
static void xnf_rx_refill_gfp(struct xnf_queue *q, gfp_t gfp)
{
	domid_t otherend = q->info->xbdev->otherend_id;
	RING_IDX prod = q->rx.req_prod_pvt;
	int notify;

	/* A buffer's old contents are readable through its grant. */
	if (q->info->bounce)
		gfp |= __GFP_ZERO;
	while (xnet_ring_pending(prod, q->rx.rsp_cons) < XNF_RX_RING_SIZE) {
		struct xnf_rx_buf *buf = &q->rx_bufs[prod & (XNF_RX_RING_SIZE - 1)];
		struct xnet_rx_request *req;
		struct page *page;
		int ref;

		page = alloc_page(gfp | __GFP_NOWARN);
		if (!page) {
			mod_timer(&q->rx_refill_timer, jiffies + XNF_RX_REFILL_RETRY);
			break;
		}
		ref = gnttab_claim_grant_reference(&q->rx_gref_head);
		if (ref < 0) {
			/* Only after a backend kept grants: already broken. */
			put_page(page);
			break;
		}
		gnttab_page_grant_foreign_access_ref_one(ref, otherend, page, 0);
		buf->page = page;
		buf->gref = ref;
		req = RING_GET_REQUEST(&q->rx, prod);
		req->id = prod & (XNF_RX_RING_SIZE - 1);
		req->gref = ref;
		prod++;
	}
	if (prod == q->rx.req_prod_pvt)
		return;
	q->rx.req_prod_pvt = prod;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&q->rx, notify);
	if (notify)
		notify_remote_via_irq(q->rx_irq);
}

void xnf_rx_refill(struct xnf_queue *q)
{
	xnf_rx_refill_gfp(q, GFP_KERNEL);
}

void xnf_rx_refill_timeout(struct timer_list *t)
{
	struct xnf_queue *q = from_timer(q, t, rx_refill_timer);

	napi_schedule(&q->napi);
}

/* Re-arm the response event; true when responses arrived meanwhile. */
bool xnf_rx_has_work(struct xnf_queue *q)
{
	q->rx.sring->rsp_event = q->rx_need + 1;
	virt_mb();	/* publish rsp_event before re-reading rsp_prod */
	return READ_ONCE(q->rx.sring->rsp_prod) != q->rx_need;
}

int xnf_poll(struct napi_struct *napi, int budget)
{
	struct xnf_queue *q = container_of(napi, struct xnf_queue, napi);
	int done = 0;

	if (likely(!xnf_is_broken(q->info))) {
		xnf_tx_complete(q);
		done = xnf_rx_process(q, budget);
		xnf_rx_refill_gfp(q, GFP_ATOMIC);
	}
	if (done < budget && napi_complete_done(napi, done) &&
	    !xnf_is_broken(q->info)) {
		bool tx = xnf_tx_has_work(q);

		if (xnf_rx_has_work(q) || tx)
			napi_schedule(napi);
	}
	return done;
}

/* Teardown: the backend has disconnected (or is gone). */
void xnf_rx_release_all(struct xnf_queue *q)
{
	unsigned int i;

	for (i = 0; i < XNF_RX_RING_SIZE; i++) {
		struct xnf_rx_buf *buf = &q->rx_bufs[i];

		if (!buf->page)
			continue;
		/* Drops our page reference now or once the backend lets go. */
		gnttab_end_foreign_access(buf->gref, buf->page);
		buf->page = NULL;
	}
}
