#!/bin/bash
# The whole test suite, as the README and CI run it: userspace unit tests (core and tools),
# module builds with W=1 against Debian 12's 6.1 and 6.12 headers, bounded fuzz runs, and
# the test bed scenarios that have landed, in one boot.  Installs what it needs (apt-get).
# Ends with one line "N passed, N failed" summing every part; exits non-zero on failure.
#
# BED_SCENARIOS overrides the scenario list; SKIP_BED=1 skips the bed (quick local runs).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

# Scenarios that pass and therefore guard the tree; new ones join once they pass.
BED_SCENARIOS=${BED_SCENARIOS:-"stock nb-basic nb-destroy tools-layout nf-basic nf-params nf-lifecycle nb-ours nb-1q nb-rate nb-g2g tools-setqueues nf-channels nf-mtu hostile-back-ours hostile-front-ours soak-short soak-short-ours"}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}

total_pass=0 total_fail=0 flaky=""
logdir="$top/build/test-logs"
mkdir -p "$logdir"

install_deps() {
	local pkgs=() p
	for p in make gcc clang libclang-rt-14-dev libxen-dev linux-headers-amd64 qemu-system-x86 \
		debootstrap e2fsprogs cpio; do
		dpkg -s "$p" >/dev/null 2>&1 || pkgs+=("$p")
	done
	[ ${#pkgs[@]} -eq 0 ] && return 0
	echo "installing: ${pkgs[*]}"
	apt-get update -qq || true
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}" >"$logdir/apt.log" 2>&1 ||
		{ echo "apt-get install failed (see $logdir/apt.log)"; tail -n 20 "$logdir/apt.log"; }
}

# part NAME COMMAND...: runs a sub-suite, shows its output, adds its closing counts.
part() {
	local name=$1 log="$logdir/$1.log" line p f rc
	shift
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	grep -q '^BED FLAKE?' "$log" && flaky="$flaky $name"
	if [ -z "$line" ]; then
		echo "FAIL $name: no closing line (exit $rc)"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exit status $rc"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	echo "=== $name: $p passed, $f failed"
}

install_deps
part unit make -s -C tests/unit check
part tools-unit make -s -C xenstore-tools check
part compile-check env INSTALL_DEPS=1 tests/compile-check.sh
part fuzz make -s -C tests/fuzz run FUZZ_SECONDS="$FUZZ_SECONDS"
# One retry of the failed scenarios: under TCG, guests have shown rare corruption with the
# stock drivers too (docs/status.md, "Known bed problems").  The first attempt's failures
# stay printed above and its logs stay in bed-logs/; the count keeps the first attempt's
# passing scenarios and replaces the failed ones by their retry.
bed_attempts() {
	local first="$logdir/bed-first.log" retry="$logdir/bed-retry.log" failed="" s p=0 rc line
	# shellcheck disable=SC2086
	tests/bed/bed.sh run $BED_SCENARIOS 2>&1 | tee "$first"
	[ "${PIPESTATUS[0]}" -eq 0 ] && return 0
	# The closing summary lists every check once (the live lines above repeat them).
	sed -n '/^== results/,$p' "$first" >"$first.summary"
	for s in $BED_SCENARIOS; do
		if grep -q -e "^  FAIL $s: " -e "^  FAIL bed: scenario $s " "$first.summary" ||
			! grep -q "^  PASS $s: " "$first.summary"; then
			failed="$failed $s"
		else
			p=$((p + $(grep -c "^  PASS $s: " "$first.summary")))
		fi
	done
	# A boot-level failure (QEMU killed, scenario never started) retries them all.
	grep -q "^  FAIL bed: QEMU" "$first.summary" && failed=" $BED_SCENARIOS" && p=0
	echo "BED FLAKE? the first bed attempt failed (logs above); retrying once:$failed"
	# shellcheck disable=SC2086
	tests/bed/bed.sh run $failed 2>&1 | tee "$retry"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$retry" | tail -n 1)
	[ -n "$line" ] || return "$rc"
	echo "$((p + ${line%% passed*})) passed, $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/') failed"
	return "$rc"
}
if [ "${SKIP_BED:-}" != 1 ]; then
	part bed bed_attempts
fi
echo "logs: $logdir"
[ -n "$flaky" ] && echo "note: first attempt failed, retry counted:$flaky"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
