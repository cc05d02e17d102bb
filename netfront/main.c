// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: module entry, parameters and the netdev itself.
 *
 * The netdev lives from probe to remove; queues come and go underneath it
 * (connect, ethtool -L, backend restart, resume), so addresses, routes and
 * counters survive every renegotiation.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/rtnetlink.h>
#include <net/tcp.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <xen/platform_pci.h>

#include "common.h"
#include "negotiate.h"

bool xnf_trusted = true;
module_param_named(trusted, xnf_trusted, bool, 0644);
MODULE_PARM_DESC(trusted,
		 "Trust backends with the rest of the pages packets sit in (default Y). N, or a toolstack 'trusted' key of 0 for one vif, sends every packet from zeroed pages of its own and zeroes receive buffers, so the backend sees packet bytes and zeros only. Read at each (re)connect.");

unsigned int xnf_max_queues;
module_param_named(max_queues, xnf_max_queues, uint, 0644);
MODULE_PARM_DESC(max_queues,
		 "Queues (ring pairs) to request per vif; 0 (default) = one per online vCPU, capped only by the backend's multi-queue-max-queues. Read at each (re)connect.");

/*
 * The backend misbehaved: stop traffic now (any context) and let the
 * state work close the device. True for the first caller only, who logs.
 */
bool xnf_break(struct xnf_info *info)
{
	if (test_and_set_bit(XNF_BROKEN, &info->flags))
		return false;
	netif_carrier_off(info->netdev);
	netif_tx_stop_all_queues(info->netdev);
	schedule_work(&info->state_work);
	return true;
}

void xnf_fatal(struct xnf_info *info, struct xnf_queue *queue,
	       const char *what)
{
	/* Once per break, so never rate-limited away. */
	if (xnf_break(info))
		xnf_peer_log(info, queue, "%s; device disabled\n", what);
}

static int xnf_open(struct net_device *dev)
{
	struct xnf_info *info = xnf_info(dev);

	mutex_lock(&info->lock);
	if (test_bit(XNF_CONNECTED, &info->flags) && !xnf_is_broken(info))
		xnf_queues_start(info);
	mutex_unlock(&info->lock);
	return 0;
}

static int xnf_close(struct net_device *dev)
{
	struct xnf_info *info = xnf_info(dev);

	mutex_lock(&info->lock);
	if (test_bit(XNF_CONNECTED, &info->flags))
		xnf_queues_stop(info);
	mutex_unlock(&info->lock);
	return 0;
}

static void xnf_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *tot)
{
	struct xnf_info *info = xnf_info(dev);
	unsigned int i, start;

	for (i = 0; i < dev->num_tx_queues; i++) {
		const struct xnf_stats *s = &info->stats[i];
		u64 tp, tb, td, te, rp, rb, rd;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			tp = u64_stats_read(&s->tx_packets);
			tb = u64_stats_read(&s->tx_bytes);
			td = u64_stats_read(&s->tx_drops);
			te = u64_stats_read(&s->tx_errors);
			rp = u64_stats_read(&s->rx_packets);
			rb = u64_stats_read(&s->rx_bytes);
			rd = u64_stats_read(&s->rx_drops);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		tot->tx_packets += tp;
		tot->tx_bytes += tb;
		tot->tx_dropped += td;
		tot->tx_errors += te;
		tot->rx_packets += rp;
		tot->rx_bytes += rb;
		tot->rx_dropped += rd;
	}
}

static unsigned int xnf_mtu_limit(netdev_features_t features)
{
	/* One slot carries at most a page; bigger frames need scatter-gather. */
	return (features & NETIF_F_SG) ? XNET_MAX_TX_SIZE - ETH_HLEN : ETH_DATA_LEN;
}

static int xnf_change_mtu(struct net_device *dev, int mtu)
{
	if (mtu > xnf_mtu_limit(dev->features))
		return -EINVAL;
	dev->mtu = mtu;
	return 0;
}

static netdev_features_t xnf_fix_features(struct net_device *dev,
					  netdev_features_t features)
{
	const struct xnf_backend_features *feat = &xnf_info(dev)->feat;

	/* Until the backend is known, allow what the user sets (mtu at boot). */
	if (!feat->known)
		return features;
	if (!feat->sg)
		features &= ~NETIF_F_SG;
	if (!feat->ipv6_csum)
		features &= ~NETIF_F_IPV6_CSUM;
	if (!feat->gso_tcpv4 || !(features & NETIF_F_SG))
		features &= ~NETIF_F_TSO;
	if (!feat->gso_tcpv6 || !(features & NETIF_F_SG))
		features &= ~NETIF_F_TSO6;
	return features;
}

