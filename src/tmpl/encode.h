/* encode: the serialisations filters produce: Jinja's HTML-safe JSON
 * (|tojson: json.dumps with sort_keys, then <>&' as \u escapes) and URL
 * quoting (|urlencode), both byte-identical to Python's.
 */
#ifndef OSMO_TMPL_ENCODE_H
#define OSMO_TMPL_ENCODE_H

#include "tmpl/eval.h"

/* json.dumps(v, sort_keys=True, indent=indent) with Jinja's HTML escaping,
 * appended to out. indent NULL = compact (", " / ": "). Returns 0 or -1. */
int encode_json(struct rt *rt, const struct node *at, struct tv v, const char *indent, struct buf *out);
/* Werkzeug-style url_quote of s: safe characters are ASCII letters, digits,
 * "_.-~" and "/" (unless for_qs, which also turns spaces into "+"). */
void encode_url(const char *s, size_t len, bool for_qs, struct buf *out);

#endif
