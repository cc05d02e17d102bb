#!/bin/sh
# Diagnostics for our netfront coming up (stock netback): verbose guest log, XenStore dump.
# bed-timeout: 300
use_netback stock
guest_start g1 netfront=ours vcpus=2 cmdline="ignore_loglevel" ||
	log "guest not up; dumping state"
xenstore-ls -f "$(fe_dir g1)" 2>&1 | head -n 60
xenstore-ls -f "$(be_dir g1)" 2>&1 | head -n 60
check_layout g1 2
check_ping g1
guest_destroy g1
