#!/bin/sh
# Our netback: rate=10Mb/s on a 2-queue vif holds for the whole vif (guest TX, 4 flows).
# bed-timeout: 400
. /bed/scenarios/nb-lib.inc
use_netback ours || exit 0
guest_start g1 netfront=stock vcpus=2 vif_extra=",rate=10Mb/s" || exit 0
check_layout g1 2
log "backend rate key: $(xs_read "$(be_dir g1)/rate")"
mbit=$(iperf_from_guest g1 4 15)
note "rate=10Mb/s, 2 queues, 4 flows guest -> dom0: ${mbit:-none} Mbit/s"
check "aggregate within 10% of 10 Mbit/s (${mbit:-none})" \
	sh -c "[ -n '$mbit' ] && [ '$mbit' -ge 9 ] && [ '$mbit' -le 11 ]"
nb_check_queue_traffic g1 2
nb_show g1
guest_destroy g1
