# Shared settings and helpers for the host side of the test bed (sourced, not run).
# shellcheck shell=bash

BED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BED_DIR/../.." && pwd)
BED_CACHE=${BED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-mq-net}
BED_SUITE=bookworm
mkdir -p "$BED_CACHE"

bed_log() { printf '[bed %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bed_die() { bed_log "ERROR: $*"; exit 2; }

# The Debian mirror, as this machine's apt sources name it (deb822 or one-line format).
bed_mirror() {
	local uri
	uri=$(awk '
		/^[[:space:]]*#/ { next }
		/^Types:/ { deb = ($0 ~ /[[:space:]]deb([[:space:]]|$)/) }
		/^URIs:/ && deb { u = $2 }
		/^Suites:/ && u != "" && $0 ~ /[[:space:]]bookworm([[:space:]]|$)/ { print u; exit }
		/^$/ { u = ""; deb = 0 }' /etc/apt/sources.list.d/*.sources 2>/dev/null)
	if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
		uri=$(awk '$1 == "deb" && $3 == "bookworm" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' \
			/etc/apt/sources.list)
	fi
	[ -n "$uri" ] || bed_die "no bookworm 'deb' source in /etc/apt/sources.list{,.d}"
	echo "$uri"
}

# Short hash of the given files and strings: cache keys.
bed_key() {
	local item
	for item in "$@"; do
		if [ -f "$item" ]; then sha256sum <"$item"; else printf '%s\n' "$item"; fi
	done | sha256sum | cut -c1-16
}

# Host packages the bed needs; installed once, quietly.
bed_host_deps() {
	local missing=() cmd pkg
	for pair in qemu-system-x86_64:qemu-system-x86 debootstrap:debootstrap mke2fs:e2fsprogs \
		debugfs:e2fsprogs cpio:cpio gzip:gzip flock:util-linux timeout:coreutils; do
		cmd=${pair%%:*}; pkg=${pair#*:}
		command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
	done
	[ -f /usr/include/xenstore.h ] || missing+=(libxen-dev)
	[ ${#missing[@]} -eq 0 ] && return 0
	bed_apt_install "${missing[@]}"
}

# bed_apt_install PKG...: install from the machine's apt sources (index updated once).
bed_apt_install() {
	bed_log "installing host packages: $*"
	[ -n "${BED_APT_UPDATED:-}" ] || apt-get update -qq || true
	BED_APT_UPDATED=1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
		bed_die "apt-get install $* failed"
}
