#!/bin/sh
# Our netback with the stock netfront, max_queues=1: top-level layout, traffic, reconnect on reload.
# bed-timeout: 500
. /bed/scenarios/nb-lib.inc
use_netback ours max_queues=1 || exit 0
guest_start g1 netfront=stock vcpus=2 || exit 0
nb_check_backend_keys g1 1
check_layout g1 1
nb_check_threads g1 1
check_ping g1
check_transfer g1 16
check "g1 rmmod xen-netfront" gexec g1 "timeout 40 rmmod xen_netfront" 60
check_eq "g1 frontend state after rmmod" 6 "$(xs_read "$(fe_dir g1)/state")"
check "g1 modprobe xen-netfront again" gexec g1 \
	"modprobe xen-netfront && sleep 2 && ip addr add $(guest_ip g1)/24 dev eth0 && ip link set eth0 up"
check_layout g1 1
check_ping g1
nb_show g1
guest_destroy g1
