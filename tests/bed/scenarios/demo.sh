#!/bin/sh
# Demo: our netback and our netfront, a 2-vCPU guest on 2 queues; layout, queues,
# per-queue counters, iperf3. DEMO_NETFRONT=stock shows the stock netfront instead.
# bed-timeout: 600
DEMO_NETFRONT=${DEMO_NETFRONT:-ours}
use_netback ours
guest_start g1 netfront=$DEMO_NETFRONT vcpus=2 || exit 0
check_layout g1 2
if command -v xnet-vifs >/dev/null; then
	show "xnet-vifs: both ends of every vif (from XenStore)" xnet-vifs
else
	show "XenStore layout of vif 0 (frontend)" xenstore-ls -f "$(fe_dir g1)"
fi
show "guest eth0 queues (/sys/class/net/eth0/queues)" gexec g1 'ls /sys/class/net/eth0/queues'
show "dom0 $(guest_vif g1) per-queue counters before" sh -c \
	"ethtool -S $(guest_vif g1) | grep -E 'q[0-9]+.*(packets|bytes)'"
_to=$(iperf_to_guest g1 4 10)
_from=$(iperf_from_guest g1 4 10)
show "dom0 $(guest_vif g1) per-queue counters after 4 flows each way" sh -c \
	"ethtool -S $(guest_vif g1) | grep -E 'q[0-9]+.*(packets|bytes)'"
show "guest eth0 per-queue counters (ethtool -S in the guest)" gexec g1 \
	"ethtool -S eth0 | grep -E '^ *q[0-9]+_(tx|rx)_(packets|bytes)'"
show "dom0 netback threads" sh -c "ps -e -o comm | grep -E '^vif'"
note "iperf3 4 flows: dom0 -> guest $_to Mbit/s, guest -> dom0 $_from Mbit/s"
[ -n "$_to" ] && [ "$_to" -gt 0 ] && pass "iperf3 dom0 -> g1: $_to Mbit/s" || fail "iperf3 dom0 -> g1"
[ -n "$_from" ] && [ "$_from" -gt 0 ] && pass "iperf3 g1 -> dom0: $_from Mbit/s" || fail "iperf3 g1 -> dom0"
guest_destroy g1
