// SPDX-License-Identifier: GPL-2.0
/* One reading of every vif wanted, for either format. */
#include <errno.h>
#include <stdlib.h>

#include "xst_report.h"

int xst_report_read(struct xst_source *src, long domid, long devid, struct xst_report *r)
{
	struct xst_vif_list list;
	unsigned int i;

	r->vifs = NULL;
	r->nr = 0;
	r->vcpus_note = NULL;
	if (xst_find_vifs(src, domid, devid, &list))
		return -1;
	if (list.nr) {
		r->vifs = calloc(list.nr, sizeof(*r->vifs));
		if (!r->vifs) {
			xst_vif_list_free(&list);
			errno = ENOMEM;
			return -1;
		}
	}
	for (i = 0; i < list.nr; i++) {
		struct xst_vif *vif = xst_read_vif(src, &list.ids[i]);

		if (!vif) {
			xst_vif_list_free(&list);
			xst_report_free(r);
			errno = ENOMEM;
			return -1;
		}
		if (vif->vcpus < 0)
			r->vcpus_note = src->vcpus_unavailable;
		r->vifs[r->nr++] = vif;
	}
	xst_vif_list_free(&list);
	return 0;
}

void xst_report_free(struct xst_report *r)
{
	unsigned int i;

	for (i = 0; i < r->nr; i++)
		xst_vif_free(r->vifs[i]);
	free(r->vifs);
	r->vifs = NULL;
	r->nr = 0;
}
