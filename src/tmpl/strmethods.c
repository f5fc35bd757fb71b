/* strmethods: Python str methods (see strmethods.h). Every method checks
 * its arguments the way CPython does and raises the same exception types.
 * Positions given to and returned from methods are code point indexes.
 */
#include "tmpl/strmethods.h"

#include <string.h>

#include "tmpl/printf.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })
#define S(v) ((v).u.s->data)
#define L(v) ((v).u.s->len)

bool strmethods_need_ascii(struct rt *rt, const struct node *at, struct tv s, const char *what)
{
	if (tv_str_ascii(s))
		return true;
	rt_err(rt, at, RULE_UNSUPPORTED, "%s of non-ASCII text is not supported by osmo-tui's template engine", what);
	return false;
}

/* Positional-only arguments between min and max, no keywords. */
static int posargs(struct rt *rt, const struct node *at, const char *name, const struct args *a, uint32_t min,
		   uint32_t max)
{
	if (a->nkw) {
		rt_exc(rt, at, "TypeError", "%s() takes no keyword arguments", name);
		return -1;
	}
	if (a->npos < min || a->npos > max) {
		if (max == 0)
			rt_exc(rt, at, "TypeError", "%s() takes no arguments (%u given)", name, a->npos);
		else if (min == max)
			rt_exc(rt, at, "TypeError", "%s() takes exactly one argument (%u given)", name, a->npos);
		else
			rt_exc(rt, at, "TypeError", "%s expected %s %u argument%s, got %u", name,
			       a->npos < min ? "at least" : "at most", a->npos < min ? min : max,
			       (a->npos < min ? min : max) == 1 ? "" : "s", a->npos);
		return -1;
	}
	return 0;
}

static int need_str(struct rt *rt, const struct node *at, struct tv v, const char *what)
{
	if (v.kind == TV_STR)
		return 0;
	if (rt_strict(v)) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	rt_exc(rt, at, "TypeError", "%s, not %s", what, tv_type_name(v));
	return -1;
}

/* --- case --- */

static struct tv convert(struct rt *rt, const struct node *at, struct tv s, int which, const char *name)
{
	struct buf b = BUF_INIT;
	int rc = which == 3 ? ustr_title(S(s), L(s), &b) : which == 4 ? ustr_capitalize(S(s), L(s), &b)
			    : ustr_convert(S(s), L(s), (enum ustr_case)which, &b);
	if (rc < 0) {
		buf_free(&b);
		return rt_err(rt, at, RULE_UNSUPPORTED, "%s() of text with a Greek capital sigma is not supported", name);
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

static struct tv m_upper(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return posargs(rt, at, "upper", a, 0, 0) < 0 ? FAILV : convert(rt, at, s, USTR_UPPER, "upper");
}

static struct tv m_lower(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return posargs(rt, at, "lower", a, 0, 0) < 0 ? FAILV : convert(rt, at, s, USTR_LOWER, "lower");
}

static struct tv m_title(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return posargs(rt, at, "title", a, 0, 0) < 0 ? FAILV : convert(rt, at, s, 3, "title");
}

static struct tv m_capitalize(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return posargs(rt, at, "capitalize", a, 0, 0) < 0 ? FAILV : convert(rt, at, s, 4, "capitalize");
}

static struct tv m_swapcase(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "swapcase", a, 0, 0) < 0 || !strmethods_need_ascii(rt, at, s, "swapcase()"))
		return FAILV;
	struct tv r = tv_str(S(s), L(s));
	if (IS_ERR(r))
		return rt_oom(rt, at);
	for (size_t i = 0; i < L(r); i++) {
		char c = r.u.s->data[i];
		if (c >= 'a' && c <= 'z')
			r.u.s->data[i] = (char)(c - 32);
		else if (c >= 'A' && c <= 'Z')
			r.u.s->data[i] = (char)(c + 32);
	}
	return r;
}

/* --- strip --- */

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

