// SPDX-License-Identifier: GPL-2.0
/* The recorded-tree source: xenstore-ls -f parsing, listing, writes. */
#include <stdlib.h>
#include <string.h>

#include "test.h"

static void parse_escapes_and_permissions(void)
{
	struct xst_source *src = fixture_text(
		"# a comment\n"
		"\n"
		"/a = \"\"\n"
		"/a/plain = \"x y\"\n"
		"/a/esc = \"back\\\\slash tab\\t oct\\033 hex\\x41\"\n"
		"/a/quoted = \"say \"hi\"\"\n"
		"/a/perms = \"7\"  (n0,r1)\n");
	char *v;

	if (!src)
		return;
	v = src->ops->read(src, "/a/plain");
	CHECK(v && !strcmp(v, "x y"));
	free(v);
	v = src->ops->read(src, "/a/esc");
	CHECK(v && !strcmp(v, "back\\slash tab\t oct\033 hexA"));
	free(v);
	v = src->ops->read(src, "/a/quoted");
	CHECK(v && !strcmp(v, "say \"hi\""));
	free(v);
	v = src->ops->read(src, "/a/perms");
	CHECK(v && !strcmp(v, "7"));
	free(v);
	xst_source_close(src);
}

static void implied_directories_and_listing(void)
{
	struct xst_source *src = fixture_text("/x/y/z = \"1\"\n/x/y/w = \"2\"\n/x/v = \"3\"\n");
	char **names;
	char *v;

	if (!src)
		return;
	v = src->ops->read(src, "/x/y");
	CHECK(v && !strcmp(v, ""));
	free(v);
	CHECK(src->ops->read(src, "/x/nope") == NULL);
	CHECK(src->ops->read(src, "/x/y/z/deeper") == NULL);
	names = src->ops->list(src, "/x");
	CHECK(xst_strv_len(names) == 2);
	CHECK(names && !strcmp(names[0], "y") && !strcmp(names[1], "v"));
	xst_strv_free(names);
	names = src->ops->list(src, "/");
	CHECK(xst_strv_len(names) == 1);
	xst_strv_free(names);
	CHECK(src->ops->list(src, "/nope") == NULL);
	/* "/x/y" must not list "/x/yy"'s children */
	xst_source_close(src);
	src = fixture_text("/x/y/a = \"1\"\n/x/yy/b = \"2\"\n");
	names = src ? src->ops->list(src, "/x/y") : NULL;
	CHECK(xst_strv_len(names) == 1 && !strcmp(names[0], "a"));
	xst_strv_free(names);
	xst_source_close(src);
}

static void write_and_remove(void)
{
	struct xst_source *src = fixture_text("/d/a = \"1\"\n/d/sub/b = \"2\"\n");
	char *v;

	if (!src)
		return;
	CHECK(src->ops->write(src, "/d/a", "9") == 0);
	CHECK(src->ops->write(src, "/d/new", "n") == 0);
	v = src->ops->read(src, "/d/a");
	CHECK(v && !strcmp(v, "9"));
	free(v);
	v = src->ops->read(src, "/d/new");
	CHECK(v && !strcmp(v, "n"));
	free(v);
	CHECK(src->ops->remove(src, "/d/sub") == 0);
	CHECK(src->ops->read(src, "/d/sub/b") == NULL);
	CHECK(src->ops->remove(src, "/d/sub") == -1);
	xst_source_close(src);
}

static void rejects_malformed_lines(void)
{
	char err[256] = "";
	struct xst_source *src;

	src = xst_source_text_open("/ok = \"1\"\nnot a line\n", err, sizeof(err));
	CHECK(src == NULL);
	CHECK(strstr(err, "line 2") != NULL);
	xst_source_close(src);
	src = xst_source_text_open("/novalue =\n", err, sizeof(err));
	CHECK(src == NULL);
	xst_source_close(src);
	src = xst_source_text_open("relative = \"1\"\n", err, sizeof(err));
	CHECK(src == NULL);
	xst_source_close(src);
	src = xst_source_file_open("tests/fixtures/does-not-exist.xs", err, sizeof(err));
	CHECK(src == NULL);
	CHECK(strstr(err, "cannot open") != NULL);
	xst_source_close(src);
}

static void vcpus_lines(void)
{
	struct xst_source *src = fixture_text("# vcpus 3 4\n# vcpus 0 2\n# just words\n/a = \"1\"\n");

	if (!src)
		return;
	CHECK(src->ops->domain_vcpus(src, 3) == 4);
	CHECK(src->ops->domain_vcpus(src, 0) == 2);
	CHECK(src->ops->domain_vcpus(src, 9) == -1);
	xst_source_close(src);
}

static void snapshots_replay_in_order(void)
{
	struct xst_source *src = fixture("stock-2q.xs");
	char err[256];
	char *changed, *v;

	if (!src)
		return;
	CHECK(xst_source_file_add_snapshot(src, "tests/fixtures/stock-1q-after.xs",
					   err, sizeof(err)) == 0);
	changed = src->ops->wait_change(src);
	CHECK(changed != NULL);
	free(changed);
	v = xst_readf(src, "/local/domain/1/device/vif/0/multi-queue-num-queues");
	CHECK(v && !strcmp(v, "1"));
	free(v);
	CHECK(src->ops->wait_change(src) == NULL);
	xst_source_close(src);
}

void tests_source(void)
{
	test_run("source: xenstore-ls -f escapes, quotes, permissions",
		 parse_escapes_and_permissions);
	test_run("source: implied directories and listing", implied_directories_and_listing);
	test_run("source: write and remove in memory", write_and_remove);
	test_run("source: malformed lines rejected with line number", rejects_malformed_lines);
	test_run("source: # vcpus lines", vcpus_lines);
	test_run("source: snapshots replay in order for --watch", snapshots_replay_in_order);
}
