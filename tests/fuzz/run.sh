#!/bin/bash
# Runs each libFuzzer target for a bounded time on its corpus (kept in
# build/corpus/<target>, seeded from build/seeds/<target>), prints its
# execution count, and closes with "N passed, N failed".
# usage: run.sh SECONDS TARGET...
set -u
cd "$(dirname "$0")"
seconds=$1
shift
pass=0 fail=0
for t in "$@"; do
	corpus=build/corpus/$t
	log=build/fuzz_$t.log
	mkdir -p "$corpus" build/artifacts
	if build/fuzz_"$t" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=build/artifacts/"$t"- \
		"$corpus" build/seeds/"$t" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		units=$(find "$corpus" -type f | wc -l)
		echo "PASS fuzz_$t: ${execs:-?} execs in ${seconds}s, corpus $units inputs"
		pass=$((pass + 1))
	else
		echo "FAIL fuzz_$t (log: tests/fuzz/$log, artifacts: tests/fuzz/build/artifacts)"
		grep -E -m 5 'ERROR|runtime error|Abort|deadly' "$log"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
