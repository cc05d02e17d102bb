// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The peek cases: what a backend can read through the frontend's grants
 * beyond the packet itself. Each TX data slot's page is mapped read-only
 * and every non-zero byte outside the slot's own stretch counts as
 * foreign; each posted RX buffer is mapped before anything is written to
 * it, so every non-zero byte in it is foreign. A frontend that treats its
 * backend as untrusted leaves none.
 */
#include <string.h>
#include <sys/mman.h>

#include "back.h"
#include "tx_validate.h"

static unsigned long back_peek_nonzero(const unsigned char *page, u32 from, u32 to)
{
	unsigned long n = 0;

	for (; from < to; from++)
		n += page[from] != 0;
	return n;
}

/* Map gref read-only and count the non-zero bytes outside [offset, offset + len). */
static void back_peek_page(struct back *b, struct back_peek_count *c, u32 gref, u32 offset,
			   u32 len)
{
	const unsigned char *page;
	unsigned long n;

	page = xengnttab_map_grant_ref(b->gt, b->domid, gref, PROT_READ);
	if (!page) {
		c->map_failures++;
		return;
	}
	if (offset > XNET_PAGE_SIZE || len > XNET_PAGE_SIZE - offset)
		offset = len = 0;
	n = back_peek_nonzero(page, 0, offset) +
	    back_peek_nonzero(page, offset + len, XNET_PAGE_SIZE);
	xengnttab_unmap(b->gt, (void *)page, 1);
	c->pages++;
	if (n) {
		c->foreign_pages++;
		c->foreign_bytes += n;
	}
}

void back_peek_tx_chain(struct back *b, struct back_queue *q, const struct xnet_tx_chain *chain)
{
	u32 i;

	for (i = 0; i < chain->slots; i++) {
		const struct xnet_tx_request *req = RING_GET_REQUEST(&q->tx, q->tx.req_cons + i);

		if (i >= 1 && i <= chain->extra_slots)
			continue;
		back_peek_page(b, &b->peek_tx, req->gref, req->offset,
			       i == 0 ? chain->first_size : req->size);
	}
}

void back_peek_rx_posted(struct back *b)
{
	unsigned int i, n;

	for (i = 0; i < b->num_queues; i++) {
		struct back_queue *q = &b->q[i];

		/* Taken and never answered: the buffers stay the guest's to reclaim. */
		for (n = back_rx_pending(q); n; n--) {
			const struct xnet_rx_request *req = RING_GET_REQUEST(&q->rx, q->rx.req_cons);

			back_peek_page(b, &b->peek_rx, req->gref, 0, 0);
			q->rx.req_cons++;
		}
	}
}
