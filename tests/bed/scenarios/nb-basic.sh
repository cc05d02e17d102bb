#!/bin/sh
# Our netback with the stock netfront, 2 queues: layout, ping, sha256 transfers, iperf3, counters.
# bed-timeout: 600
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
guest_start g1 netfront=stock vcpus=2 || exit 0
nb_check_backend_keys g1 2
check_layout g1 2
check_guest_queues g1 2
check_ovs_port g1
check_eq "ethtool -i driver" xen-netback \
	"$(ethtool -i "$(guest_vif g1)" | sed -n 's/^driver: //p')"
nb_check_threads g1 2
check_ping g1
check_transfer g1 64
check_iperf g1 4 10
nb_check_queue_traffic g1 2
nb_show g1
guest_destroy g1
check "no vif left" sh -c "! ip -o link | grep -q ' vif'"
check "rmmod our xen-netback" rmmod xen_netback
