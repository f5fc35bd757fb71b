/* printf: Python's printf-style (%) and format() string formatting (see
 * printf.h). Floats go through one digit generator (snprintf's correctly
 * rounded %e/%f) and are laid out the way CPython's format_float_short
 * lays them out, so '%g', '{:.3}', '{:,.2f}' and friends agree with Python.
 */
#include "tmpl/printf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

/* --- number layout --- */

/* Python float to text for type e/E/f/F/g/G/r ('r' = repr), without sign
 * handling beyond a leading '-'. add_dot0: the format() '' type rules. */
static void float_text(double x, char type, int prec, bool alt, bool add_dot0, struct buf *out)
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

/* Digits of |v| in base (2, 8, 10, 16). */
static void int_digits(int64_t v, int base, bool upper, struct buf *out)
{
	char tmp[70];
	char *p = tmp + sizeof tmp;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		*--p = dig[u % (uint64_t)base];
		u /= (uint64_t)base;
	} while (u);
	buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

static size_t nchars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Pad body (after a sign/prefix) to width. align: '<', '>', '^', '='. */
static void pad(struct buf *out, const char *sign, const char *body, size_t blen, size_t width, char align,
		const char *fill)
{
	size_t len = strlen(sign) + nchars(body, blen);
	size_t padn = width > len ? width - len : 0;
	size_t left = align == '<' ? 0 : align == '^' ? padn / 2 : align == '=' ? 0 : padn;
	size_t right = align == '<' ? padn : align == '^' ? padn - padn / 2 : 0;
	for (size_t i = 0; i < left; i++)
		buf_puts(out, fill);
	buf_puts(out, sign);
	if (align == '=')
		for (size_t i = 0; i < padn; i++)
			buf_puts(out, fill);
	buf_add(out, body, blen);
	for (size_t i = 0; i < right; i++)
		buf_puts(out, fill);
}

/* --- printf-style --- */

struct pctx {
	struct rt *rt;
	const struct node *at;
	struct tv args;        /* tuple of positional args, or the single value */
	bool tuple;            /* args is a tuple */
	struct tv dict;        /* mapping for %(key)s, or none */
	size_t argi, nargs;
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

static int percent_one(struct pctx *c, const char *f, size_t flen, size_t *ip, struct buf *out)
{
	struct rt *rt = c->rt;
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
		if (rc == 0 && prec >= 0 && nchars(body.data ? body.data : "", body.len) > (size_t)prec)
			buf_truncate(&body, ustr_offset(body.data, body.len, (size_t)prec));
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
		struct buf d = BUF_INIT;
		int_digits(v, base, type == 'X', &d);
		if (prec >= 0 && d.len < (size_t)prec)
			buf_repeat(&body, '0', (size_t)prec - d.len);
		buf_add(&body, d.data, d.len);
		buf_free(&d);
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
		float_text(fabs(x), type, prec < 0 ? 6 : (int)prec, alt, false, &d);
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
		       (int)(k - k0), f + k0, cp, nchars(f, k0));
		(void)start;
		rc = -1;
		break;
	}
	}
	if (rc == 0) {
		size_t w = width < 0 ? 0 : (size_t)width;
		pad(out, sign, body.data ? body.data : "", body.len, w, left ? '<' : zero ? '=' : '>', zero && !left ? "0" : " ");
	}
	buf_free(&body);
	return rc;
}

