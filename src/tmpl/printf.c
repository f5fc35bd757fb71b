/* printf: Python's printf-style (%) formatting (see printf.h) and the
 * number layout shared with format.c. Floats go through one digit
 * generator (snprintf's correctly rounded %e/%f) and are laid out the way
 * CPython's format_float_short lays them out, so '%g', '{:.3}', '{:,.2f}'
 * and friends agree with Python.
 */
#include "tmpl/printf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/markup.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

/* --- number layout --- */

/* Python float to text for type e/E/f/F/g/G/r ('r' = repr), without sign
 * handling beyond a leading '-'. add_dot0: the format() '' type rules. */
void printf_float_text(double x, char type, int prec, bool alt, bool add_dot0, struct buf *out)
{
	bool upper = type == 'E' || type == 'F' || type == 'G';
	if (isnan(x) || isinf(x)) {
		if (isinf(x) && x < 0)
			buf_putc(out, '-');
		buf_puts(out, isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
		return;
	}
	if (type == 'r') {
		tv_float_repr(x, out);
		return;
	}
	char tmp[400];
	if (type == 'f' || type == 'F') {
		snprintf(tmp, sizeof tmp, alt ? "%#.*f" : "%.*f", prec, x);
		buf_puts(out, tmp);
		return;
	}
	if (type == 'e' || type == 'E') {
		snprintf(tmp, sizeof tmp, alt ? "%#.*e" : "%.*e", prec, x);
		if (upper)
			for (char *p = tmp; *p; p++)
				if (*p == 'e')
					*p = 'E';
		buf_puts(out, tmp);
		return;
	}
	/* 'g' / 'G' */
	int p = prec == 0 ? 1 : prec;
	snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
	char *s = tmp;
	if (*s == '-') {
		buf_putc(out, '-');
		s++;
	}
	char digits[64];
	int nd = 0;
	char *e = s;
	for (; *e && *e != 'e'; e++)
		if (*e != '.' && nd < 63)
			digits[nd++] = *e;
	if (nd == 0) {   /* cannot happen: %e writes a digit before the exponent */
		buf_puts(out, s);
		return;
	}
	int exp10 = atoi(e + 1);
	if (!alt)
		while (nd > 1 && digits[nd - 1] == '0')
			nd--;
	if (x == 0 && !alt)
		nd = 1;
	int decpt = exp10 + 1;
	bool use_exp = decpt <= -4 || decpt > (add_dot0 ? p - 1 : p);
	if (x == 0)
		use_exp = false, decpt = 1;
	if (use_exp) {
		buf_putc(out, digits[0]);
		if (nd > 1 || alt)
			buf_putc(out, '.');
		buf_add(out, digits + 1, (size_t)nd - 1);
		buf_printf(out, "%c%c%02d", upper ? 'E' : 'e', exp10 < 0 ? '-' : '+', abs(exp10));
		return;
	}
	if (decpt <= 0) {
		buf_puts(out, "0.");
		buf_repeat(out, '0', (size_t)-decpt);
		buf_add(out, digits, (size_t)nd);
	} else if (decpt >= nd) {
		buf_add(out, digits, (size_t)nd);
		buf_repeat(out, '0', (size_t)(decpt - nd));
		if (alt)
			buf_putc(out, '.');
		else if (add_dot0)
			buf_puts(out, ".0");
	} else {
		buf_add(out, digits, (size_t)decpt);
		buf_putc(out, '.');
		buf_add(out, digits + decpt, (size_t)(nd - decpt));
	}
}

/* Digits of |v| in base (2, 8, 10, 16) at the end of tmp[70]; returns
 * the start. */
static char *int_digits_at(int64_t v, int base, bool upper, char *tmp)
{
	char *p = tmp + 70;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		*--p = dig[u % (uint64_t)base];
		u /= (uint64_t)base;
	} while (u);
	return p;
}

void printf_int_digits(int64_t v, int base, bool upper, struct buf *out)
{
	char tmp[70];
	char *p = int_digits_at(v, base, upper, tmp);
	buf_add(out, p, (size_t)(tmp + 70 - p));
}

