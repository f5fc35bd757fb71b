/* uwidth: UTF-8 decoding and terminal column widths, without the C locale.
 *
 * The layout measures node labels in terminal columns. wcwidth() depends on
 * the process locale (and src/ must not depend on it), so this module has its
 * own small table: East Asian wide and fullwidth ranges and the common emoji
 * blocks are 2 columns, combining marks and zero-width characters 0, control
 * characters are reported as -1, everything else 1. Strings are decoded with
 * pychar_decode(): invalid UTF-8 becomes U+FFFD, one byte at a time, so every
 * byte string can be measured.
 */
#ifndef OSMO_UWIDTH_H
#define OSMO_UWIDTH_H

#include <stddef.h>
#include <stdint.h>

#define UWIDTH_REPLACEMENT 0xFFFDu

/* Encode cp as UTF-8 into out (room for 4 bytes); returns the length (1..4). */
size_t uwidth_encode(uint32_t cp, char *out);
/* Columns of cp: 0, 1 or 2; -1 for control characters (C0, DEL, C1). */
int uwidth_cp(uint32_t cp);
/* Columns of the NUL-terminated UTF-8 string s (control characters count 1). */
size_t uwidth_str(const char *s);

#endif