struct tv tmpl_percent(struct rt *rt, const struct node *at, struct tv fmt, struct tv args)
{
	struct pctx c = { .rt = rt, .at = at, .args = args, .dict = tv_none() };
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
	struct buf out = BUF_INIT;
	size_t i = 0;
	while (i < flen) {
		const char *pct = memchr(f + i, '%', flen - i);
		size_t end = pct ? (size_t)(pct - f) : flen;
		buf_add(&out, f + i, end - i);
		if (!pct)
			break;
		i = end + 1;
		if (percent_one(&c, f, flen, &i, &out) < 0) {
			buf_free(&out);
			return FAILV;
		}
		if (rt_too_big(rt, at, out.len)) {
			buf_free(&out);
			return FAILV;
		}
	}
	if (c.argi < c.nargs && c.dict.kind == TV_NONE) {
		buf_free(&out);
		return rt_exc(rt, at, "TypeError", "not all arguments converted during string formatting");
	}
	return rt_chk(rt, at, tv_str_from_buf(&out));
}

/* --- format() spec mini-language --- */

struct spec {
	char fill[5];
	char align;            /* 0 = default */
	char sign;             /* 0, '+', '-', ' ' */
	bool alt, zero;
	size_t width;
	char grouping;         /* 0, ',', '_' */
	int prec;              /* -1 = none */
	char type;             /* 0 = none */
};

static int parse_spec(struct rt *rt, const struct node *at, const char *s, size_t n, struct spec *sp)
{
	memset(sp, 0, sizeof *sp);
	strcpy(sp->fill, " ");
	sp->prec = -1;
	size_t i = 0;
	size_t k = 0;
	if (n) {
		ustr_next(s, n, &k);
	}
	if (k < n && (s[k] == '<' || s[k] == '>' || s[k] == '^' || s[k] == '=')) {
		memcpy(sp->fill, s, k);
		sp->fill[k] = '\0';
		sp->align = s[k];
		i = k + 1;
	} else if (i < n && (s[i] == '<' || s[i] == '>' || s[i] == '^' || s[i] == '=')) {
		sp->align = s[i++];
	}
	if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
		sp->sign = s[i++];
	if (i < n && s[i] == 'z')
		i++;
	if (i < n && s[i] == '#') {
		sp->alt = true;
		i++;
	}
	if (i < n && s[i] == '0') {
		sp->zero = true;
		i++;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		sp->width = sp->width * 10 + (size_t)(s[i++] - '0');
		if (sp->width > 100000000)
			goto too_big;
	}
	if (i < n && (s[i] == ',' || s[i] == '_'))
		sp->grouping = s[i++];
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9') {
			rt_exc(rt, at, "ValueError", "Format specifier missing precision");
			return -1;
		}
		sp->prec = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			sp->prec = sp->prec * 10 + (s[i++] - '0');
			if (sp->prec > 100000000)
				goto too_big;
		}
	}
	if (i < n)
		sp->type = s[i++];
	if (i < n) {
		rt_exc(rt, at, "ValueError", "Invalid format specifier '%.*s' for object of type", (int)n, s);
		return -1;
	}
	if (sp->zero && !sp->align) {
		strcpy(sp->fill, "0");
		sp->align = '=';
	}
	return 0;
too_big:
	rt_exc(rt, at, "ValueError", "Too many decimal digits in format string");
	return -1;
}

/* Insert thousands separators into the integer part of digits. */
static void group(struct buf *out, const char *d, size_t n, char sep, int every)
{
	size_t intlen = 0;
	while (intlen < n && d[intlen] >= '0' && d[intlen] <= '9')
		intlen++;
	for (size_t j = 0; j < intlen; j++) {
		if (j && (intlen - j) % (size_t)every == 0)
			buf_putc(out, sep);
		buf_putc(out, d[j]);
	}
	buf_add(out, d + intlen, n - intlen);
}

