/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A "source" is where the tools read XenStore from: the live store
 * (libxenstore, plus libxenctrl for vCPU counts) or a recorded tree in
 * `xenstore-ls -f` format.  Everything above this interface (vif reading,
 * formatting, setting queue caps) is the same code for both, so the unit
 * tests on recorded trees exercise what operators run.
 */
#ifndef XST_SOURCE_H
#define XST_SOURCE_H

#include <stdbool.h>

#include "xst_compiler.h"

struct xst_source;

struct xst_source_ops {
	/* Value of a node, malloc'd; NULL with errno set (ENOENT if absent). */
	char *(*read)(struct xst_source *src, const char *path);
	/* Child names, NULL-terminated, free with xst_strv_free(); NULL if absent. */
	char **(*list)(struct xst_source *src, const char *path);
	/* 0 on success, -1 with errno set. */
	int (*write)(struct xst_source *src, const char *path, const char *value);
	int (*remove)(struct xst_source *src, const char *path);
	/* Start following changes under path. */
	int (*watch)(struct xst_source *src, const char *path);
	/*
	 * Block until a watched node changes; the changed path is returned
	 * malloc'd.  NULL with errno ENODATA when no change will ever come.
	 */
	char *(*wait_change)(struct xst_source *src);
	/* Number of vCPUs of a domain, or -1 (errno set) when unknown. */
	int (*domain_vcpus)(struct xst_source *src, unsigned int domid);
	void (*close)(struct xst_source *src);
};

struct xst_source {
	const struct xst_source_ops *ops;
	/* Why domain_vcpus() cannot answer, for one note in the output. */
	const char *vcpus_unavailable;
};

/* Recorded tree: a `xenstore-ls -f` dump.  NULL with a message in err. */
struct xst_source *xst_source_file_open(const char *path, char *err, int errlen);
/* Same from a string, for tests. */
struct xst_source *xst_source_text_open(const char *text, char *err, int errlen);
/*
 * Queue further snapshots: each wait_change() switches to the next one and
 * reports a change, so --watch can be tested without Xen.
 */
int xst_source_file_add_snapshot(struct xst_source *src, const char *path,
				 char *err, int errlen);

/* Live XenStore.  NULL with an actionable message in err. */
struct xst_source *xst_source_live_open(char *err, int errlen);

void xst_source_close(struct xst_source *src);

char *xst_readf(struct xst_source *src, const char *fmt, ...)
	__printf(2, 3);
char **xst_listf(struct xst_source *src, const char *fmt, ...)
	__printf(2, 3);
bool xst_existsf(struct xst_source *src, const char *fmt, ...)
	__printf(2, 3);

unsigned int xst_strv_len(char **strv);
void xst_strv_free(char **strv);

#endif
