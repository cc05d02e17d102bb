// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: guest TX (packets from the guest into dom0).
 *
 * Every request chain on the guest's TX ring is judged by the core
 * validator before anything is copied or mapped.  A packet is then built
 * into an skb: its headers grant-copied into the linear area, the rest
 * either grant-mapped as fragments (zero copy; those slots are answered
 * when the stack releases the pages, see zerocopy.c) or grant-copied into
 * dom0 pages (small packets, zero copy off, or out of pending slots).
 * The copies and maps of a whole batch go to Xen in one hypercall each.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <xen/events.h>
#include <xen/page.h>

#include "common.h"
#include "ring_check.h"

/* One stretch of guest data: a slot, or the first slot's own bytes. */
struct xnb_tx_src {
	grant_ref_t gref;
	u16 offset;
	u16 size;
	u16 id;
};

/* A packet of the current batch, from build to delivery. */
struct xnb_tx_pkt {
	struct sk_buff *skb;
	unsigned int first_op;		/* its grant-copy ops */
	unsigned int nr_ops;
	u16 flags;			/* first request's XNET_TXF_* */
	u16 nr_extras;			/* slots answered XNET_RSP_NULL */
	u16 nr_now;			/* data slots answered at the batch end */
	u16 now_ids[XNB_TX_CHAIN_MAX];
	u16 zc_head;			/* mapped slots, or XNB_PENDING_END */
	struct xnet_extra_info gso;
	bool error;
};

/* Ring reader handed to the core validator. */
struct xnb_tx_ctx {
	struct xnb_queue *q;
	RING_IDX cons;
	u32 avail;
	struct xnet_tx_request reqs[XNB_TX_CHAIN_MAX];
};

struct xnb_tx_batch {
	unsigned int npkts;
	unsigned int nops;
	unsigned int nmaps;
};

static const struct xnet_tx_limits xnb_tx_limits = {
	.max_slots = XNET_TX_MAX_SLOTS_DEFAULT,
	.fatal_slots = XNET_TX_FATAL_SLOTS_DEFAULT,
	.extra_types = XNET_TX_EXTRAS_BACKEND,
};

int xnb_tx_init(struct xnb_queue *q)
{
	q->tx_pkts = kcalloc(XNB_TX_BATCH, sizeof(*q->tx_pkts), GFP_KERNEL);
	q->tx_copy_ops = kcalloc(XNB_TX_COPY_OPS, sizeof(*q->tx_copy_ops),
				 GFP_KERNEL);
	if (!q->tx_pkts || !q->tx_copy_ops)
		return -ENOMEM;
	return 0;
}

void xnb_tx_free(struct xnb_queue *q)
{
	kfree(q->tx_pkts);
	kfree(q->tx_copy_ops);
	q->tx_pkts = NULL;
	q->tx_copy_ops = NULL;
}

/* Copy (never re-read) each slot the validator asks for. */
static bool xnb_tx_get_slot(void *ctx, u32 index, struct xnet_tx_request *slot)
{
	struct xnb_tx_ctx *c = ctx;

	if (index >= XNB_TX_CHAIN_MAX || index >= c->avail)
		return false;
	RING_COPY_REQUEST(&c->q->tx, c->cons + index, &c->reqs[index]);
	*slot = c->reqs[index];
	return true;
}

void xnb_tx_make_response(struct xnb_queue *q, u16 id, s16 status)
{
	struct xnet_tx_response *rsp;

	rsp = RING_GET_RESPONSE(&q->tx, q->tx.rsp_prod_pvt);
	rsp->id = id;
	rsp->status = status;
	q->tx.rsp_prod_pvt++;
}

void xnb_tx_push_responses(struct xnb_queue *q)
{
	int notify;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->tx, notify);
	if (notify && q->tx_irq)
		notify_remote_via_irq(q->tx_irq);
}

/* Answer a whole chain at once: data slots with status, extras NULL. */
static void xnb_tx_answer_chain(struct xnb_queue *q, const struct xnb_tx_ctx *c,
				const struct xnet_tx_chain *chain, s16 status)
{
	u32 i;

	for (i = 0; i < chain->slots; i++) {
		bool extra = i >= 1 && i <= chain->extra_slots;

		xnb_tx_make_response(q, c->reqs[i].id,
				     extra ? XNET_RSP_NULL : status);
	}
}

