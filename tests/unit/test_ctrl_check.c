// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Control-ring parameter checks: accept/reject tables. */
#include "ctrl_check.h"
#include "xtest.h"

#define OK	XNET_CTRL_STATUS_SUCCESS
#define INVAL	XNET_CTRL_STATUS_INVALID_PARAMETER
#define OVER	XNET_CTRL_STATUS_BUFFER_OVERFLOW

struct map_case {
	u32 map_size, off, len, status;
	const char *what;
};

static const struct map_case map_cases[] = {
	{ 128, 0, 128, OK, "whole table" },
	{ 128, 64, 64, OK, "upper half" },
	{ 128, 128, 0, OK, "empty update at the end" },
	{ 128, 64, 65, INVAL, "one entry past the end" },
	{ 128, 129, 0, INVAL, "offset past the end" },
	{ 128, 0xFFFFFFFFu, 2, INVAL, "offset + len wraps" },
	{ 0, 0, 1, INVAL, "no table set" },
	{ 128, 0, 1025, OVER, "more entries than one page holds" },
	{ 128, 0, 0xFFFFFFFFu, OVER, "absurd length" },
};

void test_ctrl_check(void)
{
	size_t i;

	XT_CHECK(xnet_ctrl_check_hash_flags(XNET_HASH_TYPE_ALL, XNET_HASH_TYPE_ALL) == OK,
		 "ctrl hash flags: all four types accepted");
	XT_CHECK(xnet_ctrl_check_hash_flags(0, XNET_HASH_TYPE_ALL) == OK,
		 "ctrl hash flags: 0 (disable) accepted");
	XT_CHECK(xnet_ctrl_check_hash_flags(1U << 4, XNET_HASH_TYPE_ALL) == INVAL,
		 "ctrl hash flags: unknown bit 4 rejected");
	XT_CHECK(xnet_ctrl_check_hash_flags(1U << 16, 0xFFFFFFFFu) == INVAL,
		 "ctrl hash flags: local UDP bits never accepted from the wire");
	XT_CHECK(xnet_ctrl_check_hash_flags(XNET_HASH_TYPE_IPV6, XNET_HASH_TYPE_IPV4) == INVAL,
		 "ctrl hash flags: unsupported type rejected");

	XT_CHECK(xnet_ctrl_check_algorithm(XNET_HASH_ALGORITHM_NONE) == OK &&
		 xnet_ctrl_check_algorithm(XNET_HASH_ALGORITHM_TOEPLITZ) == OK,
		 "ctrl algorithm: NONE and TOEPLITZ accepted");
	XT_CHECK(xnet_ctrl_check_algorithm(2) == INVAL, "ctrl algorithm: 2 rejected");

	XT_CHECK(xnet_ctrl_check_hash_key_len(0) == OK, "ctrl key len 0 (clear) accepted");
	XT_CHECK(xnet_ctrl_check_hash_key_len(40) == OK, "ctrl key len 40 accepted");
	XT_CHECK(xnet_ctrl_check_hash_key_len(41) == OVER, "ctrl key len 41: buffer overflow");

	XT_CHECK(xnet_ctrl_check_mapping_size(0) == OK, "ctrl mapping size 0 (modular)");
	XT_CHECK(xnet_ctrl_check_mapping_size(128) == OK, "ctrl mapping size 128");
	XT_CHECK(xnet_ctrl_check_mapping_size(129) == INVAL, "ctrl mapping size 129 rejected");

	for (i = 0; i < ARRAY_SIZE(map_cases); i++) {
		const struct map_case *c = &map_cases[i];

		XT_CHECK(xnet_ctrl_check_mapping_update(c->map_size, c->off,
							c->len) == c->status,
			 "ctrl mapping update %s: %s",
			 c->status == OK ? "accept" : "reject", c->what);
	}
}
