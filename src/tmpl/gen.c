/* gen: lazy iterator objects for filters (see gen.h). A generator starts
 * on its first next(): it checks its source the way the Jinja generator
 * function's first lines do ("if value:", prepare_map, list(value)) and
 * then yields one item per call.
 */
#include "tmpl/gen.h"

#include <string.h>

#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

struct gen {
	struct tv_obj base;
	struct gen_spec spec;        /* values referenced */
	struct args args;            /* copy of the filter arguments */
	bool started, done;
	struct iter it;
	const struct filter_def *filter;
	const struct test_def *test;
	uint32_t argoff;             /* first positional argument for the filter/test */
	struct tv attr, deflt;       /* attribute path and map default */
	struct tv seen;              /* unique: dict used as a set */
	struct tv list;              /* slice: the materialised source */
	int64_t pos;                 /* slice: next slice number */
};

static void gen_free(struct tv_obj *o)
{
	struct gen *g = (struct gen *)o;
	tv_drop(g->spec.src);
	tv_drop(g->spec.attribute);
	tv_drop(g->spec.fill);
	for (uint32_t i = 0; i < g->args.npos; i++)
		tv_drop(g->args.pos[i]);
	for (uint32_t i = 0; i < g->args.nkw; i++)
		tv_drop(g->args.kw[i].v);
	tv_free(g->args.pos, g->args.npos * sizeof *g->args.pos);
	tv_free(g->args.kw, g->args.nkw * sizeof *g->args.kw);
	if (g->started)
		rt_iter_free(&g->it);
	tv_drop(g->attr);
	tv_drop(g->deflt);
	tv_drop(g->seen);
	tv_drop(g->list);
	tv_free(g, sizeof *g);
}

static void gen_repr(const struct tv_obj *o, struct buf *out)
{
	const struct gen *g = (const struct gen *)o;
	if (g->spec.kind == GEN_REVERSED)
		buf_printf(out, "<%s object at " TMPL_FAKE_ADDRESS ">", g->spec.pyname);
	else
		buf_printf(out, "<generator object %s at " TMPL_FAKE_ADDRESS ">", g->spec.pyname);
}

