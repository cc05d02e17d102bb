# Flattens xnet-vifs --json (its pretty-printed form: one member per line) into
# "path value" lines, e.g. "vifs.0.queues.negotiated 2", for dom0 scripts without jq.
# Used by the tools-*.sh scenarios: awk -f /bed/scenarios/tools-flatten.awk
function path(   i, p) {
	p = ""
	for (i = 1; i <= depth; i++)
		if (name[i] != "")
			p = p (p == "" ? "" : ".") name[i]
	return p
}
{
	line = $0
	sub(/^[ \t]+/, "", line)
	sub(/,$/, "", line)
	if (line ~ /^[\]}]$/) {
		depth--
		next
	}
	key = ""
	if (line ~ /^"[^"]*": /) {
		key = line
		sub(/": .*$/, "", key)
		sub(/^"/, "", key)
		line = substr(line, length(key) + 5)
	} else if (depth > 0 && is_array[depth]) {
		key = count[depth]++
	}
	if (line == "{" || line == "[") {
		depth++
		name[depth] = key
		is_array[depth] = (line == "[")
		count[depth] = 0
		next
	}
	p = path()
	print (p == "" ? "" : p ".") key " " line
}
