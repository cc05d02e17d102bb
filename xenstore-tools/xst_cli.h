/* SPDX-License-Identifier: GPL-2.0 */
/* What both tools share on the command line: exit codes, opening a source. */
#ifndef XST_CLI_H
#define XST_CLI_H

#include <stdio.h>

#include "xnet_types.h"
#include "xst_source.h"

/* Exit codes; docs/tools.md lists them. */
enum xst_exit {
	XST_EXIT_OK = 0,
	XST_EXIT_USAGE = 1,		/* bad command line */
	XST_EXIT_NO_XENSTORE = 2,	/* XenStore unreachable, not dom0, or bad --from-file */
	XST_EXIT_NOT_FOUND = 3,		/* no such domain or vif */
	XST_EXIT_BAD_VALUE = 4,		/* a value out of range was given */
	XST_EXIT_FAILED = 5,		/* XenStore refused a write, or out of memory */
};

/*
 * The live store, or the recorded tree in from_file when not NULL.  Prints
 * an actionable error and returns NULL on failure (exit XST_EXIT_NO_XENSTORE).
 */
struct xst_source *xst_cli_open(const char *prog, const char *from_file);

/* "prog: error: ..." on stderr. */
void xst_cli_error(const char *prog, const char *fmt, ...)
	__printf(2, 3);

/*
 * A queue cap as given on the command line: 1..XNET_QUEUES_MAX, or 0 or
 * "clear" (*queues = 0) to remove it.  0, or an exit code after an error.
 */
int xst_parse_queue_cap(const char *prog, const char *value, u32 *queues);

/*
 * xnet-set-queues: cap domain's vif devid at value queues ("clear" or 0
 * removes the cap).  Reports on out, returns an xst_exit code.
 */
int xst_set_queues(struct xst_source *src, const char *prog, const char *domain,
		   const char *devid, const char *value, FILE *out);

#endif
