# Shared by the bench report scripts: field access on the one-record-per-line JSON that
# tests/bed/scenarios/bench.sh writes (flat objects; only "runs" is an array).
function field(line, key,    m) {
	if (!match(line, "\"" key "\":(\"[^\"]*\"|[^,}]*)"))
		return ""
	m = substr(line, RSTART + length(key) + 3, RLENGTH - length(key) - 3)
	gsub(/"/, "", m)
	return m
}
function runs(line) {
	if (!match(line, /"runs":\[[^]]*\]/))
		return ""
	return substr(line, RSTART + 8, RLENGTH - 9)
}
# The key of a cell without its pair or queue count.
function cellkey(line) {
	return field(line, "dir") " " field(line, "test") " " field(line, "flows")
}
