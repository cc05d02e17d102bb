// SPDX-License-Identifier: GPL-2.0
/*
 * A recorded XenStore tree, as `xenstore-ls -f` prints it:
 *	/local/domain/1/device/vif/0/state = "4"
 * optionally followed by permissions "(n0,r1)" (xenstore-ls -p).  Lines
 * starting with '#' are comments, except "# vcpus DOMID N", which records
 * what libxenctrl would say about a domain's vCPUs.
 *
 * Writes change the tree in memory only.  Extra snapshots may be queued:
 * each wait_change() replaces the tree with the next one.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xst_source.h"

struct node {
	char *path;
	char *value;
};

struct vcpus {
	unsigned int domid;
	int count;
};

struct file_source {
	struct xst_source base;
	struct node *nodes;
	unsigned int nr_nodes, cap_nodes;
	struct vcpus *vcpus;
	unsigned int nr_vcpus;
	char **snapshots;	/* queued snapshot texts, consumed in order */
	unsigned int nr_snapshots, next_snapshot;
};

static struct file_source *to_file(struct xst_source *src)
{
	return (struct file_source *)src;
}

static void clear_tree(struct file_source *fs)
{
	unsigned int i;

	for (i = 0; i < fs->nr_nodes; i++) {
		free(fs->nodes[i].path);
		free(fs->nodes[i].value);
	}
	free(fs->nodes);
	free(fs->vcpus);
	fs->nodes = NULL;
	fs->nr_nodes = 0;
	fs->cap_nodes = 0;
	fs->vcpus = NULL;
	fs->nr_vcpus = 0;
}

static int find_node(struct file_source *fs, const char *path)
{
	unsigned int i;

	for (i = 0; i < fs->nr_nodes; i++)
		if (!strcmp(fs->nodes[i].path, path))
			return (int)i;
	return -1;
}

/* True when child lies strictly below dir. */
static const char *below(const char *dir, const char *child)
{
	size_t len = strlen(dir);

	if (len == 1 && dir[0] == '/')
		return child[0] == '/' && child[1] ? child + 1 : NULL;
	if (strncmp(dir, child, len) || child[len] != '/' || !child[len + 1])
		return NULL;
	return child + len + 1;
}

static int set_node(struct file_source *fs, const char *path, const char *value)
{
	int i = find_node(fs, path);
	char *copy = strdup(value);

	if (!copy)
		return -1;
	if (i >= 0) {
		free(fs->nodes[i].value);
		fs->nodes[i].value = copy;
		return 0;
	}
	if (fs->nr_nodes == fs->cap_nodes) {
		unsigned int cap = fs->cap_nodes ? 2 * fs->cap_nodes : 64;
		struct node *n = realloc(fs->nodes, cap * sizeof(*n));

		if (!n) {
			free(copy);
			return -1;
		}
		fs->nodes = n;
		fs->cap_nodes = cap;
	}
	fs->nodes[fs->nr_nodes].path = strdup(path);
	if (!fs->nodes[fs->nr_nodes].path) {
		free(copy);
		return -1;
	}
	fs->nodes[fs->nr_nodes].value = copy;
	fs->nr_nodes++;
	return 0;
}

static int octal_digit(char c)
{
	return c >= '0' && c <= '7';
}

/* Undo xenstore-ls escaping in place: backslash, quote, n, t, r, octal, hex. */
static void unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (*s != '\\' || !s[1]) {
			*out++ = *s++;
			continue;
		}
		s++;
		if (octal_digit(s[0]) && octal_digit(s[1]) && octal_digit(s[2])) {
			*out++ = (char)((s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0'));
			s += 3;
		} else if (s[0] == 'x' && isxdigit((unsigned char)s[1]) &&
			   isxdigit((unsigned char)s[2])) {
			char hex[3] = { s[1], s[2], 0 };

			*out++ = (char)strtol(hex, NULL, 16);
			s += 3;
		} else {
			switch (*s) {
			case 'n':
				*out++ = '\n';
				break;
			case 't':
				*out++ = '\t';
				break;
			case 'r':
				*out++ = '\r';
				break;
			default:
				*out++ = *s;
			}
			s++;
		}
	}
	*out = 0;
}

static int parse_vcpus_line(struct file_source *fs, const char *line)
{
	unsigned int domid;
	int count;
	struct vcpus *v;

	if (sscanf(line, "# vcpus %u %d", &domid, &count) != 2)
		return 0;	/* an ordinary comment */
	v = realloc(fs->vcpus, (fs->nr_vcpus + 1) * sizeof(*v));
	if (!v)
		return -1;
	fs->vcpus = v;
	v[fs->nr_vcpus].domid = domid;
	v[fs->nr_vcpus].count = count;
	fs->nr_vcpus++;
	return 0;
}

static int parse_line(struct file_source *fs, char *line, char *err, int errlen,
		      unsigned int lineno)
{
	char *sep, *open, *close;

	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line)
		return 0;
	if (*line == '#')
		return parse_vcpus_line(fs, line);
	sep = strstr(line, " = \"");
	/* The value ends at the last quote: values may hold unescaped quotes. */
	close = strrchr(line, '"');
	if (line[0] != '/' || !sep || close <= sep + 3) {
		snprintf(err, errlen, "line %u: expected /path = \"value\"", lineno);
		return -1;
	}
	*sep = 0;
	open = sep + 4;
	*close = 0;
	unescape(open);
	return set_node(fs, line, open);
}

static int load_text(struct file_source *fs, const char *text, char *err, int errlen)
{
	char *copy = strdup(text), *line, *save = NULL;
	unsigned int lineno = 0;
	int ret = 0;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	clear_tree(fs);
	for (line = copy; line && !ret; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = 0;
		lineno++;
		ret = parse_line(fs, line, err, errlen, lineno);
	}
	free(copy);
	return ret;
}

