// SPDX-License-Identifier: GPL-2.0
/* json-check < FILE: exit 0 when FILE is valid JSON (one or more documents). */
#include <stdio.h>
#include <stdlib.h>

#include "json_check.h"

int main(void)
{
	char *text = NULL;
	size_t len = 0, where;
	FILE *mem = open_memstream(&text, &len);
	int ch;
	bool ok;

	if (!mem)
		return 2;
	while ((ch = getchar()) != EOF)
		fputc(ch, mem);
	fclose(mem);
	ok = json_check(text, &where);
	if (!ok)
		fprintf(stderr, "json-check: invalid JSON at byte %zu\n", where);
	free(text);
	return ok ? 0 : 1;
}
