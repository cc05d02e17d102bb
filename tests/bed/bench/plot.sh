#!/bin/bash
# Bench JSON (one record a line) -> PNG: TCP throughput (median, min-max bars) by driver
# pair and queue count, one panel per direction, at the largest flow count measured.
# Usage: tests/bed/bench/plot.sh bench.json out.png [title]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
json=$1 png=$2 title=${3:-xen-mq-net bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rec=$(cat "$here/records.awk")
flows=$(awk "$rec"'/"status":"ok"/ && /"test":"tcp"/ { f = field($0, "flows") + 0; if (f > m) m = f } END { print m + 0 }' "$json")
[ "$flows" -gt 0 ] || { echo "plot: no TCP figure in $json" >&2; exit 1; }
queues=$(awk "$rec"'/"pair"/ { q = field($0, "queues"); if (!(q in s)) { s[q] = 1; print q } }' "$json" | sort -n | tr '\n' ' ')
# One data file per direction: pair, then median min max for each queue count; a
# direction with no TCP figure at that flow count gets no panel.
dirs=""
for d in d2g g2d g2g; do
	awk -v dir="$d" -v flows="$flows" -v qs="$queues" "$rec"'
		BEGIN { nq = split(qs, q, " ") }
		/"pair"/ {
			p = field($0, "pair")
			if (!(p in seen)) { seen[p] = 1; pairs[++np] = p }
			if (field($0, "status") != "ok" || field($0, "dir") != dir ||
			    field($0, "test") != "tcp" || field($0, "flows") != flows) next
			v[p, field($0, "queues")] = field($0, "median") " " field($0, "min") " " field($0, "max")
		}
		END {
			for (i = 1; i <= np; i++) {
				line = "\"" pairs[i] "\""
				for (j = 1; j <= nq; j++)
					line = line " " (((pairs[i], q[j]) in v) ? v[pairs[i], q[j]] : "- - -")
				print line
			}
		}' "$json" >"$work/$d.dat"
	grep -q '[0-9]' "$work/$d.dat" && dirs="$dirs $d"
done
[ -n "$dirs" ] || { echo "plot: no TCP figure at $flows flows in $json" >&2; exit 1; }

declare -A name=([d2g]="dom0 -> guest" [g2d]="guest -> dom0" [g2g]="guest -> guest (OVS)")
ndirs=$(echo $dirs | wc -w)
{
	echo "set terminal pngcairo size $((460 * ndirs + 80)),520 font ',10' noenhanced"
	echo "set output '$png'"
	echo "set datafile missing '-'"
	echo "set style data histogram"
	echo "set style histogram errorbars gap 1 lw 1"
	echo "set style fill solid 0.7 border -1"
	echo "set boxwidth 0.9"
	echo "set yrange [0:*]"
	echo "set ylabel 'Mbit/s (median of runs; bars: min-max)'"
	echo "set key top left"
	echo "set grid ytics"
	echo "set xtics rotate by -20"
	echo "set multiplot layout 1,$ndirs title '$title: TCP, $flows flows, by driver pair (netfront/netback) and queue count'"
	for d in $dirs; do
		echo "set title '${name[$d]}'"
		plot="plot '$work/$d.dat'"
		col=2
		for q in $queues; do
			plot="$plot using $col:$((col + 1)):$((col + 2)):xtic(1) title '$q queue(s)', ''"
			col=$((col + 3))
		done
		echo "${plot%, *}"
	done
	echo "unset multiplot"
} >"$work/plot.gp"
gnuplot "$work/plot.gp"
