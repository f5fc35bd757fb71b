/* strops: the str operations shared by methods and filters (see
 * strops.h): strip, split/rsplit (whitespace or separator, maxsplit),
 * splitlines with Python's line boundaries, replace with count.
 */
#include "tmpl/strops.h"

#include <string.h>

#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })
#define S(v) ((v).u.s->data)
#define L(v) ((v).u.s->len)

static bool in_chars(uint32_t c, const char *chars, size_t clen)
{
	if (!chars)
		return ustr_space(c);
	size_t i = 0;
	while (i < clen)
		if (ustr_next(chars, clen, &i) == c)
			return true;
	return false;
}

struct tv strops_strip(struct rt *rt, const struct node *at, struct tv s, const char *chars, size_t clen,
		       char which)
{
	const char *p = S(s);
	size_t len = L(s), a = 0, b = len;
	if (which != 'r')
		while (a < b) {
			size_t k = a;
			if (!in_chars(ustr_next(p, len, &k), chars, clen))
				break;
			a = k;
		}
	if (which != 'l')
		while (b > a) {
			size_t q = b - 1;
			while (q > a && ((unsigned char)p[q] & 0xC0) == 0x80)
				q--;
			size_t k = q;
			if (!in_chars(ustr_next(p, len, &k), chars, clen))
				break;
			b = q;
		}
	if (a == 0 && b == len)
		return tv_ref(s);
	return rt_chk(rt, at, tv_str(p + a, b - a));
}

static int push_piece(struct tv list, const char *p, size_t n)
{
	return tv_list_push(list, tv_str(p, n));
}

static bool space_at(const char *p, size_t len, size_t i, size_t *next)
{
	size_t k = i;
	bool sp = ustr_space(ustr_next(p, len, &k));
	*next = k;
	return sp;
}

static size_t prev_start(const char *p, size_t i)
{
	size_t q = i - 1;
	while (q > 0 && ((unsigned char)p[q] & 0xC0) == 0x80)
		q--;
	return q;
}

struct tv strops_split(struct rt *rt, const struct node *at, struct tv s, const char *sep, size_t seplen,
		       int64_t maxsplit, bool right)
{
	const char *p = S(s);
	size_t len = L(s);
	struct tv list = tv_list_new(0);
	if (IS_ERR(list))
		return rt_oom(rt, at);
	if (maxsplit < 0)
		maxsplit = INT64_MAX;
	if (sep && seplen == 0) {
		tv_drop(list);
		return rt_exc(rt, at, "ValueError", "empty separator");
	}
	if (sep && !right) {
		size_t i = 0;
		while (maxsplit-- > 0) {
			size_t f = ustr_find(p, len, sep, seplen, i);
			if (f == SIZE_MAX)
				break;
			push_piece(list, p + i, f - i);
			i = f + seplen;
		}
		push_piece(list, p + i, len - i);
	} else if (sep) {
		/* rsplit: collect from the right, then reverse */
		size_t end = len;
		while (maxsplit-- > 0) {
			size_t f = ustr_rfind(p, end, sep, seplen, 0);
			if (f == SIZE_MAX)
				break;
			push_piece(list, p + f + seplen, end - f - seplen);
			end = f;
		}
		push_piece(list, p, end);
	} else if (!right) {
		size_t i = 0, k;
		for (;;) {
			while (i < len && space_at(p, len, i, &k))
				i = k;
			if (i >= len)
				break;
			if (maxsplit-- <= 0) {
				size_t e = len;
				push_piece(list, p + i, e - i);
				break;
			}
			size_t j = i;
			while (j < len && !space_at(p, len, j, &k))
				j = k;
			push_piece(list, p + i, j - i);
			i = j;
		}
	} else {
		size_t e = len, k;
		for (;;) {
			while (e > 0 && space_at(p, len, prev_start(p, e), &k))
				e = prev_start(p, e);
			if (e == 0)
				break;
			if (maxsplit-- <= 0) {
				push_piece(list, p, e);
				break;
			}
			size_t b = e;
			while (b > 0 && !space_at(p, len, prev_start(p, b), &k))
				b = prev_start(p, b);
			push_piece(list, p + b, e - b);
			e = b;
		}
	}
	if (list.u.seq->oom) {
		tv_drop(list);
		return rt_oom(rt, at);
	}
	if (right)
		tv_seq_reverse(list);
	return list;
}

static bool linebreak(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
	       c == 0x85 || c == 0x2028 || c == 0x2029;
}

struct tv strops_splitlines(struct rt *rt, const struct node *at, struct tv s, bool keepends)
{
	const char *p = S(s);
	size_t len = L(s), i = 0;
	struct tv list = tv_list_new(0);
	if (IS_ERR(list))
		return rt_oom(rt, at);
	while (i < len) {
		size_t start = i, k = i, eol;
		for (;;) {
			if (k >= len) {
				eol = k;
				i = k;
				break;
			}
			size_t c0 = k;
			uint32_t c = ustr_next(p, len, &k);
			if (linebreak(c)) {
				eol = c0;
				if (c == '\r' && k < len && p[k] == '\n')
					k++;
				i = k;
				break;
			}
		}
		push_piece(list, p + start, (keepends ? i : eol) - start);
	}
	if (list.u.seq->oom) {
		tv_drop(list);
		return rt_oom(rt, at);
	}
	return list;
}

struct tv strops_replace(struct rt *rt, const struct node *at, struct tv s, struct tv old, struct tv new_,
			 int64_t count)
{
	const char *p = S(s);
	size_t len = L(s);
	if (count < 0)
		count = INT64_MAX;
	struct buf b = BUF_INIT;
	if (L(old) == 0) {
		size_t i = 0;
		while (count > 0) {
			buf_add(&b, S(new_), L(new_));
			count--;
			if (i >= len)
				break;
			size_t k = i;
			ustr_next(p, len, &k);
			buf_add(&b, p + i, k - i);
			i = k;
			if (rt_too_big(rt, at, b.len)) {
				buf_free(&b);
				return FAILV;
			}
		}
		buf_add(&b, p + i, len - i);
	} else {
		size_t i = 0;
		while (count-- > 0) {
			size_t f = ustr_find(p, len, S(old), L(old), i);
			if (f == SIZE_MAX)
				break;
			buf_add(&b, p + i, f - i);
			buf_add(&b, S(new_), L(new_));
			i = f + L(old);
			if (rt_too_big(rt, at, b.len)) {
				buf_free(&b);
				return FAILV;
			}
		}
		buf_add(&b, p + i, len - i);
	}
	if (rt_too_big(rt, at, b.len)) {
		buf_free(&b);
		return FAILV;
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}
