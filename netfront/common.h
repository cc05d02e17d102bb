/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-netfront: the multi-queue Xen PV network frontend.
 *
 * Every symbol the files share is prefixed xnf_. One struct xnf_info per
 * vif (the netdev's private area) and one struct xnf_queue per ring pair:
 * whatever a queue owns is visible in that struct.
 */
#ifndef XNF_COMMON_H
#define XNF_COMMON_H

#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <xen/xenbus.h>
#include <xen/grant_table.h>
#include <xen/interface/io/ring.h>

#include <xnet/netif.h>
#include <xnet/xs_keys.h>
#include "queue_map.h"

XNET_DEFINE_RING_TYPES();

#define XNF_DRV_NAME		"xen-netfront"
#define XNF_DRV_VERSION		"1.0"

/* Both rings are one page of 256 slots; the kernel's macro must agree. */
#define XNF_TX_RING_SIZE	__CONST_RING_SIZE(xnet_tx, XNET_PAGE_SIZE)
#define XNF_RX_RING_SIZE	__CONST_RING_SIZE(xnet_rx, XNET_PAGE_SIZE)
#define XNF_CTRL_RING_SIZE	__CONST_RING_SIZE(xnet_ctrl, XNET_PAGE_SIZE)

/* A GSO packet takes one extra ring slot on top of its data slots. */
#define XNF_TX_MAX_RING_SLOTS	(XNET_NR_SLOTS_MIN + 1)
/* Stop the queue while a worst-case packet might not fit. */
#define XNF_TX_WAKE_SLOTS	(XNF_TX_MAX_RING_SLOTS + 1)
/* Received bytes copied into the skb head; the rest stays in pages. */
#define XNF_RX_PULL_LEN		256
/* Retry interval when RX refill could not allocate pages. */
#define XNF_RX_REFILL_RETRY	(HZ / 10)
/* RX slots one packet may use: a 64 KiB packet in 4 KiB pages, plus one. */
#define XNF_RX_MAX_DATA_SLOTS	(MAX_SKB_FRAGS)
/* How long a handshake step or control request may take. */
#define XNF_STATE_TIMEOUT	(10 * HZ)
#define XNF_STATE_POLL		(HZ / 20)
/* Attempts at the handshake's XenStore transaction before giving up. */
#define XNF_XS_RETRIES		20
#define XNF_CTRL_TIMEOUT	(2 * HZ)

struct xnf_info;

/* Per-queue counters; they outlive queue rebuilds (ethtool -L). */
struct xnf_stats {
	struct u64_stats_sync syncp;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_drops;		/* could not be sent (no memory, errors) */
	u64_stats_t tx_errors;		/* backend answered with an error */
	u64_stats_t tx_ring_full;	/* times the queue was stopped */
	u64_stats_t tx_linearized;	/* too many slots: copied into one area */
	u64_stats_t tx_bounced;		/* untrusted backend: copied into zeroed pages */
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t rx_drops;		/* bad layout, no memory, errors */
	u64_stats_t rx_csum_fixups;	/* partial checksum set up in the guest */
};

/* A TX ring id in use: one granted page fragment of an skb. */
struct xnf_tx_buf {
	struct sk_buff *skb;		/* one reference per id */
	struct page *page;		/* kept alive if the grant stays busy */
	grant_ref_t gref;
	u16 next_free;
};

/* An RX ring slot's posted page (slot = ring index modulo ring size). */
struct xnf_rx_buf {
	struct page *page;
	grant_ref_t gref;
};

struct xnf_queue {
	struct xnf_info *info;
	unsigned int id;
	struct xnf_stats *stats;
	struct napi_struct napi;
	char tx_irq_name[IFNAMSIZ + 16];	/* "<dev>-q<N>-tx" or "<dev>-q<N>" */
	char rx_irq_name[IFNAMSIZ + 16];

	/* TX: producer (xmit) and completion (NAPI) share tx_lock. */
	spinlock_t tx_lock;
	struct xnet_tx_front_ring tx;
	grant_ref_t tx_ring_ref;
	evtchn_port_t tx_evtchn;
	int tx_irq;
	RING_IDX tx_irq_seen;		/* rsp_prod seen by the TX irq */
	grant_ref_t tx_gref_head;	/* private pool of grant refs */
	unsigned int tx_grefs_free;
	u16 tx_free_head;
	unsigned int tx_ids_free;
	struct xnf_tx_buf tx_bufs[XNF_TX_RING_SIZE];

	/* RX: only NAPI touches the RX ring and its buffers. */
	struct xnet_rx_front_ring rx;
	grant_ref_t rx_ring_ref;
	evtchn_port_t rx_evtchn;	/* == tx_evtchn when not split */
	int rx_irq;			/* == tx_irq when not split */
	RING_IDX rx_irq_seen;
	grant_ref_t rx_gref_head;
	RING_IDX rx_need;		/* response index NAPI waits for */
	struct timer_list rx_refill_timer;
	struct xnf_rx_buf rx_bufs[XNF_RX_RING_SIZE];

	unsigned int affinity_cpu;
};

/* What the backend offered at its InitWait. */
struct xnf_backend_features {
	bool known;		/* read at least once */
	u32 max_queues;		/* 0: backend is single-queue */
	bool split_evtchn;
	bool ctrl_ring;
	bool sg;
	bool gso_tcpv4;
	bool gso_tcpv6;
	bool ipv6_csum;
};

/* The control ring and the RSS state pushed through it. */
struct xnf_ctrl {
	struct xnet_ctrl_front_ring ring;
	grant_ref_t ring_ref;
	evtchn_port_t evtchn;
	int irq;
	RING_IDX irq_seen;
	struct mutex lock;		/* one request in flight */
	wait_queue_head_t wq;
	u16 next_id;
	struct page *buf;		/* key or mapping handed to the backend */
	bool active;			/* backend took our RSS settings */
	bool dead;			/* a request timed out: ring unusable */
	char irq_name[IFNAMSIZ + 8];	/* "<dev>-ctrl" */
};

/* RSS configuration; TX uses it always, the backend when ctrl is active. */
struct xnf_rss {
	u8 key[XNET_HASH_KEY_SIZE_MAX];
	u32 hash_flags;
	struct xnet_queue_map map;
	bool user_table;		/* set by ethtool -X: keep across -L */
};

enum xnf_bits {
	XNF_BROKEN,		/* backend misbehaved: stays down */
	XNF_CONNECTED,		/* rings set up and announced */
	XNF_REMOVING,		/* remove() has begun: no more state work */
	XNF_STARTED,		/* NAPI enabled on the current queues */
};

struct xnf_info {
	struct net_device *netdev;
	struct xenbus_device *xbdev;
	unsigned long flags;		/* enum xnf_bits */

	/* Serialises connect, disconnect and renegotiation (taken under rtnl). */
	struct mutex lock;
	struct work_struct state_work;
	wait_queue_head_t state_wq;
	enum xenbus_state backend_state;

	struct xnf_backend_features feat;
	struct xnf_queue *queues;
	unsigned int num_queues;
	unsigned int want_queues;	/* from ethtool -L; 0 = parameter */
	bool mtu_applied;		/* toolstack mtu honoured once */
	bool bounce;			/* backend untrusted: it sees packet bytes and zeros only */
	unsigned int keys_written;	/* queue count of the ring keys in XenStore */
	struct xnf_stats *stats;	/* netdev->num_tx_queues entries */

	struct xnf_ctrl ctrl;
	struct xnf_rss rss;
	/* Per device, so one misbehaving backend cannot flood the log or mute another's. */
	struct ratelimit_state peer_log_rs;
};

extern unsigned int xnf_max_queues;
extern bool xnf_trusted;
extern const struct ethtool_ops xnf_ethtool_ops;

/* main.c */
struct net_device *xnf_netdev_create(struct xenbus_device *xbdev);
void xnf_netdev_apply_features(struct xnf_info *info);
bool xnf_break(struct xnf_info *info);
void xnf_fatal(struct xnf_info *info, struct xnf_queue *queue,
	       const char *what);

/* xenbus.c */
int xnf_xenbus_register(void);
void xnf_xenbus_unregister(void);
int xnf_renegotiate(struct xnf_info *info, unsigned int num_queues);
unsigned int xnf_default_queues(struct xnf_info *info);

/* queue.c */
int xnf_queues_create(struct xnf_info *info, unsigned int num_queues);
void xnf_queues_destroy(struct xnf_info *info);
int xnf_queues_write_keys(struct xnf_info *info, struct xenbus_transaction t);
void xnf_queues_remove_keys(struct xnf_info *info);
void xnf_queues_start(struct xnf_info *info);
void xnf_queues_stop(struct xnf_info *info);
void xnf_queues_set_affinity(struct xnf_info *info);
void xnf_ring_release(void **ring, grant_ref_t *ref);

/* tx.c */
netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *dev);
u16 xnf_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev);
void xnf_tx_complete(struct xnf_queue *queue);
void xnf_tx_release_all(struct xnf_queue *queue);
bool xnf_tx_has_work(struct xnf_queue *queue);

