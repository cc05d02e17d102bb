#!/bin/bash
# make check for xenstore-tools: the unit tests (build/test-xst) and checks of
# the built tools' command lines on recorded trees.  Prints PASS/FAIL lines
# and "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
fixtures=tests/fixtures
vifs=$build/xnet-vifs
setq=$build/xnet-set-queues
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

result() {	# result NAME OK [DETAIL]
	if [ "$2" = 0 ]; then
		echo "PASS $1"; pass=$((pass + 1))
	else
		echo "FAIL $1${3:+: $3}"; fail=$((fail + 1))
	fi
}

# expect NAME WANT_RC GREP_STDOUT GREP_STDERR -- CMD...
expect() {
	local name=$1 want=$2 out_re=$3 err_re=$4 rc
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		result "$name" 1 "exit $rc, wanted $want; stderr: $(head -c 300 "$tmp/err")"
	elif [ -n "$out_re" ] && ! grep -qE -- "$out_re" "$tmp/out"; then
		result "$name" 1 "stdout lacks /$out_re/"
	elif [ -n "$err_re" ] && ! grep -qE -- "$err_re" "$tmp/err"; then
		result "$name" 1 "stderr lacks /$err_re/: $(head -c 300 "$tmp/err")"
	else
		result "$name" 0
	fi
}

valid_json() {	# valid_json FILE: our checker, and jq too where installed
	"$build/json-check" <"$1" || return 1
	if command -v jq >/dev/null; then jq -e . "$1" >/dev/null || return 1; fi
}

# Unit tests: their PASS/FAIL lines count as ours.
"$build/test-xst" "$fixtures" >"$tmp/unit" 2>"$tmp/unit.err"
unit_rc=$?
cat "$tmp/unit"
pass=$((pass + $(grep -c '^PASS ' "$tmp/unit")))
fail=$((fail + $(grep -c '^FAIL ' "$tmp/unit")))
if [ "$unit_rc" != 0 ] || ! grep -q '^PASS\|^FAIL' "$tmp/unit"; then
	result "test-xst ran to the end" 1 "exit $unit_rc"
fi
if grep -q '^FAIL ' "$tmp/unit"; then sed 's/^/  stderr: /' "$tmp/unit.err" | head -20; fi

# --help and usage errors
expect "xnet-vifs --help" 0 "^Usage: xnet-vifs" "" -- $vifs --help
expect "xnet-set-queues --help" 0 "^Usage: xnet-set-queues" "" -- $setq --help
expect "xnet-vifs: unknown option is a usage error" 1 "" "--help" -- $vifs --bogus
expect "xnet-vifs: --count without --watch" 1 "" "only makes sense with --watch" -- \
	$vifs -f $fixtures/stock-2q.xs --count 2
expect "xnet-set-queues: missing arguments" 1 "" "expected DOMAIN DEVID N" -- $setq guest1 0

# Reading recorded trees through the tool binaries
expect "xnet-vifs table on stock 2 queues" 0 "2 negotiated \(requested 2, backend max 2" "" -- \
	$vifs -f $fixtures/stock-2q.xs
expect "xnet-vifs by domain name and devid" 0 "^vif1\.1 " "" -- $vifs -f $fixtures/multi.xs web 1
expect "xnet-vifs: unknown domain exits 3" 3 "" "no such domain: \"nosuch\"" -- \
	$vifs -f $fixtures/multi.xs nosuch
expect "xnet-vifs: unknown vif exits 3" 3 "" "domain web has no vif 7" -- \
	$vifs -f $fixtures/multi.xs web 7
expect "xnet-vifs: unreadable --from-file exits 2" 2 "" "cannot open" -- \
	$vifs -f $fixtures/nope.xs

for f in "$fixtures"/*.xs; do
	$vifs --json -f "$f" >"$tmp/json" 2>"$tmp/err"
	rc=$?
	valid_json "$tmp/json" 2>>"$tmp/err"
	result "xnet-vifs --json valid on $(basename "$f")" $(( rc != 0 || $? != 0 ))
done
if command -v jq >/dev/null; then
	$vifs --json -f $fixtures/stock-2q.xs guest1 0 >"$tmp/json"
	q=$(jq -r '.vifs[0] | [.queues.negotiated, .queues.backend_max, (.queue | length),
		.queue[1].event_channel_rx, .backend.state_name] | @tsv' "$tmp/json")
	result "jq reads the stock layout" $([ "$q" = "$(printf '2\t2\t2\t8\tConnected')" ]; echo $?) "$q"
fi

# --watch: snapshots replayed from files; one printout per distinct layout
expect "xnet-vifs --watch prints each change" 0 "" "" -- \
	$vifs --watch -f $fixtures/stock-2q.xs -f $fixtures/stock-2q.xs -f $fixtures/stock-1q-after.xs
n=$(grep -c '^=== ' "$tmp/out")
result "xnet-vifs --watch skips unchanged snapshots (2 printouts of 3)" $([ "$n" = 2 ]; echo $?) "$n"
grep -q '1 negotiated (requested 1, backend max 1, operator max 1)' "$tmp/out"
result "xnet-vifs --watch shows the new layout" $?
expect "xnet-vifs --watch --count 1 stops" 0 "" "" -- \
	$vifs --watch --count 1 -f $fixtures/stock-2q.xs -f $fixtures/stock-1q-after.xs
n=$(grep -c '^=== ' "$tmp/out")
result "xnet-vifs --watch --count 1 printed once" $([ "$n" = 1 ]; echo $?) "$n"
$vifs --watch --json -f $fixtures/stock-2q.xs -f $fixtures/stock-1q-after.xs >"$tmp/json" 2>&1
valid_json "$tmp/json"
result "xnet-vifs --watch --json is a valid JSON stream" $?

# xnet-set-queues on a recorded tree (in memory)
expect "xnet-set-queues writes the cap" 0 "xnet-max-queues=1 written to /local/domain/0/backend/vif/1/0" "" -- \
	$setq -f $fixtures/stock-2q.xs guest1 0 1
expect "xnet-set-queues clear" 0 "xnet-max-queues removed" "" -- $setq -f $fixtures/stock-2q.xs 1 0 clear
expect "xnet-set-queues: 257 exits 4" 4 "" "out of range: give 1\.\.256" -- \
	$setq -f $fixtures/stock-2q.xs guest1 0 257
expect "xnet-set-queues: abc exits 4" 4 "" "not a decimal number" -- $setq -f $fixtures/stock-2q.xs guest1 0 abc
expect "xnet-set-queues: unknown vif exits 3" 3 "" "domain 1 has no vif 3 \(its vifs: 0\)" -- \
	$setq -f $fixtures/stock-2q.xs guest1 3 2
expect "xnet-set-queues: bad value reported without XenStore" 4 "" "not a decimal number" -- $setq guest1 0 0x10

# Outside Xen (this build host), the live store must be reported unreachable.
if [ ! -e /proc/xen/capabilities ] && [ ! -S /var/run/xenstored/socket ] &&
   [ ! -S /run/xenstored/socket ]; then
	expect "xnet-vifs outside Xen: xenstored is not reachable, exit 2" 2 "" \
		"xenstored is not reachable.*(not running under Xen|dom0)" -- $vifs
	expect "xnet-set-queues outside Xen: exit 2" 2 "" "xenstored is not reachable" -- \
		$setq guest1 0 2
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
