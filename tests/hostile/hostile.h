/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Shared by the hostile peers: logging, XenStore helpers and the ring
 * types. The protocol itself (slot layouts, keys, states, strict number
 * parsing, ring index rules) comes from include/xnet and core/.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdbool.h>
#include <stdint.h>
#include <xenstore.h>

#include <xnet/netif.h>
#include <xnet/xs_keys.h>
#include "xnet_types.h"

#include <xen/io/ring.h>

/*
 * Userspace barriers for the RING_* macros: ring.h leaves them to its
 * includer (or maps them to kernel-only names for old interface versions).
 */
#undef xen_mb
#undef xen_rmb
#undef xen_wmb
#define xen_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)

XNET_DEFINE_RING_TYPES();

/* The kernel's spellings of two compiler idioms, for userspace. */
#define __printf(fmt, args)	__attribute__((format(printf, fmt, args)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Longest XenStore path the tools build. */
#define HX_PATH_MAX		256
/* Poll period while waiting on XenStore or a ring. */
#define HX_POLL_MS		20
/* A state value that no peer writes: key absent or unparseable. */
#define HX_STATE_NONE		(-1)
/* Exit status when the environment is not a Xen domain. */
#define HX_EXIT_ENV		2
/* Exit status for bad command-line use. */
#define HX_EXIT_USAGE		64

/* Every line starts with the tool name and milliseconds since start. */
void hx_init(const char *tool);
void hx_say(const char *fmt, ...) __printf(1, 2);
unsigned long hx_now_ms(void);
void hx_sleep_ms(unsigned int ms);

/* Explain why a Xen interface could not be opened, and what to do. */
void hx_env_fail(const char *what, const char *hint);

struct xs_handle *hx_xs_open(void);

/* Build "dir/key" into buf (HX_PATH_MAX bytes); returns buf. */
char *hx_key(char *buf, const char *dir, const char *key);
/* Value of path, malloc'ed, or NULL when absent. */
char *hx_read(struct xs_handle *xs, const char *path);
/* Strict decimal via core's parser: 0, or -ENOENT / -EINVAL / -ERANGE. */
int hx_read_u32(struct xs_handle *xs, const char *path, u32 *out);
bool hx_write(struct xs_handle *xs, xs_transaction_t t, const char *path,
	      const char *fmt, ...) __printf(4, 5);

/* The "state" key of dir, or HX_STATE_NONE. */
int hx_state(struct xs_handle *xs, const char *dir);
bool hx_set_state(struct xs_handle *xs, const char *dir, int state);

/*
 * Watches the peer's state key by polling; prints each change once.
 * hx_peer_poll returns the current state.
 */
struct hx_peer {
	const char *label;	/* "backend" or "frontend" */
	char dir[HX_PATH_MAX];
	int last;
	unsigned int changes;
};

void hx_peer_init(struct hx_peer *p, const char *label, const char *dir);
int hx_peer_poll(struct xs_handle *xs, struct hx_peer *p);
/* Poll until the state is one in mask (1 << state) or timeout_ms passes. */
int hx_peer_wait(struct xs_handle *xs, struct hx_peer *p, unsigned int mask,
		 unsigned int timeout_ms);

#define HX_STATE_BIT(s)		(1U << (s))
#define HX_STATES_DOWN		(HX_STATE_BIT(XNET_STATE_CLOSING) | \
				 HX_STATE_BIT(XNET_STATE_CLOSED))

/* A small, seedable generator so a random run can be replayed. */
u32 hx_rand(u64 *state);

#endif /* HOSTILE_H */
