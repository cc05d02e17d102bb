#!/bin/bash
# The benchmark (make bench): one boot of the test bed running scenarios/bench.sh, then a
# table, ratios against the targets, JSON and a PNG plot.  See docs/performance.md.
#
#   tests/bed/bench.sh               run the matrix below in one boot and report
#   tests/bed/bench.sh report FILE   report again from a bench JSON file (no boot)
#
# Matrix (environment; defaults in brackets):
#   BENCH_PAIRS    netfront/netback pairs [stock/stock ours/stock stock/ours ours/ours];
#                  shorthands: stock, ours (= ours/ours), mixed, all
#   BENCH_QUEUES   queue counts asked of the netfront (max_queues) [1 2]
#   BENCH_FLOWS    parallel TCP flows [1 4 8]
#   BENCH_DIRS     d2g (dom0 -> guest), g2d (guest -> dom0), g2g (guest -> guest) [d2g g2d g2g]
#   BENCH_RUNS     runs of each measurement [3]      BENCH_SECONDS  seconds a run [10]
#   BENCH_UDP      1: also 64-byte UDP datagrams/s per direction [1]
#   BENCH_EXCLUSIVE  1: no other bed boot runs beside this one [1]
#   BENCH_PROFILE  1: one extra, uncounted run of each TCP cell under perf in dom0 [0]
# The boot's time limit follows from the matrix (BED_TIMEOUT overrides it).
# Outputs: bench-results/<date>.{json,png,md} in the clone, and the same in the run's log folder.
set -u
source "$(dirname "$0")/lib/common.sh"
HELPERS=$BED_DIR/bench
RESULTS_DIR=${BENCH_RESULTS:-$REPO_DIR/bench-results}
ENV_FILE=$BED_DIR/scenarios/bench.env
BENCH_SCENARIO_LIMIT=14400	# the "# bed-timeout:" of scenarios/bench.sh

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }
usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

expand_pairs() {
	local p out=""
	for p in $1; do
		case $p in
		stock) out="$out stock/stock" ;;
		ours) out="$out ours/ours" ;;
		mixed) out="$out ours/stock stock/ours" ;;
		all) out="$out stock/stock ours/stock stock/ours ours/ours" ;;
		stock/stock|ours/stock|stock/ours|ours/ours) out="$out $p" ;;
		*) die "BENCH_PAIRS: unknown pair '$p' (netfront/netback, each stock or ours)" ;;
		esac
	done
	echo $out
}

count() { echo $# ; }

# Seconds the scenario may take: guests, netback swaps and every run, plus a margin
# (guest-seconds under TCG run slower than the wall clock).
estimate() {
	local configs cells guests per_cell nb=0
	configs=$(( $(count $PAIRS) * $(count $QUEUES) ))
	cells=$(( $(count $DIRS) * ($(count $FLOWS) + UDP) ))
	guests=1
	case " $DIRS " in *" g2g "*) guests=2 ;; esac
	per_cell=$(( RUNS * (SECS + 8) ))
	case " $PAIRS " in *"/stock"*) nb=$((nb + 1)) ;; esac
	case " $PAIRS " in *"/ours"*) nb=$((nb + 1)) ;; esac
	echo $(( (configs * (guests * 45 + 10 + cells * per_cell) + nb * 15) * 13 / 10 + 60 ))
}

# gnuplot (Debian's gnuplot-nox) for the PNG, installed when missing; a failed install
# only costs the plot (the subshell keeps bed_die from ending the report).
plot_deps() {
	command -v gnuplot >/dev/null 2>&1 || (bed_apt_install gnuplot-nox)
}

# report JSON OUTBASE COMMAND: table, ratios, plot, Markdown, on the terminal and files.
report() {
	local json=$1 base=$2 cmd=$3 rec
	rec=$(cat "$HELPERS/records.awk")
	echo
	echo "== bench figures (median of runs; TCP in Mbit/s, udp64 in datagrams/s received;" \
		"CPU/GB: dom0 CPU seconds per GB received)"
	awk "$rec$(cat "$HELPERS/table.awk")" "$json"
	echo
	echo "== ratios (same boot only; targets: ours >= 1.3x stock, 2q >= 1.8x 1q, dom0 CPU/GB <= 0.8x stock)"
	awk "$rec$(cat "$HELPERS/ratios.awk")" "$json"
	plot_deps
	if "$HELPERS/plot.sh" "$json" "$base.png" "xen-mq-net bench $(date -u +%F)"; then
		echo
		echo "plot: $base.png"
	else
		say "no plot (see above)"
	fi
	{
		echo "Run $(date -u '+%F %H:%M UTC') on $(hostname): $(nproc) host cores," \
			"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), QEMU TCG."
		echo
		echo "Command: \`$cmd\`"
		echo
		awk -v md=1 "$rec$(cat "$HELPERS/table.awk")" "$json"
		echo
		awk -v md=1 "$rec$(cat "$HELPERS/ratios.awk")" "$json"
	} >"$base.md"
	echo "json: $json"
	echo "markdown: $base.md"
}

