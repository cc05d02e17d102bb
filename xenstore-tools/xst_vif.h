/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One vif as XenStore holds it, both ends: what the tools show.  Every
 * number read from XenStore keeps its raw text, so an absurd value is shown
 * as written and flagged instead of being guessed at.
 */
#ifndef XST_VIF_H
#define XST_VIF_H

#include <stdbool.h>

#include "xnet_types.h"
#include "xst_source.h"

enum xst_num_state {
	XST_ABSENT,
	XST_OK,
	XST_BAD,	/* present, but not a decimal within range */
};

struct xst_num {
	enum xst_num_state state;
	u32 value;	/* meaningful when XST_OK */
	char *raw;	/* as read; NULL when absent or derived */
};

struct xst_queue {
	struct xst_num tx_ring_ref;
	struct xst_num rx_ring_ref;
	struct xst_num evtchn;		/* single event channel */
	struct xst_num evtchn_tx;	/* split event channels */
	struct xst_num evtchn_rx;
};

/* A feature as the backend offers it and the frontend requests it. */
struct xst_feature {
	const char *name;
	const char *backend_key;	/* NULL: the backend has no key for it */
	const char *frontend_key;	/* NULL: derived from the layout, or none */
	struct xst_num backend;
	struct xst_num frontend;
};

#define XST_NR_FEATURES		13

enum xst_layout {
	XST_LAYOUT_NONE,	/* no rings published (yet) */
	XST_LAYOUT_TOP_LEVEL,	/* one queue, keys in the frontend dir */
	XST_LAYOUT_QUEUE_DIRS,	/* queue-<i>/ per queue */
};

struct xst_vif {
	unsigned int domid;
	unsigned int devid;
	char *name;		/* domain name; NULL when XenStore has none */
	int vcpus;		/* -1 when unknown */
	char *frontend_path;
	char *backend_path;	/* NULL when no backend dir was found */
	int backend_domid;	/* -1 when no backend dir was found */

	struct xst_num frontend_state;
	struct xst_num backend_state;
	char *hotplug_status;
	char *mac;
	char *bridge;

	struct xst_num max_queues;	/* backend multi-queue-max-queues */
	struct xst_num num_queues;	/* frontend multi-queue-num-queues */
	struct xst_num operator_max;	/* backend xnet-max-queues */
	enum xst_layout layout;
	unsigned int nr_queues;		/* queues laid out by the frontend */
	struct xst_queue *queues;

	struct xst_num ctrl_ring_ref;
	struct xst_num evtchn_ctrl;
	char *hash_algorithm;		/* published by our netback; NULL if not */
	bool hash_algorithm_bad;

	char *rate_raw;			/* NULL when no limit */
	bool rate_bad;
	u64 rate_bytes;
	u32 rate_usec;

	struct xst_feature features[XST_NR_FEATURES];

	char **warnings;		/* NULL-terminated */
	bool bad;			/* some value was absurd or missing */
};

/* Where one vif lives; found by xst_find_vifs(). */
struct xst_vif_id {
	unsigned int domid;
	unsigned int devid;
	char *frontend_path;
	char *backend_path;	/* NULL when unknown */
	unsigned int backend_domid;	/* meaningful with backend_path */
};

struct xst_vif_list {
	struct xst_vif_id *ids;
	unsigned int nr;
};

#define XST_ANY		(-1L)

/*
 * Every vif in the store, frontends and backends both, sorted by domain and
 * device; only those of domid and devid unless XST_ANY.  0 or -1 (errno).
 */
int xst_find_vifs(struct xst_source *src, long domid, long devid,
		  struct xst_vif_list *out);
void xst_vif_list_free(struct xst_vif_list *list);

/* Read one vif. NULL only when out of memory. */
struct xst_vif *xst_read_vif(struct xst_source *src, const struct xst_vif_id *id);
void xst_vif_free(struct xst_vif *vif);

/*
 * A domain given by id or name.  0 with *domid set, or -1 with a message
 * naming what exists.
 */
int xst_resolve_domain(struct xst_source *src, const char *arg,
		       unsigned int *domid, char *err, int errlen);

void xst_num_free(struct xst_num *n);

#endif
