// SPDX-License-Identifier: GPL-2.0
/*
 * Cap one vif's queue count: write xnet-max-queues in its backend dir.
 * Our netback reads it when the guest next connects, and advertises no more
 * than that in multi-queue-max-queues; a running guest keeps its queues.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xnet/xs_keys.h>

#include "negotiate.h"
#include "xst_cli.h"
#include "xst_vif.h"

#define CLEAR_WORD	"clear"
#define ERR_MAX		512

int xst_parse_queue_cap(const char *prog, const char *value, u32 *queues)
{
	int ret;

	if (!strcmp(value, CLEAR_WORD)) {
		*queues = 0;
		return 0;
	}
	ret = xnet_parse_u32(value, XNET_QUEUES_MAX, queues);
	if (ret == -ERANGE) {
		xst_cli_error(prog, "queue count \"%s\" is out of range: give 1..%u, or 0 or \"%s\" to remove the cap",
			      value, XNET_QUEUES_MAX, CLEAR_WORD);
		return XST_EXIT_BAD_VALUE;
	}
	if (ret) {
		xst_cli_error(prog, "queue count \"%s\" is not a decimal number: give 1..%u, or 0 or \"%s\" to remove the cap",
			      value, XNET_QUEUES_MAX, CLEAR_WORD);
		return XST_EXIT_BAD_VALUE;
	}
	return 0;
}

/* Names the domain's vifs, so a wrong devid is easy to correct. */
static void no_such_vif(struct xst_source *src, const char *prog, unsigned int domid,
			const char *devid)
{
	struct xst_vif_list all;
	char known[ERR_MAX] = "";
	unsigned int i;
	int used = 0;

	if (!xst_find_vifs(src, domid, XST_ANY, &all)) {
		for (i = 0; i < all.nr && used < (int)sizeof(known); i++)
			used += snprintf(known + used, sizeof(known) - used, "%s%u",
					 used ? ", " : "", all.ids[i].devid);
		xst_vif_list_free(&all);
	}
	xst_cli_error(prog, "domain %u has no vif %s (its vifs: %s)", domid, devid,
		      known[0] ? known : "none");
}

static void report(struct xst_source *src, const struct xst_vif_id *id, u32 queues,
		   FILE *out)
{
	struct xst_vif *vif = xst_read_vif(src, id);

	if (queues)
		fprintf(out, "vif%u.%u: %s=%u written to %s\n", id->domid, id->devid,
			XNET_KEY_OPERATOR_MAX_QUEUES, queues, id->backend_path);
	else
		fprintf(out, "vif%u.%u: %s removed from %s\n", id->domid, id->devid,
			XNET_KEY_OPERATOR_MAX_QUEUES, id->backend_path);
	if (!vif)
		return;
	fprintf(out, "vif%u.%u: now %u queue%s negotiated; the change applies at the guest's next connect\n",
		id->domid, id->devid, vif->nr_queues, vif->nr_queues == 1 ? "" : "s");
	if (queues && vif->vcpus > 0 && queues > (u32)vif->vcpus)
		fprintf(out, "vif%u.%u: note: the guest has %d vCPUs, so it will likely ask for no more than %d\n",
			id->domid, id->devid, vif->vcpus, vif->vcpus);
	xst_vif_free(vif);
}

static int apply(struct xst_source *src, const char *prog, const struct xst_vif_id *id,
		 u32 queues)
{
	char *path, value[16];
	int ret;

	if (asprintf(&path, "%s/%s", id->backend_path, XNET_KEY_OPERATOR_MAX_QUEUES) < 0)
		return XST_EXIT_FAILED;
	snprintf(value, sizeof(value), "%u", queues);
	if (queues)
		ret = src->ops->write(src, path, value);
	else
		ret = src->ops->remove(src, path) && errno != ENOENT ? -1 : 0;
	if (ret)
		xst_cli_error(prog, "cannot %s %s: %s%s", queues ? "write" : "remove", path,
			      strerror(errno), errno == EACCES ? " (run as root in dom0)" : "");
	free(path);
	return ret ? XST_EXIT_FAILED : XST_EXIT_OK;
}

int xst_set_queues(struct xst_source *src, const char *prog, const char *domain,
		   const char *devid, const char *value, FILE *out)
{
	struct xst_vif_list list;
	char err[ERR_MAX];
	unsigned int domid;
	u32 queues, dev;
	int ret;

	ret = xst_parse_queue_cap(prog, value, &queues);
	if (ret)
		return ret;
	if (xnet_parse_u32(devid, XNET_U32_MAX, &dev)) {
		xst_cli_error(prog, "device id \"%s\" is not a number (vif<domid>.<devid>: 0 for the first vif)",
			      devid);
		return XST_EXIT_USAGE;
	}
	if (xst_resolve_domain(src, domain, &domid, err, sizeof(err))) {
		xst_cli_error(prog, "%s", err);
		return XST_EXIT_NOT_FOUND;
	}
	if (xst_find_vifs(src, domid, dev, &list)) {
		xst_cli_error(prog, "cannot read XenStore: %s", strerror(errno));
		return XST_EXIT_FAILED;
	}
	if (!list.nr) {
		no_such_vif(src, prog, domid, devid);
		ret = XST_EXIT_NOT_FOUND;
	} else if (!list.ids[0].backend_path) {
		xst_cli_error(prog, "vif%u.%u has no backend dir: is the vif being set up or torn down?",
			      domid, dev);
		ret = XST_EXIT_NOT_FOUND;
	} else {
		ret = apply(src, prog, &list.ids[0], queues);
		if (!ret)
			report(src, &list.ids[0], queues, out);
	}
	xst_vif_list_free(&list);
	return ret;
}
