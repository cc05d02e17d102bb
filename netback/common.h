/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-netback: shared declarations of the dom0 side of the multi-queue Xen
 * PV network driver.  Every exported symbol carries the xnb_ prefix.
 *
 * Directions are named from the guest's point of view, as the protocol
 * does: "guest TX" is the guest's TX ring (packets into dom0), "guest RX"
 * is the guest's RX ring (packets out of dom0 into the guest).
 */
#ifndef XNB_COMMON_H
#define XNB_COMMON_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/rcupdate.h>
#include <linux/debugfs.h>
#include <xen/xenbus.h>
#include <xen/grant_table.h>
#include <xen/interface/io/ring.h>
#include <xnet/netif.h>
#include <xnet/xs_keys.h>

#include "queue_map.h"
#include "tx_validate.h"

XNET_DEFINE_RING_TYPES();

#define XNB_DRV_NAME		"xen-netback"
#define XNB_DRV_VERSION		"1.0.0"

/* Guest TX: bytes grant-copied into the skb linear area (headers). */
#define XNB_TX_COPY_HDR_LEN	128
/* Guest TX: packets up to this size are copied whole into the linear area. */
#define XNB_TX_LINEAR_MAX	1536
/* Guest TX: packets taken from the ring per round before other work. */
#define XNB_TX_BATCH		64
/* Guest TX: grant-copy ops per hypercall batch. */
#define XNB_TX_COPY_OPS		256
/* Guest TX: worst-case copy ops of one packet (a source and a dest split per slot). */
#define XNB_TX_OPS_PER_PKT	(2 * (XNET_TX_MAX_SLOTS_DEFAULT + 2))
/* Guest TX: ring slots one chain may span that we keep copies of. */
#define XNB_TX_CHAIN_MAX	(XNET_TX_FATAL_SLOTS_DEFAULT + XNET_TX_EXTRAS_MAX + 2)
/* Guest TX: zero-copy slots a queue may hold mapped (one per ring slot). */
#define XNB_TX_PENDING_MAX	XNET_RING_SIZE
/* Guest TX: grant-map/unmap ops per hypercall batch. */
#define XNB_TX_MAP_OPS		64

/* Guest RX: packets taken from the internal queue per round. */
#define XNB_RX_BATCH		64
/* Guest RX: grant-copy ops per hypercall batch. */
#define XNB_RX_COPY_OPS		128
/* Guest RX: ring slots one packet may use (64 KiB of data plus a GSO extra). */
#define XNB_RX_SLOTS_MAX	(XNET_NR_SLOTS_MIN)
/* Guest RX: bytes a queue may hold for a guest that does not post buffers. */
#define XNB_RX_QUEUE_BYTES	((XNET_RING_SIZE / 2) * XNET_PAGE_SIZE)
/* Largest packet the vif accepts for the guest (a TX chain's limit too). */
#define XNB_MAX_PKT_LEN		XNET_MAX_TX_SIZE

/* The vif's own MAC: never the guest's, so a bridge never adopts it. */
#define XNB_VIF_MAC		{ 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff }

/* Module parameters (main.c). */
extern unsigned int xnb_max_queues;
extern bool xnb_zerocopy;
extern unsigned int xnb_rx_stall_timeout_ms;
extern unsigned int xnb_rx_drain_timeout_ms;

/* Per-queue counters, kept per vif so they survive a reconnect. */
struct xnb_queue_stats {
	/* guest TX (guest -> dom0) */
	u64 tx_packets;
	u64 tx_bytes;
	u64 tx_drops;		/* packets answered with an error */
	u64 tx_copy_errors;	/* grant-copy failures */
	u64 tx_map_errors;	/* grant-map failures */
	u64 tx_zc_sent;		/* packets sent with mapped guest pages */
	u64 tx_zc_completed;	/* ... and released by the stack */
	u64 tx_zc_fallback;	/* packets copied though zero copy was on */
	u64 tx_rate_limited;	/* rounds cut short by the rate limit */
	/* guest RX (dom0 -> guest) */
	u64 rx_packets;
	u64 rx_bytes;
	u64 rx_drops;		/* queue full, stall drain, too big */
	u64 rx_copy_errors;
	u64 rx_ring_full;	/* waits for the guest to post buffers */
};

/* Event bits a queue's thread consumes (struct xnb_queue.events). */
enum xnb_queue_event {
	XNB_EV_TX_IRQ,		/* guest kicked its TX ring */
	XNB_EV_RX_IRQ,		/* guest posted RX buffers */
	XNB_EV_RX_QUEUED,	/* start_xmit queued a packet for the guest */
	XNB_EV_ZC_DONE,		/* the stack released zero-copy pages */
};

struct xnb_vif;
struct xnb_tx_pkt;
struct xnb_rx_batch;

