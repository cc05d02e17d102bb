// SPDX-License-Identifier: GPL-2.0
/* xnet-set-queues logic on a recorded tree in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "xst_cli.h"

#define KEY	"/local/domain/0/backend/vif/1/0/xnet-max-queues"

static FILE *devnull(void)
{
	return fopen("/dev/null", "w");
}

static int set(struct xst_source *src, const char *dom, const char *dev, const char *n)
{
	FILE *out = devnull();
	int ret;

	ret = xst_set_queues(src, "test", dom, dev, n, out ? out : stdout);
	if (out)
		fclose(out);
	return ret;
}

static bool key_is(struct xst_source *src, const char *want)
{
	char *v = src->ops->read(src, KEY);
	bool same = want ? v && !strcmp(v, want) : !v;

	free(v);
	return same;
}

static void writes_and_clears_the_cap(void)
{
	struct xst_source *src = fixture("stock-2q.xs");
	struct xst_vif *vif;

	if (!src)
		return;
	CHECK(set(src, "guest1", "0", "1") == XST_EXIT_OK && key_is(src, "1"));
	vif = read_one(src, 1, 0);
	CHECK(vif && vif->operator_max.state == XST_OK && vif->operator_max.value == 1);
	xst_vif_free(vif);
	CHECK(set(src, "1", "0", "256") == XST_EXIT_OK && key_is(src, "256"));
	CHECK(set(src, "1", "0", "0") == XST_EXIT_OK && key_is(src, NULL));
	CHECK(set(src, "1", "0", "4") == XST_EXIT_OK && key_is(src, "4"));
	CHECK(set(src, "guest1", "0", "clear") == XST_EXIT_OK && key_is(src, NULL));
	/* clearing what is not there is fine */
	CHECK(set(src, "guest1", "0", "clear") == XST_EXIT_OK && key_is(src, NULL));
	xst_source_close(src);
}

static void rejects_bad_counts(void)
{
	static const char *const bad[] = {
		"257", "65536", "-1", "abc", "", " 1", "1 ", "0x2", "+2", "1.5", "99999999999999999999",
	};
	struct xst_source *src = fixture("stock-2q.xs");
	size_t i;

	if (!src)
		return;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK(set(src, "guest1", "0", bad[i]) == XST_EXIT_BAD_VALUE);
		CHECK(key_is(src, NULL));
	}
	xst_source_close(src);
}

static void unknown_domain_or_vif(void)
{
	struct xst_source *src = fixture("multi.xs");

	if (!src)
		return;
	CHECK(set(src, "nosuch", "0", "2") == XST_EXIT_NOT_FOUND);
	CHECK(set(src, "42", "0", "2") == XST_EXIT_NOT_FOUND);
	CHECK(set(src, "web", "5", "2") == XST_EXIT_NOT_FOUND);
	CHECK(set(src, "web", "x", "2") == XST_EXIT_USAGE);
	/* the driver domain's backend dir is the one written */
	CHECK(set(src, "behind-netvm", "0", "2") == XST_EXIT_OK);
	CHECK(xst_existsf(src, "/local/domain/2/backend/vif/8/0/xnet-max-queues"));
	xst_source_close(src);
}

void tests_set_queues(void)
{
	test_run("set-queues: writes, replaces and clears xnet-max-queues",
		 writes_and_clears_the_cap);
	test_run("set-queues: rejects counts outside 1..256 and non-decimals", rejects_bad_counts);
	test_run("set-queues: unknown domain or vif, driver domain backend",
		 unknown_domain_or_vif);
}
