#!/bin/sh
# Our netfront (stock netback): link down/up, rmmod under traffic and reload,
# xl network-detach/attach.
# bed-timeout: 600
. /bed/scenarios/nf-lib.inc
use_netback stock
guest_start g1 netfront=ours vcpus=2 || exit 0
check_layout g1 2
check "g1 ip link down/up" gexec g1 "ip link set eth0 down && ip link set eth0 up"
check_ping g1
iperf_guest_server g1
timeout 60 iperf3 -c "$(guest_ip g1)" -P 4 -t 30 >/dev/null 2>&1 &
ipid=$!
sleep 6
# A bound xenbus device holds its driver's module reference (Linux >= 5.10), so rmmod
# needs the vif unbound first: that is the close under traffic.
check "g1 unbind vif-0 under traffic, then rmmod xen-netfront" gexec g1 \
	"echo vif-0 >/sys/bus/xen/drivers/vif/unbind && timeout 40 rmmod xen_netfront" 60
wait $ipid
wait_for 20 xs_is "$(fe_dir g1)/state" 6
check_eq "g1 frontend state after rmmod" 6 "$(xs_read "$(fe_dir g1)/state")"
check_eq "g1 xen_netfront unloaded" 0 "$(gexec g1 "grep -c '^xen_netfront ' /proc/modules")"
check "g1 modprobe xen-netfront again" guest_netfront_reload g1
check_layout g1 2
check_ping g1
check "xl network-detach g1 0" xl network-detach g1 0
wait_for 30 gexec g1 '! test -e /sys/class/net/eth0'
check "g1 eth0 gone after detach" gexec g1 "! test -e /sys/class/net/eth0"
check "xl network-attach g1" xl network-attach g1 mac=00:16:3e:00:00:0b bridge=xenbr0 script=vif-openvswitch
wait_for 30 gexec g1 "ls /sys/class/net | grep -q eth"
gexec g1 "ip link set eth0 up; ip addr add $(guest_ip g1)/24 dev eth0" >/dev/null
sleep 3
check_ping g1
nf_check_guest_clean g1
guest_destroy g1
