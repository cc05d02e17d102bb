#!/bin/sh
# Our netback: guest destroyed mid-transfer; dom0's grant mappings and event channels return.
# bed-timeout: 500
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
evtchns() { grep -c -i xen-dyn /proc/interrupts; }
before_ev=$(evtchns)
guest_start g1 netfront=stock vcpus=2 || exit 0
check_layout g1 2
nb_check_threads g1 2
iperf_guest_server g1
timeout 40 iperf3 -c "$(guest_ip g1)" -P 4 -t 20 >/dev/null 2>&1 &
ipid=$!
sleep 5
nb_show g1
v=$(guest_vif g1)
check "xl destroy g1 under traffic" xl destroy g1
wait $ipid
wait_for 30 sh -c "! ip link show $v"
check "$v gone" sh -c "! ip link show $v 2>/dev/null"
check_eq "kthreads of $v gone" 0 "$(ps -eo comm | grep -c "^$v-q")"
check_eq "event channel irqs back to before" "$before_ev" "$(evtchns)"
rm -f $BED_GUEST_DIR/g1.cfg $BED_GUEST_DIR/g1.ip
check "rmmod our xen-netback" rmmod xen_netback
