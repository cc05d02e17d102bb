#!/bin/sh
# Benchmark: iperf3 TCP/UDP by driver pair and queue count, dom0 CPU per GB (make bench).
# bed-timeout: 14400
#
# The matrix comes from /bed/scenarios/bench.env, written by tests/bed/bench.sh on the host
# (defaults below when run by hand).  One JSON record per line goes to /bed/out/bench.jsonl
# and, as "BENCH-JSON {...}", to the console, so a crash of dom0 loses no finished figure.
# The scenario keeps to BENCH_DEADLINE seconds by itself: what does not fit is "n/a".

BENCH_PAIRS="stock/stock ours/stock stock/ours ours/ours"
BENCH_QUEUES="1 2"
BENCH_FLOWS="1 4 8"
BENCH_DIRS="d2g g2d g2g"
BENCH_RUNS=3
BENCH_SECONDS=10
BENCH_UDP=1
BENCH_PROFILE=0
BENCH_DEADLINE=14000
[ -f /bed/scenarios/bench.env ] && . /bed/scenarios/bench.env

b_json=$BED_OUT/bench.jsonl
b_end=$(( $(date +%s) + BENCH_DEADLINE ))
: >$b_json

# Busy dom0 jiffies (user nice system irq softirq) from /proc/stat.
b_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
b_hz=$(getconf CLK_TCK 2>/dev/null || echo 100)

# iperf3 -J on stdin -> "VALUE BYTES": TCP: receiver Mbit/s and bytes;
# UDP: datagrams per second that arrived, and bytes that arrived.
b_parse() { # tcp|udp
	awk -v kind="$1" '
		/"end":[ \t]*\{/ { inend = 1 }
		{ line = $0; gsub(/[",:\t ]/, " ", line); split(line, f, " ") }
		kind == "tcp" && inend && /"sum_received"/ { insum = 1 }
		kind == "udp" && inend && /"sum":/ { insum = 1 }
		insum && f[1] == "bytes" { bytes = f[2] }
		insum && f[1] == "seconds" { secs = f[2] }
		insum && f[1] == "bits_per_second" { bps = f[2] }
		insum && f[1] == "packets" { pk = f[2] }
		insum && f[1] == "lost_packets" { lost = f[2] }
		insum && /\}/ { done = 1; insum = 0 }
		END {
			if (!done) exit 1
			if (kind == "tcp") { if (bps <= 0) exit 1; printf "%.1f %d\n", bps / 1e6, bytes }
			else {
				if (secs <= 0) exit 1
				got = pk - lost; if (got < 0) got = 0
				printf "%.0f %d\n", got / secs, got * 64
			}
		}'
}

# b_iperf_args KIND FLOWS: the client options of one measurement.
b_iperf_args() {
	if [ "$1" = udp ]; then echo "-u -l 64 -b 0 -P 1 -t $BENCH_SECONDS -J -i 0"
	else echo "-P $2 -t $BENCH_SECONDS -J -i 0"
	fi
}

# b_once DIR KIND FLOWS: one measurement; prints "VALUE BYTES CPU_JIFFIES" or nothing.
b_once() {
	b_args=$(b_iperf_args "$2" "$3")
	b_lim=$((BENCH_SECONDS + 30))
	case $1 in
	d2g|g2d)
		iperf_guest_server g1
		[ "$1" = g2d ] && b_args="$b_args -R"
		b_c0=$(b_busy)
		# shellcheck disable=SC2086
		b_res=$(timeout $b_lim iperf3 -c "$(guest_ip g1)" $b_args 2>/dev/null | b_parse "$2")
		b_c1=$(b_busy)
		;;
	g2g)
		iperf_guest_server g2
		gexec g1 "rm -f /tmp/bench-iperf.json" >/dev/null
		b_c0=$(b_busy)
		gexec g1 "timeout $b_lim iperf3 -c $(guest_ip g2) $b_args >/tmp/bench-iperf.json 2>&1 &" >/dev/null
		sleep $((BENCH_SECONDS + 2))
		b_w=0
		while [ $b_w -lt 40 ] && gexec g1 "pgrep -f 'iperf3 -c' >/dev/null" >/dev/null; do
			sleep 0.5; b_w=$((b_w + 1))
		done
		b_c1=$(b_busy)
		b_res=$(gexec g1 "cat /tmp/bench-iperf.json" | b_parse "$2")
		;;
	esac
	[ -n "$b_res" ] && echo "$b_res $((b_c1 - b_c0))"
}

# b_stats VALUES...: "median min max" (median of an even count: mean of the middle two).
b_stats() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%s %s %s\n", m, v[1], v[NR] }'
}

