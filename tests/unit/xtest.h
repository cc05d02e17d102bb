/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A minimal test runner for core/: each check prints PASS or FAIL with its
 * name; main() prints the closing "N passed, N failed" line.
 */
#ifndef XTEST_H
#define XTEST_H

#include <stdbool.h>

/* Record one case; the name is printf-formatted. Returns ok. */
bool xt_case(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define XT_CHECK(ok, ...) xt_case(!!(ok), __FILE__, __LINE__, __VA_ARGS__)

/* Test groups, one per core unit. */
void test_abi(void);
void test_toeplitz(void);
void test_flow(void);
void test_queue_map(void);
void test_ring_check(void);
void test_tx_validate(void);
void test_negotiate(void);
void test_ctrl_check(void);

#endif /* XTEST_H */
