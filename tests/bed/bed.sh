#!/bin/bash
# The Xen test bed: boots Debian 12's Xen 4.17, a Debian dom0 and PV guests under QEMU TCG
# and runs named scenarios in one boot.  See docs/testbed.md.
#
#   tests/bed/bed.sh run SCENARIO...   run scenarios (tests/bed/scenarios/NAME.sh), one boot
#   tests/bed/bed.sh list              list scenarios
#
# Prints PASS/FAIL per check and a closing "N passed, N failed"; exits non-zero on failure.
# Environment: BED_CACHE (default ~/.cache/xen-mq-net), BED_LOGS (default <repo>/bed-logs),
# BED_TIMEOUT (seconds for the whole boot; default from the scenarios' own limits).
set -u
source "$(dirname "$0")/lib/common.sh"
source "$BED_DIR/lib/rootfs.sh"
source "$BED_DIR/lib/images.sh"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

bed_list() {
	local f
	for f in "$BED_DIR"/scenarios/*.sh; do
		printf '%-24s %s\n' "$(basename "$f" .sh)" "$(sed -n '2s/^# *//p' "$f")"
	done
}

# Seconds to allow the whole boot: boot, then each scenario's declared limit.
bed_budget() {
	local total=240 s limit
	for s in "$@"; do
		limit=$(sed -n 's/^# bed-timeout: *\([0-9]*\).*/\1/p' "$BED_DIR/scenarios/$s.sh" 2>/dev/null | head -n 1)
		total=$((total + ${limit:-900}))
	done
	echo "${BED_TIMEOUT:-$total}"
}

# CPU: "max" less SMAP/SMEP (a PV dom0 faults at its first exception with them), less
# AVX/AVX2 (QEMU 7.2's new TCG AVX) and less XSAVE. With XSAVE, dom0 and guest userspace
# under Xen saw registers change under them in busy boots: glibc malloc segfaulting on an
# SSE-loaded pointer, sha256 mismatches, xz errors; without it Xen and Linux save FPU
# state with FXSAVE. BED_CPU overrides the model for experiments.
BED_CPU=${BED_CPU:-max,-smap,-smep,-avx,-avx2,-xsave}
bed_boot() {
	local budget=$1 serial="$RUN_DIR/serial.log" rc
	local dom0_args="root=/dev/vda rw console=hvc0 loglevel=5 init=/sbin/bed-init"
	bed_log "booting Xen + dom0 (QEMU TCG, limit ${budget}s); serial log: $serial"
	: >"$serial"
	# Live progress from the serial log; its own process group, so it all ends with the boot.
	setsid bash -c "tail -F -n +1 '$serial' 2>/dev/null | grep --line-buffered -a -E 'BED(-RESULT|-NOTE)?:? ' |
		sed -u 's/^.*BED-RESULT /  /; s/^.*BED-NOTE /  note: /; s/^.*BED: | /    /; s/^.*BED: /  [dom0] /'" 9>&- 8>&- &
	local tailer=$!
	timeout -s KILL "$budget" qemu-system-x86_64 \
		-cpu "$BED_CPU" -accel tcg,thread=multi -m 6144 -smp 2 \
		-nic none -display none -monitor none -no-reboot \
		-serial "file:$serial" \
		-kernel "$XEN_ELF" \
		-append "console=com1 com1=115200 dom0_mem=2048M,max:2048M dom0_max_vcpus=2 loglvl=all guest_loglvl=all" \
		-initrd "$ROOTFS_DIR/boot/vmlinuz-$KVER $dom0_args,$ROOTFS_DIR/boot/initrd.img-$KVER" \
		-drive "file=$ROOTFS_IMG,if=virtio,format=raw,snapshot=on" \
		-drive "file=$RUN_DIR/run.img,if=virtio,format=raw" \
		>"$RUN_DIR/qemu.log" 2>&1
	rc=$?
	sleep 1
	kill -- -"$tailer" 2>/dev/null
	return $rc
}

