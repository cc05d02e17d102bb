/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Parameter checks for control-ring requests (backend side), each
 * returning the XNET_CTRL_STATUS_* to answer. Semantics from Xen's
 * io/netif.h control-message descriptions.
 */
#ifndef XNET_CTRL_CHECK_H
#define XNET_CTRL_CHECK_H

#include <xnet/netif.h>
#include "xnet_types.h"

/* SET_HASH_FLAGS: only bits in supported (a subset of _ALL) allowed. */
u32 xnet_ctrl_check_hash_flags(u32 flags, u32 supported);

/* SET_HASH_ALGORITHM: NONE or TOEPLITZ. */
u32 xnet_ctrl_check_algorithm(u32 algorithm);

/* SET_HASH_KEY: len <= 40 (0 clears the key); larger: BUFFER_OVERFLOW. */
u32 xnet_ctrl_check_hash_key_len(u32 len);

/* SET_HASH_MAPPING_SIZE: 0 (modular) .. XNET_HASH_MAPPING_SIZE_MAX. */
u32 xnet_ctrl_check_mapping_size(u32 size);

/*
 * SET_HASH_MAPPING: len entries at offset off into a table of map_size
 * entries, read from one granted page. Range (overflow-safe) and page
 * fit are checked here; entry values with xnet_queue_map_valid().
 */
u32 xnet_ctrl_check_mapping_update(u32 map_size, u32 off, u32 len);

#endif /* XNET_CTRL_CHECK_H */
