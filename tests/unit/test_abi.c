// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The wire format against Xen's own public header: every struct size and
 * field offset, every constant, and the ring size that DEFINE_RING_TYPES
 * derives from a 4 KiB page.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xen/xen.h>
#include <xen/io/netif.h>

#include <xnet/netif.h>
#include <xnet/xs_keys.h>
#include "xtest.h"

XNET_DEFINE_RING_TYPES();

/* Our constant equals Xen's. */
#define EQ(ours, xens) ((ours) == (xens))

#define SAME_LAYOUT(ours, theirs, field) \
	(offsetof(ours, field) == offsetof(theirs, field) && \
	 sizeof(((ours *)0)->field) == sizeof(((theirs *)0)->field))

static void layouts(void)
{
	XT_CHECK(sizeof(struct xnet_tx_request) == sizeof(struct netif_tx_request) &&
		 SAME_LAYOUT(struct xnet_tx_request, struct netif_tx_request, gref) &&
		 SAME_LAYOUT(struct xnet_tx_request, struct netif_tx_request, offset) &&
		 SAME_LAYOUT(struct xnet_tx_request, struct netif_tx_request, flags) &&
		 SAME_LAYOUT(struct xnet_tx_request, struct netif_tx_request, id) &&
		 SAME_LAYOUT(struct xnet_tx_request, struct netif_tx_request, size),
		 "abi TX request matches Xen's netif_tx_request");
	XT_CHECK(sizeof(struct xnet_tx_response) == sizeof(struct netif_tx_response) &&
		 SAME_LAYOUT(struct xnet_tx_response, struct netif_tx_response, status),
		 "abi TX response matches");
	XT_CHECK(sizeof(struct xnet_rx_request) == sizeof(struct netif_rx_request) &&
		 SAME_LAYOUT(struct xnet_rx_request, struct netif_rx_request, gref),
		 "abi RX request matches");
	XT_CHECK(sizeof(struct xnet_rx_response) == sizeof(struct netif_rx_response) &&
		 SAME_LAYOUT(struct xnet_rx_response, struct netif_rx_response, offset) &&
		 SAME_LAYOUT(struct xnet_rx_response, struct netif_rx_response, flags) &&
		 SAME_LAYOUT(struct xnet_rx_response, struct netif_rx_response, status),
		 "abi RX response matches");
	XT_CHECK(sizeof(struct xnet_extra_info) == sizeof(struct netif_extra_info) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.gso.size) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.gso.type) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.gso.features) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.mcast.addr) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.hash.type) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.hash.algorithm) &&
		 SAME_LAYOUT(struct xnet_extra_info, struct netif_extra_info, u.hash.value),
		 "abi extra-info segment matches");
	XT_CHECK(sizeof(struct xnet_ctrl_request) == sizeof(struct xen_netif_ctrl_request) &&
		 SAME_LAYOUT(struct xnet_ctrl_request, struct xen_netif_ctrl_request, type) &&
		 SAME_LAYOUT(struct xnet_ctrl_request, struct xen_netif_ctrl_request, data),
		 "abi control request matches");
	XT_CHECK(sizeof(struct xnet_ctrl_response) == sizeof(struct xen_netif_ctrl_response) &&
		 SAME_LAYOUT(struct xnet_ctrl_response, struct xen_netif_ctrl_response, status) &&
		 SAME_LAYOUT(struct xnet_ctrl_response, struct xen_netif_ctrl_response, data),
		 "abi control response matches");
	XT_CHECK(__CONST_RING_SIZE(xnet_tx, XNET_PAGE_SIZE) == XNET_RING_SIZE &&
		 __CONST_RING_SIZE(xnet_rx, XNET_PAGE_SIZE) == XNET_RING_SIZE &&
		 __CONST_RING_SIZE(xnet_tx, XNET_PAGE_SIZE) ==
		 __CONST_RING_SIZE(netif_tx, XNET_PAGE_SIZE),
		 "abi one-page TX and RX rings hold %d slots", XNET_RING_SIZE);
}