b_emit() {
	echo "$1" >>$b_json
	echo "BENCH-JSON $1" >/dev/console
}

# b_na PAIR QUEUES REASON [DIR KIND FLOWS]: a record with no figure.
b_na() {
	b_emit "{\"pair\":\"$1\",\"queues\":$2,\"dir\":\"${4:-all}\",\"test\":\"${5:-all}\",\"flows\":${6:-0},\"status\":\"n/a\",\"reason\":\"$3\"}"
	note "bench $1 q$2 ${4:-all} ${5:-} ${6:-}: n/a ($3)"
}

# b_cell PAIR QUEUES QGOT DIR KIND FLOWS: BENCH_RUNS measurements, one record.
b_cell() {
	if [ $(( $(date +%s) + BENCH_SECONDS + 15 )) -gt $b_end ]; then
		b_na "$1" "$2" "out of time (BENCH_DEADLINE ${BENCH_DEADLINE}s)" "$4" "$5" "$6"
		return
	fi
	[ "$BENCH_PROFILE" = 1 ] && [ "$5" = tcp ] && b_profile "$1" "$2" "$4" "$6"
	b_vals="" b_bytes=0 b_cpu=0 b_r=0
	while [ $b_r -lt "$BENCH_RUNS" ]; do
		b_one=$(b_once "$4" "$5" "$6")
		log "bench $1 q$2 $4 $5 P$6 run $((b_r + 1)): ${b_one:-no figure}"
		if [ -n "$b_one" ]; then
			b_vals="$b_vals ${b_one%% *}"
			b_rest=${b_one#* }
			b_bytes=$((b_bytes + ${b_rest% *}))
			b_cpu=$((b_cpu + ${b_rest#* }))
		fi
		b_r=$((b_r + 1))
	done
	if [ -z "$b_vals" ]; then
		b_na "$1" "$2" "iperf3 gave no figure in $BENCH_RUNS runs" "$4" "$5" "$6"
		return
	fi
	# shellcheck disable=SC2086
	set -- "$@" $(b_stats $b_vals)
	b_cpugb=$(awk -v c="$b_cpu" -v hz="$b_hz" -v b="$b_bytes" \
		'BEGIN { if (b > 0) printf "%.2f", (c / hz) / (b / 1e9); else printf "null" }')
	b_list=$(echo $b_vals | tr ' ' ',')
	b_unit=Mbit/s
	[ "$5" = udp ] && b_unit=pkt/s
	b_emit "{\"pair\":\"$1\",\"queues\":$2,\"queues_got\":$3,\"dir\":\"$4\",\"test\":\"$5\",\"flows\":$6,\"unit\":\"$b_unit\",\"runs\":[$b_list],\"median\":$7,\"min\":$8,\"max\":$9,\"bytes\":$b_bytes,\"dom0_cpu_s\":$(awk -v c="$b_cpu" -v hz="$b_hz" 'BEGIN { printf "%.2f", c / hz }'),\"dom0_cpu_s_per_gb\":$b_cpugb,\"status\":\"ok\"}"
	note "bench $1 q$2 $4 $5 P$6: median $7 $b_unit (min $8, max $9), dom0 CPU $b_cpugb s/GB"
}

# b_profile PAIR QUEUES DIR FLOWS: one extra, uncounted run under perf record -a in dom0;
# where dom0's CPU went, by thread and by function, to out/profile-*.txt.
b_profile() {
	b_pf=$BED_OUT/profile-$(echo "$1" | tr / -)-q$2-$3-P$4.txt
	b_pd=/tmp/bench-perf.data
	perf record -a -g -F 250 -o $b_pd -- sleep "$BENCH_SECONDS" >/dev/null 2>&1 &
	b_pp=$!
	b_one=$(b_once "$3" tcp "$4")
	wait $b_pp
	{
		echo "# $1 q$2 $3 P$4: ${b_one%% *} Mbit/s while recorded"
		perf report -i $b_pd --stdio --no-children --sort comm,dso --percent-limit 1 2>&1 |
			grep -v '^$'
		perf report -i $b_pd --stdio --no-children --sort sym -g none --percent-limit 0.7 2>&1 |
			grep -v '^$'
	} >"$b_pf"
	rm -f $b_pd
	log "bench $1 q$2 $3 P$4: profile in $(basename "$b_pf")"
}

b_guests_down() { guest_destroy g1; guest_destroy g2; sleep 2; }

# b_config NETFRONT NETBACK QUEUES: two guests, then every cell of the matrix.
b_config() {
	b_pair="$1/$2" b_q=$3
	b_vc=2
	[ "$b_q" -gt 2 ] && b_vc=$b_q
	if [ $(( $(date +%s) + 120 )) -gt $b_end ]; then
		b_na "$b_pair" "$b_q" "out of time (BENCH_DEADLINE ${BENCH_DEADLINE}s)"; return
	fi
	b_dirs_now=$BENCH_DIRS
	for b_g in g1 g2; do
		case " $BENCH_DIRS " in *" g2g "*) ;; *) [ $b_g = g2 ] && continue ;; esac
		# Once in a while xl create fails to unpack the guest kernel under TCG: retry once.
		if ! guest_start $b_g netfront="$1" vcpus=$b_vc nf_params="max_queues=$b_q" &&
		   ! { guest_destroy $b_g; sleep 2; log "retrying $b_g once"
		       guest_start $b_g netfront="$1" vcpus=$b_vc nf_params="max_queues=$b_q"; }; then
			if [ $b_g = g2 ]; then
				# No second guest: the rest of the matrix still goes on with g1.
				b_na "$b_pair" "$b_q" "second guest did not start (see xl-create-g2.log)" g2g
				b_dirs_now=$(echo " $b_dirs_now " | sed 's/ g2g / /')
				guest_destroy g2; continue
			fi
			b_na "$b_pair" "$b_q" "guest $b_g with netfront=$1 did not start (see xl-create-$b_g.log and its console)"
			b_guests_down; return
		fi
		if ! wait_for 30 xs_is "$(be_dir $b_g)/state" 4 ||
		   ! wait_for 30 ping -c 1 -W 2 "$(guest_ip $b_g)"; then
			b_na "$b_pair" "$b_q" "$b_g did not connect (backend state $(xs_read "$(be_dir $b_g)/state"), no ping)"
			b_guests_down; return
		fi
	done
	b_qgot=$(xs_read "$(fe_dir g1)/multi-queue-num-queues")
	b_qgot=${b_qgot:-1}
	log "bench $b_pair asked $b_q queues, negotiated $b_qgot"
	for b_dir in $b_dirs_now; do
		for b_f in $BENCH_FLOWS; do
			b_cell "$b_pair" "$b_q" "$b_qgot" "$b_dir" tcp "$b_f"
		done
		[ "$BENCH_UDP" = 1 ] && b_cell "$b_pair" "$b_q" "$b_qgot" "$b_dir" udp 1
	done
	b_guests_down
}

log "bench: pairs '$BENCH_PAIRS' queues '$BENCH_QUEUES' flows '$BENCH_FLOWS' dirs '$BENCH_DIRS' runs $BENCH_RUNS x ${BENCH_SECONDS}s udp $BENCH_UDP deadline ${BENCH_DEADLINE}s"
# Stock netback first: a failure of ours then cannot cost the stock figures.
for b_nb in stock ours; do
	b_todo=""
	for b_p in $BENCH_PAIRS; do
		[ "${b_p#*/}" = $b_nb ] && b_todo="$b_todo ${b_p%/*}"
	done
	[ -n "$b_todo" ] || continue
	if ! use_netback $b_nb; then
		for b_nf in $b_todo; do
			for b_q in $BENCH_QUEUES; do b_na "$b_nf/$b_nb" "$b_q" "$b_nb xen-netback did not load"; done
		done
		continue
	fi
	for b_q in $BENCH_QUEUES; do
		for b_nf in $b_todo; do b_config "$b_nf" $b_nb "$b_q"; done
	done
done
use_netback stock >/dev/null
{
	echo "["
	sed '$!s/$/,/' $b_json
	echo "]"
} >$BED_OUT/bench.json
pass "bench: $(grep -c '"status":"ok"' $b_json) figures, $(grep -c '"status":"n/a"' $b_json) n/a (bench.json)"
