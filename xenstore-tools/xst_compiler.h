/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's spellings of two compiler idioms, for userspace. */
#ifndef XST_COMPILER_H
#define XST_COMPILER_H

#define __printf(fmt, args)	__attribute__((format(printf, fmt, args)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#endif
