#!/bin/sh
# Our netback with our netfront, 2 queues: layout, control ring, transfers, iperf3, counters;
# ethtool -X steering dom0 -> guest flows, ethtool -L renegotiating with our netback.
# bed-timeout: 900
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
guest_start g1 netfront=ours vcpus=2 || exit 0
check_layout g1 2
check_eq "g1 frontend ctrl-ring-ref present" yes \
	"$(xs_read "$(fe_dir g1)/ctrl-ring-ref" >/dev/null && echo yes)"
nb_check_threads g1 2
check_ping g1
check_transfer g1 64
check_iperf g1 4 10
nb_check_queue_traffic g1 2
nb_check_rss_weight g1 1
check "g1 ethtool -X eth0 default (the table follows the queue count again)" gexec g1 "ethtool -X eth0 default"
check "g1 ethtool -L combined 1" gexec g1 "ethtool -L eth0 combined 1"
check_layout g1 1
nb_check_threads g1 1
check_ping g1
check "g1 ethtool -L combined 2" gexec g1 "ethtool -L eth0 combined 2"
check_layout g1 2
nb_check_threads g1 2
check_ping g1
check_iperf g1 4 5
nb_show g1
guest_destroy g1
