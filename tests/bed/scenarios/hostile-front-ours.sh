#!/bin/sh
# Hostile frontend (netfront=none guest) against ours netback: every case; dom0, honest guest, leaks.
# bed-timeout: 2400
. /bed/scenarios/hostile-lib.inc
use_netback ours || exit 0
hostile_front_scenario
