/* SPDX-License-Identifier: GPL-2.0 */
/* A strict JSON validator (RFC 8259), so the tests need no jq. */
#ifndef XST_JSON_CHECK_H
#define XST_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when text holds one or more JSON documents separated by whitespace
 * (--watch --json prints one per change) and nothing else.  On failure,
 * *where is the offset of the first bad byte.
 */
bool json_check(const char *text, size_t *where);

#endif
