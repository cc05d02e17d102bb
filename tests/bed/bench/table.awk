# Bench JSON (one record a line) -> the figures table.  -v md=1: a Markdown table.
# Usage: awk -f records.awk -f table.awk [-v md=1] bench.json
BEGIN {
	dirname["d2g"] = "dom0->guest"; dirname["g2d"] = "guest->dom0"; dirname["g2g"] = "guest->guest"
	dirname["all"] = "-"
	if (md) {
		print "| pair (netfront/netback) | queues (got) | direction | test | flows | median | min | max | unit | dom0 CPU s/GB | runs |"
		print "|---|---|---|---|---|---|---|---|---|---|---|"
	} else {
		printf "%-12s %-7s %-13s %-5s %5s %9s %9s %9s %-7s %7s  %s\n", "pair", "queues", "direction",
			"test", "flows", "median", "min", "max", "unit", "CPU/GB", "runs"
	}
}
/"pair"/ {
	q = field($0, "queues")
	got = field($0, "queues_got")
	qs = (got != "" && got != q) ? q " (" got ")" : q
	d = field($0, "dir"); d = (d in dirname) ? dirname[d] : d
	t = field($0, "test"); if (t == "udp") t = "udp64"; if (t == "all") t = "-"
	fl = field($0, "flows"); if (fl == 0) fl = "-"
	if (field($0, "status") != "ok") {
		if (md)
			printf "| %s | %s | %s | %s | %s | n/a: %s ||||||\n", field($0, "pair"), qs, d, t, fl, field($0, "reason")
		else
			printf "%-12s %-7s %-13s %-5s %5s   n/a: %s\n", field($0, "pair"), qs, d, t, fl, field($0, "reason")
		next
	}
	if (md)
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", field($0, "pair"), qs, d, t, fl,
			field($0, "median"), field($0, "min"), field($0, "max"), field($0, "unit"),
			field($0, "dom0_cpu_s_per_gb"), runs($0)
	else
		printf "%-12s %-7s %-13s %-5s %5s %9s %9s %9s %-7s %7s  %s\n", field($0, "pair"), qs, d, t, fl,
			field($0, "median"), field($0, "min"), field($0, "max"), field($0, "unit"),
			field($0, "dom0_cpu_s_per_gb"), runs($0)
}
