// SPDX-License-Identifier: GPL-2.0
/*
 * xnet-set-queues: cap one vif's queue count from dom0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "negotiate.h"
#include "xst_cli.h"

#define PROG	"xnet-set-queues"

static void print_usage(FILE *out)
{
	fprintf(out,
		"Usage: " PROG " [OPTIONS] DOMAIN DEVID N\n"
		"       " PROG " [OPTIONS] DOMAIN DEVID clear\n"
		"Cap the number of queues of vif<domid>.<DEVID> at N (1..%u) by writing\n"
		"xnet-max-queues in its backend dir.  Our netback offers no more than N\n"
		"queues when the guest next connects (reconnect the guest's vif, or change\n"
		"its queue count with ethtool -L, to apply it now).  0 or \"clear\" removes\n"
		"the cap.  `xnet-vifs DOMAIN DEVID` shows the cap and the queues in use.\n"
		"\n"
		"  DOMAIN             domain name or id\n"
		"  DEVID              device id of the vif (0 for the first)\n"
		"  -f, --from-file F  work on a recorded tree (`xenstore-ls -f` output) in\n"
		"                     memory instead of the live store: nothing is written\n"
		"  -h, --help         this text\n"
		"\n"
		"Exit status: 0 ok, 1 usage, 2 XenStore unreachable (not dom0, xenstored not\n"
		"running), 3 no such domain or vif, 4 N out of range, 5 write refused.\n",
		XNET_QUEUES_MAX);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from-file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from_file = NULL;
	struct xst_source *src;
	u32 queues;
	int c, ret;

	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from_file = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return XST_EXIT_OK;
		default:
			fprintf(stderr, "Try '" PROG " --help'.\n");
			return XST_EXIT_USAGE;
		}
	}
	if (argc - optind != 3) {
		xst_cli_error(PROG, "expected DOMAIN DEVID N; try '" PROG " --help'");
		return XST_EXIT_USAGE;
	}
	/* A bad N is reported even where XenStore is out of reach. */
	ret = xst_parse_queue_cap(PROG, argv[optind + 2], &queues);
	if (ret)
		return ret;
	src = xst_cli_open(PROG, from_file);
	if (!src)
		return XST_EXIT_NO_XENSTORE;
	ret = xst_set_queues(src, PROG, argv[optind], argv[optind + 1], argv[optind + 2],
			     stdout);
	xst_source_close(src);
	return ret;
}
