// SPDX-License-Identifier: GPL-2.0
/*
 * Find vifs: every frontend dir under /local/domain/<domid>/device/vif and
 * every backend dir under /local/domain/<bdom>/backend/vif, so a vif whose
 * other half is gone still shows up.  Paths are built from the ids, never
 * taken from keys a guest can write: xnet-set-queues writes where the
 * backend path points.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xnet/xs_keys.h>

#include "negotiate.h"
#include "xst_vif.h"

#define DOMAINS_ROOT	"/local/domain"

/* Domain and device ids are XenStore names; not every name is one. */
static bool parse_id(const char *s, unsigned int *id)
{
	u32 v;

	if (xnet_parse_u32(s, XNET_U32_MAX, &v))
		return false;
	*id = v;
	return true;
}

static struct xst_vif_id *find(struct xst_vif_list *list, unsigned int domid,
			       unsigned int devid)
{
	unsigned int i;

	for (i = 0; i < list->nr; i++)
		if (list->ids[i].domid == domid && list->ids[i].devid == devid)
			return &list->ids[i];
	return NULL;
}

static struct xst_vif_id *add(struct xst_vif_list *list, unsigned int domid,
			      unsigned int devid)
{
	struct xst_vif_id *ids = realloc(list->ids, (list->nr + 1) * sizeof(*ids));

	if (!ids)
		return NULL;
	list->ids = ids;
	ids += list->nr++;
	memset(ids, 0, sizeof(*ids));
	ids->domid = domid;
	ids->devid = devid;
	return ids;
}

static bool wanted(long want, unsigned int id)
{
	return want == XST_ANY || (unsigned long)want == id;
}

static int add_frontends(struct xst_source *src, struct xst_vif_list *list,
			 unsigned int domid, long devid)
{
	char **devs = xst_listf(src, XNET_XS_FRONTEND_ROOT_FMT, domid);
	unsigned int i, dev;
	int ret = 0;

	for (i = 0; devs && devs[i] && !ret; i++) {
		struct xst_vif_id *id;

		if (!parse_id(devs[i], &dev) || !wanted(devid, dev))
			continue;
		id = add(list, domid, dev);
		if (!id || asprintf(&id->frontend_path, XNET_XS_FRONTEND_DIR_FMT, domid, dev) < 0)
			ret = -1;
	}
	xst_strv_free(devs);
	return ret;
}

/* Backend dirs of one backend domain; the first one found for a vif wins. */
static int add_backends(struct xst_source *src, struct xst_vif_list *list,
			unsigned int bdom, long domid, long devid)
{
	char **doms = xst_listf(src, XNET_XS_BACKEND_ROOT_FMT, bdom);
	unsigned int i, j, dom, dev;
	int ret = 0;

	for (i = 0; doms && doms[i] && !ret; i++) {
		char **devs;

		if (!parse_id(doms[i], &dom) || !wanted(domid, dom))
			continue;
		devs = xst_listf(src, XNET_XS_BACKEND_ROOT_FMT "/%u", bdom, dom);
		for (j = 0; devs && devs[j] && !ret; j++) {
			struct xst_vif_id *id;

			if (!parse_id(devs[j], &dev) || !wanted(devid, dev))
				continue;
			id = find(list, dom, dev);
			if (id && id->backend_path)
				continue;
			if (!id)
				id = add(list, dom, dev);
			if (!id || asprintf(&id->backend_path, XNET_XS_BACKEND_DIR_FMT,
					    bdom, dom, dev) < 0) {
				ret = -1;
				break;
			}
			id->backend_domid = bdom;
			if (!id->frontend_path &&
			    asprintf(&id->frontend_path, XNET_XS_FRONTEND_DIR_FMT, dom, dev) < 0)
				ret = -1;
		}
		xst_strv_free(devs);
	}
	xst_strv_free(doms);
	return ret;
}

static int by_domain_then_device(const void *a, const void *b)
{
	const struct xst_vif_id *x = a, *y = b;

	if (x->domid != y->domid)
		return x->domid < y->domid ? -1 : 1;
	if (x->devid != y->devid)
		return x->devid < y->devid ? -1 : 1;
	return 0;
}

int xst_find_vifs(struct xst_source *src, long domid, long devid,
		  struct xst_vif_list *out)
{
	char **doms = xst_listf(src, DOMAINS_ROOT);
	unsigned int i, dom;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (!doms)
		return errno == ENOENT ? 0 : -1;
	for (i = 0; doms[i] && !ret; i++)
		if (parse_id(doms[i], &dom) && wanted(domid, dom))
			ret = add_frontends(src, out, dom, devid);
	for (i = 0; doms[i] && !ret; i++)
		if (parse_id(doms[i], &dom))
			ret = add_backends(src, out, dom, domid, devid);
	xst_strv_free(doms);
	if (ret) {
		xst_vif_list_free(out);
		return -1;
	}
	if (out->nr)
		qsort(out->ids, out->nr, sizeof(*out->ids), by_domain_then_device);
	return 0;
}

void xst_vif_list_free(struct xst_vif_list *list)
{
	unsigned int i;

	for (i = 0; i < list->nr; i++) {
		free(list->ids[i].frontend_path);
		free(list->ids[i].backend_path);
	}
	free(list->ids);
	list->ids = NULL;
	list->nr = 0;
}

/* "a, b, c" of every named domain, for an error message. */
static void list_names(struct xst_source *src, char **doms, char *buf, int len)
{
	unsigned int i;
	int used = 0;

	buf[0] = 0;
	for (i = 0; doms && doms[i] && used < len; i++) {
		char *name = xst_readf(src, DOMAINS_ROOT "/%s/name", doms[i]);

		if (!name)
			continue;
		used += snprintf(buf + used, len - used, "%s%s (%s)", used ? ", " : "",
				 name, doms[i]);
		free(name);
	}
}

/* A domain that is gone may leave backend dirs worth looking at. */
static bool known_domid(struct xst_source *src, unsigned int id)
{
	struct xst_vif_list list;
	bool found;

	if (xst_existsf(src, DOMAINS_ROOT "/%u", id))
		return true;
	if (xst_find_vifs(src, id, XST_ANY, &list))
		return false;
	found = list.nr > 0;
	xst_vif_list_free(&list);
	return found;
}

int xst_resolve_domain(struct xst_source *src, const char *arg,
		       unsigned int *domid, char *err, int errlen)
{
	char **doms = xst_listf(src, DOMAINS_ROOT);
	unsigned int i, id;
	char known[512];

	if (parse_id(arg, &id) && known_domid(src, id)) {
		*domid = id;
		xst_strv_free(doms);
		return 0;
	}
	for (i = 0; doms && doms[i]; i++) {
		char *name = xst_readf(src, DOMAINS_ROOT "/%s/name", doms[i]);
		bool match = name && !strcmp(name, arg) && parse_id(doms[i], &id);

		free(name);
		if (match) {
			*domid = id;
			xst_strv_free(doms);
			return 0;
		}
	}
	list_names(src, doms, known, sizeof(known));
	snprintf(err, errlen, "no such domain: \"%s\" (known: %s)", arg,
		 known[0] ? known : "none");
	xst_strv_free(doms);
	return -1;
}
