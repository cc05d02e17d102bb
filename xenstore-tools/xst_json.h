/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON writer: pretty-printed, pure ASCII output (every byte that
 * is not printable ASCII is escaped), so whatever a guest wrote into
 * XenStore comes out as valid JSON.
 */
#ifndef XST_JSON_H
#define XST_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "xst_vif.h"

#define XST_JSON_DEPTH_MAX	16

struct xst_json {
	FILE *out;
	int depth;
	bool has_members[XST_JSON_DEPTH_MAX];
};

/* key is NULL inside arrays and at the top. */
void xst_json_begin_object(struct xst_json *j, const char *key);
void xst_json_end_object(struct xst_json *j);
void xst_json_begin_array(struct xst_json *j, const char *key);
void xst_json_end_array(struct xst_json *j);
void xst_json_string(struct xst_json *j, const char *key, const char *value);
void xst_json_uint(struct xst_json *j, const char *key, unsigned long long value);
void xst_json_int(struct xst_json *j, const char *key, long long value);
void xst_json_bool(struct xst_json *j, const char *key, bool value);
void xst_json_null(struct xst_json *j, const char *key);
/* A fixed-point number with the given decimals. */
void xst_json_decimal(struct xst_json *j, const char *key, double value, int decimals);
/* null when absent, a number when sane, {"raw": "...", "bad": true} otherwise. */
void xst_json_num(struct xst_json *j, const char *key, const struct xst_num *n);

#endif