struct tv gen_attr_path(struct rt *rt, const struct node *at, struct tv item, struct tv path, bool lower)
{
	struct tv cur = tv_ref(item);
	if (path.kind == TV_STR) {
		const char *p = path.u.s->data;
		size_t len = path.u.s->len, i = 0;
		for (;;) {
			size_t j = i;
			while (j < len && p[j] != '.')
				j++;
			bool digits = j > i;
			for (size_t k = i; k < j; k++)
				digits &= p[k] >= '0' && p[k] <= '9';
			struct tv key;
			if (digits && j - i < 18) {
				int64_t v = 0;
				for (size_t k = i; k < j; k++)
					v = v * 10 + (p[k] - '0');
				key = tv_int(v);
			} else {
				key = tv_str(p + i, j - i);
			}
			struct tv next = IS_ERR(key) ? key : rt_getitem(rt, at, cur, key);
			tv_drop(key);
			tv_drop(cur);
			if (IS_ERR(next))
				return rt_chk(rt, at, next);
			cur = next;
			if (j >= len)
				break;
			i = j + 1;
		}
	} else if (path.kind != TV_NONE && path.kind != TV_MISSING) {
		struct tv next = rt_getitem(rt, at, cur, path);
		tv_drop(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
	}
	if (lower && cur.kind == TV_STR) {
		struct buf b = BUF_INIT;
		if (ustr_convert(cur.u.s->data, cur.u.s->len, USTR_LOWER, &b) < 0) {
			buf_free(&b);
			tv_drop(cur);
			return rt_err(rt, at, RULE_UNSUPPORTED, "lower() of text with a Greek capital sigma is not supported");
		}
		tv_drop(cur);
		cur = rt_chk(rt, at, tv_str_from_buf(&b));
	}
	return cur;
}

static bool is_kw(const struct kwarg *k, const char *name)
{
	return k->len == strlen(name) && memcmp(k->name, name, k->len) == 0;
}

static int name_arg(struct rt *rt, const struct node *at, struct tv v, const char *what, char *out, size_t n)
{
	if (v.kind != TV_STR) {
		struct buf r = BUF_INIT;
		tv_repr(v, &r);
		rt_exc(rt, at, "TemplateRuntimeError", "No %s named %s.", what, buf_cstr(&r));
		buf_free(&r);
		return -1;
	}
	if (v.u.s->len >= n) {
		rt_exc(rt, at, "TemplateRuntimeError", "No %s named '%.*s'.", what, (int)v.u.s->len, v.u.s->data);
		return -1;
	}
	memcpy(out, v.u.s->data, v.u.s->len);
	out[v.u.s->len] = '\0';
	return 0;
}

/* The first lines of the generator function. Returns 0, 1 (already done)
 * or -1. */
static int gen_start(struct rt *rt, const struct node *at, struct gen *g)
{
	g->started = true;
	struct gen_spec *s = &g->spec;
	if (s->kind == GEN_MAP || s->kind == GEN_SELECT) {
		bool t;
		if (rt_truth(rt, at, s->src, &t) < 0)
			return -1;
		if (!t)
			return 1;
	}
	if (s->kind == GEN_MAP) {
		bool has_attr = false;
		for (uint32_t i = 0; i < g->args.nkw; i++)
			has_attr |= is_kw(&g->args.kw[i], "attribute");
		if (!g->args.npos && has_attr) {
			for (uint32_t i = 0; i < g->args.nkw; i++) {
				if (is_kw(&g->args.kw[i], "attribute"))
					g->attr = tv_ref(g->args.kw[i].v);
				else if (is_kw(&g->args.kw[i], "default"))
					g->deflt = tv_ref(g->args.kw[i].v);
				else {
					rt_exc(rt, at, "FilterArgumentError", "Unexpected keyword argument '%.*s'",
					       (int)g->args.kw[i].len, g->args.kw[i].name);
					return -1;
				}
			}
			s->attr_form = true;
		} else {
			if (!g->args.npos) {
				rt_exc(rt, at, "FilterArgumentError", "map requires a filter argument");
				return -1;
			}
			char name[64];
			if (name_arg(rt, at, g->args.pos[0], "filter", name, sizeof name) < 0)
				return -1;
			g->filter = filter_find(name, strlen(name));
			if (!g->filter) {
				rt_exc(rt, at, "TemplateRuntimeError", "No filter named '%s'.", name);
				return -1;
			}
			g->argoff = 1;
		}
	} else if (s->kind == GEN_SELECT) {
		uint32_t off = 0;
		if (s->attr_form) {
			if (!g->args.npos) {
				rt_exc(rt, at, "FilterArgumentError", "Missing parameter for attribute name");
				return -1;
			}
			g->attr = tv_ref(g->args.pos[0]);
			off = 1;
		}
		if (g->args.npos > off) {
			char name[64];
			if (name_arg(rt, at, g->args.pos[off], "test", name, sizeof name) < 0)
				return -1;
			g->test = test_find(name, strlen(name));
			if (!g->test) {
				rt_exc(rt, at, "TemplateRuntimeError", "No test named '%s'.", name);
				return -1;
			}
			off++;
		}
		g->argoff = off;
	} else if (s->kind == GEN_UNIQUE) {
		g->seen = tv_dict_new();
		if (IS_ERR(g->seen)) {
			rt_oom(rt, at);
			return -1;
		}
	} else if (s->kind == GEN_SLICE) {
		g->list = rt_list(rt, at, s->src);
		if (IS_ERR(g->list))
			return -1;
		return rt_iter(rt, at, g->list, &g->it);
	} else if (s->kind == GEN_ITEMS) {
		if (s->src.kind == TV_UNDEF)
			return 1;
		if (s->src.kind != TV_DICT) {
			rt_exc(rt, at, "TypeError", "Can only get item pairs from a mapping.");
			return -1;
		}
	} else if (s->kind == GEN_REVERSED) {
		g->list = rt_list(rt, at, s->src);
		if (IS_ERR(g->list))
			return -1;
		tv_seq_reverse(g->list);
		return rt_iter(rt, at, g->list, &g->it);
	}
	return rt_iter(rt, at, s->src, &g->it);
}

static int next_map(struct rt *rt, const struct node *at, struct gen *g, struct tv *out)
{
	struct tv x;
	int r = rt_next(rt, at, &g->it, &x);
	if (r <= 0)
		return r;
	if (g->spec.attr_form) {
		struct tv v = gen_attr_path(rt, at, x, g->attr, false);
		tv_drop(x);
		if (IS_ERR(v))
			return -1;
		if (g->deflt.kind != TV_MISSING && g->deflt.kind != TV_NONE && v.kind == TV_UNDEF) {
			tv_drop(v);
			v = tv_ref(g->deflt);
		}
		*out = v;
		return 1;
	}
	struct args rest = { g->args.pos + g->argoff, g->args.npos - g->argoff, g->args.kw, g->args.nkw };
	struct tv v = filter_call(rt, at, g->filter, x, &rest);
	tv_drop(x);
	if (IS_ERR(v))
		return -1;
	*out = v;
	return 1;
}

static int next_select(struct rt *rt, const struct node *at, struct gen *g, struct tv *out)
{
	for (;;) {
		struct tv x;
		int r = rt_next(rt, at, &g->it, &x);
		if (r <= 0)
			return r;
		struct tv probe = g->spec.attr_form ? gen_attr_path(rt, at, x, g->attr, false) : tv_ref(x);
		if (IS_ERR(probe)) {
			tv_drop(x);
			return -1;
		}
		int ok;
		if (g->test) {
			struct args rest = { g->args.pos + g->argoff, g->args.npos - g->argoff, g->args.kw, g->args.nkw };
			ok = g->test->fn(rt, at, probe, &rest);
		} else {
			bool t;
			ok = rt_truth(rt, at, probe, &t) < 0 ? -1 : t;
		}
		tv_drop(probe);
		if (ok < 0) {
			tv_drop(x);
			return -1;
		}
		if (ok != g->spec.negate) {
			*out = x;
			return 1;
		}
		tv_drop(x);
		if (rt_tick(rt, at) < 0)
			return -1;
	}
}

static int next_unique(struct rt *rt, const struct node *at, struct gen *g, struct tv *out)
{
	for (;;) {
		struct tv x;
		int r = rt_next(rt, at, &g->it, &x);
		if (r <= 0)
			return r;
		struct tv key = gen_attr_path(rt, at, x, g->spec.attribute, !g->spec.case_sensitive);
		if (IS_ERR(key)) {
			tv_drop(x);
			return -1;
		}
		int err;
		struct tv seen = tv_dict_get_v(g->seen, key, &err);
		if (err) {
			if (rt_strict(key))
				rt_undef_err(rt, at, key);
			else
				rt_exc(rt, at, "TypeError", "unhashable type: '%s'", tv_type_name(key));
			tv_drop(key);
			tv_drop(x);
			return -1;
		}
		if (seen.kind == TV_MISSING) {
			if (tv_dict_set_v(g->seen, key, tv_none()) < 0) {
				tv_drop(x);
				rt_oom(rt, at);
				return -1;
			}
			*out = x;
			return 1;
		}
		tv_drop(key);
		tv_drop(x);
	}
}

static int next_batch(struct rt *rt, const struct node *at, struct gen *g, struct tv *out)
{
	struct tv tmp = tv_list_new(0);
	if (IS_ERR(tmp)) {
		rt_oom(rt, at);
		return -1;
	}
	for (;;) {
		if ((int64_t)tmp.u.seq->n == g->spec.count)
			break;
		struct tv x;
		int r = rt_next(rt, at, &g->it, &x);
		if (r < 0) {
			tv_drop(tmp);
			return -1;
		}
		if (r == 0) {
			g->done = true;
			break;
		}
		tv_list_push(tmp, x);
	}
	if (tmp.u.seq->n == 0) {
		tv_drop(tmp);
		return 0;
	}
	if (g->done && g->spec.fill.kind != TV_NONE)
		while ((int64_t)tmp.u.seq->n < g->spec.count)
			tv_list_push(tmp, tv_ref(g->spec.fill));
	if (tmp.u.seq->oom) {
		tv_drop(tmp);
		rt_oom(rt, at);
		return -1;
	}
	*out = tmp;
	return 1;
}

static int next_slice(struct rt *rt, const struct node *at, struct gen *g, struct tv *out)
{
	int64_t slices = g->spec.count, n = (int64_t)g->list.u.seq->n;
	if (g->pos >= slices)
		return 0;
	int64_t per = n / slices, extra = n % slices, num = g->pos++;
	int64_t offset = num < extra ? num : extra;
	int64_t start = offset + num * per;
	int64_t end = offset + (num < extra ? 1 : 0) + (num + 1) * per;
	struct tv tmp = tv_list_new((size_t)(end - start + 1));
	for (int64_t i = start; !IS_ERR(tmp) && i < end && i < n; i++)
		tv_list_push(tmp, tv_ref(g->list.u.seq->v[i]));
	if (!IS_ERR(tmp) && g->spec.fill.kind != TV_NONE && num >= extra)
		tv_list_push(tmp, tv_ref(g->spec.fill));
	if (IS_ERR(tmp)) {
		rt_oom(rt, at);
		return -1;
	}
	*out = tmp;
	return 1;
}

static int gen_next(struct rt *rt, const struct node *at, struct tv self, struct tv *out)
{
	struct gen *g = (struct gen *)self.u.o;
	if (g->done)
		return 0;
	if (!g->started) {
		int r = gen_start(rt, at, g);
		if (r != 0) {
			g->done = true;
			return r > 0 ? 0 : -1;
		}
	}
	int r;
	switch (g->spec.kind) {
	case GEN_MAP:
		r = next_map(rt, at, g, out);
		break;
	case GEN_SELECT:
		r = next_select(rt, at, g, out);
		break;
	case GEN_UNIQUE:
		r = next_unique(rt, at, g, out);
		break;
	case GEN_BATCH:
		r = g->done ? 0 : next_batch(rt, at, g, out);
		break;
	case GEN_SLICE:
		r = next_slice(rt, at, g, out);
		break;
	case GEN_ITEMS: {
		struct tv k;
		r = rt_next(rt, at, &g->it, &k);
		if (r > 0) {
			struct tv v = tv_ref(tv_dict_get_v(g->spec.src, k, NULL));
			struct tv t = tv_tuple_new(2);
			tv_list_push(t, k);
			tv_list_push(t, v);
			if (IS_ERR(t) || t.u.seq->oom) {
				tv_drop(t);
				rt_oom(rt, at);
				r = -1;
			} else {
				*out = t;
			}
		}
		break;
	}
	default:
		r = rt_next(rt, at, &g->it, out);
		break;
	}
	if (r <= 0)
		g->done = true;
	return r;
}

static const struct rt_class gen_class = {
	{ "generator", NULL, gen_free, gen_repr }, NULL, NULL, NULL, gen_next,
};
static const struct rt_class reversed_class = {
	{ "list_reverseiterator", NULL, gen_free, gen_repr }, NULL, NULL, NULL, gen_next,
};

struct tv gen_new(const struct gen_spec *spec)
{
	struct gen *g = tv_alloc(sizeof *g);
	if (!g)
		return FAILV;
	memset(g, 0, sizeof *g);
	g->base.rc = 1;
	g->base.cls = spec->kind == GEN_REVERSED ? &reversed_class.base : &gen_class.base;
	g->spec = *spec;
	g->spec.src = tv_ref(spec->src);
	g->spec.attribute = tv_ref(spec->attribute);
	g->spec.fill = tv_ref(spec->fill);
	g->attr = g->deflt = g->seen = g->list = tv_missing();
	struct tv self = tv_obj_wrap(&g->base);
	const struct args *a = spec->args;
	if (a && (a->npos || a->nkw)) {
		g->args.pos = tv_alloc(a->npos * sizeof *g->args.pos);
		g->args.kw = tv_alloc(a->nkw * sizeof *g->args.kw);
		if (!g->args.pos || !g->args.kw) {
			tv_free(g->args.pos, a->npos * sizeof *g->args.pos);
			tv_free(g->args.kw, a->nkw * sizeof *g->args.kw);
			g->args.pos = NULL;
			g->args.kw = NULL;
			tv_drop(self);
			return FAILV;
		}
		for (uint32_t i = 0; i < a->npos; i++)
			g->args.pos[g->args.npos++] = tv_ref(a->pos[i]);
		for (uint32_t i = 0; i < a->nkw; i++) {
			g->args.kw[g->args.nkw] = a->kw[i];
			g->args.kw[g->args.nkw++].v = tv_ref(a->kw[i].v);
		}
	}
	return self;
}
