#!/bin/sh
# Our netfront's max_queues parameter (1, 2, default) against the stock netback; modinfo text.
# bed-timeout: 600
. /bed/scenarios/nf-lib.inc
use_netback stock
guest_start g1 netfront=ours vcpus=2 nf_params="max_queues=1" || exit 0
check_eq "modinfo describes max_queues" 1 \
	"$(gexec g1 'modinfo -p /lib/modules/$(uname -r)/extra/xen-netfront.ko | grep -c "^max_queues:.*vCPU"')"
check_eq "g1 max_queues parameter" 1 "$(gexec g1 'cat /sys/module/xen_netfront/parameters/max_queues')"
check_layout g1 1
check_guest_queues g1 1
check_eq "g1 irq named eth0-q0-tx" 1 "$(gexec g1 "grep -c 'eth0-q0-tx' /proc/interrupts")"
check_ping g1
check_transfer g1 16
nf_check_guest_clean g1
guest_destroy g1
guest_start g2 netfront=ours vcpus=2 nf_params="max_queues=2" || exit 0
check_layout g2 2
check_guest_queues g2 2
check_ping g2
check_transfer g2 16
nf_check_guest_clean g2
guest_destroy g2
guest_start g3 netfront=ours vcpus=2 || exit 0
check_eq "g3 max_queues parameter (default)" 0 "$(gexec g3 'cat /sys/module/xen_netfront/parameters/max_queues')"
check_layout g3 2
check_guest_queues g3 2
check_ping g3
nf_check_guest_clean g3
guest_destroy g3
