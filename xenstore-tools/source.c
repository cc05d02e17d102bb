// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by every source: formatted paths and string vectors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "xst_source.h"

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

char *xst_readf(struct xst_source *src, const char *fmt, ...)
{
	va_list ap;
	char *path, *val;

	va_start(ap, fmt);
	path = vformat(fmt, ap);
	va_end(ap);
	if (!path)
		return NULL;
	val = src->ops->read(src, path);
	free(path);
	return val;
}

char **xst_listf(struct xst_source *src, const char *fmt, ...)
{
	va_list ap;
	char *path;
	char **names;

	va_start(ap, fmt);
	path = vformat(fmt, ap);
	va_end(ap);
	if (!path)
		return NULL;
	names = src->ops->list(src, path);
	free(path);
	return names;
}

bool xst_existsf(struct xst_source *src, const char *fmt, ...)
{
	va_list ap;
	char *path, *val;

	va_start(ap, fmt);
	path = vformat(fmt, ap);
	va_end(ap);
	if (!path)
		return false;
	val = src->ops->read(src, path);
	free(path);
	free(val);
	return val != NULL;
}

unsigned int xst_strv_len(char **strv)
{
	unsigned int n = 0;

	while (strv && strv[n])
		n++;
	return n;
}

void xst_strv_free(char **strv)
{
	unsigned int i;

	for (i = 0; strv && strv[i]; i++)
		free(strv[i]);
	free(strv);
}

void xst_source_close(struct xst_source *src)
{
	if (src)
		src->ops->close(src);
}
