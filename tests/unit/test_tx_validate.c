// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* TX request-chain validation: accept/reject table and fetch discipline. */
#include "tx_validate.h"
#include "xtest.h"

#define MAXS	64

struct ring {
	struct xnet_tx_request s[MAXS];
	u32 n;			/* slots the "frontend" produced */
	u32 fetched;		/* next index the validator must ask for */
	bool order_ok;
};

static bool get_slot(void *ctx, u32 index, struct xnet_tx_request *slot)
{
	struct ring *r = ctx;

	if (index != r->fetched)
		r->order_ok = false;
	if (index >= r->n)
		return false;
	r->fetched++;
	*slot = r->s[index];
	return true;
}

static void data(struct ring *r, u16 off, u16 size, u16 flags)
{
	struct xnet_tx_request *s = &r->s[r->n++];

	s->gref = 100 + r->n;
	s->offset = off;
	s->size = size;
	s->flags = flags;
	s->id = (u16)r->n;
}

static void extra(struct ring *r, u8 type, u8 flags, u16 gso_size, u8 gso_type)
{
	struct xnet_extra_info e;

	memset(&e, 0, sizeof(e));
	e.type = type;
	e.flags = flags;
	if (type == XNET_EXTRA_TYPE_GSO) {
		e.u.gso.size = gso_size;
		e.u.gso.type = gso_type;
	} else if (type == XNET_EXTRA_TYPE_MCAST_ADD ||
		   type == XNET_EXTRA_TYPE_MCAST_DEL) {
		e.u.mcast.addr[0] = 0x01;
		e.u.mcast.addr[5] = 0x42;
	}
	memset(&r->s[r->n], 0, sizeof(r->s[0]));
	memcpy(&r->s[r->n], &e, sizeof(e));
	r->n++;
}

/* A packet of n data slots: total = first + (n - 1) * each. */
static void packet(struct ring *r, u32 n, u16 first_bytes, u16 each)
{
	u32 i;
	u32 total = first_bytes + (n - 1) * each;

	data(r, 0, (u16)total, n > 1 ? XNET_TXF_MORE_DATA : 0);
	for (i = 1; i < n; i++)
		data(r, 0, each, i + 1 < n ? XNET_TXF_MORE_DATA : 0);
}

static const struct xnet_tx_limits stock = {
	XNET_TX_MAX_SLOTS_DEFAULT, XNET_TX_FATAL_SLOTS_DEFAULT, XNET_TX_EXTRAS_BACKEND
};

static void expect(const char *what, struct ring *r,
		   const struct xnet_tx_limits *lim, enum xnet_tx_verdict v,
		   enum xnet_tx_reason reason, u32 slots)
{
	struct xnet_tx_chain chain;
	enum xnet_tx_verdict got;

	r->fetched = 0;
	r->order_ok = true;
	got = xnet_tx_validate(lim, get_slot, r, &chain);
	XT_CHECK(got == v && chain.reason == reason &&
		 (v == XNET_TX_FATAL || chain.slots == slots) && r->order_ok,
		 "tx %s: %s (%s, %u slots; got %d '%s', %u slots)", what,
		 v == XNET_TX_OK ? "OK" : v == XNET_TX_DROP ? "DROP" : "FATAL",
		 xnet_tx_reason_str(reason), slots, got,
		 xnet_tx_reason_str(chain.reason), chain.slots);
}

