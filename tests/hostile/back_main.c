// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * xnet-hostile-back: run in dom0; creates vif <devid> of guest <domid>
 * with itself as the backend, lets the guest's netfront connect, runs one
 * attack case, then closes and removes the device and its own state.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "back.h"
#include "negotiate.h"

#define BACK_DURATION_DEFAULT	10
#define BACK_DURATION_MAX	3600
/* Domain ids of guests are below DOMID_FIRST_RESERVED. */
#define BACK_DOMID_MAX		0x7FEF

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: xnet-hostile-back --domid D --case NAME [--devid N] [--seed N]\n"
		"                         [--duration S]\n"
		"       xnet-hostile-back --list\n"
		"Runs in dom0 as root (xenstored, xen-gntdev, xen-evtchn): creates vif N\n"
		"(default %u) of guest D with this tool as its backend under\n"
		"/local/domain/0/backend/xnet-hostile/, serves the guest's netfront with one\n"
		"attack case, then closes and removes the vif. Last line: \"RESULT ...\".\n",
		BACK_DEVID_DEFAULT);
}

static int parse_args(int argc, char **argv, struct back *b, const char **name, bool *have_domid)
{
	static const struct option opts[] = {
		{ "domid", required_argument, NULL, 'D' },
		{ "case", required_argument, NULL, 'c' },
		{ "devid", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 't' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	u32 v;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			*name = optarg;
			break;
		case 'D':
		case 'd':
		case 't':
			if (xnet_parse_u32(optarg, c == 'D' ? BACK_DOMID_MAX :
					   c == 't' ? BACK_DURATION_MAX : XNET_U32_MAX, &v) ||
			    (c != 'd' && v == 0)) {
				fprintf(stderr, "xnet-hostile-back: bad value '%s'\n", optarg);
				return HX_EXIT_USAGE;
			}
			if (c == 'D') {
				b->domid = v;
				*have_domid = true;
			} else if (c == 'd') {
				b->devid = v;
			} else {
				b->duration_s = v;
			}
			break;
		case 's':
			if (xnet_parse_u64n(optarg, XNET_PARSE_DIGITS_MAX, XNET_U64_MAX, &b->seed)) {
				fprintf(stderr, "xnet-hostile-back: bad seed '%s'\n", optarg);
				return HX_EXIT_USAGE;
			}
			break;
		case 'l':
			back_case_list();
			exit(0);
		case 'h':
			print_usage(stdout);
			exit(0);
		default:
			print_usage(stderr);
			return HX_EXIT_USAGE;
		}
	}
	if (!*name || !*have_domid || optind != argc) {
		print_usage(stderr);
		return HX_EXIT_USAGE;
	}
	return 0;
}

static int run_case(struct back *b, const struct back_case *c)
{
	int connected, s;

	if (back_create(b, c->xs))
		return 1;
	connected = back_connect(b);
	if (connected < 0)
		return 1;
	if (connected == 0) {
		if (c->run) {
			hx_say("case %s: %s", c->name, c->what);
			c->run(b);
		} else {
			back_serve(b, b->duration_s * 1000U);
		}
	} else {
		hx_say("watching the frontend for %u s", b->duration_s);
		hx_peer_wait(b->xs, &b->frontend, 0, b->duration_s * 1000U);
	}
	s = hx_peer_poll(b->xs, &b->frontend);
	hx_say("RESULT case=%s frontend=%s connected=%s queues=%u tx_requests=%lu tx_responses=%lu rx_responses=%lu notifies=%lu frontend_changes=%u peek_tx_pages=%lu peek_tx_foreign_bytes=%lu peek_rx_pages=%lu peek_rx_foreign_bytes=%lu",
	       c->name, s == HX_STATE_NONE ? "absent" : xnet_state_name((unsigned int)s),
	       connected == 0 ? "yes" : "no", b->num_queues, b->stats.tx_requests,
	       b->stats.tx_responses, b->stats.rx_responses, b->stats.notifies,
	       b->frontend.changes, b->peek_tx.pages, b->peek_tx.foreign_bytes,
	       b->peek_rx.pages, b->peek_rx.foreign_bytes);
	return 0;
}

int main(int argc, char **argv)
{
	static struct back b = {
		.devid = BACK_DEVID_DEFAULT,
		.duration_s = BACK_DURATION_DEFAULT,
	};
	const struct back_case *c;
	const char *name = NULL;
	bool have_domid = false;
	int rc;

	hx_init("xnet-hostile-back");
	b.seed = (u64)time(NULL);
	rc = parse_args(argc, argv, &b, &name, &have_domid);
	if (rc)
		return rc;
	c = back_case_find(name);
	if (!c) {
		fprintf(stderr, "xnet-hostile-back: no case '%s' (--list)\n", name);
		return HX_EXIT_USAGE;
	}
	rc = back_open(&b);
	if (!rc)
		rc = run_case(&b, c);
	back_destroy(&b);
	return rc;
}
