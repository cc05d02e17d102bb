// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * xnet-hostile-front: run in a PV guest with no netfront loaded; performs
 * the vif handshake itself, runs one attack case, reports what the backend
 * did, and releases its grants and event channels on exit.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "front.h"
#include "negotiate.h"

/* Default seconds for the cases that run for a while. */
#define FRONT_DURATION_DEFAULT	10
#define FRONT_DURATION_MAX	3600

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: xnet-hostile-front --case NAME [--devid N] [--queues N] [--seed N]\n"
		"                          [--duration S]\n"
		"       xnet-hostile-front --list\n"
		"Runs in a Xen PV guest that loads no netfront (root; modules xenfs,\n"
		"xen-evtchn, xen-gntalloc): connects vif N (default 0) to its backend by\n"
		"itself and attacks it with one case. Prints what the backend did; the last\n"
		"line is \"RESULT case=... backend=... probe=...\".\n");
}

static int parse_args(int argc, char **argv, struct front *f, const char **name)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "devid", required_argument, NULL, 'd' },
		{ "queues", required_argument, NULL, 'q' },
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
		case 'd':
		case 'q':
		case 't':
			if (xnet_parse_u32(optarg, c == 't' ? FRONT_DURATION_MAX :
					   c == 'q' ? FRONT_QUEUES_MAX : XNET_U32_MAX, &v) ||
			    (c != 'd' && v == 0)) {
				fprintf(stderr, "xnet-hostile-front: bad value '%s'\n", optarg);
				return HX_EXIT_USAGE;
			}
			if (c == 'd')
				f->devid = v;
			else if (c == 'q')
				f->queues_wanted = v;
			else
				f->duration_s = v;
			break;
		case 's':
			if (xnet_parse_u64n(optarg, XNET_PARSE_DIGITS_MAX, XNET_U64_MAX, &f->seed)) {
				fprintf(stderr, "xnet-hostile-front: bad seed '%s'\n", optarg);
				return HX_EXIT_USAGE;
			}
			break;
		case 'l':
			front_case_list();
			exit(0);
		case 'h':
			print_usage(stdout);
			exit(0);
		default:
			print_usage(stderr);
			return HX_EXIT_USAGE;
		}
	}
	if (!*name || optind != argc) {
		print_usage(stderr);
		return HX_EXIT_USAGE;
	}
	return 0;
}

static void front_result(struct front *f, const char *name, const char *probe)
{
	int s = hx_peer_poll(f->xs, &f->backend);

	hx_say("RESULT case=%s backend=%s probe=%s tx_ok=%u tx_error=%u tx_dropped=%u tx_null=%u tx_other=%u rx_responses=%u ring_violations=%u backend_changes=%u",
	       name, s == HX_STATE_NONE ? "absent" : xnet_state_name((unsigned int)s), probe,
	       f->stats.tx_ok, f->stats.tx_error, f->stats.tx_dropped, f->stats.tx_null,
	       f->stats.tx_other, f->stats.rx_responses, f->stats.ring_violations,
	       f->backend.changes);
}

static int run_case(struct front *f, const struct front_case *c)
{
	int connected = front_connect(f, c->xs);

	if (connected < 0)
		return 1;
	if (c->xs != FRONT_XS_HONEST) {
		hx_say("watching the backend for %u s", f->duration_s);
		front_observe(f, f->duration_s * 1000U);
		front_result(f, c->name, "none");
		return 0;
	}
	if (connected) {
		hx_say("error: the backend did not connect to an honest handshake");
		front_result(f, c->name, "none");
		return 1;
	}
	if (c->post_rx)
		front_rx_post(f, &f->q[0], FRONT_RX_PAGES);
	if (!front_probe(f, "before"))
		hx_say("warning: the vif does not answer even before the attack");
	if (c->run) {
		hx_say("case %s: %s", c->name, c->what);
		c->run(f);
	}
	front_result(f, c->name, front_probe(f, "after") ? "alive" : "silent");
	return 0;
}

int main(int argc, char **argv)
{
	static struct front f = {
		.queues_wanted = 1,
		.duration_s = FRONT_DURATION_DEFAULT,
	};
	const struct front_case *c;
	const char *name = NULL;
	int rc;

	hx_init("xnet-hostile-front");
	f.seed = (u64)time(NULL);
	rc = parse_args(argc, argv, &f, &name);
	if (rc)
		return rc;
	c = front_case_find(name);
	if (!c) {
		fprintf(stderr, "xnet-hostile-front: no case '%s' (--list)\n", name);
		return HX_EXIT_USAGE;
	}
	rc = front_open(&f);
	if (rc) {
		front_close(&f);
		return rc;
	}
	rc = run_case(&f, c);
	front_close(&f);
	return rc;
}
