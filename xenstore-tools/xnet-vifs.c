// SPDX-License-Identifier: GPL-2.0
/*
 * xnet-vifs: both ends' view of every vif's queue layout, from XenStore.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "negotiate.h"
#include "xst_cli.h"
#include "xst_report.h"

#define PROG		"xnet-vifs"
#define WATCH_ROOT	"/local/domain"	/* frontends and every backend tree lie below */
#define ERR_MAX		512
#define FILES_MAX	64

struct options {
	bool json;
	bool watch;
	unsigned long count;	/* outputs in --watch mode; 0 = unbounded */
	const char *files[FILES_MAX];
	unsigned int nr_files;
	const char *domain;
	const char *devid;
};

static void print_usage(FILE *out)
{
	fprintf(out,
		"Usage: " PROG " [OPTIONS] [DOMAIN [DEVID]]\n"
		"Show both ends of every vif's queue layout as XenStore holds it: states,\n"
		"queue counts (backend max, requested, negotiated, operator cap), per-queue\n"
		"ring refs and event channels, features offered and requested, control ring,\n"
		"hash algorithm, rate limit, and the domain's vCPU count.\n"
		"\n"
		"  DOMAIN             domain name or id; only its vifs\n"
		"  DEVID              device id within DOMAIN (vif<domid>.<devid>)\n"
		"  -j, --json         JSON for scripts (schema in docs/tools.md)\n"
		"  -w, --watch        print again whenever the layout changes (XenStore watches)\n"
		"  -c, --count N      with --watch: stop after N printouts\n"
		"  -f, --from-file F  read a recorded tree (`xenstore-ls -f` output) instead of\n"
		"                     the live store; repeat for snapshots replayed by --watch\n"
		"  -h, --help         this text\n"
		"\n"
		"Exit status: 0 ok, 1 usage, 2 XenStore unreachable (not dom0, xenstored not\n"
		"running) or unreadable file, 3 no such domain or vif, 5 XenStore read failed.\n"
		"Absurd values are shown as written, marked BAD (\"bad\": true in JSON).\n");
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "watch", no_argument, NULL, 'w' },
		{ "count", required_argument, NULL, 'c' },
		{ "from-file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	u32 count;
	int c;

	while ((c = getopt_long(argc, argv, "jwc:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o->json = true;
			break;
		case 'w':
			o->watch = true;
			break;
		case 'c':
			if (xnet_parse_u32(optarg, XNET_U32_MAX, &count) || !count) {
				xst_cli_error(PROG, "--count wants a number above 0, not \"%s\"",
					      optarg);
				return XST_EXIT_USAGE;
			}
			o->count = count;
			break;
		case 'f':
			if (o->nr_files == FILES_MAX) {
				xst_cli_error(PROG, "at most %d --from-file", FILES_MAX);
				return XST_EXIT_USAGE;
			}
			o->files[o->nr_files++] = optarg;
			break;
		case 'h':
			print_usage(stdout);
			exit(XST_EXIT_OK);
		default:
			fprintf(stderr, "Try '" PROG " --help'.\n");
			return XST_EXIT_USAGE;
		}
	}
	if (argc - optind > 2) {
		xst_cli_error(PROG, "too many arguments; try '" PROG " --help'");
		return XST_EXIT_USAGE;
	}
	if (o->count && !o->watch) {
		xst_cli_error(PROG, "--count only makes sense with --watch");
		return XST_EXIT_USAGE;
	}
	o->domain = optind < argc ? argv[optind] : NULL;
	o->devid = optind + 1 < argc ? argv[optind + 1] : NULL;
	return XST_EXIT_OK;
}

static struct xst_source *open_source(const struct options *o)
{
	struct xst_source *src = xst_cli_open(PROG, o->nr_files ? o->files[0] : NULL);
	char err[ERR_MAX];
	unsigned int i;

	for (i = 1; src && i < o->nr_files; i++) {
		if (xst_source_file_add_snapshot(src, o->files[i], err, sizeof(err))) {
			xst_cli_error(PROG, "%s", err);
			xst_source_close(src);
			return NULL;
		}
	}
	return src;
}

/* Everything wanted, formatted into a malloc'd string. */
static char *render(struct xst_source *src, const struct options *o, long domid, long devid,
		    unsigned int *nr_vifs)
{
	struct xst_report r;
	char *text = NULL;
	size_t len;
	FILE *mem;

	if (xst_report_read(src, domid, devid, &r))
		return NULL;
	*nr_vifs = r.nr;
	mem = open_memstream(&text, &len);
	if (mem) {
		if (o->json)
			xst_format_json(mem, &r);
		else
			xst_format_table(mem, &r);
		fclose(mem);
	}
	xst_report_free(&r);
	return text;
}

static int resolve_filter(struct xst_source *src, const struct options *o, long *domid,
			  long *devid)
{
	char err[ERR_MAX];
	unsigned int dom;
	u32 dev;

	*domid = XST_ANY;
	*devid = XST_ANY;
	if (!o->domain)
		return XST_EXIT_OK;
	if (xst_resolve_domain(src, o->domain, &dom, err, sizeof(err))) {
		xst_cli_error(PROG, "%s", err);
		return XST_EXIT_NOT_FOUND;
	}
	*domid = dom;
	if (!o->devid)
		return XST_EXIT_OK;
	if (xnet_parse_u32(o->devid, XNET_U32_MAX, &dev)) {
		xst_cli_error(PROG, "device id \"%s\" is not a number", o->devid);
		return XST_EXIT_USAGE;
	}
	*devid = dev;
	return XST_EXIT_OK;
}

static void stamp(FILE *out, const char *changed)
{
	char when[32];
	time_t now = time(NULL);

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(out, "=== %s%s%s ===\n", when, changed ? " after change to " : "",
		changed ? changed : "");
}

static int follow_changes(struct xst_source *src, const struct options *o, long domid, long devid)
{
	unsigned long shown = 0;
	unsigned int nr;
	char *last = NULL, *changed = NULL, *text;
	int ret = XST_EXIT_OK;

	if (src->ops->watch(src, WATCH_ROOT)) {
		xst_cli_error(PROG, "cannot watch %s: %s", WATCH_ROOT, strerror(errno));
		return XST_EXIT_FAILED;
	}
	for (;;) {
		text = render(src, o, domid, devid, &nr);
		if (!text) {
			xst_cli_error(PROG, "cannot read XenStore: %s", strerror(errno));
			ret = XST_EXIT_FAILED;
			break;
		}
		/* Most changes under /local/domain are not about vifs: stay quiet. */
		if (!last || strcmp(last, text)) {
			if (!o->json)
				stamp(stdout, changed);
			fputs(text, stdout);
			fflush(stdout);
			free(last);
			last = text;
			shown++;
		} else {
			free(text);
		}
		free(changed);
		changed = NULL;
		if (o->count && shown >= o->count)
			break;
		changed = src->ops->wait_change(src);
		if (!changed) {
			if (errno != ENODATA) {
				xst_cli_error(PROG, "lost XenStore while watching: %s",
					      strerror(errno));
				ret = XST_EXIT_NO_XENSTORE;
			}
			break;
		}
	}
	free(last);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct xst_source *src;
	long domid, devid;
	unsigned int nr = 0;
	char *text;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	src = open_source(&o);
	if (!src)
		return XST_EXIT_NO_XENSTORE;
	ret = resolve_filter(src, &o, &domid, &devid);
	if (ret) {
		xst_source_close(src);
		return ret;
	}
	if (o.watch) {
		ret = follow_changes(src, &o, domid, devid);
		xst_source_close(src);
		return ret;
	}
	text = render(src, &o, domid, devid, &nr);
	if (!text) {
		xst_cli_error(PROG, "cannot read XenStore: %s", strerror(errno));
		ret = XST_EXIT_FAILED;
	} else if (!nr && o.domain) {
		xst_cli_error(PROG, "domain %s has no vif%s%s", o.domain, o.devid ? " " : "",
			      o.devid ? o.devid : "");
		ret = XST_EXIT_NOT_FOUND;
	} else {
		fputs(text, stdout);
	}
	free(text);
	xst_source_close(src);
	return ret;
}