int tmpl_format_value(struct rt *rt, const struct node *at, struct tv v, const char *specs, size_t speclen,
		      struct buf *out)
{
	if (rt_strict(v)) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	struct spec sp;
	if (speclen == 0 || (v.kind != TV_INT && v.kind != TV_FLOAT && v.kind != TV_BOOL && v.kind != TV_STR)) {
		if (speclen) {
			rt_exc(rt, at, "TypeError", "unsupported format string passed to %s.__format__", tv_type_name(v));
			return -1;
		}
		return rt_str(rt, at, v, out);
	}
	if (parse_spec(rt, at, specs, speclen, &sp) < 0)
		return -1;
	if (rt_too_big(rt, at, sp.width + (size_t)(sp.prec > 0 ? sp.prec : 0)))
		return -1;
	struct buf body = BUF_INIT;
	const char *sign = "";
	char prefix[8] = "";
	if (v.kind == TV_STR) {
		if (sp.type && sp.type != 's') {
			rt_exc(rt, at, "ValueError", "Unknown format code '%c' for object of type 'str'", sp.type);
			return -1;
		}
		if (sp.sign) {
			rt_exc(rt, at, "ValueError", "Sign not allowed in string format specifier");
			return -1;
		}
		if (sp.align == '=') {
			rt_exc(rt, at, "ValueError", "'=' alignment not allowed in string format specifier");
			return -1;
		}
		size_t len = v.u.s->len;
		if (sp.prec >= 0)
			len = ustr_offset(v.u.s->data, len, (size_t)sp.prec);
		pad(out, "", v.u.s->data, len, sp.width, sp.align ? sp.align : '<', sp.fill);
		return 0;
	}
	char t = sp.type;
	bool as_int = (v.kind == TV_INT || v.kind == TV_BOOL) &&
		      (t == 0 || t == 'd' || t == 'n' || t == 'b' || t == 'o' || t == 'x' || t == 'X' || t == 'c');
	if (as_int) {
		int64_t x = v.kind == TV_BOOL ? v.u.b : v.u.i;
		if (sp.prec >= 0) {
			rt_exc(rt, at, "ValueError", "Precision not allowed in integer format specifier");
			return -1;
		}
		if (t == 'c') {
			if (x < 0 || x > 0x10FFFF) {
				rt_exc(rt, at, "OverflowError", "%%c arg not in range(0x110000)");
				return -1;
			}
			ustr_put(&body, (uint32_t)x);
		} else {
			int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
			if (sp.alt && base != 10)
				strcpy(prefix, base == 2 ? "0b" : base == 8 ? "0o" : t == 'X' ? "0X" : "0x");
			struct buf d = BUF_INIT;
			int_digits(x, base, t == 'X', &d);
			if (sp.grouping)
				group(&body, d.data, d.len, sp.grouping, base == 10 ? 3 : 4);
			else
				buf_add(&body, d.data, d.len);
			buf_free(&d);
		}
		sign = x < 0 ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
	} else {
		if (v.kind != TV_FLOAT && v.kind != TV_INT && v.kind != TV_BOOL)
			return -1;
		if (t && !strchr("eEfFgGn%", t)) {
			rt_exc(rt, at, "ValueError", "Unknown format code '%c' for object of type '%s'", t, tv_type_name(v));
			return -1;
		}
		double x = rt_num(v);
		bool pct = t == '%';
		if (pct)
			x *= 100;
		char ft = t == 0 ? (sp.prec < 0 ? 'r' : 'g') : t == 'n' ? 'g' : pct ? 'f' : t;
		if (t == 0 && v.kind != TV_FLOAT && sp.prec < 0)
			ft = 'r';
		struct buf d = BUF_INIT;
		if (ft == 'r' && v.kind != TV_FLOAT)
			int_digits(v.kind == TV_BOOL ? v.u.b : v.u.i, 10, false, &d);
		else
			float_text(fabs(x), ft, sp.prec < 0 ? (ft == 'r' ? 0 : 6) : sp.prec, sp.alt, t == 0, &d);
		if (pct)
			buf_putc(&d, '%');
		if (sp.grouping)
			group(&body, d.data, d.len, sp.grouping, 3);
		else
			buf_add(&body, d.data, d.len);
		buf_free(&d);
		sign = (signbit(x) && !isnan(x)) ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
	}
	char signpre[16];
	snprintf(signpre, sizeof signpre, "%s%s", sign, prefix);
	pad(out, signpre, body.data ? body.data : "", body.len, sp.width, sp.align ? sp.align : '>', sp.fill);
	buf_free(&body);
	return 0;
}

