#!/bin/sh
# Our netback: rate=10Mb/s on a 2-queue vif holds for the whole vif (guest TX, 4 UDP flows).
# bed-timeout: 400
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
guest_start g1 netfront=stock vcpus=2 vif_extra=",rate=10Mb/s" || exit 0
check_layout g1 2
v=$(guest_vif g1)
log "backend rate key: $(xs_read "$(be_dir g1)/rate")"
# Offer 4 x 10 Mbit/s of UDP and measure what the vif lets through, from its own counters.
iperf3 -s -D -p 5202
sleep 1
gexec g1 "iperf3 -c $BED_DOM0_IP -p 5202 -u -b 10M -l 1400 -P 4 -t 16 >/tmp/udp.log 2>&1" 40 >/dev/null &
upid=$!
sleep 5
b1=$(nb_stat "$v" tx_bytes)
sleep 8
b2=$(nb_stat "$v" tx_bytes)
kbit=$(( (b2 - b1) / 1000 ))
wait $upid
note "rate=10Mb/s, 2 queues, 4 UDP flows offering 40 Mbit/s: vif carried $kbit kbit/s (8 s window)"
check "aggregate within 10% of 10000 kbit/s ($kbit)" test "$kbit" -ge 9000 -a "$kbit" -le 11000
[ "$kbit" -ge 9000 ] || gexec g1 "tail -n 12 /tmp/udp.log"
mbit=$(iperf_from_guest g1 4 10)
note "rate=10Mb/s, TCP 4 flows guest -> dom0 goodput: ${mbit:-none} Mbit/s"
nb_check_queue_traffic g1 2
nb_show g1
guest_destroy g1