static void constants(void)
{
	XT_CHECK(EQ(XNET_NR_SLOTS_MIN, XEN_NETIF_NR_SLOTS_MIN) &&
		 EQ(XNET_MAX_TX_SIZE, XEN_NETIF_MAX_TX_SIZE),
		 "abi slot minimum and max TX size");
	XT_CHECK(EQ(XNET_TXF_CSUM_BLANK, NETTXF_csum_blank) &&
		 EQ(XNET_TXF_DATA_VALIDATED, NETTXF_data_validated) &&
		 EQ(XNET_TXF_MORE_DATA, NETTXF_more_data) &&
		 EQ(XNET_TXF_EXTRA_INFO, NETTXF_extra_info), "abi TX flags");
	XT_CHECK(EQ(XNET_RXF_DATA_VALIDATED, NETRXF_data_validated) &&
		 EQ(XNET_RXF_CSUM_BLANK, NETRXF_csum_blank) &&
		 EQ(XNET_RXF_MORE_DATA, NETRXF_more_data) &&
		 EQ(XNET_RXF_EXTRA_INFO, NETRXF_extra_info) &&
		 EQ(XNET_RXF_GSO_PREFIX, NETRXF_gso_prefix), "abi RX flags");
	XT_CHECK(EQ(XNET_RSP_DROPPED, NETIF_RSP_DROPPED) &&
		 EQ(XNET_RSP_ERROR, NETIF_RSP_ERROR) &&
		 EQ(XNET_RSP_OKAY, NETIF_RSP_OKAY) && EQ(XNET_RSP_NULL, NETIF_RSP_NULL),
		 "abi response codes");
	XT_CHECK(EQ(XNET_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_TYPE_GSO) &&
		 EQ(XNET_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_TYPE_MCAST_ADD) &&
		 EQ(XNET_EXTRA_TYPE_MCAST_DEL, XEN_NETIF_EXTRA_TYPE_MCAST_DEL) &&
		 EQ(XNET_EXTRA_TYPE_HASH, XEN_NETIF_EXTRA_TYPE_HASH) &&
		 EQ(XNET_EXTRA_FLAG_MORE, XEN_NETIF_EXTRA_FLAG_MORE) &&
		 EQ(XNET_GSO_TYPE_TCPV4, XEN_NETIF_GSO_TYPE_TCPV4) &&
		 EQ(XNET_GSO_TYPE_TCPV6, XEN_NETIF_GSO_TYPE_TCPV6),
		 "abi extra types, flag and GSO types");
	XT_CHECK(EQ(XNET_CTRL_TYPE_SET_HASH_ALGORITHM, XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM) &&
		 EQ(XNET_CTRL_TYPE_SET_HASH_MAPPING, XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING) &&
		 EQ(XNET_CTRL_TYPE_DEL_GREF_MAPPING, XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING) &&
		 EQ(XNET_CTRL_STATUS_BUFFER_OVERFLOW, XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW) &&
		 EQ(XNET_CTRL_STATUS_INVALID_PARAMETER, XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER),
		 "abi control types and status codes");
	XT_CHECK(EQ(XNET_HASH_TYPE_IPV4, XEN_NETIF_CTRL_HASH_TYPE_IPV4) &&
		 EQ(XNET_HASH_TYPE_IPV4_TCP, XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP) &&
		 EQ(XNET_HASH_TYPE_IPV6, XEN_NETIF_CTRL_HASH_TYPE_IPV6) &&
		 EQ(XNET_HASH_TYPE_IPV6_TCP, XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP) &&
		 EQ(XNET_HASH_ALGORITHM_TOEPLITZ, XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ),
		 "abi hash types and algorithms");
}

static void states(void)
{
	XT_CHECK(!strcmp(xnet_state_name(XNET_STATE_UNKNOWN), "Unknown") &&
		 !strcmp(xnet_state_name(XNET_STATE_INIT_WAIT), "InitWait") &&
		 !strcmp(xnet_state_name(XNET_STATE_CONNECTED), "Connected") &&
		 !strcmp(xnet_state_name(XNET_STATE_RECONFIGURED), "Reconfigured") &&
		 !strcmp(xnet_state_name(XNET_STATE_COUNT), "Invalid"),
		 "xenstore state names 0..8, Invalid beyond");
	XT_CHECK(!strcmp(XNET_KEY_OPERATOR_MAX_QUEUES, "xnet-max-queues") &&
		 !strcmp(XNET_KEY_HASH_ALGORITHM, "xnet-hash-algorithm") &&
		 !strcmp(XNET_KEY_MQ_NUM_QUEUES, "multi-queue-num-queues"),
		 "xenstore project keys");
}

void test_abi(void)
{
	layouts();
	constants();
	states();
}
