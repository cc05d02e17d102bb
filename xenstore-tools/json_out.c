// SPDX-License-Identifier: GPL-2.0
/* JSON output for --json. */
#include "xst_json.h"

#define JSON_INDENT	2
#define ASCII_FIRST	0x20
#define ASCII_LAST	0x7e

static void put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p >= ASCII_FIRST && *p <= ASCII_LAST)
			fputc(*p, out);
		else
			fprintf(out, "\\u%04x", *p);
	}
	fputc('"', out);
}

/* Separator, newline, indent and key before any value. */
static void member(struct xst_json *j, const char *key)
{
	if (j->depth > 0 && j->depth <= XST_JSON_DEPTH_MAX) {
		if (j->has_members[j->depth - 1])
			fputc(',', j->out);
		j->has_members[j->depth - 1] = true;
		fprintf(j->out, "\n%*s", j->depth * JSON_INDENT, "");
	}
	if (key) {
		put_string(j->out, key);
		fputs(": ", j->out);
	}
}

static void open_scope(struct xst_json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->out);
	if (j->depth < XST_JSON_DEPTH_MAX)
		j->has_members[j->depth] = false;
	j->depth++;
}

static void close_scope(struct xst_json *j, char c)
{
	bool had = j->depth <= XST_JSON_DEPTH_MAX && j->has_members[j->depth - 1];

	j->depth--;
	if (had)
		fprintf(j->out, "\n%*s", j->depth * JSON_INDENT, "");
	fputc(c, j->out);
	if (!j->depth)
		fputc('\n', j->out);
}

void xst_json_begin_object(struct xst_json *j, const char *key)
{
	open_scope(j, key, '{');
}

void xst_json_end_object(struct xst_json *j)
{
	close_scope(j, '}');
}

void xst_json_begin_array(struct xst_json *j, const char *key)
{
	open_scope(j, key, '[');
}

void xst_json_end_array(struct xst_json *j)
{
	close_scope(j, ']');
}

void xst_json_string(struct xst_json *j, const char *key, const char *value)
{
	if (!value) {
		xst_json_null(j, key);
		return;
	}
	member(j, key);
	put_string(j->out, value);
}

void xst_json_uint(struct xst_json *j, const char *key, unsigned long long value)
{
	member(j, key);
	fprintf(j->out, "%llu", value);
}

void xst_json_int(struct xst_json *j, const char *key, long long value)
{
	member(j, key);
	fprintf(j->out, "%lld", value);
}

void xst_json_bool(struct xst_json *j, const char *key, bool value)
{
	member(j, key);
	fputs(value ? "true" : "false", j->out);
}

void xst_json_null(struct xst_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->out);
}

void xst_json_decimal(struct xst_json *j, const char *key, double value, int decimals)
{
	member(j, key);
	fprintf(j->out, "%.*f", decimals, value);
}

void xst_json_num(struct xst_json *j, const char *key, const struct xst_num *n)
{
	switch (n->state) {
	case XST_ABSENT:
		xst_json_null(j, key);
		break;
	case XST_OK:
		xst_json_uint(j, key, n->value);
		break;
	case XST_BAD:
		xst_json_begin_object(j, key);
		xst_json_string(j, "raw", n->raw ? n->raw : "");
		xst_json_bool(j, "bad", true);
		xst_json_end_object(j);
		break;
	}
}