static void accept_cases(void)
{
	struct xnet_tx_chain chain;
	struct ring r = { .n = 0 };

	data(&r, 0, 60, 0);
	expect("single 60-byte slot", &r, &stock, XNET_TX_OK, XNET_TXR_NONE, 1);

	r.n = 0;
	data(&r, 4036, 60, 0);
	expect("single slot ending exactly at the page end", &r, &stock,
	       XNET_TX_OK, XNET_TXR_NONE, 1);

	r.n = 0;
	packet(&r, 3, 1000, 1500);
	r.fetched = 0;
	XT_CHECK(xnet_tx_validate(&stock, get_slot, &r, &chain) == XNET_TX_OK &&
		 chain.data_slots == 3 && chain.total_size == 4000 &&
		 chain.first_size == 1000 && chain.zero_slots == 0,
		 "tx 3 slots: totals and first-slot share");

	r.n = 0;
	packet(&r, XNET_TX_MAX_SLOTS_DEFAULT, 100, 100);
	expect("19 data slots (stock maximum)", &r, &stock, XNET_TX_OK,
	       XNET_TXR_NONE, 19);

	r.n = 0;
	data(&r, 0, 60, XNET_TXF_MORE_DATA);
	data(&r, 0, 0, 0);
	r.fetched = 0;
	XT_CHECK(xnet_tx_validate(&stock, get_slot, &r, &chain) == XNET_TX_OK &&
		 chain.zero_slots == 1 && chain.first_size == 60,
		 "tx zero-size following slot accepted and counted");

	r.n = 0;
	data(&r, 0, 60, XNET_TXF_MORE_DATA);
	data(&r, 0, 52, 0);
	r.fetched = 0;
	XT_CHECK(xnet_tx_validate(&stock, get_slot, &r, &chain) == XNET_TX_OK &&
		 chain.first_size == 8,
		 "tx Ethernet header split over two slots accepted");

	r.n = 0;
	data(&r, 0, 9000, XNET_TXF_EXTRA_INFO | XNET_TXF_MORE_DATA);
	extra(&r, XNET_EXTRA_TYPE_GSO, 0, 1448, XNET_GSO_TYPE_TCPV4);
	data(&r, 0, 4096, XNET_TXF_MORE_DATA);
	data(&r, 0, 4096, 0);
	r.fetched = 0;
	XT_CHECK(xnet_tx_validate(&stock, get_slot, &r, &chain) == XNET_TX_OK &&
		 chain.slots == 4 && chain.extra_slots == 1 &&
		 chain.data_slots == 3 &&
		 chain.extras[XNET_EXTRA_TYPE_GSO - 1].u.gso.size == 1448,
		 "tx GSO TCPv4 extra + 3 data slots");

	r.n = 0;
	data(&r, 0, 200, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_GSO, XNET_EXTRA_FLAG_MORE, 1440,
	      XNET_GSO_TYPE_TCPV6);
	extra(&r, XNET_EXTRA_TYPE_HASH, 0, 0, 0);
	expect("GSO TCPv6 + HASH extras", &r, &stock, XNET_TX_OK, XNET_TXR_NONE, 3);

	r.n = 0;
	data(&r, 0, 0, XNET_TXF_EXTRA_INFO | XNET_TXF_MORE_DATA);
	extra(&r, XNET_EXTRA_TYPE_MCAST_ADD, 0, 0, 0);
	data(&r, 0, 60, 0);	/* not part of the request */
	r.fetched = 0;
	XT_CHECK(xnet_tx_validate(&stock, get_slot, &r, &chain) == XNET_TX_OK &&
		 chain.mcast && chain.slots == 2 &&
		 chain.extras[XNET_EXTRA_TYPE_MCAST_ADD - 1].u.mcast.addr[5] == 0x42,
		 "tx multicast-add request: 2 slots, no packet");

	r.n = 0;
	data(&r, 0, 0, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_MCAST_DEL, 0, 0, 0);
	expect("multicast-del request", &r, &stock, XNET_TX_OK, XNET_TXR_NONE, 2);
}