/* --- str.format --- */

static int field_value(struct rt *rt, const struct node *at, const char *f, size_t n, const struct args *a,
		       int *auto_idx, struct tv *out)
{
	size_t i = 0;
	while (i < n && f[i] != '.' && f[i] != '[')
		i++;
	struct tv v;
	if (i == 0) {
		if (*auto_idx < 0) {
			rt_exc(rt, at, "ValueError", "cannot switch from manual field specification to automatic field numbering");
			return -1;
		}
		int k = (*auto_idx)++;
		if ((uint32_t)k >= a->npos) {
			rt_exc(rt, at, "IndexError", "Replacement index %d out of range for positional args tuple", k);
			return -1;
		}
		v = tv_ref(a->pos[k]);
	} else if (f[0] >= '0' && f[0] <= '9') {
		if (*auto_idx > 0) {
			rt_exc(rt, at, "ValueError", "cannot switch from automatic field numbering to manual field specification");
			return -1;
		}
		*auto_idx = -1;
		size_t k = 0;
		for (size_t j = 0; j < i; j++) {
			if (f[j] < '0' || f[j] > '9' || k > 100000000) {
				rt_exc(rt, at, "KeyError", "'%.*s'", (int)i, f);
				return -1;
			}
			k = k * 10 + (size_t)(f[j] - '0');
		}
		if (k >= a->npos) {
			rt_exc(rt, at, "IndexError", "Replacement index %zu out of range for positional args tuple", k);
			return -1;
		}
		v = tv_ref(a->pos[k]);
	} else {
		uint32_t k = 0;
		while (k < a->nkw && !(a->kw[k].len == i && memcmp(a->kw[k].name, f, i) == 0))
			k++;
		if (k == a->nkw) {
			rt_exc(rt, at, "KeyError", "'%.*s'", (int)i, f);
			return -1;
		}
		v = tv_ref(a->kw[k].v);
	}
	while (i < n) {
		struct tv next;
		if (f[i] == '.') {
			size_t j = ++i;
			while (i < n && f[i] != '.' && f[i] != '[')
				i++;
			if (i == j) {
				tv_drop(v);
				rt_exc(rt, at, "ValueError", "Empty attribute in format string");
				return -1;
			}
			next = rt_getattr(rt, at, v, f + j, i - j);
		} else if (f[i] == '[') {
			size_t j = ++i;
			while (i < n && f[i] != ']')
				i++;
			if (i >= n) {
				tv_drop(v);
				rt_exc(rt, at, "ValueError", "Missing ']' in format string");
				return -1;
			}
			bool digits = i > j;
			for (size_t q = j; q < i; q++)
				digits &= f[q] >= '0' && f[q] <= '9';
			struct tv key = digits ? tv_int(strtoll(f + j, NULL, 10)) : tv_str(f + j, i - j);
			i++;
			next = rt_getitem(rt, at, v, key);
			tv_drop(key);
		} else {
			tv_drop(v);
			rt_exc(rt, at, "ValueError", "Only '.' or '[' may follow ']' in format field specifier");
			return -1;
		}
		tv_drop(v);
		if (IS_ERR(next))
			return -1;
		v = next;
	}
	*out = v;
	return 0;
}

