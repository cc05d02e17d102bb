// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: ethtool.
 *
 * -l/-L change the queue count by renegotiating with the backend (the
 * netdev stays registered); -S shows every counter per active queue and
 * the totals over all queues ever used; -x/-X show and set the Toeplitz
 * key and indirection table, which reach the backend over the control
 * ring; -g shows the fixed ring sizes; -i names this driver.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "common.h"
#include "compat.h"

struct xnf_stat_desc {
	const char *name;
	size_t offset;
};

#define XNF_STAT(n) { #n, offsetof(struct xnf_stats, n) }

static const struct xnf_stat_desc xnf_stat_descs[] = {
	XNF_STAT(tx_packets),
	XNF_STAT(tx_bytes),
	XNF_STAT(tx_drops),
	XNF_STAT(tx_errors),
	XNF_STAT(tx_ring_full),
	XNF_STAT(tx_linearized),
	XNF_STAT(tx_bounced),
	XNF_STAT(rx_packets),
	XNF_STAT(rx_bytes),
	XNF_STAT(rx_drops),
	XNF_STAT(rx_csum_fixups),
};

#define XNF_NSTATS ARRAY_SIZE(xnf_stat_descs)

static void xnf_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *drvinfo)
{
	struct xnf_info *info = xnf_info(dev);

	strscpy(drvinfo->driver, XNF_DRV_NAME, sizeof(drvinfo->driver));
	strscpy(drvinfo->version, XNF_DRV_VERSION, sizeof(drvinfo->version));
	strscpy(drvinfo->bus_info, info->xbdev->nodename,
		sizeof(drvinfo->bus_info));
}

static void xnf_get_ringparam(struct net_device *dev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack)
{
	ring->rx_max_pending = XNF_RX_RING_SIZE;
	ring->tx_max_pending = XNF_TX_RING_SIZE;
	ring->rx_pending = XNF_RX_RING_SIZE;
	ring->tx_pending = XNF_TX_RING_SIZE;
}

static unsigned int xnf_max_channels(const struct xnf_info *info)
{
	unsigned int max = info->netdev->num_tx_queues;

	/* Before the first connect the backend's limit is not known yet. */
	if (test_bit(XNF_CONNECTED, &info->flags))
		max = min_t(unsigned int, max, info->feat.max_queues ?: 1);
	return max;
}

static void xnf_get_channels(struct net_device *dev,
			     struct ethtool_channels *ch)
{
	struct xnf_info *info = xnf_info(dev);

	ch->max_combined = xnf_max_channels(info);
	ch->combined_count = info->num_queues ?: dev->real_num_tx_queues;
}

static int xnf_set_channels(struct net_device *dev,
			    struct ethtool_channels *ch)
{
	struct xnf_info *info = xnf_info(dev);

	if (ch->rx_count || ch->tx_count || ch->other_count)
		return -EINVAL;
	if (!ch->combined_count || ch->combined_count > xnf_max_channels(info))
		return -EINVAL;
	if (ch->combined_count == info->num_queues && !xnf_is_broken(info))
		return 0;
	return xnf_renegotiate(info, ch->combined_count);
}

static int xnf_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return (dev->real_num_tx_queues + 1) * XNF_NSTATS;
}

static void xnf_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (q = 0; q < dev->real_num_tx_queues; q++)
		for (i = 0; i < XNF_NSTATS; i++)
			ethtool_sprintf(&data, "q%u_%s", q, xnf_stat_descs[i].name);
	for (i = 0; i < XNF_NSTATS; i++)
		ethtool_sprintf(&data, "%s", xnf_stat_descs[i].name);
}

static void xnf_read_stats(const struct xnf_stats *s, u64 *out)
{
	unsigned int start, i;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		for (i = 0; i < XNF_NSTATS; i++)
			out[i] = u64_stats_read((const u64_stats_t *)
						((const char *)s + xnf_stat_descs[i].offset));
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void xnf_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnf_info *info = xnf_info(dev);
	u64 *total = data + dev->real_num_tx_queues * XNF_NSTATS;
	u64 one[XNF_NSTATS];
	unsigned int q, i;

	memset(total, 0, XNF_NSTATS * sizeof(*total));
	for (q = 0; q < dev->num_tx_queues; q++) {
		xnf_read_stats(&info->stats[q], one);
		if (q < dev->real_num_tx_queues)
			memcpy(data + q * XNF_NSTATS, one, sizeof(one));
		for (i = 0; i < XNF_NSTATS; i++)
			total[i] += one[i];
	}
}

