/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Sanity checks on ring indexes a peer writes. Indexes are free-running
 * u32 counters (RING_IDX), so every check is on unsigned differences and
 * holds across wraparound. A failed check means the peer is broken or
 * hostile: the caller disables that device.
 */
#ifndef XNET_RING_CHECK_H
#define XNET_RING_CHECK_H

#include "xnet_types.h"

/*
 * Backend view: the frontend's req_prod may be at most ring_size ahead of
 * the responses we produced (rsp_prod_pvt), or it claims requests in slots
 * we still own. Also catches req_prod behind our req_cons.
 */
bool xnet_ring_requests_ok(u32 req_prod, u32 req_cons, u32 rsp_prod_pvt,
			   u32 ring_size);

/*
 * Frontend view: the backend's rsp_prod may not pass the requests we
 * produced (req_prod_pvt), counted from our rsp_cons.
 */
bool xnet_ring_responses_ok(u32 rsp_prod, u32 rsp_cons, u32 req_prod_pvt);

/* Number of unconsumed entries between cons and prod (prod - cons). */
static inline u32 xnet_ring_pending(u32 prod, u32 cons)
{
	return prod - cons;
}

/* A response or request id must index a slot of the ring. */
static inline bool xnet_ring_id_ok(u32 id, u32 ring_size)
{
	return id < ring_size;
}

#endif /* XNET_RING_CHECK_H */
