/* markup: Markup strings (see markup.h). The flag lives on the string
 * object; marking a shared or immortal string copies it first. */
#include "tmpl/markup.h"

#include <string.h>

void markup_escape(const char *s, size_t n, struct buf *out)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&#34;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

bool markup_needs_escape(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] && strchr("&<>\"'", s[i]))
			return true;
	return false;
}

struct tv markup_mark(struct rt *rt, const struct node *at, struct tv s)
{
	if (s.kind != TV_STR || s.u.s->markup)
		return s;
	if (s.u.s->rc != 1) {
		struct tv c = tv_str(s.u.s->data, s.u.s->len);
		tv_drop(s);
		if (IS_ERR(c))
			return rt_oom(rt, at);
		s = c;
	}
	s.u.s->markup = 1;
	return s;
}

static bool in_words(const char *words, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = words; (p = strstr(p, name)); p += n)
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

bool markup_method_wraps(const char *name)
{
	return in_words("join split rsplit splitlines capitalize title lower upper replace ljust rjust lstrip "
			"rstrip center strip translate expandtabs swapcase zfill casefold removeprefix removesuffix "
			"partition rpartition format format_map", name);
}

bool markup_filter_keeps(const char *name)
{
	return in_words("upper lower capitalize trim center indent truncate string reverse format", name);
}
