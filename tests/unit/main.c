// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Unit-test runner for core/. */
#include <stdarg.h>
#include <stdio.h>

#include "xtest.h"

static unsigned int xt_passed, xt_failed;

bool xt_case(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fputs(ok ? "PASS " : "FAIL ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf("  (%s:%d)", file, line);
	putchar('\n');
	if (ok)
		xt_passed++;
	else
		xt_failed++;
	return ok;
}

int main(void)
{
	test_abi();
	test_toeplitz();
	test_flow();
	test_queue_map();
	test_ring_check();
	test_tx_validate();
	test_negotiate();
	test_ctrl_check();
	printf("%u passed, %u failed\n", xt_passed, xt_failed);
	return xt_failed ? 1 : 0;
}
