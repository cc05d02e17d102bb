#!/bin/sh
# Stock netback + stock netfront, 2 vCPUs each side: the baseline the bed is checked with.
# bed-timeout: 600
use_netback stock
guest_start g1 netfront=stock vcpus=2 || exit 0
check_eq "backend multi-queue-max-queues" 2 "$(xs_read "$(be_dir g1)/multi-queue-max-queues")"
check_layout g1 2
check_guest_queues g1 2
check_ovs_port g1
check_ping g1
check_transfer g1 64
check_iperf g1 1 10
check_iperf g1 4 10
guest_destroy g1
