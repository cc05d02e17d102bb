// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Queue negotiation and strict XenStore number parsing: tables. */
#include <stdio.h>

#include "negotiate.h"
#include "xtest.h"

struct u32_case {
	const char *s;
	u32 max;
	int err;
	u32 value;
};

static const struct u32_case u32_cases[] = {
	{ "0", 10, 0, 0 },
	{ "1", 10, 0, 1 },
	{ "8", 8, 0, 8 },
	{ "007", 10, 0, 7 },
	{ "4294967295", 0xFFFFFFFFu, 0, 0xFFFFFFFFu },
	{ "", 10, -EINVAL, 0 },
	{ "-1", 10, -EINVAL, 0 },
	{ "-0", 10, -EINVAL, 0 },
	{ "+1", 10, -EINVAL, 0 },
	{ " 1", 10, -EINVAL, 0 },
	{ "1 ", 10, -EINVAL, 0 },
	{ "1\n", 10, -EINVAL, 0 },
	{ "1a", 10, -EINVAL, 0 },
	{ "abc", 10, -EINVAL, 0 },
	{ "0x10", 100, -EINVAL, 0 },
	{ "1.5", 10, -EINVAL, 0 },
	{ "9", 8, -ERANGE, 0 },
	{ "1", 0, -ERANGE, 0 },
	{ "4294967296", 0xFFFFFFFFu, -ERANGE, 0 },
	{ "99999999999999999999999999", 0xFFFFFFFFu, -ERANGE, 0 },
	{ "1000000", 256, -ERANGE, 0 },
};

struct rate_case {
	const char *s;
	int err;
	u64 bytes;
	u32 usec;
};

static const struct rate_case rate_cases[] = {
	{ "10000000,20000", 0, 10000000, 20000 },
	{ "1,1", 0, 1, 1 },
	{ "18446744073709551615,4294967295", 0, 0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFu },
	{ "", -EINVAL, 0, 0 },
	{ ",", -EINVAL, 0, 0 },
	{ "1,", -EINVAL, 0, 0 },
	{ ",1", -EINVAL, 0, 0 },
	{ "100", -EINVAL, 0, 0 },
	{ "0,20000", -EINVAL, 0, 0 },
	{ "100,0", -EINVAL, 0, 0 },
	{ "1,2,3", -EINVAL, 0, 0 },
	{ "1;2", -EINVAL, 0, 0 },
	{ " 1,2", -EINVAL, 0, 0 },
	{ "1, 2", -EINVAL, 0, 0 },
	{ "-1,2", -EINVAL, 0, 0 },
	{ "18446744073709551616,1", -ERANGE, 0, 0 },
	{ "1,4294967296", -ERANGE, 0, 0 },
};

struct fe_case {
	u32 backend_max, param, vcpus, want;
};

static const struct fe_case fe_cases[] = {
	{ 0, 0, 8, 1 },		/* backend without multi-queue */
	{ 8, 0, 4, 4 },		/* default: one per vCPU */
	{ 4, 0, 16, 4 },	/* capped by the backend */
	{ 16, 0, 12, 12 },	/* no cap of 8 */
	{ 8, 2, 16, 2 },	/* parameter wins */
	{ 8, 32, 4, 8 },	/* parameter above backend max */
	{ 8, 0, 0, 1 },		/* unknown vCPU count */
	{ 0xFFFFFFFFu, 0, 0xFFFFFFFFu, XNET_QUEUES_MAX },
};

struct be_case {
	u32 param, cpus, cap, want;
};

static const struct be_case be_cases[] = {
	{ 0, 4, 0, 4 },
	{ 0, 32, 0, 32 },
	{ 8, 32, 0, 8 },
	{ 0, 32, 6, 6 },
	{ 4, 32, 6, 4 },
	{ 0, 0, 0, 1 },
	{ 0, 100000, 0, XNET_QUEUES_MAX },
};

