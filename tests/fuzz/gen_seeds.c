// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Writes the fuzzers' seed inputs into <dir>/flow and <dir>/tx: a few
 * well-formed frames (built with the unit tests' frame builders) and a
 * few TX chains, so fuzzing starts from deep, valid structure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xnet/netif.h>
#include "../unit/frames.h"

static const char *out_dir;

static void write_seed(const char *target, const char *name, const void *p,
		       size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", out_dir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void flow_seeds(void)
{
	static const uint8_t a4[4] = { 10, 1, 2, 3 }, b4[4] = { 10, 3, 2, 1 };
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t b6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	static const uint16_t qinq[2] = { 0x88A8, 0x8100 };
	struct frame f;

	fr_v4(&f, a4, b4, FR_TCP, 40000, 80);
	write_seed("flow", "ipv4-tcp", f.b, f.len);
	fr_eth(&f, qinq, 1, 0x0800);
	fr_ipv4(&f, a4, b4, FR_UDP, 8, 0);
	fr_l4(&f, 53, 53, 8);
	write_seed("flow", "vlan-ipv4-opts-udp", f.b, f.len);
	fr_eth(&f, NULL, 0, 0x0800);
	fr_ipv4(&f, a4, b4, FR_TCP, 0, 0x2000);
	fr_l4(&f, 1, 2, 20);
	write_seed("flow", "ipv4-fragment", f.b, f.len);
	fr_eth(&f, qinq, 2, 0x86DD);
	fr_ipv6(&f, a6, b6, 0);
	fr_ipv6_ext(&f, 0, 43, 8, 0);
	fr_ipv6_ext(&f, 43, 44, 16, 0);
	fr_ipv6_ext(&f, 44, 51, 8, 0);
	fr_ipv6_ext(&f, 51, FR_TCP, 12, 0);
	fr_l4(&f, 443, 50000, 20);
	write_seed("flow", "qinq-ipv6-ext-tcp", f.b, f.len);
	fr_eth(&f, NULL, 0, 0x86DD);
	fr_ipv6(&f, a6, b6, 44);
	fr_ipv6_ext(&f, 44, FR_UDP, 8, 0x0001);
	fr_l4(&f, 1, 2, 8);
	write_seed("flow", "ipv6-fragment", f.b, f.len);
}

/* A TX seed: limits (max, fatal, extra types) then slots. */
struct tx_seed {
	uint8_t limits[3];
	struct xnet_tx_request s[24];
	size_t n;
};

static void tx_begin(struct tx_seed *t, uint8_t max, uint8_t fatal)
{
	memset(t, 0, sizeof(*t));
	t->limits[0] = max;
	t->limits[1] = fatal;
	t->limits[2] = 0x1e;	/* GSO, MCAST_ADD, MCAST_DEL, HASH */
}

static void tx_slot(struct tx_seed *t, uint16_t off, uint16_t size,
		    uint16_t flags)
{
	struct xnet_tx_request *s = &t->s[t->n++];

	s->gref = 8;
	s->offset = off;
	s->size = size;
	s->flags = flags;
	s->id = (uint16_t)t->n;
}

static void tx_extra(struct tx_seed *t, uint8_t type, uint8_t flags)
{
	struct xnet_extra_info e = { .type = type, .flags = flags };

	if (type == XNET_EXTRA_TYPE_GSO) {
		e.u.gso.size = 1448;
		e.u.gso.type = XNET_GSO_TYPE_TCPV4;
	}
	memcpy(&t->s[t->n++], &e, sizeof(e));
}

static void tx_write(const char *name, const struct tx_seed *t)
{
	uint8_t buf[sizeof(t->limits) + sizeof(t->s)];

	memcpy(buf, t->limits, sizeof(t->limits));
	memcpy(buf + sizeof(t->limits), t->s, t->n * sizeof(t->s[0]));
	write_seed("tx", name, buf, sizeof(t->limits) + t->n * sizeof(t->s[0]));
}

static void tx_seeds(void)
{
	struct tx_seed t;
	int i;

	tx_begin(&t, 19, 21);
	tx_slot(&t, 0, 60, 0);
	tx_write("single", &t);

	tx_begin(&t, 19, 21);
	tx_slot(&t, 0, 9000, XNET_TXF_EXTRA_INFO | XNET_TXF_MORE_DATA);
	tx_extra(&t, XNET_EXTRA_TYPE_GSO, XNET_EXTRA_FLAG_MORE);
	tx_extra(&t, XNET_EXTRA_TYPE_HASH, 0);
	tx_slot(&t, 0, 4096, XNET_TXF_MORE_DATA);
	tx_slot(&t, 0, 4096, 0);
	tx_write("gso-hash-3slots", &t);

	tx_begin(&t, 19, 21);
	tx_slot(&t, 0, 0, XNET_TXF_EXTRA_INFO);
	tx_extra(&t, XNET_EXTRA_TYPE_MCAST_ADD, 0);
	tx_write("mcast-add", &t);

	tx_begin(&t, 18, 20);
	tx_slot(&t, 0, 20 * 100, XNET_TXF_MORE_DATA);
	for (i = 1; i < 20; i++)
		tx_slot(&t, 0, 100, i < 19 ? XNET_TXF_MORE_DATA : 0);
	tx_write("20-slots", &t);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR (with DIR/flow and DIR/tx)\n",
			argv[0]);
		return 2;
	}
	out_dir = argv[1];
	flow_seeds();
	tx_seeds();
	return 0;
}
