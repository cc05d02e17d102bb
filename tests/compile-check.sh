#!/bin/bash
# Builds both modules with W=1 against every Debian 12 amd64 header tree installed
# (the 6.1 series and the 6.12 series), each in a scratch copy of the tree, and fails
# on any compiler or modpost warning.  Installs the header packages when CI=true or
# when INSTALL_DEPS=1.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0

install_headers() {
	local want612
	want612=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9.]+\+deb12-amd64$' |
		awk '{print $1}' | sort -V | tail -n 1)
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-headers-amd64 $want612 >/dev/null
}
if [ "${CI:-}" = true ] || [ "${INSTALL_DEPS:-}" = 1 ]; then
	install_headers || echo "compile-check: could not install header packages" >&2
fi

trees=$(ls -d /usr/src/linux-headers-6.1.*-amd64 /usr/src/linux-headers-6.12.*-amd64 2>/dev/null |
	grep -v -e cloud -e rt-amd64 | sort -V)
series_seen=""
for kdir in $trees; do
	ver=${kdir#/usr/src/linux-headers-}
	series=$(echo "$ver" | cut -d. -f1,2)
	case " $series_seen " in *" $series "*) continue ;; esac
	series_seen="$series_seen $series"
	scratch="$top/build/compile-check/$ver"
	rm -rf "$scratch"; mkdir -p "$scratch"
	(cd "$top" && git ls-files -co --exclude-standard -- Kbuild netfront netback core include compat |
		tar -cf - -T -) | tar -xf - -C "$scratch"
	log="$top/build/compile-check/$ver.log"
	if make -C "$kdir" M="$scratch" W=1 modules >"$log" 2>&1 &&
		! grep -E -i 'warning:|error:' "$log" >/dev/null; then
		echo "PASS compile-check: $ver (W=1, no warnings)"
		pass=$((pass + 1))
	else
		echo "FAIL compile-check: $ver (log: $log)"
		grep -E -i -m 20 'warning:|error:' "$log"
		fail=$((fail + 1))
	fi
done
if [ -z "$series_seen" ]; then
	echo "FAIL compile-check: no linux-headers-6.1/6.12 amd64 tree under /usr/src"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