/* Queue grant copies of guest bytes to dst, split at dom0 page ends. */
static void xnb_tx_copy_to(struct xnb_queue *q, unsigned int *nops,
			   grant_ref_t gref, unsigned int src_off, u8 *dst,
			   unsigned int len)
{
	while (len) {
		unsigned int dst_off = offset_in_page(dst);
		unsigned int chunk = min_t(unsigned int, len,
					   XEN_PAGE_SIZE - dst_off);
		struct gnttab_copy *op = &q->tx_copy_ops[(*nops)++];

		op->source.u.ref = gref;
		op->source.domid = q->vif->domid;
		op->source.offset = src_off;
		op->dest.u.gmfn = virt_to_gfn(dst);
		op->dest.domid = DOMID_SELF;
		op->dest.offset = dst_off;
		op->len = chunk;
		op->flags = GNTCOPY_source_gref;
		src_off += chunk;
		dst += chunk;
		len -= chunk;
	}
}

/* The chain's data stretches in order; zero-size slots answered now. */
static unsigned int xnb_tx_sources(const struct xnb_tx_ctx *c,
				   const struct xnet_tx_chain *chain,
				   struct xnb_tx_pkt *pkt,
				   struct xnb_tx_src *srcs)
{
	unsigned int n = 0;
	u32 i;

	if (chain->first_size)
		srcs[n++] = (struct xnb_tx_src){ c->reqs[0].gref,
			c->reqs[0].offset, chain->first_size, c->reqs[0].id };
	else
		pkt->now_ids[pkt->nr_now++] = c->reqs[0].id;

	for (i = 1 + chain->extra_slots; i < chain->slots; i++) {
		const struct xnet_tx_request *r = &c->reqs[i];

		if (r->size)
			srcs[n++] = (struct xnb_tx_src){ r->gref, r->offset,
							 r->size, r->id };
		else
			pkt->now_ids[pkt->nr_now++] = r->id;
	}
	return n;
}

/* Whole packet copied: headers (or all of a small one) linear, rest paged. */
static int xnb_tx_build_copy(struct xnb_queue *q, struct xnb_tx_pkt *pkt,
			     const struct xnb_tx_src *srcs, unsigned int nsrc,
			     unsigned int total, struct xnb_tx_batch *b)
{
	unsigned int linear = total <= XNB_TX_LINEAR_MAX ? total :
			      XNB_TX_COPY_HDR_LEN;
	unsigned int rest = total - linear;
	unsigned int i, frag = 0, dst_left = linear;
	struct sk_buff *skb;
	u8 *dst;

	skb = __netdev_alloc_skb_ip_align(q->vif->dev, linear, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_put(skb, linear);
	for (i = 0; rest; i++) {
		unsigned int len = min_t(unsigned int, rest, PAGE_SIZE);
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page) {
			kfree_skb(skb);
			return -ENOMEM;
		}
		skb_add_rx_frag(skb, i, page, 0, len, PAGE_SIZE);
		rest -= len;
	}

	pkt->skb = skb;
	pkt->first_op = b->nops;
	dst = skb->data;
	for (i = 0; i < nsrc; i++) {
		unsigned int off = 0;

		while (off < srcs[i].size) {
			unsigned int n;

			if (!dst_left) {
				skb_frag_t *f = &skb_shinfo(skb)->frags[frag++];

				dst = skb_frag_address(f);
				dst_left = skb_frag_size(f);
			}
			n = min_t(unsigned int, srcs[i].size - off, dst_left);
			xnb_tx_copy_to(q, &b->nops, srcs[i].gref,
				       srcs[i].offset + off, dst, n);
			off += n;
			dst += n;
			dst_left -= n;
		}
		pkt->now_ids[pkt->nr_now++] = srcs[i].id;
	}
	pkt->nr_ops = b->nops - pkt->first_op;
	return 0;
}

/* Guest slots that still hold data once the headers are copied. */
static unsigned int xnb_tx_zc_slots(const struct xnb_tx_src *srcs,
				    unsigned int nsrc, unsigned int hdr)
{
	unsigned int i, n = 0;

	for (i = 0; i < nsrc; i++) {
		if (srcs[i].size > hdr)
			n++;
		hdr -= min_t(unsigned int, hdr, srcs[i].size);
	}
	return n;
}

