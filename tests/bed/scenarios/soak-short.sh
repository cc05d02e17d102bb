#!/bin/sh
# Lifecycle soak, short: stock netfront on our netback, 5 detach/attach + 1 save/restore + 1 reload.
# bed-timeout: 900
# Cycles run under iperf3 --bidir; the save/restore caps the restored vif at 1 queue
# (xnet-max-queues); dom0's event channels, kthreads, ring mappings and memory are compared
# with their baselines at the end (soak-lib.inc has the figures and tolerances).
SOAK_NETFRONT=stock
. /bed/scenarios/soak-lib.inc
soak_main 5 1 1 0 900
