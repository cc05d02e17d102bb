#!/bin/sh
# xnet-set-queues caps a vif at 1 queue; after a reconnect our netback offers 1 and 1 is used.
# bed-timeout: 600
# Needs our netback (it reads xnet-max-queues when the guest connects); the guest runs the
# stock netfront.  The vif is reconnected by unbinding and rebinding netfront in the guest.

TOOLS_FLATTEN=/bed/scenarios/tools-flatten.awk

xv_get() { awk -v want="$2" '$1 == want { sub(/^[^ ]* /, ""); print; exit }' "$1"; }
xv_json() {
	xnet-vifs --json "$1" 0 >"$BED_OUT/tools-$1-$3.json" 2>&1 &&
		awk -f $TOOLS_FLATTEN "$BED_OUT/tools-$1-$3.json" >"$2"
}

if ! command -v xnet-set-queues >/dev/null; then
	fail "xnet-set-queues not in /bed/tools (the host's tools build failed?)"; exit 0
fi
use_netback ours || exit 0
guest_start g1 netfront=stock vcpus=2 || exit 0
wait_for 30 xs_is "$(be_dir g1)/state" 4
be=$(be_dir g1)
flat=$BED_OUT/tools-setq.flat

check "xnet-vifs before" xv_json g1 "$flat" before
check_eq "before: 2 queues negotiated" 2 "$(xv_get "$flat" vifs.0.queues.negotiated)"

check "xnet-set-queues g1 0 1" sh -c "xnet-set-queues g1 0 1 | tee $BED_OUT/tools-setq.txt"
check_eq "xnet-max-queues written" 1 "$(xs_read "$be/xnet-max-queues")"
check "xnet-vifs shows the pending cap" xv_json g1 "$flat" pending
check_eq "pending: operator cap 1" 1 "$(xv_get "$flat" vifs.0.queues.operator_max)"
check_eq "pending: still 2 queues until reconnect" 2 "$(xv_get "$flat" vifs.0.queues.negotiated)"

check "reconnect g1's vif" guest_vif_rebind g1
check "xnet-vifs after reconnect" xv_json g1 "$flat" capped
log "xnet-vifs --json after the cap:"; cat "$BED_OUT/tools-g1-capped.json"
xnet-vifs g1 0 | tee "$BED_OUT/tools-setq-table.txt"
check_eq "capped: backend offers 1" 1 "$(xv_get "$flat" vifs.0.queues.backend_max)"
check_eq "capped: 1 queue negotiated" 1 "$(xv_get "$flat" vifs.0.queues.negotiated)"
check_eq "capped: keys at top level" '"top-level"' "$(xv_get "$flat" vifs.0.queues.layout)"
check_eq "capped: both ends Connected" '"Connected""Connected"' \
	"$(xv_get "$flat" vifs.0.frontend.state_name)$(xv_get "$flat" vifs.0.backend.state_name)"
# The stock netfront only resizes its TX queues (netif_set_real_num_tx_queues); its RX
# sysfs queues stay at the count it was probed with, so only TX says what was negotiated.
check_eq "g1 eth0 TX queues" 1 "$(gexec g1 'ls -d /sys/class/net/eth0/queues/tx-* | wc -l')"
check_ping g1

check "xnet-set-queues g1 0 clear" xnet-set-queues g1 0 clear
check_eq "xnet-max-queues removed" "" "$(xs_read "$be/xnet-max-queues")"
check "reconnect g1's vif again" guest_vif_rebind g1
check "xnet-vifs after clearing" xv_json g1 "$flat" cleared
check_eq "cleared: 2 queues negotiated again" 2 "$(xv_get "$flat" vifs.0.queues.negotiated)"
check_guest_queues g1 2
guest_destroy g1
