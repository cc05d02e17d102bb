#!/bin/sh
# xnet-vifs in dom0 against a live stock 2-queue guest: --json, table, --watch, errors.
# bed-timeout: 420
# The tools come from xenstore-tools/build (on PATH as /bed/tools); dom0 has no jq, so the
# JSON is flattened to "path value" lines by tools-flatten.awk.

TOOLS_FLATTEN=/bed/scenarios/tools-flatten.awk

# state_is DIR N: re-read on every call, so wait_for can poll it.
state_is() { test "$(xs_read "$1/state")" = "$2"; }

# xv_get FILE PATH: the value at PATH in a flattened xnet-vifs --json document.
xv_get() { awk -v want="$2" '$1 == want { sub(/^[^ ]* /, ""); print; exit }' "$1"; }

# xv_json NAME FILE: xnet-vifs --json for the guest's vif 0, kept and flattened to FILE.
xv_json() {
	xnet-vifs --json "$1" 0 >"$BED_OUT/tools-$1.json" 2>"$BED_OUT/tools-$1.err" &&
		awk -f $TOOLS_FLATTEN "$BED_OUT/tools-$1.json" >"$2"
}

if ! command -v xnet-vifs >/dev/null; then
	fail "xnet-vifs not in /bed/tools (the host's tools build failed?)"; exit 0
fi
use_netback stock
guest_start g1 netfront=stock vcpus=2 || exit 0
wait_for 30 state_is "$(be_dir g1)" 4
dom=$(guest_domid g1)
fe=$(fe_dir g1)
flat=$BED_OUT/tools-g1.flat

check "xnet-vifs --json g1 0 exits 0" xv_json g1 "$flat"
log "xnet-vifs --json g1 0:"; cat "$BED_OUT/tools-g1.json"
check_eq "json: one vif" '"vif'"$dom"'.0"' "$(xv_get "$flat" vifs.0.vif)"
check_eq "json: no second vif" "" "$(xv_get "$flat" vifs.1.vif)"
check_eq "json: domain name" '"g1"' "$(xv_get "$flat" vifs.0.domain)"
check_eq "json: vCPUs from libxenctrl" 2 "$(xv_get "$flat" vifs.0.vcpus)"
check_eq "json: frontend state" '"Connected"' "$(xv_get "$flat" vifs.0.frontend.state_name)"
check_eq "json: backend state" '"Connected"' "$(xv_get "$flat" vifs.0.backend.state_name)"
check_eq "json: hotplug-status" '"connected"' "$(xv_get "$flat" vifs.0.backend.hotplug_status)"
check_eq "json: backend max queues" 2 "$(xv_get "$flat" vifs.0.queues.backend_max)"
check_eq "json: requested queues" 2 "$(xv_get "$flat" vifs.0.queues.requested)"
check_eq "json: negotiated queues" 2 "$(xv_get "$flat" vifs.0.queues.negotiated)"
check_eq "json: layout" '"queue-dirs"' "$(xv_get "$flat" vifs.0.queues.layout)"
check_eq "json: operator cap" null "$(xv_get "$flat" vifs.0.queues.operator_max)"
for q in 0 1; do
	for k in tx-ring-ref rx-ring-ref event-channel-tx event-channel-rx; do
		jk=$(echo "$k" | tr - _)
		check_eq "json: queue $q $k matches xenstore-read" "$(xs_read "$fe/queue-$q/$k")" \
			"$(xv_get "$flat" "vifs.0.queue.$q.$jk")"
	done
	check_eq "json: queue $q split event channels" true "$(xv_get "$flat" "vifs.0.queue.$q.split")"
done
check_eq "json: no third queue" "" "$(xv_get "$flat" vifs.0.queue.2.index)"
check_eq "json: rx-copy offered" 1 "$(xv_get "$flat" vifs.0.features.rx-copy.backend)"
check_eq "json: rx-copy requested" 1 "$(xv_get "$flat" vifs.0.features.rx-copy.frontend)"
check_eq "json: split event channels offered" 1 \
	"$(xv_get "$flat" vifs.0.features.split-event-channels.backend)"
check_eq "json: stock netfront sets up no control ring" false \
	"$(xv_get "$flat" vifs.0.control_ring.present)"
check_eq "json: stock netback publishes no hash algorithm" null \
	"$(xv_get "$flat" vifs.0.hash_algorithm)"
check_eq "json: no warnings" "[]" "$(xv_get "$flat" vifs.0.warnings)"
check_eq "json: nothing flagged bad" false "$(xv_get "$flat" vifs.0.bad)"

check "xnet-vifs table (all vifs)" sh -c "xnet-vifs >$BED_OUT/tools-table.txt"
log "xnet-vifs:"; cat "$BED_OUT/tools-table.txt"
check "table shows 2 queues negotiated" \
	grep -q "2 negotiated (requested 2, backend max 2, operator max -)" "$BED_OUT/tools-table.txt"

# --watch: a change to the backend dir reprints; the stock netback ignores xnet-max-queues.
be=$(be_dir g1)
timeout 60 xnet-vifs --watch --count 2 g1 0 >"$BED_OUT/tools-watch.txt" 2>&1 &
watcher=$!
sleep 3
xenstore-write "$be/xnet-max-queues" 1
wait $watcher
check_eq "--watch --count 2 ends after the change" 0 $?
log "xnet-vifs --watch:"; cat "$BED_OUT/tools-watch.txt"
check "--watch printed the change" grep -q "operator max 1)" "$BED_OUT/tools-watch.txt"
check_eq "--watch printed twice" 2 "$(grep -c '^=== ' "$BED_OUT/tools-watch.txt")"
xenstore-rm "$be/xnet-max-queues"

# Errors a person can act on.
xnet-vifs nosuchguest >/dev/null 2>"$BED_OUT/tools-err.txt"
check_eq "unknown domain exits 3" 3 $?
check "unknown domain message lists g1" grep -q "no such domain: \"nosuchguest\" (known:.*g1 ($dom)" \
	"$BED_OUT/tools-err.txt"
xnet-vifs g1 7 >/dev/null 2>&1
check_eq "unknown vif exits 3" 3 $?
xnet-set-queues g1 0 0x2 >/dev/null 2>&1
check_eq "xnet-set-queues refuses 0x2 (exit 4)" 4 $?
xnet-set-queues g1 0 257 >/dev/null 2>&1
check_eq "xnet-set-queues refuses 257 (exit 4)" 4 $?
xnet-set-queues g1 5 2 >/dev/null 2>&1
check_eq "xnet-set-queues unknown vif (exit 3)" 3 $?
check_eq "nothing written by the refused calls" "" "$(xs_read "$be/xnet-max-queues")"
guest_destroy g1