/* rx.c */
int xnf_poll(struct napi_struct *napi, int budget);
void xnf_rx_refill(struct xnf_queue *queue);
void xnf_rx_release_all(struct xnf_queue *queue);
void xnf_rx_refill_timeout(struct timer_list *t);
bool xnf_rx_has_work(struct xnf_queue *queue);

/* ctrl.c */
int xnf_ctrl_create(struct xnf_info *info);
void xnf_ctrl_destroy(struct xnf_info *info);
int xnf_ctrl_write_keys(struct xnf_info *info, struct xenbus_transaction t);
int xnf_rss_push(struct xnf_info *info);
void xnf_rss_init(struct xnf_info *info);
void xnf_rss_default_table(struct xnf_info *info);

static inline struct xnf_info *xnf_info(const struct net_device *dev)
{
	return netdev_priv(dev);
}

static inline bool xnf_is_broken(const struct xnf_info *info)
{
	return test_bit(XNF_BROKEN, &info->flags);
}

/* Queue number for log lines; -1 when a problem concerns the whole vif. */
static inline int xnf_qid(const struct xnf_queue *queue)
{
	return queue ? (int)queue->id : -1;
}

/* Every log line about the backend names domain, device and queue. */
#define xnf_peer_log(info, queue, fmt, ...)				\
	pr_err("%s: backend domain %u, vif %s, queue %d: " fmt,		\
	       XNF_DRV_NAME, (info)->xbdev->otherend_id,		\
	       (info)->netdev->name, xnf_qid(queue), ##__VA_ARGS__)

/* Faults that do not disable the device: limited per device. */
#define xnf_peer_err(info, queue, fmt, ...)				\
	do {								\
		if (__ratelimit(&(info)->peer_log_rs))			\
			xnf_peer_log(info, queue, fmt, ##__VA_ARGS__);	\
	} while (0)

#endif /* XNF_COMMON_H */
