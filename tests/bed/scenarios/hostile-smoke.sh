#!/bin/sh
# Hostile peers, short: a few frontend cases on stock netback, a few backend cases on stock netfront.
# bed-timeout: 900
# shellcheck disable=SC2034  # HOSTILE_CASES is read by hostile-lib.inc
. /bed/scenarios/hostile-lib.inc
use_netback stock || exit 0
HOSTILE_CASES="honest tiny-size cross-page"
hostile_front_scenario
HOSTILE_CASES="honest rsp-too-many"
hostile_back_scenario stock