/* Headers copied into the linear area, every other byte grant-mapped. */
static int xnb_tx_build_zc(struct xnb_queue *q, struct xnb_tx_pkt *pkt,
			   const struct xnb_tx_src *srcs, unsigned int nsrc,
			   unsigned int total, struct xnb_tx_batch *b)
{
	unsigned int linear = min_t(unsigned int, total, XNB_TX_COPY_HDR_LEN);
	unsigned int i, frag = 0, hdr_left = linear;
	u16 head = XNB_PENDING_END, prev = XNB_PENDING_END;
	struct sk_buff *skb;
	u8 *dst;

	skb = __netdev_alloc_skb_ip_align(q->vif->dev, linear, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_put(skb, linear);
	pkt->skb = skb;
	pkt->first_op = b->nops;
	dst = skb->data;

	for (i = 0; i < nsrc; i++) {
		const struct xnb_tx_src *s = &srcs[i];
		unsigned int off = min_t(unsigned int, hdr_left, s->size);
		struct xnb_tx_pending *p;
		unsigned int m = b->nmaps++;
		u16 idx;

		if (off) {
			xnb_tx_copy_to(q, &b->nops, s->gref, s->offset, dst, off);
			dst += off;
			hdr_left -= off;
		}
		if (off == s->size) {
			pkt->now_ids[pkt->nr_now++] = s->id;
			b->nmaps--;
			continue;
		}

		idx = xnb_zc_get(q);
		p = &q->pending[idx];
		p->req_id = s->id;
		p->status = XNET_RSP_OKAY;
		p->next = XNB_PENDING_END;
		if (prev == XNB_PENDING_END)
			head = idx;
		else
			q->pending[prev].next = idx;
		prev = idx;

		gnttab_set_map_op(&q->map_ops[m],
				  (unsigned long)page_address(p->page),
				  GNTMAP_host_map | GNTMAP_readonly, s->gref,
				  q->vif->domid);
		q->map_pages[m] = p->page;
		q->map_pending[m] = idx;
		q->map_pkt[m] = pkt - q->tx_pkts;

		/* The stack drops this reference; ours keeps the page. */
		get_page(p->page);
		skb_add_rx_frag(skb, frag++, p->page, s->offset + off,
				s->size - off, s->size - off);
	}
	pkt->nr_ops = b->nops - pkt->first_op;
	pkt->zc_head = head;
	if (head != XNB_PENDING_END)
		xnb_zc_attach(q, skb, head);
	return 0;
}

/* Turn the received bytes into a packet the stack accepts. */
static int xnb_tx_finish_skb(struct xnb_queue *q, struct xnb_tx_pkt *pkt)
{
	struct sk_buff *skb = pkt->skb;
	struct skb_shared_info *sh = skb_shinfo(skb);
	int err = 0;

	skb->protocol = eth_type_trans(skb, q->vif->dev);
	skb_reset_network_header(skb);

	if (pkt->gso.type == XNET_EXTRA_TYPE_GSO) {
		sh->gso_size = pkt->gso.u.gso.size;
		sh->gso_type = pkt->gso.u.gso.type == XNET_GSO_TYPE_TCPV4 ?
			       SKB_GSO_TCPV4 : SKB_GSO_TCPV6;
		/* Header fields came from the guest: have GSO check them. */
		sh->gso_type |= SKB_GSO_DODGY;
		sh->gso_segs = 0;
	}

	if (pkt->flags & XNET_TXF_CSUM_BLANK)
		err = skb_checksum_setup(skb, false);
	else if (skb_is_gso(skb))
		err = skb_checksum_setup(skb, true);
	else if (pkt->flags & XNET_TXF_DATA_VALIDATED)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	if (err)
		return err;

	skb_probe_transport_header(skb);
	if (skb_is_gso(skb)) {
		unsigned int hdr = skb_tcp_all_headers(skb);

		if (skb->len <= hdr)
			return -EINVAL;
		sh->gso_segs = DIV_ROUND_UP(skb->len - hdr, sh->gso_size);
	}
	return 0;
}

static void xnb_tx_zc_fail(struct xnb_queue *q, u16 idx)
{
	while (idx != XNB_PENDING_END) {
		q->pending[idx].status = XNET_RSP_ERROR;
		idx = q->pending[idx].next;
	}
}

/* After the batch's hypercalls: answer, then drop or keep each packet. */
static void xnb_tx_finish_pkt(struct xnb_queue *q, struct xnb_tx_pkt *pkt,
			      struct list_head *deliver)
{
	struct xnb_queue_stats *st = q->stats;
	s16 status = pkt->error ? XNET_RSP_ERROR : XNET_RSP_OKAY;
	unsigned int i, len = pkt->skb->len;

	for (i = 0; i < pkt->nr_now; i++)
		xnb_tx_make_response(q, pkt->now_ids[i], status);
	for (i = 0; i < pkt->nr_extras; i++)
		xnb_tx_make_response(q, 0, XNET_RSP_NULL);

	if (pkt->error) {
		xnb_tx_zc_fail(q, pkt->zc_head);
		goto drop;
	}
	if (xnb_tx_finish_skb(q, pkt))
		goto drop;

	WRITE_ONCE(st->tx_packets, st->tx_packets + 1);
	WRITE_ONCE(st->tx_bytes, st->tx_bytes + len);
	if (pkt->zc_head != XNB_PENDING_END)
		WRITE_ONCE(st->tx_zc_sent, st->tx_zc_sent + 1);
	list_add_tail(&pkt->skb->list, deliver);
	return;
drop:
	WRITE_ONCE(st->tx_drops, st->tx_drops + 1);
	kfree_skb(pkt->skb);
}

/* Run the batch's grant copies and maps, then deliver what arrived. */
static void xnb_tx_flush(struct xnb_queue *q, struct xnb_tx_batch *b)
{
	struct xnb_queue_stats *st = q->stats;
	LIST_HEAD(deliver);
	unsigned int i, j;
	int err = 0;

	if (b->nops)
		gnttab_batch_copy(q->tx_copy_ops, b->nops);
	if (b->nmaps)
		err = gnttab_map_refs(q->map_ops, NULL, q->map_pages, b->nmaps);

	for (i = 0; i < b->nmaps; i++) {
		struct gnttab_map_grant_ref *op = &q->map_ops[i];
		struct xnb_tx_pending *p = &q->pending[q->map_pending[i]];

		/*
		 * A mapping the hypervisor made is ours to undo even when the
		 * kernel failed the batch after the hypercall.
		 */
		if (op->status == GNTST_okay) {
			p->handle = op->handle;
			p->mapped = true;
			if (!err)
				continue;
		} else {
			xnb_peer_err(q, "grant map of ref %u failed (%d)",
				     op->ref, op->status);
		}
		q->tx_pkts[q->map_pkt[i]].error = true;
		WRITE_ONCE(st->tx_map_errors, st->tx_map_errors + 1);
	}
	if (err && net_ratelimit())
		netdev_err(q->vif->dev, "%s: grant map batch failed (%d)\n",
			   q->name, err);

	for (i = 0; i < b->npkts; i++) {
		struct xnb_tx_pkt *pkt = &q->tx_pkts[i];

		for (j = 0; j < pkt->nr_ops; j++) {
			struct gnttab_copy *op = &q->tx_copy_ops[pkt->first_op + j];

			if (op->status == GNTST_okay)
				continue;
			pkt->error = true;
			WRITE_ONCE(st->tx_copy_errors, st->tx_copy_errors + 1);
			xnb_peer_err(q, "grant copy from ref %u failed (%d)",
				     op->source.u.ref, op->status);
			break;
		}
		xnb_tx_finish_pkt(q, pkt, &deliver);
	}
	xnb_tx_push_responses(q);
	b->npkts = 0;
	b->nops = 0;
	b->nmaps = 0;

	if (!list_empty(&deliver)) {
		local_bh_disable();
		netif_receive_skb_list(&deliver);
		local_bh_enable();
	}
}

/* Build one validated packet into the batch; false when out of memory. */
static bool xnb_tx_build(struct xnb_queue *q, const struct xnb_tx_ctx *c,
			 const struct xnet_tx_chain *chain,
			 struct xnb_tx_batch *b)
{
	struct xnb_tx_src srcs[XNB_TX_CHAIN_MAX];
	struct xnb_tx_pkt *pkt = &q->tx_pkts[b->npkts];
	unsigned int nsrc, zc_slots = 0;
	int err;

	memset(pkt, 0, sizeof(*pkt));
	pkt->zc_head = XNB_PENDING_END;
	pkt->flags = c->reqs[0].flags;
	pkt->nr_extras = chain->extra_slots;
	pkt->gso = chain->extras[XNET_EXTRA_TYPE_GSO - 1];
	nsrc = xnb_tx_sources(c, chain, pkt, srcs);

	if (q->pending && chain->total_size > XNB_TX_LINEAR_MAX) {
		zc_slots = xnb_tx_zc_slots(srcs, nsrc, XNB_TX_COPY_HDR_LEN);
		if (zc_slots > MAX_SKB_FRAGS ||
		    zc_slots > xnb_zc_available(q)) {
			WRITE_ONCE(q->stats->tx_zc_fallback,
				   q->stats->tx_zc_fallback + 1);
			zc_slots = 0;
		}
	}
	if (zc_slots)
		err = xnb_tx_build_zc(q, pkt, srcs, nsrc, chain->total_size, b);
	else
		err = xnb_tx_build_copy(q, pkt, srcs, nsrc, chain->total_size,
					b);
	if (err) {
		unsigned int i;

		for (i = 0; i < pkt->nr_now; i++)
			xnb_tx_make_response(q, pkt->now_ids[i], XNET_RSP_ERROR);
		for (i = 0; i < nsrc; i++)
			xnb_tx_make_response(q, srcs[i].id, XNET_RSP_ERROR);
		for (i = 0; i < pkt->nr_extras; i++)
			xnb_tx_make_response(q, 0, XNET_RSP_NULL);
		WRITE_ONCE(q->stats->tx_drops, q->stats->tx_drops + 1);
		return false;
	}
	b->npkts++;
	return true;
}

bool xnb_tx_work_pending(struct xnb_queue *q)
{
	if (!q->tx.sring || READ_ONCE(q->vif->disabled))
		return false;
	if (q->tx_rate_wait && time_before(jiffies, q->tx_resume_at))
		return false;
	return RING_HAS_UNCONSUMED_REQUESTS(&q->tx);
}

/* Consume up to a batch of packets; true when more are waiting. */
bool xnb_tx_action(struct xnb_queue *q)
{
	struct xnb_vif *vif = q->vif;
	struct xnb_tx_batch b = { 0 };
	struct xnb_tx_ctx rd;
	unsigned int budget = XNB_TX_BATCH;
	RING_IDX prod;
	int more = 0;

	if (!q->tx.sring || READ_ONCE(vif->disabled))
		return false;
	if (q->tx_rate_wait) {
		if (time_before(jiffies, q->tx_resume_at))
			return false;
		q->tx_rate_wait = false;
	}

	prod = READ_ONCE(q->tx.sring->req_prod);
	/* Read the requests only after the index that covers them. */
	virt_rmb();
	if (!xnet_ring_requests_ok(prod, q->tx.req_cons, q->tx.rsp_prod_pvt,
				   XNET_RING_SIZE)) {
		xnb_vif_disable(q, "TX producer index out of range");
		return false;
	}

	rd.q = q;
	while (q->tx.req_cons != prod && budget) {
		struct xnet_tx_chain chain;
		enum xnet_tx_verdict verdict;
		unsigned long wait;

		rd.cons = q->tx.req_cons;
		rd.avail = xnet_ring_pending(prod, rd.cons);
		verdict = xnet_tx_validate(&xnb_tx_limits, xnb_tx_get_slot,
					   &rd, &chain);
		if (verdict == XNET_TX_FATAL) {
			xnb_vif_disable(q, xnet_tx_reason_str(chain.reason));
			break;
		}
		if (verdict == XNET_TX_OK &&
		    !xnb_rate_consume(&vif->rate, chain.total_size, &wait)) {
			q->tx_rate_wait = true;
			q->tx_resume_at = jiffies + wait;
			WRITE_ONCE(q->stats->tx_rate_limited,
				   q->stats->tx_rate_limited + 1);
			break;
		}
		q->tx.req_cons += chain.slots;

		if (verdict == XNET_TX_DROP || chain.mcast) {
			if (verdict == XNET_TX_DROP) {
				xnb_peer_err(q, "dropped packet: %s",
					     xnet_tx_reason_str(chain.reason));
				WRITE_ONCE(q->stats->tx_drops,
					   q->stats->tx_drops + 1);
			}
			xnb_tx_answer_chain(q, &rd, &chain,
					    verdict == XNET_TX_DROP ?
					    XNET_RSP_ERROR : XNET_RSP_OKAY);
			continue;
		}

		if (b.nops + XNB_TX_OPS_PER_PKT > XNB_TX_COPY_OPS ||
		    b.nmaps + MAX_SKB_FRAGS > XNB_TX_MAP_OPS)
			xnb_tx_flush(q, &b);
		if (xnb_tx_build(q, &rd, &chain, &b))
			budget--;
	}
	xnb_tx_flush(q, &b);

	if (READ_ONCE(vif->disabled) || q->tx_rate_wait)
		return false;
	if (!budget)
		return true;
	RING_FINAL_CHECK_FOR_REQUESTS(&q->tx, more);
	return more;
}