struct tv strmethods_strip(struct rt *rt, const struct node *at, struct tv s, const char *chars, size_t clen,
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

static struct tv strip_common(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name,
			      char which)
{
	if (posargs(rt, at, name, a, 0, 1) < 0)
		return FAILV;
	if (a->npos && a->pos[0].kind != TV_NONE) {
		if (a->pos[0].kind != TV_STR)
			return rt_exc(rt, at, "TypeError", "%s arg must be None or str", name);
		return strmethods_strip(rt, at, s, S(a->pos[0]), L(a->pos[0]), which);
	}
	return strmethods_strip(rt, at, s, NULL, 0, which);
}

static struct tv m_strip(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return strip_common(rt, at, s, a, "strip", 'b');
}

static struct tv m_lstrip(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return strip_common(rt, at, s, a, "lstrip", 'l');
}

static struct tv m_rstrip(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return strip_common(rt, at, s, a, "rstrip", 'r');
}

/* --- split --- */

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

struct tv strmethods_split(struct rt *rt, const struct node *at, struct tv s, const char *sep, size_t seplen,
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
	if (right) {
		struct tv_seq *q = list.u.seq;
		for (size_t i = 0; i < q->n / 2; i++) {
			struct tv t = q->v[i];
			q->v[i] = q->v[q->n - 1 - i];
			q->v[q->n - 1 - i] = t;
		}
	}
	return list;
}

static struct tv split_common(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name,
			      bool right)
{
	static const char *const params[] = { "sep", "maxsplit" };
	struct tv v[2];
	if (rt_bind(rt, at, name, a, params, 2, 0, 0, v) < 0)
		return FAILV;
	int64_t maxsplit = -1;
	if (v[1].kind != TV_MISSING) {
		if (v[1].kind != TV_INT && v[1].kind != TV_BOOL)
			return rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer", tv_type_name(v[1]));
		maxsplit = v[1].kind == TV_BOOL ? v[1].u.b : v[1].u.i;
	}
	if (v[0].kind == TV_MISSING || v[0].kind == TV_NONE)
		return strmethods_split(rt, at, s, NULL, 0, maxsplit, right);
	if (need_str(rt, at, v[0], "must be str or None") < 0)
		return FAILV;
	return strmethods_split(rt, at, s, S(v[0]), L(v[0]), maxsplit, right);
}

static struct tv m_split(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return split_common(rt, at, s, a, "split", false);
}

static struct tv m_rsplit(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return split_common(rt, at, s, a, "rsplit", true);
}

static bool linebreak(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
	       c == 0x85 || c == 0x2028 || c == 0x2029;
}

struct tv strmethods_splitlines(struct rt *rt, const struct node *at, struct tv s, bool keepends)
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

static struct tv m_splitlines(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	static const char *const params[] = { "keepends" };
	struct tv v[1];
	if (rt_bind(rt, at, "splitlines", a, params, 1, 0, 0, v) < 0)
		return FAILV;
	bool keep = false;
	if (v[0].kind != TV_MISSING && rt_truth(rt, at, v[0], &keep) < 0)
		return FAILV;
	return strmethods_splitlines(rt, at, s, keep);
}

/* --- replace / join --- */

struct tv strmethods_replace(struct rt *rt, const struct node *at, struct tv s, struct tv old, struct tv new_,
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

static struct tv m_replace(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "replace", a, 2, 3) < 0)
		return FAILV;
	if (need_str(rt, at, a->pos[0], "replace() argument 1 must be str") < 0 ||
	    need_str(rt, at, a->pos[1], "replace() argument 2 must be str") < 0)
		return FAILV;
	int64_t count = -1;
	if (a->npos == 3) {
		if (a->pos[2].kind != TV_INT && a->pos[2].kind != TV_BOOL)
			return rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer",
				      tv_type_name(a->pos[2]));
		count = a->pos[2].kind == TV_BOOL ? a->pos[2].u.b : a->pos[2].u.i;
	}
	return strmethods_replace(rt, at, s, a->pos[0], a->pos[1], count);
}

