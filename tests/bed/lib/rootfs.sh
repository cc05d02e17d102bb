# Builds (once, cached by its inputs) the Debian 12 dom0 root filesystem and its ext4 image.
# shellcheck shell=bash

ROOTFS_PACKAGES="linux-image-amd64 xen-hypervisor-4.17-amd64 xen-utils-4.17 xenstore-utils \
iproute2 iperf3 ethtool kmod procps busybox-static openvswitch-switch bridge-utils \
iputils-ping e2fsprogs util-linux linux-perf"

# Sets ROOTFS_DIR, ROOTFS_IMG and KVER.
bed_rootfs() {
	local key dir img mirror
	key=$(bed_key "$BED_SUITE" "$ROOTFS_PACKAGES" "$BED_DIR/lib/rootfs.sh" "$BED_DIR/dom0/bed-init")
	dir="$BED_CACHE/rootfs-$key"
	img="$BED_CACHE/rootfs-$key.img"
	if [ ! -f "$dir/.complete" ]; then
		mirror=$(bed_mirror)
		bed_log "building dom0 rootfs (debootstrap $BED_SUITE, ~2 min) in $dir"
		rm -rf "$dir" "$img"
		# minbase skips Recommends; the Xen and OVS tools we call need none of them.
		debootstrap --variant=minbase --include="${ROOTFS_PACKAGES// /,}" \
			"$BED_SUITE" "$dir" "$mirror" >"$BED_CACHE/debootstrap-$key.log" 2>&1 ||
			bed_die "debootstrap failed: $BED_CACHE/debootstrap-$key.log"
		install -m 0755 "$BED_DIR/dom0/bed-init" "$dir/sbin/bed-init"
		mkdir -p "$dir/bed"
		echo "xen-mq-net-dom0" >"$dir/etc/hostname"
		rm -f "$dir/var/cache/apt/archives/"*.deb
		touch "$dir/.complete"
	fi
	KVER=$(basename "$(ls -d "$dir"/lib/modules/*/ | sort -V | tail -n 1)")
	[ -n "$KVER" ] || bed_die "no kernel in $dir/lib/modules"
	if [ ! -f "$img" ]; then
		bed_log "making dom0 disk image $img"
		mke2fs -q -t ext4 -L dom0 -d "$dir" "$img.tmp" 3G || bed_die "mke2fs failed"
		mv "$img.tmp" "$img"
	fi
	ROOTFS_DIR=$dir
	ROOTFS_IMG=$img
}
