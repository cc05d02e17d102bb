// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Logging, XenStore and timing helpers shared by both hostile peers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostile.h"
#include "negotiate.h"

#define HX_XS_HINT \
	"run this as root inside a Xen domain: a guest needs /dev/xen/xenbus (modprobe xenfs xen-evtchn xen-gntalloc), dom0 a running xenstored"

/* Largest value a hostile peer's XenStore write may format. */
#define HX_VALUE_MAX	128

static const char *hx_tool = "hostile";
static unsigned long hx_start_ms;

static unsigned long hx_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000UL + (unsigned long)ts.tv_nsec / 1000000UL;
}

void hx_init(const char *tool)
{
	hx_tool = tool;
	hx_start_ms = hx_clock_ms();
	setvbuf(stdout, NULL, _IOLBF, 0);
}

unsigned long hx_now_ms(void)
{
	return hx_clock_ms() - hx_start_ms;
}

void hx_sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void hx_say(const char *fmt, ...)
{
	va_list ap;

	printf("%s [%6lu ms] ", hx_tool, hx_now_ms());
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void hx_env_fail(const char *what, const char *hint)
{
	fprintf(stderr, "%s: cannot open %s (%s).\n%s: %s\n", hx_tool, what,
		strerror(errno), hx_tool, hint);
}

struct xs_handle *hx_xs_open(void)
{
	struct xs_handle *xs = xs_open(0);

	if (!xs)
		hx_env_fail("XenStore", HX_XS_HINT);
	return xs;
}

char *hx_key(char *buf, const char *dir, const char *key)
{
	snprintf(buf, HX_PATH_MAX, "%s/%s", dir, key);
	return buf;
}

char *hx_read(struct xs_handle *xs, const char *path)
{
	unsigned int len;

	return xs_read(xs, XBT_NULL, path, &len);
}

int hx_read_u32(struct xs_handle *xs, const char *path, u32 *out)
{
	char *v = hx_read(xs, path);
	int err;

	if (!v)
		return -ENOENT;
	err = xnet_parse_u32(v, XNET_U32_MAX, out);
	free(v);
	return err;
}

bool hx_write(struct xs_handle *xs, xs_transaction_t t, const char *path,
	      const char *fmt, ...)
{
	char value[HX_VALUE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return false;
	if (!xs_write(xs, t, path, value, (unsigned int)n)) {
		hx_say("write %s = '%s' failed: %s", path, value, strerror(errno));
		return false;
	}
	return true;
}

int hx_state(struct xs_handle *xs, const char *dir)
{
	char path[HX_PATH_MAX];
	u32 state;

	hx_key(path, dir, XNET_KEY_STATE);
	if (hx_read_u32(xs, path, &state) || state >= XNET_STATE_COUNT)
		return HX_STATE_NONE;
	return (int)state;
}

bool hx_set_state(struct xs_handle *xs, const char *dir, int state)
{
	char path[HX_PATH_MAX];

	hx_key(path, dir, XNET_KEY_STATE);
	return hx_write(xs, XBT_NULL, path, "%d", state);
}

void hx_peer_init(struct hx_peer *p, const char *label, const char *dir)
{
	p->label = label;
	snprintf(p->dir, sizeof(p->dir), "%s", dir);
	p->last = -2;
	p->changes = 0;
}

int hx_peer_poll(struct xs_handle *xs, struct hx_peer *p)
{
	int s = hx_state(xs, p->dir);

	if (s != p->last) {
		hx_say("observed: %s state %s (%d)", p->label,
		       s == HX_STATE_NONE ? "absent" : xnet_state_name((unsigned int)s), s);
		if (p->last != -2)
			p->changes++;
		p->last = s;
	}
	return s;
}

int hx_peer_wait(struct xs_handle *xs, struct hx_peer *p, unsigned int mask,
		 unsigned int timeout_ms)
{
	unsigned long end = hx_now_ms() + timeout_ms;
	int s;

	for (;;) {
		s = hx_peer_poll(xs, p);
		if (s >= 0 && (mask & HX_STATE_BIT(s)))
			return s;
		if (hx_now_ms() >= end)
			return s;
		hx_sleep_ms(HX_POLL_MS);
	}
}

u32 hx_rand(u64 *state)
{
	/* xorshift64*: enough spread for fuzzing ring slots, and replayable. */
	u64 x = *state ? *state : 0x9E3779B97F4A7C15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return (u32)((x * 0x2545F4914F6CDD1DULL) >> 32);
}