/* Printable form of a test input (control characters as \xNN). */
static const char *shown(const char *s)
{
	static char buf[64];
	size_t o = 0;

	for (; *s && o + 5 < sizeof(buf); s++) {
		if (*s >= 0x20 && *s < 0x7f)
			buf[o++] = *s;
		else
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\\x%02x",
					      (unsigned char)*s);
	}
	buf[o] = '\0';
	return buf;
}

static void parse_tables(void)
{
	size_t i;
	u32 v;
	u64 b;
	int err;

	for (i = 0; i < ARRAY_SIZE(u32_cases); i++) {
		const struct u32_case *c = &u32_cases[i];

		v = 12345;
		err = xnet_parse_u32(c->s, c->max, &v);
		XT_CHECK(err == c->err && v == (err ? 12345u : c->value),
			 "parse_u32 \"%s\" max %u -> %d (value %u)", shown(c->s),
			 c->max, c->err, c->value);
	}
	v = 1;
	XT_CHECK(xnet_parse_u32(NULL, 10, &v) == -EINVAL && v == 1,
		 "parse_u32 NULL -> -EINVAL");
	XT_CHECK(xnet_parse_u32n("1234", 2, 10000, &v) == 0 && v == 12,
		 "parse_u32n honours the length");
	XT_CHECK(xnet_parse_u32n("12\0" "9", 4, 10000, &v) == 0 && v == 12,
		 "parse_u32n stops at a NUL");
	XT_CHECK(xnet_parse_u32n("12", 0, 10000, &v) == -EINVAL,
		 "parse_u32n zero length -> -EINVAL");
	XT_CHECK(xnet_parse_u64n("18446744073709551615", 20, XNET_U64_MAX, &b) == 0 &&
		 b == XNET_U64_MAX, "parse_u64n 2^64-1");
	XT_CHECK(xnet_parse_u64n("18446744073709551616", 20, XNET_U64_MAX, &b) == -ERANGE,
		 "parse_u64n 2^64 -> -ERANGE");

	for (i = 0; i < ARRAY_SIZE(rate_cases); i++) {
		const struct rate_case *c = &rate_cases[i];
		u64 bytes = 7;
		u32 usec = 7;

		err = xnet_parse_rate(c->s, &bytes, &usec);
		XT_CHECK(err == c->err &&
			 (err ? bytes == 7 && usec == 7 :
				bytes == c->bytes && usec == c->usec),
			 "parse_rate \"%s\" -> %d", shown(c->s), c->err);
	}
	XT_CHECK(xnet_parse_rate(NULL, &b, &v) == -EINVAL, "parse_rate NULL -> -EINVAL");
}

void test_negotiate(void)
{
	size_t i;

	parse_tables();
	for (i = 0; i < ARRAY_SIZE(fe_cases); i++) {
		const struct fe_case *c = &fe_cases[i];

		XT_CHECK(xnet_negotiate_frontend_queues(c->backend_max, c->param,
							c->vcpus) == c->want,
			 "frontend queues: backend max %u, param %u, vcpus %u -> %u",
			 c->backend_max, c->param, c->vcpus, c->want);
	}
	for (i = 0; i < ARRAY_SIZE(be_cases); i++) {
		const struct be_case *c = &be_cases[i];

		XT_CHECK(xnet_negotiate_backend_max(c->param, c->cpus, c->cap) == c->want,
			 "backend max: param %u, cpus %u, operator cap %u -> %u",
			 c->param, c->cpus, c->cap, c->want);
	}
	XT_CHECK(!xnet_negotiate_queues_ok(0, 8), "requested 0 queues rejected");
	XT_CHECK(xnet_negotiate_queues_ok(1, 8), "requested 1 of 8 accepted");
	XT_CHECK(xnet_negotiate_queues_ok(8, 8), "requested 8 of 8 accepted");
	XT_CHECK(!xnet_negotiate_queues_ok(9, 8), "requested 9 of 8 rejected");
	XT_CHECK(!xnet_negotiate_queues_ok(1, 0), "any request rejected with max 0");
}