if [ "${1:-}" = report ]; then
	[ -f "${2:-}" ] || usage
	mkdir -p "$RESULTS_DIR"
	report "$2" "$RESULTS_DIR/$(basename "$2" .json)" "tests/bed/bench.sh report $2"
	exit 0
fi
[ $# -eq 0 ] || usage

PAIRS=$(expand_pairs "${BENCH_PAIRS:-all}")
QUEUES=${BENCH_QUEUES:-1 2}
FLOWS=${BENCH_FLOWS:-1 4 8}
DIRS=${BENCH_DIRS:-d2g g2d g2g}
RUNS=${BENCH_RUNS:-3}
SECS=${BENCH_SECONDS:-10}
UDP=${BENCH_UDP:-1}
for v in $QUEUES $FLOWS $RUNS $SECS $UDP; do
	case $v in ''|*[!0-9]*) die "matrix values must be whole numbers (got '$v')" ;; esac
done
for d in $DIRS; do
	case $d in d2g|g2d|g2g) ;; *) die "BENCH_DIRS: unknown direction '$d'" ;; esac
done
DEADLINE=$(estimate)
if [ "$DEADLINE" -gt $((BENCH_SCENARIO_LIMIT - 120)) ]; then
	say "the matrix needs about ${DEADLINE}s; the scenario stops at $((BENCH_SCENARIO_LIMIT - 120))s and marks the rest n/a"
	DEADLINE=$((BENCH_SCENARIO_LIMIT - 120))
fi
export BED_TIMEOUT=${BED_TIMEOUT:-$((240 + DEADLINE + 180))}
CMD="BENCH_PAIRS='$PAIRS' BENCH_QUEUES='$QUEUES' BENCH_FLOWS='$FLOWS' BENCH_DIRS='$DIRS'"
CMD="$CMD BENCH_RUNS=$RUNS BENCH_SECONDS=$SECS BENCH_UDP=$UDP make bench"

cat >"$ENV_FILE" <<ENV
# Written by tests/bed/bench.sh for one run; removed after it.
BENCH_PAIRS="$PAIRS"
BENCH_QUEUES="$QUEUES"
BENCH_FLOWS="$FLOWS"
BENCH_DIRS="$DIRS"
BENCH_RUNS=$RUNS
BENCH_SECONDS=$SECS
BENCH_UDP=$UDP
BENCH_PROFILE=${BENCH_PROFILE:-0}
BENCH_DEADLINE=$DEADLINE
ENV
tmp=$(mktemp)
trap 'rm -f "$ENV_FILE" "$tmp"' EXIT
say "matrix: pairs '$PAIRS', queues '$QUEUES', flows '$FLOWS', dirs '$DIRS', $RUNS runs x ${SECS}s, udp $UDP"
say "scenario budget ${DEADLINE}s, boot limit ${BED_TIMEOUT}s"

# Figures from a boot that shares the cores with another boot are noise: unless
# BENCH_EXCLUSIVE=0, hold every bed slot but the one bed.sh then takes (slot 0).
if [ "${BENCH_EXCLUSIVE:-1}" = 1 ]; then
	cache=${BED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-mq-net}
	mkdir -p "$cache"
	for ((slot = 1; slot < ${BED_PARALLEL:-2}; slot++)); do
		exec {fd}>"$cache/bed.lock.$slot"
		flock -n "$fd" || { say "waiting for bed slot $slot (BENCH_EXCLUSIVE=0 skips this)"; flock "$fd"; }
	done
fi
"$BED_DIR/bed.sh" run bench 2>&1 | tee "$tmp"
run_dir=$(sed -n 's/^logs: \([^ ]*\) .*/\1/p' "$tmp" | tail -n 1)
[ -n "$run_dir" ] && [ -d "$run_dir" ] || die "the bed run printed no log folder"

# The figures: the scenario's JSON, else its records as they reached the serial console.
json=$run_dir/out/bench.json
if [ ! -s "$json" ]; then
	say "no out/bench.json (boot cut short?): taking the records from serial.log"
	json=$run_dir/bench.json
	{
		echo "["
		sed -n 's/^.*BENCH-JSON \({.*}\).*$/\1/p' "$run_dir/serial.log" | tr -d '\r' | sed '$!s/$/,/'
		echo "]"
	} >"$json"
fi
grep -q '"pair"' "$json" || die "no bench record at all (see $run_dir)"

mkdir -p "$RESULTS_DIR"
stamp=$(date -u +%Y%m%d-%H%M%S)
cp "$json" "$RESULTS_DIR/$stamp.json"
report "$RESULTS_DIR/$stamp.json" "$RESULTS_DIR/$stamp" "$CMD"
cp "$RESULTS_DIR/$stamp.png" "$RESULTS_DIR/$stamp.md" "$run_dir/" 2>/dev/null
echo "logs: $run_dir"
grep -q '"pair":"stock/stock".*"status":"ok"' "$json" || ! echo "$PAIRS" | grep -q stock/stock