static struct tv m_join(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "join", a, 1, 1) < 0)
		return FAILV;
	struct iter it;
	if (rt_iter(rt, at, a->pos[0], &it) < 0) {
		if (!rt_strict(a->pos[0])) {
			rt->failed = false;
			return rt_exc(rt, at, "TypeError", "can only join an iterable");
		}
		return FAILV;
	}
	struct buf b = BUF_INIT;
	struct tv x;
	int r, i = 0;
	while ((r = rt_next(rt, at, &it, &x)) > 0) {
		if (x.kind != TV_STR) {
			rt_exc(rt, at, "TypeError", "sequence item %d: expected str instance, %s found", i, tv_type_name(x));
			tv_drop(x);
			r = -1;
			break;
		}
		if (i++)
			buf_add(&b, S(s), L(s));
		buf_add(&b, S(x), L(x));
		tv_drop(x);
		if (rt_too_big(rt, at, b.len)) {
			r = -1;
			break;
		}
	}
	rt_iter_free(&it);
	if (r < 0) {
		buf_free(&b);
		return FAILV;
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

/* --- searching --- */

/* Optional start/end slice arguments (code points) -> byte range. */
static int range_args(struct rt *rt, const struct node *at, struct tv s, const struct args *a, uint32_t first,
		      size_t *bstart, size_t *bend)
{
	int64_t n = (int64_t)tv_str_chars(s);
	int64_t idx[2] = { 0, n };
	for (uint32_t k = 0; k < 2; k++) {
		if (first + k >= a->npos || a->pos[first + k].kind == TV_NONE)
			continue;
		struct tv v = a->pos[first + k];
		if (v.kind != TV_INT && v.kind != TV_BOOL) {
			rt_exc(rt, at, "TypeError", "slice indices must be integers or None or have an __index__ method");
			return -1;
		}
		int64_t x = v.kind == TV_BOOL ? v.u.b : v.u.i;
		if (x < 0)
			x = x + n < 0 ? 0 : x + n;
		idx[k] = x > n ? n : x;
	}
	if (idx[1] < idx[0]) {
		*bstart = *bend = SIZE_MAX;
		return 0;
	}
	*bstart = ustr_offset(S(s), L(s), (size_t)idx[0]);
	*bend = *bstart + ustr_offset(S(s) + *bstart, L(s) - *bstart, (size_t)(idx[1] - idx[0]));
	return 0;
}

static struct tv find_common(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name,
			     bool rev, bool raise)
{
	if (posargs(rt, at, name, a, 1, 3) < 0)
		return FAILV;
	if (need_str(rt, at, a->pos[0], "must be str") < 0)
		return FAILV;
	size_t bs, be;
	if (range_args(rt, at, s, a, 1, &bs, &be) < 0)
		return FAILV;
	size_t f = SIZE_MAX;
	if (bs != SIZE_MAX) {
		if (rev)
			f = ustr_rfind(S(s), be, S(a->pos[0]), L(a->pos[0]), bs);
		else
			f = ustr_find(S(s), be, S(a->pos[0]), L(a->pos[0]), bs);
	}
	if (f == SIZE_MAX)
		return raise ? rt_exc(rt, at, "ValueError", "substring not found") : tv_int(-1);
	return tv_int((int64_t)ustr_count(S(s), f));
}

static struct tv m_find(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return find_common(rt, at, s, a, "find", false, false);
}

static struct tv m_rfind(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return find_common(rt, at, s, a, "rfind", true, false);
}

static struct tv m_index(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return find_common(rt, at, s, a, "index", false, true);
}

static struct tv m_rindex(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return find_common(rt, at, s, a, "rindex", true, true);
}

static struct tv m_count(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "count", a, 1, 3) < 0 || need_str(rt, at, a->pos[0], "must be str") < 0)
		return FAILV;
	size_t bs, be;
	if (range_args(rt, at, s, a, 1, &bs, &be) < 0)
		return FAILV;
	if (bs == SIZE_MAX)
		return tv_int(0);
	size_t nl = L(a->pos[0]);
	if (nl == 0)
		return tv_int((int64_t)ustr_count(S(s) + bs, be - bs) + 1);
	int64_t n = 0;
	for (size_t i = bs; (i = ustr_find(S(s), be, S(a->pos[0]), nl, i)) != SIZE_MAX; i += nl)
		n++;
	return tv_int(n);
}

