// SPDX-License-Identifier: GPL-2.0
/* Unit tests of xenstore-tools on recorded XenStore trees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define FIXTURE_DIR_DEFAULT	"tests/fixtures"

static const char *fixture_dir = FIXTURE_DIR_DEFAULT;
static int failed_checks;
static char first_failure[512];

void test_check(bool ok, const char *file, int line, const char *what)
{
	if (ok)
		return;
	if (!failed_checks++)
		snprintf(first_failure, sizeof(first_failure), "%s:%d: %s", file, line, what);
}

void test_run(const char *name, void (*fn)(void))
{
	failed_checks = 0;
	fn();
	if (failed_checks)
		printf("FAIL %s: %s (%d failed check%s)\n", name, first_failure, failed_checks,
		       failed_checks == 1 ? "" : "s");
	else
		printf("PASS %s\n", name);
}

struct xst_source *fixture(const char *name)
{
	char path[512], err[256];
	struct xst_source *src;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	src = xst_source_file_open(path, err, sizeof(err));
	if (!src)
		fprintf(stderr, "cannot load %s: %s\n", name, err);
	CHECK(src != NULL);
	return src;
}

struct xst_source *fixture_text(const char *text)
{
	char err[256];
	struct xst_source *src = xst_source_text_open(text, err, sizeof(err));

	if (!src)
		fprintf(stderr, "fixture text: %s\n", err);
	CHECK(src != NULL);
	return src;
}

struct xst_vif *read_one(struct xst_source *src, unsigned int domid, unsigned int devid)
{
	struct xst_vif_list list;
	struct xst_vif *vif = NULL;

	if (!src)
		return NULL;
	CHECK(xst_find_vifs(src, domid, devid, &list) == 0);
	CHECK(list.nr == 1);
	if (list.nr == 1)
		vif = xst_read_vif(src, &list.ids[0]);
	xst_vif_list_free(&list);
	return vif;
}

char *format_report(const struct xst_report *r, bool json)
{
	char *text = NULL;
	size_t len;
	FILE *mem = open_memstream(&text, &len);

	if (!mem)
		return NULL;
	if (json)
		xst_format_json(mem, r);
	else
		xst_format_table(mem, r);
	fclose(mem);
	return text;
}

bool has_warning(const struct xst_vif *vif, const char *part)
{
	unsigned int i;

	for (i = 0; vif && vif->warnings && vif->warnings[i]; i++)
		if (strstr(vif->warnings[i], part))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		fixture_dir = argv[1];
	tests_source();
	tests_vif();
	tests_format();
	tests_set_queues();
	return 0;
}
