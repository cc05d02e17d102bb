/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Queue-count negotiation and strict parsing of XenStore values.
 *
 * XenStore values come from the peer or the toolstack: a malformed value
 * is an error, never silently 0. Accepted syntax: one or more ASCII
 * decimal digits (leading zeros allowed and read as decimal), nothing
 * else: no sign, no whitespace, no base prefix, no trailing characters.
 */
#ifndef XNET_NEGOTIATE_H
#define XNET_NEGOTIATE_H

#include "xnet_types.h"

/* Sanity cap on any queue count, whatever the peers say. */
#define XNET_QUEUES_MAX		256
/* Longest decimal string the parsers look at (u64 has 20 digits). */
#define XNET_PARSE_DIGITS_MAX	20

/*
 * Frontend: queues to request. backend_max is multi-queue-max-queues, 0
 * when the backend did not write it (single-queue backend: answer 1, and
 * write no multi-queue-num-queues). param is the max_queues module
 * parameter (0 = default: one queue per vCPU). vcpus 0 counts as 1.
 * Result: min(param or vcpus, backend_max, XNET_QUEUES_MAX), at least 1.
 */
u32 xnet_negotiate_frontend_queues(u32 backend_max, u32 param, u32 vcpus);

/*
 * Backend: value to advertise as multi-queue-max-queues. param is its
 * max_queues parameter (0 = default: one per dom0 CPU); operator_cap is
 * xnet-max-queues for this vif (0 = none). At least 1, at most
 * XNET_QUEUES_MAX.
 */
u32 xnet_negotiate_backend_max(u32 param, u32 cpus, u32 operator_cap);

/* Backend: a frontend's multi-queue-num-queues must be 1..backend_max. */
bool xnet_negotiate_queues_ok(u32 requested, u32 backend_max);

/*
 * Parse s[0..len) (stops early at a NUL) as an unsigned decimal <= max.
 * Returns 0 and sets *out; -EINVAL on empty or non-digit input (sign,
 * space, junk); -ERANGE on overflow or a value above max. *out is
 * untouched on error.
 */
int xnet_parse_u32n(const char *s, size_t len, u32 max, u32 *out);
int xnet_parse_u64n(const char *s, size_t len, u64 max, u64 *out);

/* Same for a NUL-terminated string. */
int xnet_parse_u32(const char *s, u32 max, u32 *out);

/*
 * Parse the backend "rate" key, "<bytes>,<usec>": both strict decimals,
 * both > 0. Returns 0, -EINVAL or -ERANGE; outputs untouched on error.
 */
int xnet_parse_rate(const char *s, u64 *bytes, u32 *usec);

#endif /* XNET_NEGOTIATE_H */