static struct tv affix(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name, bool end)
{
	if (posargs(rt, at, name, a, 1, 3) < 0)
		return FAILV;
	size_t bs, be;
	if (range_args(rt, at, s, a, 1, &bs, &be) < 0)
		return FAILV;
	struct tv want = a->pos[0];
	size_t n = want.kind == TV_TUPLE ? want.u.seq->n : 1;
	for (size_t i = 0; i < n; i++) {
		struct tv w = want.kind == TV_TUPLE ? want.u.seq->v[i] : want;
		if (w.kind != TV_STR) {
			if (want.kind == TV_TUPLE)
				return rt_exc(rt, at, "TypeError", "tuple for %s must only contain str, not %s", name,
					      tv_type_name(w));
			if (rt_strict(w))
				return rt_undef_err(rt, at, w);
			return rt_exc(rt, at, "TypeError", "%s first arg must be str or a tuple of str, not %s", name,
				      tv_type_name(w));
		}
		if (bs == SIZE_MAX || be - bs < L(w))
			continue;
		if (memcmp(S(s) + (end ? be - L(w) : bs), S(w), L(w)) == 0)
			return tv_bool(true);
	}
	return tv_bool(false);
}

static struct tv m_startswith(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return affix(rt, at, s, a, "startswith", false);
}

static struct tv m_endswith(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return affix(rt, at, s, a, "endswith", true);
}

static struct tv m_removeaffix(struct rt *rt, const struct node *at, struct tv s, struct args *a, bool suffix)
{
	const char *name = suffix ? "removesuffix" : "removeprefix";
	if (posargs(rt, at, name, a, 1, 1) < 0 || need_str(rt, at, a->pos[0], name) < 0)
		return FAILV;
	size_t n = L(a->pos[0]);
	if (n <= L(s) && memcmp(S(s) + (suffix ? L(s) - n : 0), S(a->pos[0]), n) == 0)
		return rt_chk(rt, at, tv_str(S(s) + (suffix ? 0 : n), L(s) - n));
	return tv_ref(s);
}

static struct tv m_removeprefix(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return m_removeaffix(rt, at, s, a, false);
}

static struct tv m_removesuffix(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return m_removeaffix(rt, at, s, a, true);
}

static struct tv partition(struct rt *rt, const struct node *at, struct tv s, struct args *a, bool rev)
{
	const char *name = rev ? "rpartition" : "partition";
	if (posargs(rt, at, name, a, 1, 1) < 0 || need_str(rt, at, a->pos[0], "must be str") < 0)
		return FAILV;
	if (L(a->pos[0]) == 0)
		return rt_exc(rt, at, "ValueError", "empty separator");
	size_t f = rev ? ustr_rfind(S(s), L(s), S(a->pos[0]), L(a->pos[0]), 0)
		       : ustr_find(S(s), L(s), S(a->pos[0]), L(a->pos[0]), 0);
	struct tv t = tv_tuple_new(3);
	if (f == SIZE_MAX) {
		tv_list_push(t, rev ? tv_str("", 0) : tv_ref(s));
		tv_list_push(t, tv_str("", 0));
		tv_list_push(t, rev ? tv_ref(s) : tv_str("", 0));
	} else {
		tv_list_push(t, tv_str(S(s), f));
		tv_list_push(t, tv_ref(a->pos[0]));
		tv_list_push(t, tv_str(S(s) + f + L(a->pos[0]), L(s) - f - L(a->pos[0])));
	}
	if (IS_ERR(t) || t.u.seq->oom) {
		tv_drop(t);
		return rt_oom(rt, at);
	}
	return t;
}

static struct tv m_partition(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return partition(rt, at, s, a, false);
}

static struct tv m_rpartition(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return partition(rt, at, s, a, true);
}

/* --- padding --- */

