#!/bin/sh
# Quick diagnostics for our netfront coming up (stock netback), default guest log level.
# bed-timeout: 300
use_netback stock
if ! guest_start g1 netfront=ours vcpus=2; then
	log "guest not up; dumping state"
	xenstore-ls -f "$(fe_dir g1)" 2>&1 | head -n 40
	xenstore-ls -f "/local/domain/$(guest_domid g1)/error" 2>&1 | head
	xenstore-ls -f "$(be_dir g1)" 2>&1 | grep -E 'state|online|ctrl|queues' | head
	xl sysrq g1 w; sleep 8; xl sysrq g1 l; sleep 8
	tail -n 150 /var/log/xen/console/guest-g1.log
fi
check_layout g1 2
check_ping g1
guest_destroy g1
