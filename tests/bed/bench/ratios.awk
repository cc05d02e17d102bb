# Bench JSON (one record a line) -> the ratios against the project's targets:
#   each pair / stock/stock at equal queue count (throughput >= 1.3, dom0 CPU per GB <= 0.8),
#   2 queues / 1 queue for each pair (>= 1.8).
# Usage: awk -f records.awk -f ratios.awk [-v md=1] bench.json
function verdict(r, target, atleast) {
	if (r == "") return "-"
	return (atleast ? r >= target : r <= target) ? "meets" : "misses"
}
function out(a, b, c, d, e, f) {
	if (md) printf "| %s | %s | %s | %s | %s | %s |\n", a, b, c, d, e, f
	else printf "%-30s %-26s %-10s %-10s %-8s %s\n", a, b, c, d, e, f
}
/"status":"ok"/ {
	p = field($0, "pair"); q = field($0, "queues"); k = cellkey($0)
	med[p, q, k] = field($0, "median")
	cpu[p, q, k] = field($0, "dom0_cpu_s_per_gb")
	if (!((p, q) in seenpq)) { seenpq[p, q] = 1 }
	if (!(p in seenp)) { seenp[p] = 1; pairs[++np] = p }
	if (!(q in seenq)) { seenq[q] = 1; queues[++nq] = q }
	if (!(k in seenk)) { seenk[k] = 1; keys[++nk] = k }
}
END {
	if (md) {
		print "| ratio | cell (dir test flows) | throughput | target | dom0 CPU/GB | verdict |"
		print "|---|---|---|---|---|---|"
	} else {
		out("ratio", "cell (dir test flows)", "throughput", "target", "CPU/GB", "verdict (throughput; CPU <= 0.8)")
	}
	for (i = 1; i <= np; i++) {
		p = pairs[i]
		if (p == "stock/stock") continue
		for (j = 1; j <= nq; j++) for (c = 1; c <= nk; c++) {
			q = queues[j]; k = keys[c]
			if (!((p, q, k) in med) || !(("stock/stock", q, k) in med)) continue
			b = med["stock/stock", q, k]
			r = b > 0 ? sprintf("%.2f", med[p, q, k] / b) : ""
			cr = ""
			if (cpu[p, q, k] != "null" && cpu["stock/stock", q, k] > 0)
				cr = sprintf("%.2f", cpu[p, q, k] / cpu["stock/stock", q, k])
			out(p " / stock/stock, " q "q", k, r, ">= 1.3", cr,
				verdict(r, 1.3, 1) "; CPU " verdict(cr, 0.8, 0))
		}
	}
	for (i = 1; i <= np; i++) for (c = 1; c <= nk; c++) {
		p = pairs[i]; k = keys[c]
		if (!((p, 2, k) in med) || !((p, 1, k) in med) || med[p, 1, k] <= 0) continue
		r = sprintf("%.2f", med[p, 2, k] / med[p, 1, k])
		out(p ", 2q / 1q", k, r, ">= 1.8", "", verdict(r, 1.8, 1))
	}
}
