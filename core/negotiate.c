// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Queue-count negotiation and strict XenStore number parsing. */
#include "negotiate.h"

#define XNET_RATE_SEPARATOR	','
#define XNET_DECIMAL_BASE	10

static u32 xnet_min_u32(u32 a, u32 b)
{
	return a < b ? a : b;
}

u32 xnet_negotiate_frontend_queues(u32 backend_max, u32 param, u32 vcpus)
{
	u32 want = param ? param : vcpus;

	if (!backend_max || !want)
		return 1;
	return xnet_min_u32(xnet_min_u32(want, backend_max), XNET_QUEUES_MAX);
}

u32 xnet_negotiate_backend_max(u32 param, u32 cpus, u32 operator_cap)
{
	u32 max = param ? param : cpus;

	if (operator_cap)
		max = xnet_min_u32(max, operator_cap);
	if (!max)
		return 1;
	return xnet_min_u32(max, XNET_QUEUES_MAX);
}

bool xnet_negotiate_queues_ok(u32 requested, u32 backend_max)
{
	return requested >= 1 && requested <= backend_max;
}

int xnet_parse_u64n(const char *s, size_t len, u64 max, u64 *out)
{
	u64 value = 0;
	unsigned int digit;
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < len && s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
	}
	len = i;
	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		digit = (unsigned int)(s[i] - '0');
		if (digit > max || value > (max - digit) / XNET_DECIMAL_BASE)
			return -ERANGE;
		value = value * XNET_DECIMAL_BASE + digit;
	}
	*out = value;
	return 0;
}

int xnet_parse_u32n(const char *s, size_t len, u32 max, u32 *out)
{
	u64 value;
	int err;

	err = xnet_parse_u64n(s, len, max, &value);
	if (err)
		return err;
	*out = (u32)value;
	return 0;
}

int xnet_parse_u32(const char *s, u32 max, u32 *out)
{
	if (!s)
		return -EINVAL;
	return xnet_parse_u32n(s, strlen(s), max, out);
}

int xnet_parse_rate(const char *s, u64 *bytes, u32 *usec)
{
	const char *comma;
	u64 b;
	u32 u;
	int err;

	if (!s)
		return -EINVAL;
	comma = strchr(s, XNET_RATE_SEPARATOR);
	if (!comma)
		return -EINVAL;
	err = xnet_parse_u64n(s, (size_t)(comma - s), XNET_U64_MAX, &b);
	if (!err)
		err = xnet_parse_u32(comma + 1, XNET_U32_MAX, &u);
	if (err)
		return err;
	if (!b || !u)
		return -EINVAL;
	*bytes = b;
	*usec = u;
	return 0;
}
