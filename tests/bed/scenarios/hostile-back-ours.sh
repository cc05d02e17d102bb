#!/bin/sh
# Hostile backend (dom0 tool) against ours netfront: every case; guest alive, vif closed, no leak.
# bed-timeout: 1500
. /bed/scenarios/hostile-lib.inc
use_netback stock || exit 0
hostile_back_scenario ours