static int xnf_set_features(struct net_device *dev, netdev_features_t features)
{
	if (dev->mtu > xnf_mtu_limit(features)) {
		netdev_info(dev, "MTU %u needs scatter-gather: lowered to %u\n",
			    dev->mtu, ETH_DATA_LEN);
		dev->mtu = ETH_DATA_LEN;
	}
	return 0;
}

static const struct net_device_ops xnf_netdev_ops = {
	.ndo_open		= xnf_open,
	.ndo_stop		= xnf_close,
	.ndo_start_xmit		= xnf_start_xmit,
	.ndo_select_queue	= xnf_select_queue,
	.ndo_get_stats64	= xnf_get_stats64,
	.ndo_change_mtu		= xnf_change_mtu,
	.ndo_fix_features	= xnf_fix_features,
	.ndo_set_features	= xnf_set_features,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

/* Re-evaluate offloads once the backend's features are known. */
void xnf_netdev_apply_features(struct xnf_info *info)
{
	struct net_device *dev = info->netdev;

	ASSERT_RTNL();
	netdev_update_features(dev);
	if (dev->mtu > xnf_mtu_limit(dev->features))
		dev_set_mtu(dev, ETH_DATA_LEN);
}

static int xnf_read_mac(struct xenbus_device *xbdev, u8 *mac)
{
	char *s;
	int err = 0;

	s = xenbus_read(XBT_NIL, xbdev->nodename, XNET_KEY_MAC, NULL);
	if (IS_ERR(s))
		return PTR_ERR(s);
	if (!mac_pton(s, mac) || !is_valid_ether_addr(mac))
		err = -EINVAL;
	kfree(s);
	return err;
}

struct net_device *xnf_netdev_create(struct xenbus_device *xbdev)
{
	unsigned int max = min_t(unsigned int, num_possible_cpus(), XNET_QUEUES_MAX);
	struct net_device *dev;
	struct xnf_info *info;
	u8 mac[ETH_ALEN];
	unsigned int i;
	int err;

	err = xnf_read_mac(xbdev, mac);
	if (err) {
		xenbus_dev_fatal(xbdev, err, "reading a valid %s", XNET_KEY_MAC);
		return ERR_PTR(err);
	}

	/* Sized for every possible vCPU, so ethtool -L can grow it later. */
	dev = alloc_etherdev_mqs(sizeof(*info), max, max);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	info = netdev_priv(dev);
	info->netdev = dev;
	info->xbdev = xbdev;
	/* A few lines per half minute: enough to name the fault, never a flood. */
	ratelimit_state_init(&info->peer_log_rs, 30 * HZ, 3);
	mutex_init(&info->lock);
	init_waitqueue_head(&info->state_wq);
	info->backend_state = XenbusStateUnknown;
	mutex_init(&info->ctrl.lock);
	init_waitqueue_head(&info->ctrl.wq);
	xnf_rss_init(info);

	info->stats = kcalloc(max, sizeof(*info->stats), GFP_KERNEL);
	if (!info->stats) {
		free_netdev(dev);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < max; i++)
		u64_stats_init(&info->stats[i].syncp);

	eth_hw_addr_set(dev, mac);
	dev->netdev_ops = &xnf_netdev_ops;
	dev->ethtool_ops = &xnf_ethtool_ops;
	dev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_RXCSUM;
	dev->features = dev->hw_features;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = XNET_MAX_TX_SIZE - ETH_HLEN;
	netif_set_tso_max_size(dev, XNET_MAX_TX_SIZE - MAX_TCP_HEADER);
	netif_set_real_num_tx_queues(dev, 1);
	netif_set_real_num_rx_queues(dev, 1);
	SET_NETDEV_DEV(dev, &xbdev->dev);
	netif_carrier_off(dev);
	return dev;
}

static int __init xnf_init(void)
{
	if (!xen_domain())
		return -ENODEV;
	if (!xen_has_pv_nic_devices())
		return -ENODEV;
	pr_info("%s %s: multi-queue Xen PV network frontend\n",
		XNF_DRV_NAME, XNF_DRV_VERSION);
	return xnf_xenbus_register();
}
module_init(xnf_init);

static void __exit xnf_exit(void)
{
	xnf_xenbus_unregister();
}
module_exit(xnf_exit);

MODULE_DESCRIPTION("Multi-queue Xen PV network frontend (xen-mq-net)");
MODULE_LICENSE("GPL");
MODULE_VERSION(XNF_DRV_VERSION);
MODULE_ALIAS("xen:vif");
MODULE_ALIAS("xennet");
