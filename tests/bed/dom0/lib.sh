# The scenario API, sourced by every scenario (runs in dom0, POSIX sh + busybox).
# See docs/testbed.md.  A scenario is a list of checks; each prints one PASS or FAIL line.

BED_OUT=/bed/out
BED_RESULTS=$BED_OUT/results.txt
BED_KVER=$(uname -r)
BED_SUBNET=198.18.0
BED_DOM0_IP=$BED_SUBNET.1
BED_GUEST_DIR=/run/bed-guests
mkdir -p $BED_GUEST_DIR

# Result lines go to the serial console (live progress on the host) and results.txt.
bed_result() { # PASS|FAIL text
	echo "$1 $SCENARIO: $2" >>$BED_RESULTS
	echo "BED-RESULT $1 $SCENARIO: $2" >/dev/console
	echo "$1: $2"
}
pass() { bed_result PASS "$*"; }
fail() { bed_result FAIL "$*"; }
note() { echo "NOTE $SCENARIO: $*" >>$BED_RESULTS; echo "BED-NOTE $SCENARIO: $*" >/dev/console; }
log() { echo "[$(date +%T)] $*"; echo "BED: [$SCENARIO] $*" >/dev/console; }

# check DESCRIPTION COMMAND...: PASS when COMMAND exits 0; its output goes to the log.
check() {
	_desc=$1; shift
	log "check: $_desc: $*"
	if _out=$("$@" 2>&1); then
		[ -n "$_out" ] && echo "$_out" | tail -n 20
		pass "$_desc"; return 0
	fi
	echo "$_out" | tail -n 40
	fail "$_desc"; return 1
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then pass "$1 (= $3)"; return 0; fi
	fail "$1 (expected '$2', got '$3')"; return 1
}

