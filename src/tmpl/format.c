/* format: Python's format() mini-language and str.format (see format.h),
 * with Jinja's sandboxed field lookup ({0.attr} and {0[key]} go through
 * the sandbox's getattr/getitem).
 */
#include "tmpl/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/printf.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

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
		printf_pad(out, "", v.u.s->data, len, sp.width, sp.align ? sp.align : '<', sp.fill);
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
			printf_int_digits(x, base, t == 'X', &d);
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
			printf_int_digits(v.kind == TV_BOOL ? v.u.b : v.u.i, 10, false, &d);
		else
			printf_float_text(fabs(x), ft, sp.prec < 0 ? (ft == 'r' ? 0 : 6) : sp.prec, sp.alt, t == 0, &d);
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
	printf_pad(out, signpre, body.data ? body.data : "", body.len, sp.width, sp.align ? sp.align : '>', sp.fill);
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
			rt_exc(rt, at, "IndexError", "tuple index out of range");
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
			rt_exc(rt, at, "IndexError", "tuple index out of range");
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
				struct tv inner = tv_none();
				int rc = field_value(rt, at, spec + q + 1, e - q - 1, a, &auto_idx, &inner);
				if (rc == 0)
					rc = rt_str(rt, at, inner, &spec2);
				tv_drop(inner);
				if (rc < 0) {
					tv_drop(v);
					buf_free(&spec2);
					buf_free(&out);
					return FAILV;
				}
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
