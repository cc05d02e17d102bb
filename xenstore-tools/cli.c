// SPDX-License-Identifier: GPL-2.0
/* Error reporting and source opening shared by the tools. */
#include <stdarg.h>
#include <stdio.h>

#include "xst_cli.h"

#define ERR_MAX		512

void xst_cli_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: error: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

struct xst_source *xst_cli_open(const char *prog, const char *from_file)
{
	char err[ERR_MAX];
	struct xst_source *src;

	if (from_file)
		src = xst_source_file_open(from_file, err, sizeof(err));
	else
		src = xst_source_live_open(err, sizeof(err));
	if (!src)
		xst_cli_error(prog, "%s", err);
	return src;
}