/* A guest TX slot whose page is grant-mapped into an skb (zerocopy.c). */
struct xnb_tx_pending {
	struct ubuf_info ubuf;	/* used in a packet's first slot only */
	struct xnb_queue *queue;
	struct page *page;	/* dom0 page the guest grant is mapped at */
	grant_handle_t handle;
	u16 req_id;		/* guest request id to answer */
	u16 next;		/* next slot of the same packet, or XNB_PENDING_END */
	s16 status;		/* response status */
	bool mapped;
	bool lost;		/* unmap failed: never reused nor freed */
};

#define XNB_PENDING_END		0xFFFF

/* Everything one ring pair owns; only its kthread touches the rings. */
struct xnb_queue {
	struct xnb_vif *vif;
	unsigned int id;
	char name[IFNAMSIZ + 8];		/* vif<domid>.<handle>-q<N> */
	char irq_name[2][IFNAMSIZ + 12];	/* -tx, -rx */

	struct xnet_tx_back_ring tx;
	struct xnet_rx_back_ring rx;
	unsigned int tx_irq;
	unsigned int rx_irq;	/* == tx_irq with a single event channel */
	bool split_evtchn;
	bool tx_eoi_pending;
	bool rx_eoi_pending;

	struct task_struct *task;
	wait_queue_head_t wq;
	unsigned long events;			/* enum xnb_queue_event bits */
	unsigned long tx_resume_at;		/* jiffies; rate limit pause */
	bool tx_rate_wait;

	/* guest TX: one batch of packets and its grant ops (tx.c) */
	struct xnb_tx_pkt *tx_pkts;		/* [XNB_TX_BATCH] */
	struct gnttab_copy *tx_copy_ops;	/* [XNB_TX_COPY_OPS] */
	struct gnttab_map_grant_ref *map_ops;	/* [XNB_TX_MAP_OPS] */
	struct page **map_pages;		/* [XNB_TX_MAP_OPS] */
	u16 *map_pending;			/* pending index per map op */
	u16 *map_pkt;				/* batch packet per map op */

	/* guest TX: zero copy (zerocopy.c) */
	struct xnb_tx_pending *pending;		/* [XNB_TX_PENDING_MAX] */
	u16 *pending_free;			/* stack of free indexes */
	unsigned int pending_free_count;
	spinlock_t zc_lock;			/* zc_done, from callbacks */
	u16 *zc_done;				/* heads released by the stack */
	unsigned int zc_done_count;
	atomic_t zc_inflight;			/* packets the stack still holds */
	struct gnttab_unmap_grant_ref *unmap_ops; /* [XNB_TX_MAP_OPS] */
	struct page **unmap_pages;

	/* guest RX */
	struct sk_buff_head rx_queue;		/* bounded by XNB_RX_QUEUE_BYTES */
	unsigned int rx_queue_bytes;		/* under rx_queue.lock */
	struct xnb_rx_batch *rx_batch;		/* packets being copied */
	unsigned long rx_last_progress;		/* jiffies the guest last had room */
	bool rx_stalled;
	RING_IDX rx_req_seen;			/* req_prod at the last RX kick */

	struct xnb_queue_stats *stats;		/* vif->stats[id] */
};

/* Receive-side scaling state the guest may steer via the control ring. */
struct xnb_hash_cfg {
	u32 algorithm;			/* XNET_HASH_ALGORITHM_* */
	u32 flags;			/* XNET_HASH_TYPE_* (+ local UDP bits) */
	u32 key_len;
	u8 key[XNET_HASH_KEY_SIZE_MAX];
	struct xnet_queue_map map;
	struct rcu_head rcu;
};

/* One token bucket for the whole vif, shared by its queues (ratelimit.c). */
struct xnb_ratelimit {
	spinlock_t lock;
	u64 bytes;		/* credit per period; 0 = unlimited */
	u32 usec;		/* period */
	u64 burst;		/* bucket depth */
	s64 tokens;
	u64 last_ns;
};

/* Control ring (hash.c). */
struct xnb_ctrl {
	struct xnet_ctrl_back_ring ring;
	unsigned int irq;
	bool active;
};

struct xnb_vif {
	struct net_device *dev;
	struct xenbus_device *xdev;
	domid_t domid;
	u32 handle;

	/* Serialises connect/disconnect against debugfs and watches. */
	struct mutex lock;
	struct xnb_queue *queues;	/* [num_queues] while connected */
	unsigned int num_queues;
	unsigned int max_queues;	/* netdev allocation: hard ceiling */
	unsigned int published_max;	/* multi-queue-max-queues advertised */
	unsigned int operator_max;	/* xnet-max-queues, 0 = none */
	struct xnb_queue_stats *stats;	/* [max_queues] */
	bool connected;			/* read locklessly by start_xmit */
	bool disabled;			/* rogue frontend: data path stopped */
	spinlock_t carrier_lock;	/* carrier: connected, enabled, no stall */
	atomic_t stalled_queues;	/* queues whose guest posts no buffers */