# wait_for SECONDS COMMAND...: retries COMMAND every half second.
wait_for() {
	_limit=$(( $1 * 2 )); shift
	while [ $_limit -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5; _limit=$((_limit - 1))
	done
	return 1
}

# xenstore-read, retried once: a rare emulation flake kills it at exit (docs/testbed.md).
xs_read() { xenstore-read "$1" 2>/dev/null || xenstore-read "$1" 2>/dev/null; }
# xs_is PATH VALUE: the key holds VALUE now (for wait_for).
xs_is() { [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; }

# ---- netback choice -------------------------------------------------------------------

# use_netback stock|ours [module parameters...]: only with no vif in existence.
use_netback() {
	_which=$1; shift
	modprobe -r xen-netback 2>/dev/null
	rmmod xen_netback 2>/dev/null
	if [ "$_which" = ours ]; then
		if [ ! -f /bed/modules/xen-netback.ko ]; then
			fail "our xen-netback.ko was not built (see the host's build log)"; return 1
		fi
		check "load our xen-netback $*" insmod /bed/modules/xen-netback.ko "$@"
	else
		check "load stock xen-netback $*" modprobe xen-netback "$@"
	fi
	BED_NETBACK=$_which
}

# ---- guests -----------------------------------------------------------------------------

# guest_start NAME [vcpus=N] [memory=MB] [netfront=stock|ours|none] [nf_params="k=v ..."]
#             [ip=LAST_OCTET] [mtu=N] [vif_extra=",rate=..."] [cmdline="..."]
# Creates a PV guest on the bed's kernel and initramfs, its vif on xenbr0 through
# vif-openvswitch, and waits until its agent answers.
guest_start() {
	_name=$1; shift
	_vcpus=2 _mem=512 _nf=stock _nfp="" _ip="" _mtu="" _vifx="" _cmd=""
	for _a in "$@"; do
		case $_a in
		vcpus=*) _vcpus=${_a#*=} ;;
		memory=*) _mem=${_a#*=} ;;
		netfront=*) _nf=${_a#*=} ;;
		nf_params=*) _nfp=${_a#*=} ;;
		ip=*) _ip=${_a#*=} ;;
		mtu=*) _mtu=${_a#*=} ;;
		vif_extra=*) _vifx=${_a#*=} ;;
		cmdline=*) _cmd=${_a#*=} ;;
		*) fail "guest_start: unknown argument $_a"; return 1 ;;
		esac
	done
	_n=$(ls $BED_GUEST_DIR | wc -l)
	[ -n "$_ip" ] || _ip=$((11 + _n))
	_mac=$(printf '00:16:3e:00:00:%02x' "$_ip")
	_params=""
	for _p in $_nfp; do _params="$_params xen_netfront.$_p"; done
	if [ "$_nf" = ours ] && [ ! -f /bed/guest/modules-ours-present ]; then
		fail "our xen-netfront.ko was not built (see the host's build log)"; return 1
	fi
	cat >$BED_GUEST_DIR/$_name.cfg <<CFG
name = "$_name"
type = "pv"
kernel = "/bed/guest/vmlinuz"
ramdisk = "/bed/guest/initrd.gz"
extra = "console=hvc0 loglevel=5 bed.netfront=$_nf bed.ip=$BED_SUBNET.$_ip/24 bed.mtu=$_mtu $_params $_cmd"
memory = $_mem
vcpus = $_vcpus
vif = [ 'mac=$_mac,bridge=xenbr0,script=vif-openvswitch$_vifx' ]
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
CFG
	echo "$BED_SUBNET.$_ip" >$BED_GUEST_DIR/$_name.ip
	log "xl create $_name (netfront=$_nf $_nfp, vcpus=$_vcpus)"
	if ! timeout 180 xl -vvv create $BED_GUEST_DIR/$_name.cfg >$BED_OUT/xl-create-$_name.log 2>&1; then
		tail -n 30 $BED_OUT/xl-create-$_name.log | sed 's/^/BED: xl: /' >/dev/console
		fail "xl create $_name (log: xl-create-$_name.log)"; return 1
	fi
	_dom=$(xl domid "$_name")
	if ! wait_for 120 xs_is /local/domain/$_dom/data/bed/ready 1; then
		tail -n 40 /var/log/xen/console/guest-$_name.log 2>/dev/null | sed "s/^/BED: $_name console: /" >/dev/console
		fail "guest $_name (domid $_dom) agent did not come up in 120 s (console: xen-logs/console/guest-$_name.log)"
		return 1
	fi
	pass "guest $_name up (domid $_dom, netfront=$_nf $_nfp)"
}

guest_domid() { xl domid "$1" 2>/dev/null; }
guest_ip() { cat $BED_GUEST_DIR/$1.ip; }
guest_vif() { echo "vif$(guest_domid "$1").${2:-0}"; }

guest_destroy() {
	xl destroy "$1" >/dev/null 2>&1
	rm -f $BED_GUEST_DIR/$1.cfg $BED_GUEST_DIR/$1.ip
}

# gexec NAME COMMAND [TIMEOUT]: runs COMMAND with sh in the guest through XenStore (not
# through the network under test); prints its output, returns its exit status.
gexec() {
	_dom=$(guest_domid "$1") || return 125
	_base=/local/domain/$_dom/data/bed
	_seq=$(( $(xenstore-read $_base/seq 2>/dev/null || echo 0) + 1 ))
	xenstore-write $_base/seq $_seq
	xenstore-write $_base/req/$_seq "${3:-120} $(printf '%s' "$2" | base64 -w 0)"
	_t=$(( (${3:-120} + 20) * 4 ))
	while [ $_t -gt 0 ]; do
		_rc=$(xenstore-read $_base/rsp/$_seq/rc 2>/dev/null) && break
		sleep 0.25; _t=$((_t - 1))
	done
	if [ -z "$_rc" ]; then
		echo "gexec: no answer from $1 within $((${3:-120} + 20)) s"
		return 124
	fi
	_chunks=$(xenstore-read $_base/rsp/$_seq/chunks 2>/dev/null || echo 0)
	_i=0
	while [ $_i -lt "$_chunks" ]; do
		xenstore-read $_base/rsp/$_seq/out/$_i
		_i=$((_i + 1))
	done | base64 -d 2>/dev/null
	xenstore-rm $_base/rsp/$_seq $_base/req/$_seq 2>/dev/null
	return "$_rc"
}

# guest_eth0_readdress NAME SECONDS [FIRST]: in the guest, run FIRST (commands ending in
# "; "), wait up to SECONDS for eth0, give it the guest's address and bring it up. The
# status is that of the last command.
guest_eth0_readdress() {
	gexec "$1" "${3:-}i=0
		while [ ! -e /sys/class/net/eth0 ] && [ \$i -lt $(($2 * 2)) ]; do sleep 0.5; i=\$((i + 1)); done
		ip addr add $(guest_ip "$1")/24 dev eth0; ip link set eth0 up" $(($2 * 2))
}

# guest_netfront_reload NAME: modprobe xen-netfront in the guest again, wait (bounded) for
# eth0 and give it the guest's address back.
guest_netfront_reload() { guest_eth0_readdress "$1" 30 "modprobe xen-netfront || exit 1; "; }

# guest_vif_rebind NAME: unbind and rebind the guest's netfront from vif-0 (a full close and
# reconnect with the backend, module kept), wait until both ends are Connected again and
# give the new eth0 its address back.
guest_vif_rebind() {
	gexec "$1" 'echo vif-0 >/sys/bus/xen/drivers/vif/unbind; sleep 2;
		echo vif-0 >/sys/bus/xen/drivers/vif/bind' 60
	wait_for 60 xs_is "$(fe_dir "$1")/state" 4 &&
		wait_for 60 xs_is "$(be_dir "$1")/state" 4 || return 1
	guest_eth0_readdress "$1" 20
}

# ---- XenStore layout ----------------------------------------------------------------------

fe_dir() { echo "/local/domain/$(guest_domid "$1")/device/vif/${2:-0}"; }
be_dir() { echo "/local/domain/0/backend/vif/$(guest_domid "$1")/${2:-0}"; }

# check_layout NAME QUEUES: the negotiated multi-queue layout of vif 0, both ends.
check_layout() {
	_fe=$(fe_dir "$1"); _be=$(be_dir "$1"); _q=$2
	wait_for 30 xs_is $_be/state 4
	check_eq "$1 backend state Connected" 4 "$(xs_read $_be/state)"
	check_eq "$1 frontend state Connected" 4 "$(xs_read $_fe/state)"
	check_eq "$1 multi-queue-num-queues" "$_q" "$(xs_read $_fe/multi-queue-num-queues)"
	if [ "$_q" -eq 1 ]; then
		_dirs=$_fe
	else
		_dirs=""
		_i=0
		while [ $_i -lt "$_q" ]; do _dirs="$_dirs $_fe/queue-$_i"; _i=$((_i + 1)); done
	fi
	for _d in $_dirs; do
		_ok=1
		for _k in tx-ring-ref rx-ring-ref; do
			_v=$(xs_read $_d/$_k)
			case $_v in ''|*[!0-9]*) _ok=0 ;; esac
		done
		_tx=$(xs_read $_d/event-channel-tx); _rx=$(xs_read $_d/event-channel-rx)
		_one=$(xs_read $_d/event-channel)
		if [ -n "$_tx" ] && [ -n "$_rx" ]; then _ev="split $_tx/$_rx"
		elif [ -n "$_one" ]; then _ev="single $_one"
		else _ok=0; _ev=none
		fi
		if [ $_ok = 1 ]; then pass "$1 ${_d##*/}: ring refs $(xs_read $_d/tx-ring-ref)/$(xs_read $_d/rx-ring-ref), event channels $_ev"
		else fail "$1 ${_d##*/}: ring refs or event channels missing"
		fi
	done
}

