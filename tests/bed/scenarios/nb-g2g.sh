#!/bin/sh
# Our netback: two guests at once (stock and our netfront), guest <-> guest through OVS.
# bed-timeout: 700
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
guest_start g1 netfront=stock vcpus=2 || exit 0
guest_start g2 netfront=ours vcpus=2 || exit 0
check_layout g1 2
check_layout g2 2
check_ovs_port g1
check_ovs_port g2
check "ping g1 -> g2" gexec g1 "ping -c 3 -W 5 $(guest_ip g2)"
check "ping g2 -> g1" gexec g2 "ping -c 3 -W 5 $(guest_ip g1)"
check_g2g_transfer g1 g2 32
check_g2g_transfer g2 g1 32
mbit=$(iperf_guest_to_guest g1 g2 4 10)
if [ -n "$mbit" ] && [ "$mbit" -gt 0 ]; then pass "iperf3 g1 -> g2, 4 flows: $mbit Mbit/s"
else fail "iperf3 g1 -> g2, 4 flows: no figure"; fi
note "iperf3 ours-netback g1 (stock nf) -> g2 (our nf), 4 flows: ${mbit:-none} Mbit/s"
nb_check_queue_traffic g1 2
nb_check_queue_traffic g2 2
nb_show g1
nb_show g2
guest_destroy g1
guest_destroy g2
