/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Toeplitz hash as the netif control ring specifies it (and as RSS does):
 * the key is a bit string, zero-extended past its length, and each set
 * input bit XORs the 32 key bits starting at that bit position into the
 * result. Keys are at most XNET_HASH_KEY_SIZE_MAX (40) bytes.
 *
 * Hash inputs, per Xen io/netif.h: IPv4 src|dst (8 B), plus ports (12 B);
 * IPv6 src|dst (32 B), plus ports (36 B). The XNET_HASH_TYPE_* flags a
 * frontend set on the control ring choose which input applies; ports are
 * used only for TCP in the protocol, and for UDP too when the caller adds
 * the local-only XNET_HASH_LOCAL_UDP* flags (never sent on the wire).
 */
#ifndef XNET_TOEPLITZ_H
#define XNET_TOEPLITZ_H

#include <xnet/netif.h>
#include "xnet_types.h"
#include "flow.h"

/* Local extensions to the hash-type flags: UDP 4-tuple. Bits the ctrl
 * ring never carries (xnet_ctrl_check_hash_flags rejects them there).
 */
#define XNET_HASH_LOCAL_UDP4	(1U << 16)
#define XNET_HASH_LOCAL_UDP6	(1U << 17)

/*
 * Default key: the 40-byte key of Microsoft's published RSS verification
 * suite, so hashes can be checked against public vectors and match what
 * Windows guests and most NICs use by default.
 */
extern const u8 xnet_toeplitz_default_key[XNET_HASH_KEY_SIZE_MAX];

/* Toeplitz hash of data[0..len) under key[0..key_len). key_len <= 40. */
u32 xnet_toeplitz(const u8 *key, size_t key_len, const u8 *data, size_t len);

/*
 * Hash a parsed flow honouring hash_flags (XNET_HASH_TYPE_* plus optional
 * XNET_HASH_LOCAL_*). A TCP flow with the _TCP type enabled hashes the
 * 4-tuple, otherwise the 2-tuple if the plain type is enabled.
 * Returns true and sets *hash and *type_bit (XNET_HASH_TYPE_*_BIT, the
 * value an extra-info's hash.type carries; UDP 4-tuples report the
 * plain IPv4/IPv6 bit) when a type applies; false when none does.
 */
bool xnet_toeplitz_flow(const u8 *key, size_t key_len, u32 hash_flags,
			const struct xnet_flow *flow, u32 *hash, u8 *type_bit);

#endif /* XNET_TOEPLITZ_H */