static u32 xnf_get_rxfh_key_size(struct net_device *dev)
{
	return XNET_HASH_KEY_SIZE_MAX;
}

static u32 xnf_get_rxfh_indir_size(struct net_device *dev)
{
	return XNET_HASH_MAPPING_SIZE_MAX;
}

static int xnf_get_rxnfc(struct net_device *dev, struct ethtool_rxnfc *nfc,
			 u32 *rule_locs)
{
	if (nfc->cmd != ETHTOOL_GRXRINGS)
		return -EOPNOTSUPP;
	nfc->data = dev->real_num_tx_queues;
	return 0;
}

static int xnf_rxfh_get(struct net_device *dev, u32 *indir, u8 *key, u8 *hfunc)
{
	const struct xnf_rss *rss = &xnf_info(dev)->rss;
	unsigned int i;

	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	if (key)
		memcpy(key, rss->key, sizeof(rss->key));
	if (indir)
		for (i = 0; i < XNET_HASH_MAPPING_SIZE_MAX; i++)
			indir[i] = rss->map.size ? rss->map.table[i % rss->map.size] : 0;
	return 0;
}

static int xnf_rxfh_set(struct net_device *dev, const u32 *indir,
			const u8 *key, u8 hfunc)
{
	struct xnf_info *info = xnf_info(dev);
	struct xnf_rss *rss = &info->rss;
	struct xnf_rss old;
	int err;

	if (hfunc != ETH_RSS_HASH_NO_CHANGE && hfunc != ETH_RSS_HASH_TOP)
		return -EOPNOTSUPP;
	mutex_lock(&info->lock);
	if (test_bit(XNF_REMOVING, &info->flags)) {
		mutex_unlock(&info->lock);
		return -ENODEV;
	}
	if (!info->feat.ctrl_ring || !test_bit(XNF_CONNECTED, &info->flags)) {
		mutex_unlock(&info->lock);
		netdev_info(dev, "RSS: backend domain %u has no control ring (feature-ctrl-ring); key and table cannot be set\n",
			    info->xbdev->otherend_id);
		return -EOPNOTSUPP;
	}
	if (indir && !xnet_queue_map_valid(indir, XNET_HASH_MAPPING_SIZE_MAX,
					   info->num_queues)) {
		mutex_unlock(&info->lock);
		return -EINVAL;
	}
	old = *rss;
	if (key)
		memcpy(rss->key, key, sizeof(rss->key));
	if (indir) {
		memcpy(rss->map.table, indir,
		       XNET_HASH_MAPPING_SIZE_MAX * sizeof(*indir));
		rss->map.size = XNET_HASH_MAPPING_SIZE_MAX;
		rss->user_table = true;
	}
	err = xnf_rss_push(info);
	if (err)
		*rss = old;
	mutex_unlock(&info->lock);
	return err;
}

COMPAT_DEFINE_RXFH_OPS(xnf_get_rxfh, xnf_set_rxfh, xnf_rxfh_get, xnf_rxfh_set)

const struct ethtool_ops xnf_ethtool_ops = {
	.get_drvinfo		= xnf_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_ringparam		= xnf_get_ringparam,
	.get_channels		= xnf_get_channels,
	.set_channels		= xnf_set_channels,
	.get_sset_count		= xnf_get_sset_count,
	.get_strings		= xnf_get_strings,
	.get_ethtool_stats	= xnf_get_ethtool_stats,
	.get_rxnfc		= xnf_get_rxnfc,
	.get_rxfh_key_size	= xnf_get_rxfh_key_size,
	.get_rxfh_indir_size	= xnf_get_rxfh_indir_size,
	.get_rxfh		= xnf_get_rxfh,
	.set_rxfh		= xnf_set_rxfh,
	.get_ts_info		= ethtool_op_get_ts_info,
};
