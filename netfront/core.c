// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared protocol core, compiled into this module: ring checks, flow
 * parsing, Toeplitz, queue map and negotiation are written once in core/
 * and used unchanged by both drivers and the userspace tests.
 */
#include "../core/ctrl_check.c"
#include "../core/flow.c"
#include "../core/negotiate.c"
#include "../core/queue_map.c"
#include "../core/ring_check.c"
#include "../core/toeplitz.c"
#include "../core/tx_validate.c"
