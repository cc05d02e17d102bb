// SPDX-License-Identifier: GPL-2.0
/* Recursive-descent JSON validator; it builds nothing, only says yes or no. */
#include <string.h>

#include "json_check.h"

#define DEPTH_MAX	64

struct cursor {
	const char *p;
	int depth;
};

static bool value(struct cursor *c);

static void skip_ws(struct cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_hex(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool literal(struct cursor *c, const char *word)
{
	size_t len = strlen(word);

	if (strncmp(c->p, word, len))
		return false;
	c->p += len;
	return true;
}

static bool string(struct cursor *c)
{
	if (*c->p != '"')
		return false;
	for (c->p++; *c->p != '"'; c->p++) {
		unsigned char ch = (unsigned char)*c->p;

		if (!ch || ch < 0x20)
			return false;
		if (ch != '\\')
			continue;
		c->p++;
		if (*c->p == 'u') {
			int i;

			for (i = 1; i <= 4; i++)
				if (!is_hex(c->p[i]))
					return false;
			c->p += 4;
		} else if (!strchr("\"\\/bfnrt", *c->p) || !*c->p) {
			return false;
		}
	}
	c->p++;
	return true;
}

static bool digits(struct cursor *c)
{
	if (!is_digit(*c->p))
		return false;
	while (is_digit(*c->p))
		c->p++;
	return true;
}

static bool number(struct cursor *c)
{
	if (*c->p == '-')
		c->p++;
	if (*c->p == '0')
		c->p++;
	else if (!digits(c))
		return false;
	if (*c->p == '.') {
		c->p++;
		if (!digits(c))
			return false;
	}
	if (*c->p == 'e' || *c->p == 'E') {
		c->p++;
		if (*c->p == '+' || *c->p == '-')
			c->p++;
		if (!digits(c))
			return false;
	}
	return true;
}

/* Members or elements up to the closing bracket. */
static bool members(struct cursor *c, char close, bool keyed)
{
	if (++c->depth > DEPTH_MAX)
		return false;
	c->p++;
	skip_ws(c);
	if (*c->p == close) {
		c->p++;
		c->depth--;
		return true;
	}
	for (;;) {
		skip_ws(c);
		if (keyed) {
			if (!string(c))
				return false;
			skip_ws(c);
			if (*c->p++ != ':')
				return false;
		}
		if (!value(c))
			return false;
		skip_ws(c);
		if (*c->p == close) {
			c->p++;
			c->depth--;
			return true;
		}
		if (*c->p++ != ',')
			return false;
	}
}

static bool value(struct cursor *c)
{
	skip_ws(c);
	switch (*c->p) {
	case '{':
		return members(c, '}', true);
	case '[':
		return members(c, ']', false);
	case '"':
		return string(c);
	case 't':
		return literal(c, "true");
	case 'f':
		return literal(c, "false");
	case 'n':
		return literal(c, "null");
	default:
		return number(c);
	}
}

bool json_check(const char *text, size_t *where)
{
	struct cursor c = { .p = text };
	bool ok = true;

	skip_ws(&c);
	if (!*c.p)
		ok = false;
	while (ok && *c.p) {
		const char *end;

		ok = value(&c);
		end = c.p;
		skip_ws(&c);
		/* documents in a stream are separated by whitespace: "01" is not two */
		if (ok && *c.p && c.p == end)
			ok = false;
	}
	*where = (size_t)(c.p - text);
	return ok;
}
