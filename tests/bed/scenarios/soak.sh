#!/bin/sh
# Lifecycle soak (make soak): SOAK_DETACH detach/attach [200], SOAK_SAVE save/restore [20],
# SOAK_CHANNELS ethtool -L down and up [20], 1 netback reload.
# bed-timeout: 14400
# SOAK_NETFRONT [ours] in the guest, our netback in dom0, cycles under iperf3 --bidir; odd
# save/restore cycles cap the restored vif at 1 queue (xnet-max-queues); ethtool -L cycles
# need our netfront.  The counts come from /bed/scenarios/soak.env, written by `make soak`
# on the host (defaults above when absent).  Cycles stop 300 s before the bed-timeout and
# the run fails if not all of them ran (soak-lib.inc).
SOAK_DETACH=200
SOAK_SAVE=20
SOAK_CHANNELS=20
SOAK_RELOAD=1
SOAK_NETFRONT=ours
[ -f /bed/scenarios/soak.env ] && . /bed/scenarios/soak.env
. /bed/scenarios/soak-lib.inc
for v in "$SOAK_DETACH" "$SOAK_SAVE" "$SOAK_CHANNELS" "$SOAK_RELOAD"; do
	case $v in ''|*[!0-9]*) fail "soak.env: counts must be numbers (detach '$SOAK_DETACH', save '$SOAK_SAVE', channels '$SOAK_CHANNELS', reload '$SOAK_RELOAD')"; exit 0 ;; esac
done
case $SOAK_NETFRONT in stock|ours) ;; *) fail "soak.env: SOAK_NETFRONT must be stock or ours (got '$SOAK_NETFRONT')"; exit 0 ;; esac
soak_main "$SOAK_DETACH" "$SOAK_SAVE" "$SOAK_RELOAD" "$SOAK_CHANNELS" \
	"$(sed -n 's/^# bed-timeout: *\([0-9]*\).*/\1/p' /bed/scenarios/soak.sh | head -n 1)"
