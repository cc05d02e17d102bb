#!/bin/sh
# Our netback with our netfront, 2 queues: layout, control ring, transfers, iperf3, counters.
# bed-timeout: 600
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
nb_show g1
guest_destroy g1
