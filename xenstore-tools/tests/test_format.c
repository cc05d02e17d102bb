// SPDX-License-Identifier: GPL-2.0
/* Table and JSON output: validity, types, escaping, a golden table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "test.h"

static const char *const fixtures[] = {
	"stock-2q.xs", "stock-1q-after.xs", "one-queue.xs", "single-evtchn.xs", "absurd.xs",
	"multi.xs",
};

#define NR_FIXTURES	ARRAY_SIZE(fixtures)

static char *render(const char *name, bool json)
{
	struct xst_source *src = fixture(name);
	struct xst_report r;
	char *text = NULL;

	if (!src)
		return NULL;
	CHECK(xst_report_read(src, XST_ANY, XST_ANY, &r) == 0);
	text = format_report(&r, json);
	xst_report_free(&r);
	xst_source_close(src);
	CHECK(text != NULL);
	return text;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int ch;

	if (!f)
		return NULL;
	mem = open_memstream(&text, &len);
	while (mem && (ch = fgetc(f)) != EOF)
		fputc(ch, mem);
	if (mem)
		fclose(mem);
	fclose(f);
	return text;
}

static void json_checker_rejects_bad_json(void)
{
	static const char *const bad[] = {
		"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "01", "1.", "\"\x01\"", "\"\\q\"",
		"tru", "{\"a\":1}x", "nan",
	};
	static const char *const good[] = {
		"{}", "[]", "{\"a\": [1, -2.5e3, true, false, null, \"\\u001b\"]}", "{} {}",
	};
	size_t where, i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK(!json_check(bad[i], &where));
	for (i = 0; i < ARRAY_SIZE(good); i++)
		CHECK(json_check(good[i], &where));
}

static void json_valid_for_every_fixture(void)
{
	size_t i, where;

	for (i = 0; i < NR_FIXTURES; i++) {
		char *text = render(fixtures[i], true);

		CHECK(text && json_check(text, &where));
		if (text && !json_check(text, &where))
			fprintf(stderr, "%s: invalid JSON at byte %zu\n", fixtures[i], where);
		free(text);
	}
}

static void json_numbers_and_bad_values(void)
{
	char *stock = render("stock-2q.xs", true), *absurd = render("absurd.xs", true);

	if (!stock || !absurd)
		goto out;
	CHECK(strstr(stock, "\"negotiated\": 2,"));
	CHECK(strstr(stock, "\"tx_ring_ref\": 1280,"));
	CHECK(strstr(stock, "\"vcpus\": 2,"));
	CHECK(strstr(stock, "\"operator_max\": null,"));
	CHECK(strstr(stock, "\"state_name\": \"Connected\""));
	CHECK(strstr(stock, "\"bad\": false"));
	CHECK(!strstr(stock, "\"bad\": true"));
	CHECK(strstr(absurd, "\"requested\": {\n"));
	CHECK(strstr(absurd, "\"raw\": \"abc\",\n"));
	CHECK(strstr(absurd, "\"raw\": \"65536\""));
	CHECK(strstr(absurd, "\"rate\": {\n        \"raw\": \"fast\",\n        \"bad\": true"));
	/* an escape byte and UTF-8 a guest wrote come out escaped */
	CHECK(strstr(absurd, "\"raw\": \"12\\u001b[2J\\u00c3\\u00a9\""));
	CHECK(!strchr(absurd, '\033'));
out:
	free(stock);
	free(absurd);
}

static void table_escapes_guest_text(void)
{
	char *table = render("absurd.xs", false);

	CHECK(table && strstr(table, "BAD:\"12\\x1b[2J\\xc3\\xa9\""));
	CHECK(table && !strchr(table, '\033'));
	CHECK(table && strstr(table, "requested BAD:\"abc\""));
	free(table);
}

static void table_matches_golden(void)
{
	static const char *const golden[][2] = {
		{ "stock-2q.xs", "tests/expected/stock-2q.txt" },
		{ "multi.xs", "tests/expected/multi.txt" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(golden); i++) {
		char *table = render(golden[i][0], false), *want = slurp(golden[i][1]);

		CHECK(table && want && !strcmp(table, want));
		if (getenv("XST_WRITE_GOLDEN") && table) {
			FILE *f = fopen(golden[i][1], "w");

			if (f) {
				fputs(table, f);
				fclose(f);
			}
		}
		free(table);
		free(want);
	}
}

static void empty_store(void)
{
	struct xst_source *src = fixture_text("/local/domain/0/name = \"Domain-0\"\n");
	struct xst_report r;
	char *table, *json;
	size_t where;

	if (!src)
		return;
	CHECK(xst_report_read(src, XST_ANY, XST_ANY, &r) == 0 && r.nr == 0);
	table = format_report(&r, false);
	json = format_report(&r, true);
	CHECK(table && !strcmp(table, "no vifs\n"));
	CHECK(json && json_check(json, &where) && strstr(json, "\"vifs\": []"));
	free(table);
	free(json);
	xst_report_free(&r);
	xst_source_close(src);
}

void tests_format(void)
{
	test_run("format: the JSON checker itself rejects bad JSON", json_checker_rejects_bad_json);
	test_run("format: --json output is valid JSON for every fixture",
		 json_valid_for_every_fixture);
	test_run("format: JSON numbers are numbers, bad values raw + bad",
		 json_numbers_and_bad_values);
	test_run("format: table escapes what a guest wrote", table_escapes_guest_text);
	test_run("format: table matches tests/expected", table_matches_golden);
	test_run("format: a store without vifs", empty_store);
}