# check_guest_queues NAME N: the guest's eth0 has N TX and N RX queues.
check_guest_queues() {
	_tx=$(gexec "$1" 'ls -d /sys/class/net/eth0/queues/tx-* | wc -l')
	_rx=$(gexec "$1" 'ls -d /sys/class/net/eth0/queues/rx-* | wc -l')
	check_eq "$1 eth0 TX queues" "$2" "$_tx"
	check_eq "$1 eth0 RX queues" "$2" "$_rx"
}

# ---- traffic --------------------------------------------------------------------------------

check_ping() {
	check "ping dom0 -> $1" ping -c 3 -W 5 "$(guest_ip "$1")"
	check "ping $1 -> dom0" gexec "$1" "ping -c 3 -W 5 $BED_DOM0_IP"
}

# transfer_diagnose NAME SENT RECEIVED: after a sha256 mismatch, say whether the bytes
# differ (and where) or only the hash did (a second hash of the same file), for the log.
transfer_diagnose() {
	_h2=$(sha256sum <"$3" | cut -c1-16)
	_nd=$(cmp -l "$2" "$3" 2>/dev/null | wc -l)
	note "$1 transfer mismatch: received $(stat -c %s "$3") bytes of $(stat -c %s "$2"); second hash $_h2; $_nd bytes differ"
	cmp -l "$2" "$3" 2>/dev/null | head -n 8 | while read -r _o _a _b; do
		log "  offset $_o (page $((_o / 4096)) +$((_o % 4096))): sent $_a got $_b"
	done
}

