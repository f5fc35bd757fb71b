/* escapes.h: the line escapes of the differential tests (tests only).
 * tests/unit/probelib.py writes values with \\ \n \t \r and \xHH; the
 * probe and test_pyre (reading pyre_cases.txt) undo them with this. */
#ifndef OSMO_TEST_ESCAPES_H
#define OSMO_TEST_ESCAPES_H

#include <stddef.h>

static inline int escapes_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Undo the escapes of s[0..n) in place; returns the new length. */
static inline size_t escapes_undo(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			s[o++] = s[i];
			continue;
		}
		char c = s[++i];
		if (c == 'x' && i + 2 < n && escapes_hex(s[i + 1]) >= 0 && escapes_hex(s[i + 2]) >= 0) {
			s[o++] = (char)(escapes_hex(s[i + 1]) * 16 + escapes_hex(s[i + 2]));
			i += 2;
		} else {
			s[o++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		}
	}
	return o;
}

#endif