static void reject_cases(void)
{
	struct xnet_tx_limits low = { 4, 2, XNET_TX_EXTRAS_BACKEND };
	struct xnet_tx_limits gso_only = { 18, 20, 1U << XNET_EXTRA_TYPE_GSO };
	struct ring r = { .n = 0 };
	int i;

	expect("no slot produced", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_INCOMPLETE, 0);

	data(&r, 0, 13, 0);
	expect("13-byte packet", &r, &stock, XNET_TX_DROP, XNET_TXR_TOO_SHORT, 1);
	r.n = 0;
	data(&r, 0, 0, 0);
	expect("0-byte packet", &r, &stock, XNET_TX_DROP, XNET_TXR_TOO_SHORT, 1);

	r.n = 0;
	data(&r, 4000, 100, 0);
	expect("single slot crossing the page", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_CROSSES_PAGE, 1);
	r.n = 0;
	data(&r, 0xFFFF, 0xFFFF, 0);
	expect("offset and size 0xFFFF", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_CROSSES_PAGE, 1);

	r.n = 0;
	data(&r, 0, 1000, XNET_TXF_MORE_DATA);
	data(&r, 4000, 200, 0);
	expect("following slot crossing the page", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_CROSSES_PAGE, 2);

	r.n = 0;
	data(&r, 0, 5000, XNET_TXF_MORE_DATA);
	data(&r, 0, 1000, 0);
	expect("first slot keeps 4000 bytes at offset 200", &r, &stock,
	       XNET_TX_OK, XNET_TXR_NONE, 2);
	r.s[0].offset = 200;
	expect("first slot's own bytes cross the page", &r, &stock,
	       XNET_TX_FATAL, XNET_TXR_CROSSES_PAGE, 2);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_MORE_DATA);
	data(&r, 0, 101, XNET_TXF_MORE_DATA);
	data(&r, 0, 50, 0);
	expect("slot larger than the bytes left", &r, &stock, XNET_TX_DROP,
	       XNET_TXR_SIZE_MISMATCH, 3);
	r.s[2].offset = 4090;
	expect("dropped chain still FATAL on a page crossing", &r, &stock,
	       XNET_TX_FATAL, XNET_TXR_CROSSES_PAGE, 3);

	r.n = 0;
	packet(&r, 20, 100, 100);
	expect("20 data slots", &r, &stock, XNET_TX_DROP,
	       XNET_TXR_TOO_MANY_SLOTS, 20);
	r.n = 0;
	packet(&r, 21, 100, 100);
	expect("21 data slots (stock fatal limit)", &r, &stock, XNET_TX_DROP,
	       XNET_TXR_TOO_MANY_SLOTS, 21);
	r.n = 0;
	packet(&r, 22, 100, 100);
	expect("22 data slots", &r, &stock, XNET_TX_FATAL, XNET_TXR_ROGUE_SLOTS, 22);
	r.n = 0;
	packet(&r, 18, 100, 100);
	expect("limits below 18 raised: 18 slots", &r, &low, XNET_TX_OK,
	       XNET_TXR_NONE, 18);
	r.n = 0;
	packet(&r, 19, 100, 100);
	expect("limits below 18 raised: 19 slots", &r, &low, XNET_TX_FATAL,
	       XNET_TXR_ROGUE_SLOTS, 19);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_MORE_DATA);
	data(&r, 0, 50, XNET_TXF_MORE_DATA);
	expect("more_data on the last produced slot", &r, &stock,
	       XNET_TX_FATAL, XNET_TXR_INCOMPLETE, 2);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	expect("extra_info flag with no extra slot", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_INCOMPLETE, 1);
	extra(&r, XNET_EXTRA_TYPE_GSO, XNET_EXTRA_FLAG_MORE, 1448,
	      XNET_GSO_TYPE_TCPV4);
	expect("unterminated extra chain", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_INCOMPLETE, 2);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	for (i = 0; i < 8; i++)
		extra(&r, XNET_EXTRA_TYPE_HASH, XNET_EXTRA_FLAG_MORE, 0, 0);
	expect("extra chain longer than one per type", &r, &stock,
	       XNET_TX_FATAL, XNET_TXR_EXTRA_CHAIN, 6);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_NONE, 0, 0, 0);
	expect("extra type NONE", &r, &stock, XNET_TX_FATAL, XNET_TXR_EXTRA_TYPE, 2);
	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_XDP, 0, 0, 0);
	expect("extra type XDP on the TX ring", &r, &stock, XNET_TX_FATAL,
	       XNET_TXR_EXTRA_TYPE, 2);
	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, 200, 0, 0, 0);
	expect("extra type 200", &r, &stock, XNET_TX_FATAL, XNET_TXR_EXTRA_TYPE, 2);
	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_MCAST_ADD, 0, 0, 0);
	expect("multicast extra refused by limits", &r, &gso_only,
	       XNET_TX_FATAL, XNET_TXR_EXTRA_TYPE, 2);

	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_GSO, 0, 0, XNET_GSO_TYPE_TCPV4);
	expect("GSO size 0", &r, &stock, XNET_TX_FATAL, XNET_TXR_GSO, 2);
	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_GSO, 0, 1448, 3);
	expect("GSO type 3", &r, &stock, XNET_TX_FATAL, XNET_TXR_GSO, 2);
	r.n = 0;
	data(&r, 0, 100, XNET_TXF_EXTRA_INFO);
	extra(&r, XNET_EXTRA_TYPE_GSO, 0, 1448, XNET_GSO_TYPE_NONE);
	expect("GSO type NONE", &r, &stock, XNET_TX_FATAL, XNET_TXR_GSO, 2);
}

void test_tx_validate(void)
{
	int r;
	bool named = true;

	accept_cases();
	reject_cases();
	for (r = XNET_TXR_NONE; r <= XNET_TXR_GSO; r++)
		named = named && strcmp(xnet_tx_reason_str(r), "unknown");
	XT_CHECK(named, "tx every reason has a text");
}
