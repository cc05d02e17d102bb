#!/bin/bash
# The README's demo: boots the bed and runs the demo scenario (our drivers on both ends,
# a multi-queue guest passing traffic, the XenStore layout and per-queue counters shown).
exec "$(dirname "$0")/bed.sh" run demo