static int width_arg(struct rt *rt, const struct node *at, struct tv v, int64_t *out)
{
	if (v.kind != TV_INT && v.kind != TV_BOOL) {
		rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer", tv_type_name(v));
		return -1;
	}
	*out = v.kind == TV_BOOL ? v.u.b : v.u.i;
	return rt_too_big(rt, at, *out > 0 ? (size_t)*out * 4 : 0) ? -1 : 0;
}

static struct tv justify(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name, char how)
{
	if (posargs(rt, at, name, a, 1, 2) < 0)
		return FAILV;
	int64_t width;
	if (width_arg(rt, at, a->pos[0], &width) < 0)
		return FAILV;
	const char *fill = " ";
	size_t flen = 1;
	if (a->npos == 2) {
		struct tv f = a->pos[1];
		if (f.kind != TV_STR || tv_str_chars(f) != 1)
			return rt_exc(rt, at, "TypeError", "The fill character must be exactly one character long");
		fill = S(f);
		flen = L(f);
	}
	int64_t n = (int64_t)tv_str_chars(s);
	if (width <= n)
		return tv_ref(s);
	int64_t marg = width - n, left;
	if (how == '<')
		left = 0;
	else if (how == '>')
		left = marg;
	else
		left = marg / 2 + (marg & width & 1);
	struct buf b = BUF_INIT;
	for (int64_t i = 0; i < left; i++)
		buf_add(&b, fill, flen);
	buf_add(&b, S(s), L(s));
	for (int64_t i = 0; i < marg - left; i++)
		buf_add(&b, fill, flen);
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

static struct tv m_center(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return justify(rt, at, s, a, "center", '^');
}

static struct tv m_ljust(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return justify(rt, at, s, a, "ljust", '<');
}

static struct tv m_rjust(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return justify(rt, at, s, a, "rjust", '>');
}

static struct tv m_zfill(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "zfill", a, 1, 1) < 0)
		return FAILV;
	int64_t width;
	if (width_arg(rt, at, a->pos[0], &width) < 0)
		return FAILV;
	int64_t n = (int64_t)tv_str_chars(s);
	if (width <= n)
		return tv_ref(s);
	struct buf b = BUF_INIT;
	size_t skip = L(s) && (S(s)[0] == '+' || S(s)[0] == '-') ? 1 : 0;
	buf_add(&b, S(s), skip);
	buf_repeat(&b, '0', (size_t)(width - n));
	buf_add(&b, S(s) + skip, L(s) - skip);
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

/* --- predicates --- */

static struct tv predicate(struct rt *rt, const struct node *at, struct tv s, struct args *a, const char *name,
			   bool (*ok)(char c), bool ascii_only)
{
	if (posargs(rt, at, name, a, 0, 0) < 0)
		return FAILV;
	if (ascii_only && !strmethods_need_ascii(rt, at, s, name))
		return FAILV;
	if (L(s) == 0)
		return tv_bool(false);
	for (size_t i = 0; i < L(s); i++)
		if (!ok(S(s)[i]))
			return tv_bool(false);
	return tv_bool(true);
}

static bool c_digit(char c) { return c >= '0' && c <= '9'; }
static bool c_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool c_alnum(char c) { return c_digit(c) || c_alpha(c); }

static struct tv m_isdigit(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return predicate(rt, at, s, a, "isdigit", c_digit, true);
}

static struct tv m_isalpha(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return predicate(rt, at, s, a, "isalpha", c_alpha, true);
}

static struct tv m_isalnum(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return predicate(rt, at, s, a, "isalnum", c_alnum, true);
}

static struct tv m_isdecimal(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "isdecimal", a, 0, 0) < 0)
		return FAILV;
	size_t i = 0;
	while (i < L(s))
		if (ustr_digit(ustr_next(S(s), L(s), &i)) < 0)
			return tv_bool(false);
	return tv_bool(L(s) > 0);
}

static struct tv m_isspace(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "isspace", a, 0, 0) < 0)
		return FAILV;
	size_t i = 0;
	while (i < L(s))
		if (!ustr_space(ustr_next(S(s), L(s), &i)))
			return tv_bool(false);
	return tv_bool(L(s) > 0);
}