static char *slurp(const char *path, char *err, int errlen)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, got;
	char chunk[4096];

	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		char *n = realloc(buf, len + got + 1);

		if (!n) {
			free(buf);
			fclose(f);
			snprintf(err, errlen, "out of memory reading %s", path);
			return NULL;
		}
		buf = n;
		memcpy(buf + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = 0;
	return buf;
}

static char *file_read(struct xst_source *src, const char *path)
{
	struct file_source *fs = to_file(src);
	int i = find_node(fs, path);
	unsigned int j;

	if (i >= 0)
		return strdup(fs->nodes[i].value);
	/* A directory only implied by its children reads as empty. */
	for (j = 0; j < fs->nr_nodes; j++)
		if (below(path, fs->nodes[j].path))
			return strdup("");
	errno = ENOENT;
	return NULL;
}

static bool strv_has(char **v, unsigned int n, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strlen(v[i]) == len && !strncmp(v[i], name, len))
			return true;
	return false;
}

static char **file_list(struct xst_source *src, const char *path)
{
	struct file_source *fs = to_file(src);
	char **names = calloc(fs->nr_nodes + 1, sizeof(*names));
	unsigned int i, n = 0;
	bool exists = find_node(fs, path) >= 0;

	if (!names)
		return NULL;
	for (i = 0; i < fs->nr_nodes; i++) {
		const char *rest = below(path, fs->nodes[i].path);
		size_t len;

		if (!rest)
			continue;
		exists = true;
		len = strcspn(rest, "/");
		if (strv_has(names, n, rest, len))
			continue;
		names[n] = strndup(rest, len);
		if (!names[n]) {
			xst_strv_free(names);
			return NULL;
		}
		n++;
	}
	if (!exists) {
		free(names);
		errno = ENOENT;
		return NULL;
	}
	return names;
}

static int file_write(struct xst_source *src, const char *path, const char *value)
{
	return set_node(to_file(src), path, value);
}

static int file_remove(struct xst_source *src, const char *path)
{
	struct file_source *fs = to_file(src);
	unsigned int i = 0, removed = 0;

	while (i < fs->nr_nodes) {
		struct node *n = &fs->nodes[i];

		if (strcmp(n->path, path) && !below(path, n->path)) {
			i++;
			continue;
		}
		free(n->path);
		free(n->value);
		*n = fs->nodes[--fs->nr_nodes];
		removed++;
	}
	if (!removed) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

static int file_watch(struct xst_source *src, const char *path)
{
	(void)src;
	(void)path;
	return 0;
}

static char *file_wait_change(struct xst_source *src)
{
	struct file_source *fs = to_file(src);
	char err[256];

	if (fs->next_snapshot >= fs->nr_snapshots) {
		errno = ENODATA;
		return NULL;
	}
	if (load_text(fs, fs->snapshots[fs->next_snapshot++], err, sizeof(err))) {
		errno = EINVAL;
		return NULL;
	}
	return strdup("/local/domain");
}

static int file_domain_vcpus(struct xst_source *src, unsigned int domid)
{
	struct file_source *fs = to_file(src);
	unsigned int i;

	for (i = 0; i < fs->nr_vcpus; i++)
		if (fs->vcpus[i].domid == domid)
			return fs->vcpus[i].count;
	errno = ENOENT;
	return -1;
}

static void file_close(struct xst_source *src)
{
	struct file_source *fs = to_file(src);

	clear_tree(fs);
	xst_strv_free(fs->snapshots);
	free(fs);
}

static const struct xst_source_ops file_ops = {
	.read = file_read,
	.list = file_list,
	.write = file_write,
	.remove = file_remove,
	.watch = file_watch,
	.wait_change = file_wait_change,
	.domain_vcpus = file_domain_vcpus,
	.close = file_close,
};

struct xst_source *xst_source_text_open(const char *text, char *err, int errlen)
{
	struct file_source *fs = calloc(1, sizeof(*fs));

	if (!fs) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	fs->base.ops = &file_ops;
	fs->base.vcpus_unavailable = "recorded tree has no \"# vcpus\" line for this domain";
	if (load_text(fs, text, err, errlen)) {
		file_close(&fs->base);
		return NULL;
	}
	return &fs->base;
}

struct xst_source *xst_source_file_open(const char *path, char *err, int errlen)
{
	char *text = slurp(path, err, errlen);
	struct xst_source *src;
	char inner[200];

	if (!text)
		return NULL;
	src = xst_source_text_open(text, inner, sizeof(inner));
	if (!src)
		snprintf(err, errlen, "%s: %s", path, inner);
	free(text);
	return src;
}

int xst_source_file_add_snapshot(struct xst_source *src, const char *path,
				 char *err, int errlen)
{
	struct file_source *fs = to_file(src);
	char *text = slurp(path, err, errlen);
	struct xst_source *check;
	char **v;
	char inner[200];

	if (!text)
		return -1;
	/* Reject a bad snapshot now, not in the middle of a watch. */
	check = xst_source_text_open(text, inner, sizeof(inner));
	if (!check) {
		snprintf(err, errlen, "%s: %s", path, inner);
		free(text);
		return -1;
	}
	xst_source_close(check);
	v = realloc(fs->snapshots, (fs->nr_snapshots + 2) * sizeof(*v));
	if (!v) {
		free(text);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	v[fs->nr_snapshots++] = text;
	v[fs->nr_snapshots] = NULL;
	fs->snapshots = v;
	return 0;
}
