#!/bin/sh
# Hostile frontend (netfront=none guest) against stock netback: every case; dom0, honest guest, leaks.
# bed-timeout: 2400
. /bed/scenarios/hostile-lib.inc
use_netback stock || exit 0
hostile_front_scenario
