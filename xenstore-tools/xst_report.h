/* SPDX-License-Identifier: GPL-2.0 */
/* What xnet-vifs prints: the vifs of one reading of a source, and formats. */
#ifndef XST_REPORT_H
#define XST_REPORT_H

#include <stdio.h>

#include "xst_vif.h"

struct xst_report {
	struct xst_vif **vifs;
	unsigned int nr;
	/* Why some vCPU counts are unknown; NULL when all are known. */
	const char *vcpus_note;
};

/* Read every vif matching domid and devid (or XST_ANY). 0, or -1 with errno. */
int xst_report_read(struct xst_source *src, long domid, long devid, struct xst_report *r);
void xst_report_free(struct xst_report *r);

void xst_format_table(FILE *out, const struct xst_report *r);
void xst_format_json(FILE *out, const struct xst_report *r);

#endif
