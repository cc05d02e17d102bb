// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: ethtool -i and -S.  Counters are listed as vif totals,
 * then per queue (q<N>_...), so an operator sees whether flows spread.
 * tx_* count the guest's TX (into dom0), rx_* the guest's RX.
 */
#include <linux/ethtool.h>

#include "common.h"

struct xnb_stat_desc {
	const char *name;
	size_t offset;
};

#define XNB_STAT(field) { #field, offsetof(struct xnb_queue_stats, field) }

static const struct xnb_stat_desc xnb_stats[] = {
	XNB_STAT(tx_packets),
	XNB_STAT(tx_bytes),
	XNB_STAT(tx_drops),
	XNB_STAT(tx_copy_errors),
	XNB_STAT(tx_map_errors),
	XNB_STAT(tx_zc_sent),
	XNB_STAT(tx_zc_completed),
	XNB_STAT(tx_zc_fallback),
	XNB_STAT(tx_rate_limited),
	XNB_STAT(rx_packets),
	XNB_STAT(rx_bytes),
	XNB_STAT(rx_drops),
	XNB_STAT(rx_copy_errors),
	XNB_STAT(rx_ring_full),
};

#define XNB_NR_STATS	ARRAY_SIZE(xnb_stats)

static u64 xnb_stat(const struct xnb_queue_stats *st, unsigned int i)
{
	return READ_ONCE(*(const u64 *)((const u8 *)st + xnb_stats[i].offset));
}

static void xnb_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct xnb_vif *vif = netdev_priv(dev);

	strscpy(info->driver, XNB_DRV_NAME, sizeof(info->driver));
	strscpy(info->version, XNB_DRV_VERSION, sizeof(info->version));
	strscpy(info->bus_info, dev_name(&vif->xdev->dev),
		sizeof(info->bus_info));
}

/* Queues shown: the negotiated count (stable under RTNL, as ethtool is). */
static unsigned int xnb_stat_queues(struct net_device *dev)
{
	return dev->real_num_tx_queues;
}

static int xnb_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return XNB_NR_STATS * (1 + xnb_stat_queues(dev));
}

static void xnb_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < XNB_NR_STATS; i++)
		ethtool_sprintf(&data, "%s", xnb_stats[i].name);
	for (q = 0; q < xnb_stat_queues(dev); q++)
		for (i = 0; i < XNB_NR_STATS; i++)
			ethtool_sprintf(&data, "q%u_%s", q, xnb_stats[i].name);
}

static void xnb_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnb_vif *vif = netdev_priv(dev);
	unsigned int nq = xnb_stat_queues(dev);
	unsigned int q, i;

	for (i = 0; i < XNB_NR_STATS; i++) {
		data[i] = 0;
		for (q = 0; q < vif->max_queues; q++)
			data[i] += xnb_stat(&vif->stats[q], i);
	}
	data += XNB_NR_STATS;
	for (q = 0; q < nq; q++)
		for (i = 0; i < XNB_NR_STATS; i++)
			*data++ = xnb_stat(&vif->stats[q], i);
}

const struct ethtool_ops xnb_ethtool_ops = {
	.get_drvinfo		= xnb_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= xnb_get_sset_count,
	.get_strings		= xnb_get_strings,
	.get_ethtool_stats	= xnb_get_ethtool_stats,
};
