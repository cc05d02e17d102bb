// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Ring index sanity: accept/reject tables, wraparound included. */
#include "ring_check.h"
#include "xtest.h"

struct req_case {
	u32 req_prod, req_cons, rsp_prod_pvt, size;
	bool ok;
	const char *what;
};

struct rsp_case {
	u32 rsp_prod, rsp_cons, req_prod_pvt;
	bool ok;
	const char *what;
};

static const struct req_case req_cases[] = {
	{ 0, 0, 0, 256, true, "empty ring" },
	{ 256, 0, 0, 256, true, "full ring" },
	{ 257, 0, 0, 256, false, "one request too many" },
	{ 300, 100, 50, 256, true, "250 slots unanswered" },
	{ 307, 100, 50, 256, false, "req_prod overruns unanswered slots" },
	{ 99, 100, 100, 256, false, "req_prod moved behind req_cons" },
	{ 5, 0xFFFFFFF0u, 0xFFFFFFF0u, 256, true, "wraparound, 21 pending" },
	{ 0x110, 0xFFFFFFF0u, 0xFFFFFFF0u, 256, false, "wraparound, 288 pending" },
	{ 0xFFFFFFFFu, 0, 0, 256, false, "absurd req_prod" },
	{ 10, 10, 0xFFFFFFF0u, 256, true, "responses lag across the wrap" },
	{ 0x80000000u, 0, 0, 256, false, "req_prod half the index space ahead" },
};

static const struct rsp_case rsp_cases[] = {
	{ 0, 0, 0, true, "no requests, no responses" },
	{ 10, 0, 10, true, "all requests answered" },
	{ 11, 0, 10, false, "one response beyond requests" },
	{ 5, 7, 10, false, "rsp_prod behind rsp_cons" },
	{ 3, 0xFFFFFFFEu, 4, true, "wraparound, 5 of 6 answered" },
	{ 5, 0xFFFFFFFEu, 4, false, "wraparound, beyond requests" },
	{ 0xFFFFFFFFu, 0, 256, false, "absurd rsp_prod" },
};

void test_ring_check(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(req_cases); i++) {
		const struct req_case *c = &req_cases[i];

		XT_CHECK(xnet_ring_requests_ok(c->req_prod, c->req_cons,
					       c->rsp_prod_pvt, c->size) == c->ok,
			 "ring requests %s: %s", c->ok ? "accept" : "reject",
			 c->what);
	}
	for (i = 0; i < ARRAY_SIZE(rsp_cases); i++) {
		const struct rsp_case *c = &rsp_cases[i];

		XT_CHECK(xnet_ring_responses_ok(c->rsp_prod, c->rsp_cons,
						c->req_prod_pvt) == c->ok,
			 "ring responses %s: %s", c->ok ? "accept" : "reject",
			 c->what);
	}
	XT_CHECK(xnet_ring_pending(3, 0xFFFFFFFEu) == 5, "ring pending across wrap");
	XT_CHECK(xnet_ring_id_ok(255, 256) && !xnet_ring_id_ok(256, 256),
		 "ring id must index a slot");
}