struct tv tmpl_format(struct rt *rt, const struct node *at, struct tv fmt, const struct args *a)
{
	const char *f = fmt.u.s->data;
	size_t n = fmt.u.s->len, i = 0;
	int auto_idx = 0;
	struct buf out = BUF_INIT;
	while (i < n) {
		char c = f[i];
		if (c == '}') {
			if (i + 1 < n && f[i + 1] == '}') {
				buf_putc(&out, '}');
				i += 2;
				continue;
			}
			buf_free(&out);
			return rt_exc(rt, at, "ValueError", "Single '}' encountered in format string");
		}
		if (c != '{') {
			size_t j = i;
			while (j < n && f[j] != '{' && f[j] != '}')
				j++;
			buf_add(&out, f + i, j - i);
			i = j;
			continue;
		}
		if (i + 1 < n && f[i + 1] == '{') {
			buf_putc(&out, '{');
			i += 2;
			continue;
		}
		/* a replacement field: {name!conv:spec}, spec may nest {} once */
		size_t j = i + 1, depth = 1;
		while (j < n && depth) {
			depth += f[j] == '{' ? 1 : f[j] == '}' ? -1 : 0;
			if (depth)
				j++;
		}
		if (j >= n) {
			buf_free(&out);
			return rt_exc(rt, at, "ValueError", i + 1 >= n ? "Single '{' encountered in format string"
								      : "expected '}' before end of string");
		}
		const char *field = f + i + 1;
		size_t flen = j - i - 1;
		size_t namelen = 0;
		while (namelen < flen && field[namelen] != '!' && field[namelen] != ':')
			namelen++;
		char conv = 0;
		size_t sp = namelen;
		if (sp < flen && field[sp] == '!') {
			conv = sp + 1 < flen ? field[sp + 1] : 0;
			sp += 2;
			if (conv != 'r' && conv != 's' && conv != 'a') {
				buf_free(&out);
				return rt_exc(rt, at, "ValueError", "Unknown conversion specifier %c", conv ? conv : '?');
			}
			if (sp < flen && field[sp] != ':') {
				buf_free(&out);
				return rt_exc(rt, at, "ValueError", "expected ':' after conversion specifier");
			}
		}
		const char *spec = sp < flen ? field + sp + 1 : "";
		size_t speclen = sp < flen ? flen - sp - 1 : 0;
		struct tv v;
		if (field_value(rt, at, field, namelen, a, &auto_idx, &v) < 0) {
			buf_free(&out);
			return FAILV;
		}
		/* nested replacement fields inside the spec */
		struct buf spec2 = BUF_INIT;
		if (memchr(spec, '{', speclen)) {
			for (size_t q = 0; q < speclen; q++) {
				if (spec[q] != '{') {
					buf_putc(&spec2, spec[q]);
					continue;
				}
				size_t e = q + 1;
				while (e < speclen && spec[e] != '}')
					e++;
				struct tv inner;
				if (field_value(rt, at, spec + q + 1, e - q - 1, a, &auto_idx, &inner) < 0 ||
				    rt_str(rt, at, inner, &spec2) < 0) {
					tv_drop(v);
					buf_free(&spec2);
					buf_free(&out);
					return FAILV;
				}
				tv_drop(inner);
				q = e;
			}
			spec = spec2.data ? spec2.data : "";
			speclen = spec2.len;
		}
		int rc;
		if (conv == 'r' || conv == 'a') {
			struct buf r = BUF_INIT;
			tv_repr(v, &r);
			struct tv rv = tv_str_from_buf(&r);
			rc = IS_ERR(rv) ? -1 : tmpl_format_value(rt, at, rv, spec, speclen, &out);
			tv_drop(rv);
		} else if (conv == 's') {
			struct tv sv = rt_to_str(rt, at, v);
			rc = IS_ERR(sv) ? -1 : tmpl_format_value(rt, at, sv, spec, speclen, &out);
			tv_drop(sv);
		} else {
			rc = tmpl_format_value(rt, at, v, spec, speclen, &out);
		}
		buf_free(&spec2);
		tv_drop(v);
		if (rc < 0 || rt_too_big(rt, at, out.len)) {
			buf_free(&out);
			return FAILV;
		}
		i = j + 1;
	}
	return rt_chk(rt, at, tv_str_from_buf(&out));
}
