/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal test harness: each test prints "PASS name" or "FAIL name" with
 * the first failed check; tests/run.sh counts the lines.
 */
#ifndef XST_TEST_H
#define XST_TEST_H

#include <stdbool.h>

#include "xst_report.h"
#include "xst_source.h"

#define CHECK(cond) test_check((cond), __FILE__, __LINE__, #cond)

void test_check(bool ok, const char *file, int line, const char *what);
void test_run(const char *name, void (*fn)(void));

/* A fixture from tests/fixtures; the test fails if it does not load. */
struct xst_source *fixture(const char *name);
struct xst_source *fixture_text(const char *text);
/* The vif of domid.devid read from src (NULL, and a failed check, if none). */
struct xst_vif *read_one(struct xst_source *src, unsigned int domid, unsigned int devid);
/* A report formatted into a malloc'd string. */
char *format_report(const struct xst_report *r, bool json);
bool has_warning(const struct xst_vif *vif, const char *part);

void tests_source(void);
void tests_vif(void);
void tests_format(void);
void tests_set_queues(void);

#endif