# bed_blob MIB: /tmp/www/blob-MIB, random, made once per boot and served by dom0's httpd.
bed_blob() {
	mkdir -p /tmp/www
	[ -f /tmp/www/blob-$1 ] || head -c $(($1 * 1048576)) /dev/urandom >/tmp/www/blob-$1
}

# bed_blob_serve MIB: bed_blob, served on port 8080; prints its sha256.
bed_blob_serve() {
	bed_blob "$1"
	pgrep -f 'httpd -p 8080' >/dev/null || busybox httpd -p 8080 -h /tmp/www
	sha256sum </tmp/www/blob-$1 | cut -d' ' -f1
}

# check_transfer NAME MIB: random file dom0 -> guest and guest -> dom0 over HTTP,
# compared by sha256.
check_transfer() {
	_g=$1; _mib=${2:-64}; _ip=$(guest_ip "$_g")
	_want=$(bed_blob_serve "$_mib")
	_got=$(gexec "$_g" "timeout 300 wget -q -O /tmp/blob http://$BED_DOM0_IP:8080/blob-$_mib && sha256sum </tmp/blob | cut -d' ' -f1" 320)
	check_eq "$_mib MiB dom0 -> $_g sha256" "$_want" "$_got"
	[ "$_got" = "$_want" ] ||
		note "$_g re-hash of its copy: $(gexec "$_g" "sha256sum </tmp/blob | cut -c1-16")"
	gexec "$_g" "pidof httpd >/dev/null || httpd -p 8081 -h /tmp" >/dev/null
	rm -f /tmp/got-blob
	timeout 300 busybox wget -q -O /tmp/got-blob "http://$_ip:8081/blob"
	_got=$(sha256sum </tmp/got-blob | cut -d' ' -f1)
	check_eq "$_mib MiB $_g -> dom0 sha256" "$_want" "$_got"
	[ "$_got" = "$_want" ] || transfer_diagnose "$_g" /tmp/www/blob-$_mib /tmp/got-blob
	rm -f /tmp/got-blob
	gexec "$_g" "rm -f /tmp/blob" >/dev/null
}