static struct tv m_isascii(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (posargs(rt, at, "isascii", a, 0, 0) < 0)
		return FAILV;
	return tv_bool(tv_str_ascii(s));
}

static struct tv case_pred(struct rt *rt, const struct node *at, struct tv s, struct args *a, bool upper)
{
	const char *name = upper ? "isupper" : "islower";
	if (posargs(rt, at, name, a, 0, 0) < 0 || !strmethods_need_ascii(rt, at, s, name))
		return FAILV;
	bool cased = false;
	for (size_t i = 0; i < L(s); i++) {
		char c = S(s)[i];
		if ((c >= 'a' && c <= 'z' && upper) || (c >= 'A' && c <= 'Z' && !upper))
			return tv_bool(false);
		cased |= c_alpha(c);
	}
	return tv_bool(cased);
}

static struct tv m_isupper(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return case_pred(rt, at, s, a, true);
}

static struct tv m_islower(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return case_pred(rt, at, s, a, false);
}

/* --- formatting --- */

static struct tv m_format(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	return tmpl_format(rt, at, s, a);
}

static struct tv m_format_map(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "format_map() takes no keyword arguments");
	if (a->npos != 1)
		return rt_exc(rt, at, "TypeError", "format_map() takes exactly one argument (%u given)", a->npos);
	struct tv d = a->pos[0];
	if (d.kind != TV_DICT)
		return rt_err(rt, at, RULE_UNSUPPORTED, "format_map() needs a dict in osmo-tui's template engine");
	struct args kw = { 0 };
	kw.kw = tv_alloc((d.u.d->n + 1) * sizeof *kw.kw);
	if (!kw.kw)
		return rt_oom(rt, at);
	for (size_t i = 0; i < d.u.d->n; i++)
		if (d.u.d->e[i].key.kind == TV_STR)
			kw.kw[kw.nkw++] = (struct kwarg){ S(d.u.d->e[i].key), L(d.u.d->e[i].key), d.u.d->e[i].val };
	struct tv r = tmpl_format(rt, at, s, &kw);
	tv_free(kw.kw, (d.u.d->n + 1) * sizeof *kw.kw);
	return r;
}

static const struct {
	const char *name;
	method_fn fn;
} str_methods[] = {
	{ "upper", m_upper }, { "lower", m_lower }, { "title", m_title }, { "capitalize", m_capitalize },
	{ "swapcase", m_swapcase }, { "strip", m_strip }, { "lstrip", m_lstrip }, { "rstrip", m_rstrip },
	{ "split", m_split }, { "rsplit", m_rsplit }, { "splitlines", m_splitlines }, { "replace", m_replace },
	{ "join", m_join }, { "find", m_find }, { "rfind", m_rfind }, { "index", m_index }, { "rindex", m_rindex },
	{ "count", m_count }, { "startswith", m_startswith }, { "endswith", m_endswith },
	{ "removeprefix", m_removeprefix }, { "removesuffix", m_removesuffix }, { "partition", m_partition },
	{ "rpartition", m_rpartition }, { "center", m_center }, { "ljust", m_ljust }, { "rjust", m_rjust },
	{ "zfill", m_zfill }, { "isdigit", m_isdigit }, { "isalpha", m_isalpha }, { "isalnum", m_isalnum },
	{ "isdecimal", m_isdecimal }, { "isspace", m_isspace }, { "isascii", m_isascii },
	{ "isupper", m_isupper }, { "islower", m_islower }, { "format", m_format }, { "format_map", m_format_map },
};

method_fn strmethods_find(const char *name, size_t len, const char **canon)
{
	for (size_t i = 0; i < sizeof str_methods / sizeof str_methods[0]; i++)
		if (strlen(str_methods[i].name) == len && memcmp(str_methods[i].name, name, len) == 0) {
			*canon = str_methods[i].name;
			return str_methods[i].fn;
		}
	return NULL;
}
