/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The one shim between core/ and its hosts: the same source builds inside
 * a kernel module (__KERNEL__) and in userspace tests and tools. Core code
 * uses only what is here: fixed-width types, bool, size_t, memcpy/memset,
 * strlen, EINVAL/ERANGE and byte-wise big-endian loads (no alignment
 * assumptions, no dependency on either side's unaligned-access headers).
 */
#ifndef XNET_TYPES_H
#define XNET_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int16_t s16;
typedef int32_t s32;
#endif

#define XNET_U32_MAX	0xFFFFFFFFU
#define XNET_U64_MAX	0xFFFFFFFFFFFFFFFFULL

static inline u16 xnet_load_be16(const u8 *p)
{
	return (u16)((p[0] << 8) | p[1]);
}

static inline u32 xnet_load_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static inline u16 xnet_load_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}

static inline u32 xnet_load_le32(const u8 *p)
{
	return p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
}

static inline void xnet_store_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

#endif /* XNET_TYPES_H */
