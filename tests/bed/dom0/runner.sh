#!/bin/sh
# Runs each named scenario in its own shell with a time limit, counts PASS/FAIL lines,
# and cleans up (guests destroyed) between scenarios.  Usage: runner.sh SCENARIO...
out=/bed/out
results=$out/results.txt
: >>$results

for name in "$@"; do
	file=/bed/scenarios/$name.sh
	log=$out/scenario-$name.log
	echo "BED: === scenario $name ===" >/dev/console
	echo "=== scenario $name" >>$results
	if [ ! -f "$file" ]; then
		echo "FAIL $name: no such scenario ($file)" | tee -a $results >/dev/console
		continue
	fi
	limit=$(sed -n 's/^# bed-timeout: *\([0-9]*\).*/\1/p' "$file" | head -n 1)
	SCENARIO=$name timeout -s KILL "${limit:-900}" \
		/bin/sh -c ". /bed/dom0/lib.sh; . $file" >>$log 2>&1
	rc=$?
	if [ $rc -eq 137 ]; then
		echo "FAIL $name: scenario killed after ${limit:-900} s (see $log)" |
			tee -a $results >/dev/console
	elif [ $rc -ne 0 ]; then
		echo "FAIL $name: scenario script exited $rc (see $log)" | tee -a $results >/dev/console
	fi
	echo "=== done $name" >>$results
	echo "BED: === done $name ===" >/dev/console
	# Whatever the scenario left behind goes, so the next one starts clean.
	for dom in $(xl list 2>/dev/null | awk 'NR > 2 { print $1 }'); do
		xl destroy "$dom" >>$log 2>&1
	done
	dmesg | grep -E 'traps:|BUG|Oops|WARNING|general protection' >>$out/dom0-alerts.txt
	# Logs saved as each scenario ends, so a later hang loses nothing already seen.
	mkdir -p $out/xen-logs
	cp -r /var/log/xen/. $out/xen-logs/ 2>/dev/null
	dmesg >$out/dom0-dmesg.txt
	sync
done
