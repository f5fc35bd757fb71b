/* unitab: the Unicode facts Python's str methods rely on, as sorted tables
 * generated from Python 3.11 (Unicode 14.0) by gen_unitab.py. The lookups
 * that use them are in ustr.h.
 *
 * Range tables are {first, last} pairs. Case tables are {first, last, delta,
 * stride} runs (a code point c in the run with (c - first) % stride == 0 maps
 * to c + delta); *_full tables list the code points whose mapping is longer
 * than one character ({c, m1, m2, m3}, unused slots 0).
 */
#ifndef OSMO_TMPL_UNITAB_H
#define OSMO_TMPL_UNITAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const uint32_t unitab_nonprint[][2];
extern const size_t unitab_nonprint_len;
extern const uint32_t unitab_word[][2];
extern const size_t unitab_word_len;
extern const uint32_t unitab_digit[][2];
extern const size_t unitab_digit_len;
extern const uint32_t unitab_cased[][2];
extern const size_t unitab_cased_len;
extern const int32_t unitab_upper[][4];
extern const size_t unitab_upper_len;
extern const int32_t unitab_lower[][4];
extern const size_t unitab_lower_len;
extern const int32_t unitab_title[][4];
extern const size_t unitab_title_len;
extern const uint32_t unitab_upper_full[][4];
extern const size_t unitab_upper_full_len;
extern const uint32_t unitab_lower_full[][4];
extern const size_t unitab_lower_full_len;
extern const uint32_t unitab_title_full[][4];
extern const size_t unitab_title_full_len;

#endif
