// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Ring index sanity. All arithmetic is u32 subtraction, which is exact
 * modulo 2^32, the width of the free-running ring indexes.
 */
#include "ring_check.h"

bool xnet_ring_requests_ok(u32 req_prod, u32 req_cons, u32 rsp_prod_pvt,
			   u32 ring_size)
{
	return req_prod - req_cons <= ring_size &&
	       req_prod - rsp_prod_pvt <= ring_size &&
	       req_cons - rsp_prod_pvt <= ring_size;
}

bool xnet_ring_responses_ok(u32 rsp_prod, u32 rsp_cons, u32 req_prod_pvt)
{
	return rsp_prod - rsp_cons <= req_prod_pvt - rsp_cons;
}