	/* frontend features */
	bool fe_sg;
	bool fe_gso4;
	bool fe_gso6;
	bool fe_ip_csum;
	bool fe_ipv6_csum;
	bool fe_rx_notify;

	struct xnb_hash_cfg __rcu *hash;
	struct xnb_ctrl ctrl;
	struct xnb_ratelimit rate;
	struct dentry *debugfs_dir;

	/* xenbus handshake (xenbus.c) */
	struct xenbus_watch hotplug_watch;
	struct xenbus_watch rate_watch;
	struct xenbus_watch maxq_watch;
	bool hotplug_watch_on;
	bool rate_watch_on;
	bool maxq_watch_on;
	bool hotplug_connected;
	enum xenbus_state frontend_state;
};

/* Log about a peer: rate-limited, naming domain, device and queue. */
#define xnb_peer_err(q, fmt, ...)					\
	net_err_ratelimited("%s: vif%u.%u queue %u: " fmt "\n",	\
			    XNB_DRV_NAME, (q)->vif->domid,		\
			    (q)->vif->handle, (q)->id, ##__VA_ARGS__)

/* interface.c */
struct xnb_vif *xnb_vif_create(struct xenbus_device *xdev, domid_t domid,
			       u32 handle, unsigned int max_queues);
void xnb_vif_destroy(struct xnb_vif *vif);
int xnb_queue_setup(struct xnb_queue *q, struct xnb_vif *vif, unsigned int id);
int xnb_queue_connect(struct xnb_queue *q, grant_ref_t tx_ref,
		      grant_ref_t rx_ref, evtchn_port_t tx_evtchn,
		      evtchn_port_t rx_evtchn);
void xnb_queue_disconnect(struct xnb_queue *q);
void xnb_queue_kick(struct xnb_queue *q, enum xnb_queue_event ev);
int xnb_vif_start(struct xnb_vif *vif, unsigned int num_queues);
void xnb_vif_stop(struct xnb_vif *vif);
void xnb_vif_disable(struct xnb_queue *q, const char *why);
void xnb_vif_update_carrier(struct xnb_vif *vif);

/* tx.c: guest TX ring; returns true when work is left */
int xnb_tx_init(struct xnb_queue *q);
void xnb_tx_free(struct xnb_queue *q);
bool xnb_tx_action(struct xnb_queue *q);
bool xnb_tx_work_pending(struct xnb_queue *q);
void xnb_tx_make_response(struct xnb_queue *q, u16 id, s16 status);
void xnb_tx_push_responses(struct xnb_queue *q);

/* zerocopy.c */
int xnb_zc_init(struct xnb_queue *q);
void xnb_zc_free(struct xnb_queue *q);
bool xnb_zc_done_pending(struct xnb_queue *q);
void xnb_zc_complete(struct xnb_queue *q);
void xnb_zc_wait_idle(struct xnb_queue *q);
unsigned int xnb_zc_available(struct xnb_queue *q);
u16 xnb_zc_get(struct xnb_queue *q);
void xnb_zc_attach(struct xnb_queue *q, struct sk_buff *skb, u16 head);

/* rx.c: guest RX ring */
int xnb_rx_init(struct xnb_queue *q);
void xnb_rx_free(struct xnb_queue *q);
netdev_tx_t xnb_start_xmit(struct sk_buff *skb, struct net_device *dev);
bool xnb_rx_action(struct xnb_queue *q);
bool xnb_rx_work_pending(struct xnb_queue *q);
void xnb_rx_check_stall(struct xnb_queue *q);
void xnb_rx_purge(struct xnb_queue *q);
long xnb_rx_wait_timeout(struct xnb_queue *q);

/* hash.c */
int xnb_hash_init(struct xnb_vif *vif);
void xnb_hash_reset(struct xnb_vif *vif);
void xnb_hash_free(struct xnb_vif *vif);
u16 xnb_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev);
int xnb_ctrl_connect(struct xnb_vif *vif, grant_ref_t ref,
		     evtchn_port_t evtchn);
void xnb_ctrl_disconnect(struct xnb_vif *vif);
void xnb_hash_publish(struct xnb_vif *vif);

/* ratelimit.c */
void xnb_rate_init(struct xnb_ratelimit *rl);
void xnb_rate_set(struct xnb_ratelimit *rl, u64 bytes, u32 usec);
bool xnb_rate_consume(struct xnb_ratelimit *rl, unsigned int len,
		      unsigned long *wait_jiffies);

/* ethtool.c */
extern const struct ethtool_ops xnb_ethtool_ops;

/* debugfs.c */
void xnb_debugfs_init(void);
void xnb_debugfs_exit(void);
void xnb_debugfs_add_vif(struct xnb_vif *vif);
void xnb_debugfs_remove_vif(struct xnb_vif *vif);

/* xenbus.c */
int xnb_xenbus_register(void);
void xnb_xenbus_unregister(void);

#endif /* XNB_COMMON_H */
