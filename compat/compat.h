/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every difference between the kernel series we build against (Debian 12's
 * 6.1 and 6.12), feature-tested by LINUX_VERSION_CODE, so driver code stays
 * free of version checks.  Append-only: each module adds what it needs.
 */
#ifndef XNET_COMPAT_H
#define XNET_COMPAT_H

#include <linux/version.h>
#include <linux/skbuff.h>

/*
 * Zero-copy completion: 6.10 moved the ubuf_info callback into a const
 * struct ubuf_info_ops.  A driver defines its completion once with
 * COMPAT_DEFINE_UBUF_OPS() and attaches it with compat_ubuf_set_ops().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define COMPAT_DEFINE_UBUF_OPS(name, complete_fn)			\
	static const struct ubuf_info_ops name = {			\
		.complete = complete_fn,				\
	}
#define compat_ubuf_set_ops(uarg, name)	((uarg)->ops = &(name))
#else
typedef void (*compat_ubuf_complete_t)(struct sk_buff *skb,
				       struct ubuf_info *uarg, bool success);
#define COMPAT_DEFINE_UBUF_OPS(name, complete_fn)			\
	static const compat_ubuf_complete_t name = complete_fn
#define compat_ubuf_set_ops(uarg, name)	((uarg)->callback = (name))
#endif

/* 6.3 made the device argument of bus uevent callbacks const. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define COMPAT_UEVENT_CONST const
#else
#define COMPAT_UEVENT_CONST
#endif

/*
 * RSS ethtool ops: 6.8 passes the indirection table, key and hash function
 * in struct ethtool_rxfh_param.  A driver writes
 *   int get_fn(struct net_device *, u32 *indir, u8 *key, u8 *hfunc);
 *   int set_fn(struct net_device *, const u32 *indir, const u8 *key,
 *              u8 hfunc);
 * and COMPAT_DEFINE_RXFH_OPS(op_get, op_set, get_fn, set_fn) defines the
 * ethtool_ops members op_get and op_set with this kernel's signatures.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define COMPAT_DEFINE_RXFH_OPS(op_get, op_set, get_fn, set_fn)		\
	static int op_get(struct net_device *dev,			\
			  struct ethtool_rxfh_param *p)			\
	{								\
		return get_fn(dev, p->indir, p->key, &p->hfunc);	\
	}								\
	static int op_set(struct net_device *dev,			\
			  struct ethtool_rxfh_param *p,			\
			  struct netlink_ext_ack *extack)		\
	{								\
		return set_fn(dev, p->indir, p->key, p->hfunc);		\
	}
#else
#define COMPAT_DEFINE_RXFH_OPS(op_get, op_set, get_fn, set_fn)		\
	static int op_get(struct net_device *dev, u32 *indir, u8 *key,	\
			  u8 *hfunc)					\
	{								\
		return get_fn(dev, indir, key, hfunc);			\
	}								\
	static int op_set(struct net_device *dev, const u32 *indir,	\
			  const u8 *key, const u8 hfunc)		\
	{								\
		return set_fn(dev, indir, key, hfunc);			\
	}
#endif

#endif /* XNET_COMPAT_H */
