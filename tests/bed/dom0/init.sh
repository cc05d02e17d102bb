#!/bin/sh
# dom0 side of the test bed: bring up Xen's daemons and Open vSwitch, run the planned
# scenarios, save every log to /bed/out, power off (which ends Xen and QEMU).
export PATH=/bed/tools:/usr/lib/xen-4.17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C

out=/bed/out
mkdir -p $out
say() { echo "BED: $*" >/dev/console; echo "$*" >>$out/dom0-init.log; }

mount -t sysfs sysfs /sys
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname xen-mq-net-dom0
ip link set lo up

for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs; do modprobe $m; done
mount -t xenfs xenfs /proc/xen
mkdir -p /run/xen /run/xenstored /var/run/xen /var/log/xen/console /var/lock /var/lib/xen \
	/var/lib/xenstored /run/lock
xenstored --pid-file=/run/xenstored.pid
xen-init-dom0 >$out/xen-init-dom0.log 2>&1 || say "xen-init-dom0 failed"
xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/run/xenconsoled.pid

modprobe openvswitch
mkdir -p /etc/openvswitch /run/openvswitch /var/log/openvswitch
ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server --remote=punix:/run/openvswitch/db.sock --pidfile --detach \
	--log-file=/var/log/openvswitch/ovsdb-server.log
ovs-vsctl --no-wait init
ovs-vswitchd --pidfile --detach --log-file=/var/log/openvswitch/ovs-vswitchd.log
ovs-vsctl add-br xenbr0
ip addr add 198.18.0.1/24 dev xenbr0
ip link set xenbr0 up
say "dom0 up: $(uname -r), $(nproc) vCPUs, $(awk '/MemTotal/ {print $2}' /proc/meminfo) kB"

/bin/sh /bed/dom0/runner.sh $(cat /bed/plan)

say "saving logs"
dmesg >$out/dom0-dmesg.txt
xl dmesg >$out/xen-dmesg.txt 2>&1
cp -r /var/log/xen $out/xen-logs 2>/dev/null
cp -r /var/log/openvswitch $out/ovs-logs 2>/dev/null
sync
cd /
umount /bed 2>/dev/null || mount -o remount,ro /bed
sync
say "powering off"
echo o >/proc/sysrq-trigger
sleep 60
