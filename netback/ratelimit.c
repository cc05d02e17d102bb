// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: the vif's rate limit on guest TX, from its "rate" key.
 *
 * One token bucket per vif, shared by all its queues, so a vif with N
 * queues gets the configured rate, not N times it.  A packet may take
 * the bucket into debt by its own size: a packet larger than the credit
 * still passes, and the debt delays the next one, keeping the average.
 */
#include <linux/math64.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>

#include "common.h"

/* Smallest bucket depth, so short periods still carry a 64 KiB packet. */
#define XNB_RATE_BURST_MIN	(128 * 1024)
/* Bound on credit bytes so the signed token count never overflows. */
#define XNB_RATE_BYTES_MAX	(S64_MAX / 4)

void xnb_rate_init(struct xnb_ratelimit *rl)
{
	spin_lock_init(&rl->lock);
	rl->bytes = 0;
}

void xnb_rate_set(struct xnb_ratelimit *rl, u64 bytes, u32 usec)
{
	spin_lock_bh(&rl->lock);
	rl->bytes = min_t(u64, bytes, XNB_RATE_BYTES_MAX);
	rl->usec = usec;
	rl->burst = max_t(u64, rl->bytes, XNB_RATE_BURST_MIN);
	rl->tokens = rl->burst;
	rl->last_ns = ktime_get_ns();
	spin_unlock_bh(&rl->lock);
}

static void xnb_rate_refill(struct xnb_ratelimit *rl, u64 now)
{
	u64 period_ns = (u64)rl->usec * NSEC_PER_USEC;
	u64 elapsed = now - rl->last_ns;
	u64 full_ns = mul_u64_u64_div_u64(rl->burst, period_ns, rl->bytes);
	s64 tokens;

	rl->last_ns = now;
	if (elapsed >= full_ns) {
		rl->tokens = rl->burst;
		return;
	}
	tokens = rl->tokens + mul_u64_u64_div_u64(elapsed, rl->bytes, period_ns);
	rl->tokens = min_t(s64, tokens, rl->burst);
}

/*
 * Take len bytes of credit.  False when the bucket is empty; *wait_jiffies
 * then says when to try again.
 */
bool xnb_rate_consume(struct xnb_ratelimit *rl, unsigned int len,
		      unsigned long *wait_jiffies)
{
	u64 wait_ns;
	bool ok = true;

	spin_lock_bh(&rl->lock);
	if (!rl->bytes)
		goto out;
	xnb_rate_refill(rl, ktime_get_ns());
	if (rl->tokens > 0) {
		rl->tokens -= len;
		goto out;
	}
	wait_ns = mul_u64_u64_div_u64(1 - rl->tokens,
				      (u64)rl->usec * NSEC_PER_USEC, rl->bytes);
	*wait_jiffies = nsecs_to_jiffies(wait_ns) + 1;
	ok = false;
out:
	spin_unlock_bh(&rl->lock);
	return ok;
}
