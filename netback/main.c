// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: module entry, parameters.
 *
 * The dom0 half of the multi-queue Xen PV network driver: one kernel
 * thread per ring pair, guest TX grant-mapped (or copied) into skbs for
 * the vif netdev, guest RX grant-copied into the buffers the guest posts.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <xen/xen.h>

#include "common.h"

unsigned int xnb_max_queues;
module_param_named(max_queues, xnb_max_queues, uint, 0644);
MODULE_PARM_DESC(max_queues,
		 "Queues offered per vif (0 = one per online dom0 vCPU); a vif's xnet-max-queues key may lower it");

bool xnb_zerocopy = true;
module_param_named(zerocopy, xnb_zerocopy, bool, 0644);
MODULE_PARM_DESC(zerocopy,
		 "Grant-map guest TX pages into skbs instead of copying them");

unsigned int xnb_rx_stall_timeout_ms = 60000;
module_param_named(rx_stall_timeout_ms, xnb_rx_stall_timeout_ms, uint, 0644);
MODULE_PARM_DESC(rx_stall_timeout_ms,
		 "A guest posting no RX buffers this long gets its carrier turned off");

unsigned int xnb_rx_drain_timeout_ms = 10000;
module_param_named(rx_drain_timeout_ms, xnb_rx_drain_timeout_ms, uint, 0644);
MODULE_PARM_DESC(rx_drain_timeout_ms,
		 "Packets waiting this long for guest RX buffers are dropped");

static int __init xnb_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	xnb_debugfs_init();
	err = xnb_xenbus_register();
	if (err) {
		xnb_debugfs_exit();
		return err;
	}
	pr_info("%s %s loaded\n", XNB_DRV_NAME, XNB_DRV_VERSION);
	return 0;
}
module_init(xnb_init);

static void __exit xnb_exit(void)
{
	xnb_xenbus_unregister();
	xnb_debugfs_exit();
}
module_exit(xnb_exit);

MODULE_DESCRIPTION("Xen multi-queue PV network backend");
MODULE_LICENSE("GPL");
MODULE_VERSION(XNB_DRV_VERSION);
MODULE_ALIAS("xen-backend:vif");