size_t printf_nchars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void fill_n(struct buf *out, const char *fill, size_t flen, size_t n)
{
	static const char zeros[16] = "0000000000000000", spaces[16] = "                ";
	if (flen == 1 && (fill[0] == '0' || fill[0] == ' ')) {
		const char *src = fill[0] == '0' ? zeros : spaces;
		while (n) {
			size_t k = n < 16 ? n : 16;
			rt_put(out, src, k);
			n -= k;
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		rt_put(out, fill, flen);
}

/* Pad body (after a sign/prefix) to width. align: '<', '>', '^', '='. */
void printf_pad(struct buf *out, const char *sign, const char *body, size_t blen, size_t width, char align,
		const char *fill)
{
	size_t slen = strlen(sign);
	size_t len = width ? slen + printf_nchars(body, blen) : 0;
	size_t padn = width > len ? width - len : 0;
	size_t flen = strlen(fill);
	if (align == '=') {
		rt_put(out, sign, slen);
		fill_n(out, fill, flen, padn);
		rt_put(out, body, blen);
		return;
	}
	size_t left = align == '<' ? 0 : align == '^' ? padn / 2 : padn;
	fill_n(out, fill, flen, left);
	rt_put(out, sign, slen);
	rt_put(out, body, blen);
	fill_n(out, fill, flen, padn - left);
}

/* --- printf-style --- */

struct pctx {
	struct rt *rt;
	const struct node *at;
	struct tv args;        /* tuple of positional args, or the single value */
	bool tuple;            /* args is a tuple */
	struct tv dict;        /* mapping for %(key)s, or none */
	size_t argi, nargs;
	bool markup;           /* the format is a Markup: escape %s/%r/%a */
};

static int next_arg(struct pctx *c, struct tv *out)
{
	if (c->argi >= c->nargs) {
		rt_exc(c->rt, c->at, "TypeError", "not enough arguments for format string");
		return -1;
	}
	*out = c->tuple ? c->args.u.seq->v[c->argi] : c->args;
	c->argi++;
	return 0;
}

/* mapping[key] as plain Python does it for '%(key)s' (borrowed result). */
static int mapping_get(struct rt *rt, const struct node *at, struct tv map, struct tv key, struct tv *out)
{
	if (map.kind == TV_UNDEF) {
		rt_undef_err(rt, at, map);
		return -1;
	}
	if (map.kind != TV_DICT) {
		rt_exc(rt, at, "TypeError", "%s indices must be integers or slices, not str", tv_type_name(map));
		return -1;
	}
	*out = tv_dict_get_v(map, key, NULL);
	if (out->kind == TV_MISSING) {
		struct buf r = BUF_INIT;
		tv_repr(key, &r);
		rt_exc(rt, at, "KeyError", "%s", buf_cstr(&r));
		buf_free(&r);
		return -1;
	}
	return 0;
}

struct pfmt_seg {
	uint32_t lit_off, lit_len;   /* literal text before the conversion */
	char type;                   /* 'd' or 's'; 0 for the trailing literal */
	bool zero, left;
	uint16_t width;
};

struct pfmt {
	uint32_t nseg, nconv;
	struct pfmt_seg seg[];
};

const struct pfmt *printf_compile(struct arena *a, const char *f, size_t n)
{
	uint32_t nconv = 0;
	for (size_t i = 0; i < n; i++)
		if (f[i] == '%')
			nconv++;
	if (nconv == 0 || nconv > 16 || n > UINT32_MAX)
		return NULL;
	struct pfmt *pf = arena_zalloc(a, sizeof *pf + (nconv + 1) * sizeof pf->seg[0]);
	if (!pf)
		return NULL;
	size_t i = 0, lit = 0;
	while (i < n) {
		if (f[i] != '%') {
			i++;
			continue;
		}
		struct pfmt_seg *sg = &pf->seg[pf->nseg++];
		sg->lit_off = (uint32_t)lit;
		sg->lit_len = (uint32_t)(i - lit);
		i++;
		if (i < n && f[i] == '0')
			sg->zero = true, i++;
		else if (i < n && f[i] == '-')
			sg->left = true, i++;
		unsigned w = 0;
		while (i < n && f[i] >= '0' && f[i] <= '9' && w < 1000)
			w = w * 10 + (unsigned)(f[i++] - '0');
		if (i >= n || w >= 1000 || (f[i] != 'd' && f[i] != 'i' && f[i] != 's'))
			return NULL;
		sg->width = (uint16_t)w;
		sg->type = f[i] == 's' ? 's' : 'd';
		i++;
		lit = i;
	}
	struct pfmt_seg *tail = &pf->seg[pf->nseg++];
	tail->lit_off = (uint32_t)lit;
	tail->lit_len = (uint32_t)(n - lit);
	pf->nconv = pf->nseg - 1;
	return pf;
}

static void put_padded(struct buf *out, const char *body, size_t blen, bool neg, size_t width, bool zero, bool left);

int printf_run(const struct pfmt *pf, const char *f, struct tv args, struct buf *out)
{
	uint32_t nargs = args.kind == TV_TUPLE ? (uint32_t)args.u.seq->n : 1;
	if (nargs != pf->nconv || args.kind == TV_DICT || args.kind == TV_LIST || args.kind == TV_RANGE ||
	    args.kind == TV_UNDEF)
		return 0;
	for (uint32_t k = 0; k < pf->nconv; k++) {
		struct tv a = args.kind == TV_TUPLE ? args.u.seq->v[k] : args;
		bool ok = a.kind == TV_INT || (pf->seg[k].type == 's' && a.kind == TV_STR && !a.u.s->markup &&
						tv_str_ascii(a));
		if (!ok)
			return 0;
	}
	for (uint32_t k = 0; k < pf->nseg; k++) {
		const struct pfmt_seg *sg = &pf->seg[k];
		rt_put(out, f + sg->lit_off, sg->lit_len);
		if (k == pf->nconv)
			break;
		struct tv a = args.kind == TV_TUPLE ? args.u.seq->v[k] : args;
		if (a.kind == TV_STR) {
			put_padded(out, a.u.s->data, a.u.s->len, false, sg->width, false, sg->left);
			continue;
		}
		char tmp[24];
		char *p = tv_fmt_int(a.u.i, tmp + sizeof tmp);
		bool neg = a.u.i < 0 && sg->zero && sg->type == 'd' && !sg->left;
		if (neg)
			p++;
		put_padded(out, p, (size_t)(tmp + sizeof tmp - p), neg, sg->width, sg->zero && sg->type == 'd',
			   sg->left);
	}
	return 1;
}

/* body (ASCII) padded to width: left-aligned, zero-filled after an
 * optional '-', or right-aligned with spaces. */
static void put_padded(struct buf *out, const char *body, size_t blen, bool neg, size_t width, bool zero, bool left)
{
	size_t len = blen + neg;
	size_t padn = width > len ? width - len : 0;
	if (!left && out->cap - out->len > len + padn) {
		/* the common case: one pass straight into the buffer */
		char *p = out->data + out->len;
		if (zero && neg)
			*p++ = '-';
		memset(p, zero ? '0' : ' ', padn);
		p += padn;
		if (!zero && neg)
			*p++ = '-';
		memcpy(p, body, blen);
		out->len += len + padn;
		out->data[out->len] = '\0';
		return;
	}
	if (left) {
		rt_put(out, body, blen);
		fill_n(out, " ", 1, padn);
	} else if (zero) {
		if (neg)
			rt_put(out, "-", 1);
		fill_n(out, "0", 1, padn);
		rt_put(out, body, blen);
	} else {
		fill_n(out, " ", 1, padn);
		rt_put(out, body, blen);
	}
}

/* The common conversions (%d, %05d, %-3d, %s, %5s with an int or str
 * argument) without the general machinery. Returns 1 when handled, 0 to
 * take the general path (nothing consumed). */
static int percent_fast(struct pctx *c, const char *f, size_t flen, size_t *ip, struct buf *out)
{
	size_t i = *ip;
	bool zero = false, left = false;
	if (c->markup)
		return 0;
	if (i < flen && f[i] == '0') {
		zero = true;
		i++;
	} else if (i < flen && f[i] == '-') {
		left = true;
		i++;
	}
	size_t width = 0;
	while (i < flen && f[i] >= '0' && f[i] <= '9' && width < 1000)
		width = width * 10 + (size_t)(f[i++] - '0');
	if (i >= flen || width >= 1000 || c->argi >= c->nargs)
		return 0;
	char type = f[i];
	struct tv arg = c->tuple ? c->args.u.seq->v[c->argi] : c->args;
	char tmp[24];
	const char *body;
	size_t blen;
	bool neg = false;
	if ((type == 'd' || type == 'i' || type == 's') && arg.kind == TV_INT) {
		int64_t v = arg.u.i;
		char *p = tv_fmt_int(v, tmp + sizeof tmp);
		neg = v < 0;
		if (neg && (type == 's' || !zero))
			neg = false; /* the '-' stays in front of the digits */
		else if (neg)
			p++; /* zero padding goes between the sign and the digits */
		body = p;
		blen = (size_t)(tmp + sizeof tmp - p);
	} else if (type == 's' && arg.kind == TV_STR && tv_str_ascii(arg)) {
		body = arg.u.s->data;
		blen = arg.u.s->len;
		zero = false;
	} else {
		return 0;
	}
	if (type == 's')
		zero = false;
	c->argi++;
	*ip = i + 1;
	put_padded(out, body, blen, neg, width, zero, left);
	return 1;
}

static int percent_one(struct pctx *c, const char *f, size_t flen, size_t *ip, struct buf *out)
{
	struct rt *rt = c->rt;
	if (percent_fast(c, f, flen, ip, out))
		return 0;
	size_t i = *ip; /* just past '%' */
	size_t start = i - 1;
	struct tv arg = tv_none();
	bool have_arg = false;
	if (i < flen && f[i] == '(') {
		if (c->dict.kind == TV_NONE) {
			rt_exc(rt, c->at, "TypeError", "format requires a mapping");
			return -1;
		}
		size_t depth = 1, k = i + 1;
		while (k < flen && depth) {
			depth += f[k] == '(' ? 1 : f[k] == ')' ? -1 : 0;
			k++;
		}
		if (depth) {
			rt_exc(rt, c->at, "ValueError", "incomplete format key");
			return -1;
		}
		struct tv key = tv_str(f + i + 1, k - i - 2);
		if (IS_ERR(key))
			return rt_oom(rt, c->at), -1;
		int found = mapping_get(rt, c->at, c->dict, key, &arg);
		tv_drop(key);
		if (found < 0)
			return -1;
		have_arg = true;
		i = k;
	}
	bool left = false, plus = false, space = false, alt = false, zero = false;
	for (; i < flen; i++) {
		char ch = f[i];
		if (ch == '-') left = true;
		else if (ch == '+') plus = true;
		else if (ch == ' ') space = true;
		else if (ch == '#') alt = true;
		else if (ch == '0') zero = true;
		else break;
	}
	int64_t width = -1, prec = -1;
	if (i < flen && f[i] == '*') {
		struct tv w;
		if (next_arg(c, &w) < 0)
			return -1;
		if (w.kind != TV_INT && w.kind != TV_BOOL) {
			rt_exc(rt, c->at, "TypeError", "* wants int");
			return -1;
		}
		width = w.kind == TV_BOOL ? w.u.b : w.u.i;
		if (width < 0) {
			left = true;
			width = -width;
		}
		i++;
	} else {
		while (i < flen && f[i] >= '0' && f[i] <= '9') {
			width = (width < 0 ? 0 : width) * 10 + (f[i++] - '0');
			if (width > 100000000) {
				rt_exc(rt, c->at, "ValueError", "width too big");
				return -1;
			}
		}
	}
	if (i < flen && f[i] == '.') {
		i++;
		prec = 0;
		if (i < flen && f[i] == '*') {
			struct tv pv;
			if (next_arg(c, &pv) < 0)
				return -1;
			if (pv.kind != TV_INT && pv.kind != TV_BOOL) {
				rt_exc(rt, c->at, "TypeError", "* wants int");
				return -1;
			}
			prec = pv.kind == TV_BOOL ? pv.u.b : pv.u.i;
			if (prec < 0)
				prec = 0;
			i++;
		} else {
			while (i < flen && f[i] >= '0' && f[i] <= '9') {
				prec = prec * 10 + (f[i++] - '0');
				if (prec > 100000000) {
					rt_exc(rt, c->at, "ValueError", "precision too big");
					return -1;
				}
			}
		}
	}
	while (i < flen && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L'))
		i++;
	if (i >= flen) {
		rt_exc(rt, c->at, "ValueError", "incomplete format");
		return -1;
	}
	char type = f[i++];
	*ip = i;
	if (type == '%') {
		buf_putc(out, '%');
		return 0;
	}
	if (!have_arg && next_arg(c, &arg) < 0)
		return -1;
	if (rt_too_big(rt, c->at, (size_t)(width > 0 ? width : 0) + (size_t)(prec > 0 ? prec : 0)))
		return -1;
	struct buf body = BUF_INIT;
	char sign[8] = "";
	int rc = 0;
	switch (type) {
	case 's':
	case 'r':
	case 'a': {
		if (type == 's') {
			if (rt_str(rt, c->at, arg, &body) < 0)
				rc = -1;
		} else if (type == 'r' || arg.kind != TV_STR) {
			tv_repr(arg, &body);
		} else {
			/* ascii(): repr with non-ASCII escaped */
			struct buf r = BUF_INIT;
			tv_repr(arg, &r);
			for (size_t k = 0; k < r.len;) {
				size_t k0 = k;
				uint32_t cp = ustr_next(r.data, r.len, &k);
				if (cp < 0x80)
					buf_add(&body, r.data + k0, k - k0);
				else if (cp <= 0xFF)
					buf_printf(&body, "\\x%02x", cp);
				else if (cp <= 0xFFFF)
					buf_printf(&body, "\\u%04x", cp);
				else
					buf_printf(&body, "\\U%08x", cp);
			}
			buf_free(&r);
		}
		if (rc == 0 && prec >= 0 && printf_nchars(body.data ? body.data : "", body.len) > (size_t)prec)
			buf_truncate(&body, ustr_offset(body.data, body.len, (size_t)prec));
		if (rc == 0 && c->markup && !markup_is(arg) && markup_needs_escape(body.data, body.len)) {
			struct buf e = BUF_INIT;
			markup_escape(body.data, body.len, &e);
			buf_free(&body);
			body = e;
		}
		zero = false;
		break;
	}
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
		int64_t v;
		bool real_ok = type == 'd' || type == 'i' || type == 'u';
		if (arg.kind == TV_UNDEF) {
			rt_undef_err(rt, c->at, arg);
			rc = -1;
			break;
		}
		if (!(arg.kind == TV_INT || arg.kind == TV_BOOL || (real_ok && arg.kind == TV_FLOAT))) {
			rt_exc(rt, c->at, "TypeError", "%%%c format: %s is required, not %s", type,
			       real_ok ? "a real number" : "an integer", tv_type_name(arg));
			rc = -1;
			break;
		}
		if (rt_int_of(rt, c->at, arg, &v) < 0) {
			rc = -1;
			break;
		}
		if (v < 0)
			strcpy(sign, "-");
		else if (plus)
			strcpy(sign, "+");
		else if (space)
			strcpy(sign, " ");
		if (alt && (type == 'o' || type == 'x' || type == 'X'))
			strcat(sign, type == 'o' ? "0o" : type == 'x' ? "0x" : "0X");
		int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
		char tmp[70];
		char *d = int_digits_at(v, base, type == 'X', tmp);
		size_t dlen = (size_t)(tmp + 70 - d);
		if (prec < 0 || dlen >= (size_t)prec) {
			/* the common case, straight into the output */
			size_t w = width < 0 ? 0 : (size_t)width;
			printf_pad(out, sign, d, dlen, w, left ? '<' : zero ? '=' : '>', zero && !left ? "0" : " ");
			return 0;
		}
		buf_repeat(&body, '0', (size_t)prec - dlen);
		buf_add(&body, d, dlen);
		break;
	}
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
		if (arg.kind == TV_UNDEF) {
			rt_undef_err(rt, c->at, arg);
			rc = -1;
			break;
		}
		if (!tv_is_number(arg)) {
			rt_exc(rt, c->at, "TypeError", "must be real number, not %s", tv_type_name(arg));
			rc = -1;
			break;
		}
		double x = rt_num(arg);
		struct buf d = BUF_INIT;
		printf_float_text(fabs(x), type, prec < 0 ? 6 : (int)prec, alt, false, &d);
		if (signbit(x) && !isnan(x))
			strcpy(sign, "-");
		else if (plus)
			strcpy(sign, "+");
		else if (space)
			strcpy(sign, " ");
		buf_add(&body, d.data, d.len);
		buf_free(&d);
		if (!isfinite(x))
			zero = false;
		break;
	}
	case 'c': {
		if (arg.kind == TV_STR && tv_str_chars(arg) == 1) {
			buf_add(&body, arg.u.s->data, arg.u.s->len);
		} else if (arg.kind == TV_INT || arg.kind == TV_BOOL) {
			int64_t v = arg.kind == TV_BOOL ? arg.u.b : arg.u.i;
			if (v < 0 || v > 0x10FFFF) {
				rt_exc(rt, c->at, "OverflowError", "%%c arg not in range(0x110000)");
				rc = -1;
			} else if (v >= 0xD800 && v <= 0xDFFF) {
				rt_err(rt, c->at, RULE_UNSUPPORTED, "surrogate characters are not supported");
				rc = -1;
			} else {
				ustr_put(&body, (uint32_t)v);
			}
		} else {
			rt_exc(rt, c->at, "TypeError", "%%c requires int or char");
			rc = -1;
		}
		zero = false;
		break;
	}
	default: {
		size_t k = i - 1;
		size_t k0 = k;
		uint32_t cp = ustr_next(f, flen, &k);
		rt_exc(rt, c->at, "ValueError", "unsupported format character '%.*s' (0x%x) at index %zu",
		       (int)(k - k0), f + k0, cp, printf_nchars(f, k0));
		(void)start;
		rc = -1;
		break;
	}
	}
	if (rc == 0) {
		size_t w = width < 0 ? 0 : (size_t)width;
		printf_pad(out, sign, body.data ? body.data : "", body.len, w, left ? '<' : zero ? '=' : '>', zero && !left ? "0" : " ");
	}
	buf_free(&body);
	return rc;
}

int tmpl_percent_into(struct rt *rt, const struct node *at, struct tv fmt, struct tv args, struct buf *out)
{
	struct pctx c = { .rt = rt, .at = at, .args = args, .dict = tv_none(), .markup = markup_is(fmt) };
	if (args.kind == TV_TUPLE) {
		c.tuple = true;
		c.nargs = args.u.seq->n;
	} else {
		c.nargs = 1;
		/* Python treats anything with __getitem__ as a mapping here */
		if (args.kind == TV_DICT || args.kind == TV_LIST || args.kind == TV_RANGE || args.kind == TV_UNDEF)
			c.dict = args;
	}
	const char *f = fmt.u.s->data;
	size_t flen = fmt.u.s->len;
	size_t start = out->len;
	size_t i = 0;
	while (i < flen) {
		const char *pct = memchr(f + i, '%', flen - i);
		size_t end = pct ? (size_t)(pct - f) : flen;
		buf_add(out, f + i, end - i);
		if (!pct)
			break;
		i = end + 1;
		if (percent_one(&c, f, flen, &i, out) < 0 || rt_too_big(rt, at, out->len - start))
			return -1;
	}
	if (c.argi < c.nargs && c.dict.kind == TV_NONE) {
		rt_exc(rt, at, "TypeError", "not all arguments converted during string formatting");
		return -1;
	}
	if (out->oom) {
		rt_oom(rt, at);
		return -1;
	}
	return 0;
}

struct tv tmpl_percent(struct rt *rt, const struct node *at, struct tv fmt, struct tv args)
{
	/* format into the render's scratch buffer (no allocation once warm) */
	struct buf local = BUF_INIT;
	bool use_scratch = !rt->scratch_busy;
	struct buf *out = use_scratch ? &rt->scratch : &local;
	rt->scratch_busy = true;
	buf_reset(out);
	struct tv r;
	if (tmpl_percent_into(rt, at, fmt, args, out) < 0)
		r = FAILV;
	else
		r = rt_chk(rt, at, tv_str(out->data ? out->data : "", out->len));
	if (!IS_ERR(r) && markup_is(fmt))
		r.u.s->markup = 1;
	if (use_scratch)
		rt->scratch_busy = false;
	else
		buf_free(&local);
	return r;
}

