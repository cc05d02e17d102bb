#!/bin/sh
# Lifecycle soak, short, our drivers at both ends: 3 detach/attach, 1 save/restore and
# 2 ethtool -L cycles (combined 1, then back), all under iperf3 --bidir.
# bed-timeout: 900
# The save/restore caps the restored vif at 1 queue (xnet-max-queues); dom0's event
# channels, kthreads, ring mappings and memory are compared with their baselines at the
# end (soak-lib.inc has the figures and tolerances).
SOAK_NETFRONT=ours
. /bed/scenarios/soak-lib.inc
soak_main 3 1 0 2 900
