#!/bin/sh
# ethtool -L combined 1 then 2 on our netfront while iperf3 runs (stock netback):
# traffic continues, XenStore follows, the address stays, no IRQ/event channel leaks.
# bed-timeout: 600
. /bed/scenarios/nf-lib.inc
use_netback stock
guest_start g1 netfront=ours vcpus=2 || exit 0
check_layout g1 2
g_irq0=$(nf_guest_irqs g1); d_irq0=$(nf_dom0_vif_irqs g1)
note "before: guest event-channel IRQs $g_irq0, dom0 vif IRQs $d_irq0"
iperf_guest_server g1
timeout 90 iperf3 -c "$(guest_ip g1)" -P 4 -t 40 -J >/tmp/nf-iperf.json 2>/dev/null &
ipid=$!
sleep 8
check "g1 ethtool -L combined 1 (under load)" gexec g1 "ethtool -L eth0 combined 1"
check_layout g1 1
check_guest_queues g1 1
check_eq "g1 vif IRQs after -L 1" 2 "$(nf_guest_vif_irqs g1)"
check_eq "dom0 vif IRQs after -L 1" 2 "$(nf_dom0_vif_irqs g1)"
sleep 8
check "g1 ethtool -L combined 2 (under load)" gexec g1 "ethtool -L eth0 combined 2"
check_layout g1 2
check_guest_queues g1 2
wait $ipid
mb=$(bed_iperf_mbits </tmp/nf-iperf.json)
if [ -n "$mb" ] && [ "$mb" -gt 0 ]; then pass "iperf3 4 flows across -L 1 and -L 2: $mb Mbit/s"
else fail "iperf3 4 flows across -L 1 and -L 2: no figure"; fi
check_eq "g1 address kept" 1 "$(gexec g1 "ip -o addr show dev eth0 | grep -c '$(guest_ip g1)/'")"
check_ping g1
check_eq "guest event-channel IRQs back to start" "$g_irq0" "$(nf_guest_irqs g1)"
check_eq "dom0 vif IRQs back to start" "$d_irq0" "$(nf_dom0_vif_irqs g1)"
check "g1 stale queue-2 absent, queue-1 present" sh -c \
	"! xenstore-read $(fe_dir g1)/queue-2/tx-ring-ref && xenstore-read $(fe_dir g1)/queue-1/tx-ring-ref"
check_iperf g1 4 5
check_nf_queue_traffic g1 2
nf_show g1
nf_check_guest_clean g1
guest_destroy g1
