#!/bin/sh
# Our netback with the stock netfront, max_queues=1: top-level layout, traffic, reconnect after unbind/bind.
# bed-timeout: 500
. /bed/scenarios/nb-lib.inc
use_netback ours max_queues=1 || exit 0
guest_start g1 netfront=stock vcpus=2 || exit 0
nb_check_backend_keys g1 1
check_layout g1 1
nb_check_threads g1 1
check_ping g1
check_transfer g1 16
check "g1 vif unbind + bind (close and reconnect)" guest_vif_rebind g1
check_layout g1 1
check_ping g1
nb_show g1
guest_destroy g1
