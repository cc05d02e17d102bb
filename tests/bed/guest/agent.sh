#!/bin/sh
# The bed's command agent: dom0 writes data/bed/req/<n> = "<timeout> <base64 command>";
# the agent runs it and answers data/bed/rsp/<n>/{out/<i>,chunks,rc}, output base64 in
# chunks well under the 2048 bytes XenStore accepts from a guest per value.
# Requests are served in order, one at a time.
base=data/bed
chunk=1500
xenstore-write $base/ready 1
echo "bed-agent: ready"
n=1
while :; do
	req=$(xenstore-read $base/req/$n 2>/dev/null)
	if [ -z "$req" ]; then
		sleep 0.2
		continue
	fi
	limit=${req%% *}
	printf '%s' "${req#* }" | base64 -d >/tmp/.bed-cmd
	timeout -s KILL "$limit" sh /tmp/.bed-cmd >/tmp/.bed-out 2>&1 </dev/null
	rc=$?
	base64 -w 0 </tmp/.bed-out >/tmp/.bed-out64
	size=$(wc -c </tmp/.bed-out64)
	i=0 off=0
	while [ $off -lt "$size" ] && [ $i -lt 40 ]; do
		xenstore-write $base/rsp/$n/out/$i "$(dd if=/tmp/.bed-out64 bs=$chunk skip=$i count=1 2>/dev/null)"
		i=$((i + 1)); off=$((off + chunk))
	done
	xenstore-write $base/rsp/$n/chunks $i
	xenstore-write $base/rsp/$n/rc $rc
	n=$((n + 1))
done
