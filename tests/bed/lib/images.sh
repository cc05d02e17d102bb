# Host-side artifacts of a bed run: Xen, our modules built for the rootfs kernel, the guest
# initramfs, and the per-run disk.  (Sourced; needs ROOTFS_DIR and KVER from rootfs.sh.)
# shellcheck shell=bash

# Xen as a 32-bit ELF QEMU can multiboot; taken from the rootfs's own hypervisor package.
bed_xen() {
	local src="$ROOTFS_DIR/boot/xen-4.17-amd64.gz"
	XEN_ELF="$BED_CACHE/xen-4.17-$(bed_key "$src").elf"
	[ -f "$XEN_ELF" ] && return 0
	gunzip -c "$src" >"$XEN_ELF.tmp" || bed_die "cannot unpack $src"
	mv "$XEN_ELF.tmp" "$XEN_ELF"
}

# Our modules, built in a scratch copy against exactly the rootfs kernel's headers.
# Sets MODULES_DIR; a module that fails to build is simply absent (scenarios needing it fail).
bed_modules() {
	local kdir="/usr/src/linux-headers-$KVER" scratch="$RUN_DIR/build-modules"
	if [ ! -d "$kdir" ]; then
		bed_log "installing linux-headers-$KVER"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "linux-headers-$KVER" >/dev/null 2>&1 ||
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				"linux-headers-$KVER" >/dev/null; } ||
			bed_die "linux-headers-$KVER is not installable: remove $BED_CACHE/rootfs-* to rebuild"
	fi
	mkdir -p "$scratch"
	(cd "$REPO_DIR" && git ls-files -co --exclude-standard -- Kbuild netfront netback core include compat |
		tar -cf - -T -) | tar -xf - -C "$scratch"
	bed_log "building our modules for $KVER"
	if ! make -C "$kdir" M="$scratch" -j2 modules >"$RUN_DIR/module-build.log" 2>&1; then
		bed_log "module build failed (log: $RUN_DIR/module-build.log); scenarios needing them will fail"
	fi
	MODULES_DIR=$scratch
}

# Userspace tools for dom0 (same Debian release as the host, so dynamic links match).
bed_tools() {
	TOOLS_BUILT=""
	if make -C "$REPO_DIR/xenstore-tools" >"$RUN_DIR/tools-build.log" 2>&1; then
		TOOLS_BUILT=1
	else
		bed_log "tools build failed (log: $RUN_DIR/tools-build.log)"
	fi
	make -C "$REPO_DIR/tests/hostile" >"$RUN_DIR/hostile-build.log" 2>&1 ||
		bed_log "hostile peers build failed (log: $RUN_DIR/hostile-build.log)"
}

# Copies a binary of the rootfs and the libraries it links into the initramfs tree.
bed_copy_with_libs() {
	local dest=$1 bin lib
	shift
	for bin in "$@"; do
		mkdir -p "$dest$(dirname "$bin")"
		cp -L "$ROOTFS_DIR$bin" "$dest$bin"
		for lib in $(chroot "$ROOTFS_DIR" ldd "$bin" 2>/dev/null |
			awk '/=> \// { print $3 } /^\t\// { print $1 }'); do
			[ -f "$dest$lib" ] && continue
			mkdir -p "$dest$(dirname "$lib")"
			cp -L "$ROOTFS_DIR$lib" "$dest$lib"
		done
	done
}

GUEST_BINARIES="/usr/bin/iperf3 /usr/sbin/ethtool /usr/bin/ip /usr/bin/kmod \
/usr/bin/xenstore-read /usr/bin/xenstore-write /usr/bin/xenstore-rm /usr/bin/xenstore-ls \
/usr/bin/xenstore-list /usr/bin/xenstore-exists /usr/bin/xenstore-watch /usr/bin/taskset"

# The guest initramfs: static busybox, the few real tools, both netfronts, init + agent.
bed_guest_initrd() {
	local tree="$RUN_DIR/guest-initrd" tool
	rm -rf "$tree"
	mkdir -p "$tree"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,etc,modules/stock,modules/ours}
	cp "$ROOTFS_DIR/bin/busybox" "$tree/bin/busybox"
	bed_copy_with_libs "$tree" $GUEST_BINARIES
	for tool in modprobe depmod insmod rmmod lsmod modinfo; do
		ln -sf /usr/bin/kmod "$tree/usr/sbin/$tool"
	done
	cp "$ROOTFS_DIR/lib/modules/$KVER/kernel/drivers/net/xen-netfront.ko"* "$tree/modules/stock/"
	if [ -f "$MODULES_DIR/netfront/xen-netfront.ko" ]; then
		cp "$MODULES_DIR/netfront/xen-netfront.ko" "$tree/modules/ours/"
	fi
	# For userspace peers (the hostile frontend): the Xen device modules and the tool.
	mkdir -p "$tree/modules/xen"
	cp "$ROOTFS_DIR/lib/modules/$KVER/kernel/drivers/xen/"{xen-evtchn,xen-gntalloc,xen-privcmd}.ko \
		"$ROOTFS_DIR/lib/modules/$KVER/kernel/drivers/xen/xenfs/xenfs.ko" "$tree/modules/xen/" 2>/dev/null
	[ -x "$REPO_DIR/tests/hostile/build/xnet-hostile-front" ] &&
		cp "$REPO_DIR/tests/hostile/build/xnet-hostile-front" "$tree/usr/sbin/"
	install -m 0755 "$BED_DIR/guest/init" "$tree/init"
	install -m 0755 "$BED_DIR/guest/agent.sh" "$tree/agent.sh"
	echo "root:x:0:0:root:/root:/bin/sh" >"$tree/etc/passwd"
	(cd "$tree" && find . | cpio -o -H newc --quiet | gzip -1) >"$RUN_DIR/initrd.gz"
}

# The run disk (/dev/vdb in dom0): scripts, scenarios, guest images, modules, tools, plan;
# dom0 writes its logs to /out on it.
bed_run_disk() {
	local disk="$RUN_DIR/disk"
	rm -rf "$disk"
	mkdir -p "$disk/guest" "$disk/modules" "$disk/tools" "$disk/out"
	cp -r "$BED_DIR/dom0" "$BED_DIR/scenarios" "$disk/"
	cp "$ROOTFS_DIR/boot/vmlinuz-$KVER" "$disk/guest/vmlinuz"
	cp "$RUN_DIR/initrd.gz" "$disk/guest/initrd.gz"
	[ -f "$MODULES_DIR/netfront/xen-netfront.ko" ] && touch "$disk/guest/modules-ours-present"
	[ -f "$MODULES_DIR/netback/xen-netback.ko" ] && cp "$MODULES_DIR/netback/xen-netback.ko" "$disk/modules/"
	if [ -n "$TOOLS_BUILT" ]; then
		find "$REPO_DIR/xenstore-tools/build" -maxdepth 1 -type f -perm -u+x \
			-exec cp {} "$disk/tools/" \; 2>/dev/null
	fi
	[ -x "$REPO_DIR/tests/hostile/build/xnet-hostile-back" ] &&
		cp "$REPO_DIR/tests/hostile/build/xnet-hostile-back" "$disk/tools/"
	printf '%s\n' "$@" >"$disk/plan"
	mke2fs -q -t ext4 -O ^has_journal -L bedrun -d "$disk" "$RUN_DIR/run.img" 1G || bed_die "mke2fs of the run disk failed"
}
