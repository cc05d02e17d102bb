// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Control-ring request parameter checks (backend side). */
#include "ctrl_check.h"

#define XNET_MAPPING_ENTRY_SIZE		sizeof(u32)
#define XNET_MAPPING_PAGE_ENTRIES	(XNET_PAGE_SIZE / XNET_MAPPING_ENTRY_SIZE)

u32 xnet_ctrl_check_hash_flags(u32 flags, u32 supported)
{
	if (flags & ~(supported & XNET_HASH_TYPE_ALL))
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	return XNET_CTRL_STATUS_SUCCESS;
}

u32 xnet_ctrl_check_algorithm(u32 algorithm)
{
	if (algorithm != XNET_HASH_ALGORITHM_NONE &&
	    algorithm != XNET_HASH_ALGORITHM_TOEPLITZ)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	return XNET_CTRL_STATUS_SUCCESS;
}

u32 xnet_ctrl_check_hash_key_len(u32 len)
{
	if (len > XNET_HASH_KEY_SIZE_MAX)
		return XNET_CTRL_STATUS_BUFFER_OVERFLOW;
	return XNET_CTRL_STATUS_SUCCESS;
}

u32 xnet_ctrl_check_mapping_size(u32 size)
{
	if (size > XNET_HASH_MAPPING_SIZE_MAX)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	return XNET_CTRL_STATUS_SUCCESS;
}

u32 xnet_ctrl_check_mapping_update(u32 map_size, u32 off, u32 len)
{
	if (len > XNET_MAPPING_PAGE_ENTRIES)
		return XNET_CTRL_STATUS_BUFFER_OVERFLOW;
	if (off > map_size || len > map_size - off)
		return XNET_CTRL_STATUS_INVALID_PARAMETER;
	return XNET_CTRL_STATUS_SUCCESS;
}
