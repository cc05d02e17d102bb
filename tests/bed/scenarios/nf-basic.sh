#!/bin/sh
# Our netfront, default queue count, against the stock netback: layout, traffic, ethtool.
# bed-timeout: 600
. /bed/scenarios/nf-lib.inc
use_netback stock
guest_start g1 netfront=ours vcpus=2 || exit 0
check_layout g1 2
check_eq "g1 backend feature-ctrl-ring" 1 "$(xs_read "$(be_dir g1)/feature-ctrl-ring")"
check_eq "g1 frontend ctrl-ring-ref present" yes \
	"$(xs_read "$(fe_dir g1)/ctrl-ring-ref" >/dev/null && echo yes)"
for k in request-rx-copy feature-rx-notify feature-sg feature-gso-tcpv4 feature-gso-tcpv6 \
	feature-ipv6-csum-offload; do
	check_eq "g1 frontend $k" 1 "$(xs_read "$(fe_dir g1)/$k")"
done
check_guest_queues g1 2
check_eq "g1 ethtool -i driver" xen-netfront \
	"$(gexec g1 'ethtool -i eth0' | sed -n 's/^driver: //p')"
check_eq "g1 ethtool -l combined" 2 \
	"$(gexec g1 'ethtool -l eth0' | awk '/^Current/ { c = 1 } c && /^Combined:/ { print $2 }')"
check_eq "g1 ethtool -g rx ring" 256 \
	"$(gexec g1 'ethtool -g eth0' | awk '/^Current/ { c = 1 } c && /^RX:/ { print $2 }')"
check_eq "g1 irq names eth0-q0-tx ... eth0-q1-rx" 4 \
	"$(gexec g1 "grep -c -E 'eth0-q[01]-(tx|rx)' /proc/interrupts")"
check_eq "g1 RSS given to the backend (dmesg)" 1 \
	"$(gexec g1 "dmesg | grep -c 'RSS: Toeplitz key'")"
check_ping g1
check_transfer g1 64
check_iperf g1 4 10
check_nf_queue_traffic g1 2
nf_show g1
nf_check_guest_clean g1
guest_destroy g1
