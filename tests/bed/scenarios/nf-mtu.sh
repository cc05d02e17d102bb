#!/bin/sh
# MTU 9000 on our netfront (stock netback), 64 MiB both ways with sha256.
# bed-timeout: 500
. /bed/scenarios/nf-lib.inc
use_netback stock
guest_start g1 netfront=ours vcpus=2 mtu=9000 || exit 0
check_layout g1 2
ip link set xenbr0 mtu 9000 2>/dev/null
ip link set "$(guest_vif g1)" mtu 9000
ip link set xenbr0 mtu 9000
check_eq "g1 eth0 mtu" 9000 "$(gexec g1 'cat /sys/class/net/eth0/mtu')"
check "ping dom0 -> g1 with 8000-byte payload" ping -c 3 -W 5 -s 8000 "$(guest_ip g1)"
check "ping g1 -> dom0 with 8000-byte payload" gexec g1 "ping -c 3 -W 5 -s 8000 $BED_DOM0_IP"
check_transfer g1 64
nf_check_guest_clean g1
guest_destroy g1
ip link set xenbr0 mtu 1500