# check_g2g_transfer FROM TO MIB: a random file fetched by TO from FROM's httpd, through
# the bridge only (dom0 seeds FROM's copy first), compared by sha256 with dom0's original.
check_g2g_transfer() {
	_want=$(bed_blob_serve "$3")
	_seed=$(gexec "$1" "mkdir -p /tmp/g2g && timeout 300 wget -q -O /tmp/g2g/blob http://$BED_DOM0_IP:8080/blob-$3 &&
		sha256sum </tmp/g2g/blob | cut -d' ' -f1; httpd -p 8082 -h /tmp/g2g" 320)
	[ "$(echo "$_seed" | head -n 1)" = "$_want" ] || note "$1 seed copy hash: $_seed"
	_got=$(gexec "$2" "timeout 300 wget -q -O /tmp/g2g-in http://$(guest_ip "$1"):8082/blob &&
		sha256sum </tmp/g2g-in | cut -d' ' -f1; rm -f /tmp/g2g-in" 320)
	check_eq "$3 MiB $1 -> $2 sha256" "$_want" "$_got"
	gexec "$1" "pkill -f 'httpd -p 8082'; rm -rf /tmp/g2g" >/dev/null
}

# iperf_guest_to_guest FROM TO FLOWS SECONDS: Mbit/s received by TO, run from FROM.
iperf_guest_to_guest() {
	iperf_guest_server "$2"
	gexec "$1" "timeout $(($4 + 30)) iperf3 -c $(guest_ip "$2") -P $3 -t $4 -J 2>/dev/null" $(($4 + 40)) |
		bed_iperf_mbits
}

# iperf_to_guest NAME FLOWS SECONDS / iperf_from_guest NAME FLOWS SECONDS: print Mbit/s.
iperf_guest_server() {
	gexec "$1" "pidof iperf3 >/dev/null || iperf3 -s -D" >/dev/null
	sleep 1
}
iperf_to_guest() {
	iperf_guest_server "$1"
	timeout $(($3 + 30)) iperf3 -c "$(guest_ip "$1")" -P "$2" -t "$3" -J 2>/dev/null |
		bed_iperf_mbits
}
iperf_from_guest() {
	iperf_guest_server "$1"
	timeout $(($3 + 30)) iperf3 -c "$(guest_ip "$1")" -P "$2" -t "$3" -R -J 2>/dev/null |
		bed_iperf_mbits
}
# iperf3 -J summary: receiver bits per second of the whole run, in Mbit/s.
bed_iperf_mbits() {
	awk '/"sum_received"/ { s = 1 } s && /"bits_per_second"/ { gsub(/[,]/, ""); printf "%d\n", $2 / 1e6; exit }'
}

# check_iperf NAME FLOWS SECONDS: both directions print a figure above zero.
check_iperf() {
	_to=$(iperf_to_guest "$1" "$2" "$3")
	if [ -n "$_to" ] && [ "$_to" -gt 0 ]; then pass "iperf3 dom0 -> $1, $2 flows: $_to Mbit/s"
	else fail "iperf3 dom0 -> $1, $2 flows: no figure"; fi
	_from=$(iperf_from_guest "$1" "$2" "$3")
	if [ -n "$_from" ] && [ "$_from" -gt 0 ]; then pass "iperf3 $1 -> dom0, $2 flows: $_from Mbit/s"
	else fail "iperf3 $1 -> dom0, $2 flows: no figure"; fi
	note "iperf3 $BED_NETBACK-netback $1 $2 flows: to guest $_to Mbit/s, from guest $_from Mbit/s"
}

check_ovs_port() {
	check "ovs-vsctl shows $(guest_vif "$1") on xenbr0" sh -c \
		"ovs-vsctl list-ports xenbr0 | grep -x $(guest_vif "$1")"
}

# show TITLE COMMAND...: prints the command's output on the console (the demo's display).
show() {
	_title=$1; shift
	echo "BED: ---- $_title" >/dev/console
	"$@" 2>&1 | sed 's/^/BED: | /' >/dev/console
}