bed_run() {
	[ $# -gt 0 ] || usage
	local s
	for s in "$@"; do
		[ -f "$BED_DIR/scenarios/$s.sh" ] || bed_die "no scenario '$s' (tests/bed/bed.sh list)"
	done
	RUN_DIR="${BED_LOGS:-$REPO_DIR/bed-logs}/$(date +%Y%m%d-%H%M%S)-$(echo "$*" | tr ' ' '+' | cut -c1-60)"
	mkdir -p "$RUN_DIR"
	RUN_DIR=$(cd "$RUN_DIR" && pwd)

	# At most BED_PARALLEL (default 1) boots at once: on 2 cores a second boot starves the
	# first one's guests into scenario time-outs.
	local slot=0 slots=${BED_PARALLEL:-1}
	while :; do
		exec 9>"$BED_CACHE/bed.lock.$slot"
		flock -n 9 && break
		slot=$(((slot + 1) % slots))
		if [ "$slot" -eq 0 ]; then
			[ -n "${waited:-}" ] || bed_log "$slots bed runs in progress; waiting for a slot"
			local waited=1
			sleep 5
		fi
	done
	# Building the shared cache is one at a time.
	exec 8>"$BED_CACHE/build.lock"
	flock 8
	bed_host_deps
	bed_rootfs
	bed_xen
	bed_modules
	bed_tools
	bed_guest_initrd
	bed_run_disk "$@"
	exec 8>&-

	local start=$SECONDS boot_rc
	bed_boot "$(bed_budget "$@")"
	boot_rc=$?
	bed_log "QEMU ended (rc $boot_rc) after $((SECONDS - start)) s"

	e2fsck -fy "$RUN_DIR/run.img" >/dev/null 2>&1
	debugfs -R "rdump /out $RUN_DIR" "$RUN_DIR/run.img" >/dev/null 2>&1
	mkdir -p "$RUN_DIR/out"
	rm -f "$RUN_DIR/run.img"
	rm -rf "$RUN_DIR/disk" "$RUN_DIR/guest-initrd" "$RUN_DIR/build-modules"

	local results="$RUN_DIR/out/results.txt"
	if [ ! -s "$results" ]; then
		grep -a -o -E 'BED-RESULT (PASS|FAIL) .*|BED: === (scenario|done) [^ ]* ===' "$RUN_DIR/serial.log" |
			sed 's/^BED-RESULT //; s/^BED: \(=== [a-z]* [^ ]*\) ===$/\1/' >"$results"
	fi
	if [ $boot_rc -eq 137 ] || [ $boot_rc -eq 124 ]; then
		echo "FAIL bed: QEMU killed after its time limit (hung boot or scenario)" >>"$results"
	elif [ $boot_rc -ne 0 ]; then
		echo "FAIL bed: QEMU exited with status $boot_rc (see qemu.log, serial.log)" >>"$results"
	fi
	for s in "$@"; do
		if ! grep -q "^=== scenario $s\$" "$results"; then
			echo "FAIL bed: scenario $s never started (see serial.log)" >>"$results"
		elif ! grep -q "^=== done $s\$" "$results"; then
			echo "FAIL bed: scenario $s did not finish (see serial.log)" >>"$results"
		fi
	done
	local passed failed
	passed=$(grep -c '^PASS ' "$results")
	failed=$(grep -c '^FAIL ' "$results")
	echo
	echo "== results ($*)"
	grep -E '^(PASS|FAIL|NOTE) ' "$results" | sed 's/^/  /'
	echo
	echo "logs: $RUN_DIR (serial.log: Xen + dom0 console; out/: results, dom0-dmesg.txt," \
		"xen-logs/console/guest-*.log, scenario-*.log)"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

case "${1:-}" in
run) shift; bed_run "$@" ;;
list) bed_list ;;
*) usage ;;
esac
