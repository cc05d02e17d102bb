/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * XenStore keys and states of the vif protocol, as either end and the
 * tools use them. Facts from Xen's docs/misc/xenstore-paths.pandoc and
 * io/netif.h; names are ours. Usable from kernel and userspace code.
 *
 * Backend dir:  /local/domain/<backend-domid>/backend/vif/<domid>/<devid>/
 * Frontend dir: /local/domain/<domid>/device/vif/<devid>/
 */
#ifndef XNET_XS_KEYS_H
#define XNET_XS_KEYS_H

/* ---- Paths ---- */
#define XNET_XS_DEVICE_CLASS		"vif"
#define XNET_XS_BACKEND_ROOT_FMT	"/local/domain/%u/backend/vif"
#define XNET_XS_BACKEND_DIR_FMT		"/local/domain/%u/backend/vif/%u/%u"
#define XNET_XS_FRONTEND_ROOT_FMT	"/local/domain/%u/device/vif"
#define XNET_XS_FRONTEND_DIR_FMT	"/local/domain/%u/device/vif/%u"
/* Per-queue subdirectory of the frontend dir when more than one queue. */
#define XNET_XS_QUEUE_DIR_FMT		"queue-%u"
#define XNET_XS_QUEUE_DIR_PREFIX	"queue-"

/* ---- Keys in both dirs ---- */
#define XNET_KEY_STATE			"state"
#define XNET_KEY_HANDLE			"handle"
#define XNET_KEY_MAC			"mac"
#define XNET_KEY_MTU			"mtu"

/* ---- Backend dir, written by the toolstack ---- */
#define XNET_KEY_FRONTEND		"frontend"
#define XNET_KEY_FRONTEND_ID		"frontend-id"
#define XNET_KEY_ONLINE			"online"
#define XNET_KEY_SCRIPT			"script"
#define XNET_KEY_BRIDGE			"bridge"
#define XNET_KEY_TYPE			"type"
#define XNET_KEY_IP			"ip"
#define XNET_KEY_RATE			"rate"		/* "<bytes>,<usec>" */
/* Written by the hotplug script; "connected" gates backend Connected. */
#define XNET_KEY_HOTPLUG_STATUS		"hotplug-status"
#define XNET_HOTPLUG_CONNECTED		"connected"

/* ---- Backend dir, written by netback ---- */
#define XNET_KEY_FEATURE_SG			"feature-sg"
#define XNET_KEY_FEATURE_GSO_TCPV4		"feature-gso-tcpv4"
#define XNET_KEY_FEATURE_GSO_TCPV6		"feature-gso-tcpv6"
#define XNET_KEY_FEATURE_IPV6_CSUM_OFFLOAD	"feature-ipv6-csum-offload"
#define XNET_KEY_FEATURE_RX_COPY		"feature-rx-copy"
#define XNET_KEY_FEATURE_RX_FLIP		"feature-rx-flip"
#define XNET_KEY_FEATURE_MCAST_CONTROL		"feature-multicast-control"
#define XNET_KEY_FEATURE_DYN_MCAST_CONTROL	"feature-dynamic-multicast-control"
#define XNET_KEY_FEATURE_SPLIT_EVTCHN		"feature-split-event-channels"
#define XNET_KEY_FEATURE_CTRL_RING		"feature-ctrl-ring"
#define XNET_KEY_FEATURE_XDP_HEADROOM		"feature-xdp-headroom"
#define XNET_KEY_MQ_MAX_QUEUES			"multi-queue-max-queues"
/* Link state; absent means up. */
#define XNET_KEY_CARRIER			"carrier"

/* ---- Backend dir, this project's own keys ---- */
/* Per-vif queue cap written by the operator in dom0; netback watches it. */
#define XNET_KEY_OPERATOR_MAX_QUEUES		"xnet-max-queues"
/* Published by our netback: XNET_HASH_ALG_NAME_NONE or _TOEPLITZ. */
#define XNET_KEY_HASH_ALGORITHM			"xnet-hash-algorithm"
#define XNET_HASH_ALG_NAME_NONE			"none"
#define XNET_HASH_ALG_NAME_TOEPLITZ		"toeplitz"

/* ---- Frontend dir, written by the toolstack ---- */
#define XNET_KEY_BACKEND		"backend"
#define XNET_KEY_BACKEND_ID		"backend-id"
#define XNET_KEY_TRUSTED		"trusted"

/* ---- Frontend dir, written by netfront ---- */
#define XNET_KEY_MQ_NUM_QUEUES			"multi-queue-num-queues"
/* Per queue: top level when one queue, else under queue-<i>/. */
#define XNET_KEY_TX_RING_REF			"tx-ring-ref"
#define XNET_KEY_RX_RING_REF			"rx-ring-ref"
#define XNET_KEY_EVENT_CHANNEL			"event-channel"
#define XNET_KEY_EVENT_CHANNEL_TX		"event-channel-tx"
#define XNET_KEY_EVENT_CHANNEL_RX		"event-channel-rx"
#define XNET_KEY_REQUEST_RX_COPY		"request-rx-copy"
#define XNET_KEY_FEATURE_RX_NOTIFY		"feature-rx-notify"
#define XNET_KEY_FEATURE_NO_CSUM_OFFLOAD	"feature-no-csum-offload"
#define XNET_KEY_CTRL_RING_REF			"ctrl-ring-ref"
#define XNET_KEY_EVENT_CHANNEL_CTRL		"event-channel-ctrl"
#define XNET_KEY_REQUEST_MCAST_CONTROL		"request-multicast-control"
#define XNET_KEY_XDP_HEADROOM			"xdp-headroom"
/* feature-sg, feature-gso-tcpv4/6, feature-ipv6-csum-offload: as above. */

/* ---- XenbusState values (the "state" key) ---- */
#define XNET_STATE_UNKNOWN		0
#define XNET_STATE_INITIALISING		1
#define XNET_STATE_INIT_WAIT		2
#define XNET_STATE_INITIALISED		3
#define XNET_STATE_CONNECTED		4
#define XNET_STATE_CLOSING		5
#define XNET_STATE_CLOSED		6
#define XNET_STATE_RECONFIGURING	7
#define XNET_STATE_RECONFIGURED		8
#define XNET_STATE_COUNT		9

/* Name of a state value, for logs and tools; "Invalid" when out of range. */
static inline const char *xnet_state_name(unsigned int state)
{
	switch (state) {
	case XNET_STATE_UNKNOWN:	return "Unknown";
	case XNET_STATE_INITIALISING:	return "Initialising";
	case XNET_STATE_INIT_WAIT:	return "InitWait";
	case XNET_STATE_INITIALISED:	return "Initialised";
	case XNET_STATE_CONNECTED:	return "Connected";
	case XNET_STATE_CLOSING:	return "Closing";
	case XNET_STATE_CLOSED:		return "Closed";
	case XNET_STATE_RECONFIGURING:	return "Reconfiguring";
	case XNET_STATE_RECONFIGURED:	return "Reconfigured";
	default:			return "Invalid";
	}
}

#endif /* XNET_XS_KEYS_H */
