/* resolve: Jinja's identifier tracking and frame handling (see resolve.h).
 *
 * Terms follow Jinja: a Symbols table per frame maps names to identifiers
 * ("l_<level>_<name>"), with a load instruction each (parameter, resolve
 * from the context, alias an outer identifier, or start undefined). An
 * identifier is a variable of the Python function that contains the frame;
 * here it is a slot in that function's environment. Analysis of a frame
 * happens when the code generator would enter it, so the parent frames are
 * complete by then, exactly as in Jinja.
 */
#include "tmpl/resolve.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tmpl/filters.h"
#include "tmpl/tests.h"

struct fn {
	struct fn *parent;
	int nest;
	struct { const char *s; size_t len; int level; } *idents;
	uint32_t n, cap;
};

struct sref { const char *s; size_t len; uint16_t slot; };
struct sload { uint16_t slot; uint8_t action; const char *s; size_t len; struct fn *src_fn; uint16_t src_slot; };

struct symbols {
	struct symbols *parent;
	struct fn *fn;
	int level;
	struct sref *refs;
	uint32_t nrefs, caprefs;
	struct sload *loads;
	uint32_t nloads, caploads;
	struct sref *stores;       /* names only */
	uint32_t nstores, capstores;
};

struct frame {
	struct symbols *sym;
	bool soft;
};

struct rs {
	struct arena *arena;
	struct resolve_error *err;
	jmp_buf jb;
	int depth;
};

static void fail(struct rs *r, const struct node *n, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

static void fail(struct rs *r, const struct node *n, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	va_end(ap);
	r->err->rule = rule;
	r->err->off = n ? n->off : 0;
	r->err->line = n ? n->line : 0;
	longjmp(r->jb, 1);
}

static void *grow(struct rs *r, void *v, uint32_t n, uint32_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	uint32_t ncap = *cap ? *cap * 2 : 8;
	void *nv = arena_zalloc(r->arena, ncap * size);
	if (!nv)
		fail(r, NULL, "template-memory", "out of memory while compiling the template");
	if (n)
		memcpy(nv, v, n * size);
	*cap = ncap;
	return nv;
}

static bool same(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && memcmp(a, b, al) == 0;
}

static uint16_t fn_ident(struct rs *r, struct fn *f, int level, const char *s, size_t len)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (f->idents[i].level == level && same(f->idents[i].s, f->idents[i].len, s, len))
			return (uint16_t)i;
	if (f->n >= 60000)
		fail(r, NULL, "template-memory", "too many variables in one template");
	f->idents = grow(r, f->idents, f->n, &f->cap, sizeof *f->idents);
	f->idents[f->n].s = s;
	f->idents[f->n].len = len;
	f->idents[f->n].level = level;
	return (uint16_t)f->n++;
}

static struct symbols *sym_new(struct rs *r, struct symbols *parent, struct fn *fn)
{
	struct symbols *s = arena_zalloc(r->arena, sizeof *s);
	if (!s)
		fail(r, NULL, "template-memory", "out of memory while compiling the template");
	s->parent = parent;
	s->fn = fn;
	s->level = parent ? parent->level + 1 : 0;
	return s;
}

static struct symbols *sym_copy(struct rs *r, const struct symbols *o)
{
	struct symbols *s = sym_new(r, o->parent, o->fn);
	s->level = o->level;
#define COPY(field, n, cap)                                                      \
	for (uint32_t i = 0; i < o->n; i++) {                                    \
		s->field = grow(r, s->field, s->n, &s->cap, sizeof *s->field);   \
		s->field[s->n++] = o->field[i];                                  \
	}
	COPY(refs, nrefs, caprefs)
	COPY(loads, nloads, caploads)
	COPY(stores, nstores, capstores)
#undef COPY
	return s;
}

static struct sref *own_ref(struct symbols *s, const char *n, size_t len)
{
	for (uint32_t i = 0; i < s->nrefs; i++)
		if (same(s->refs[i].s, s->refs[i].len, n, len))
			return &s->refs[i];
	return NULL;
}

/* find_ref: the identifier a name refers to, searching outwards. */
static bool find_ref(struct symbols *s, const char *n, size_t len, struct fn **fn, uint16_t *slot)
{
	for (; s; s = s->parent) {
		struct sref *ref = own_ref(s, n, len);
		if (ref) {
			*fn = s->fn;
			*slot = ref->slot;
			return true;
		}
	}
	return false;
}

static void set_load(struct rs *r, struct symbols *s, struct sload l)
{
	for (uint32_t i = 0; i < s->nloads; i++)
		if (s->loads[i].slot == l.slot) {
			s->loads[i] = l;
			return;
		}
	s->loads = grow(r, s->loads, s->nloads, &s->caploads, sizeof *s->loads);
	s->loads[s->nloads++] = l;
}

static uint16_t define_ref(struct rs *r, struct symbols *s, const char *n, size_t len, struct sload l)
{
	uint16_t slot = fn_ident(r, s->fn, s->level, n, len);
	struct sref *ref = own_ref(s, n, len);
	if (ref) {
		ref->slot = slot;
	} else {
		s->refs = grow(r, s->refs, s->nrefs, &s->caprefs, sizeof *s->refs);
		s->refs[s->nrefs++] = (struct sref){ n, len, slot };
	}
	l.slot = slot;
	set_load(r, s, l);
	return slot;
}

static bool in_stores(const struct symbols *s, const char *n, size_t len)
{
	for (uint32_t i = 0; i < s->nstores; i++)
		if (same(s->stores[i].s, s->stores[i].len, n, len))
			return true;
	return false;
}

static void add_store(struct rs *r, struct symbols *s, const char *n, size_t len)
{
	if (in_stores(s, n, len))
		return;
	s->stores = grow(r, s->stores, s->nstores, &s->capstores, sizeof *s->stores);
	s->stores[s->nstores++] = (struct sref){ n, len, 0 };
}

static void sym_store(struct rs *r, struct symbols *s, const char *n, size_t len)
{
	add_store(r, s, n, len);
	if (own_ref(s, n, len))
		return;
	struct fn *ofn;
	uint16_t oslot;
	if (s->parent && find_ref(s->parent, n, len, &ofn, &oslot)) {
		define_ref(r, s, n, len, (struct sload){ .action = LOAD_ALIAS, .src_fn = ofn, .src_slot = oslot });
		return;
	}
	define_ref(r, s, n, len, (struct sload){ .action = LOAD_UNDEF });
}

static uint16_t sym_param(struct rs *r, struct symbols *s, const char *n, size_t len)
{
	add_store(r, s, n, len);
	return define_ref(r, s, n, len, (struct sload){ .action = LOAD_PARAM });
}

static void sym_load(struct rs *r, struct symbols *s, const char *n, size_t len)
{
	struct fn *f;
	uint16_t slot;
	if (!find_ref(s, n, len, &f, &slot))
		define_ref(r, s, n, len, (struct sload){ .action = LOAD_RESOLVE, .s = n, .len = len });
}

static void branch_update(struct rs *r, struct symbols *s, struct symbols **br, int nbr)
{
	struct sref *stores = NULL;
	uint32_t nst = 0, capst = 0;
	for (int b = 0; b < nbr; b++)
		for (uint32_t i = 0; i < br[b]->nstores; i++) {
			struct sref *st = &br[b]->stores[i];
			if (in_stores(s, st->s, st->len))
				continue;
			bool dup = false;
			for (uint32_t k = 0; k < nst; k++)
				dup |= same(stores[k].s, stores[k].len, st->s, st->len);
			if (!dup) {
				stores = grow(r, stores, nst, &capst, sizeof *stores);
				stores[nst++] = *st;
			}
		}
	for (int b = 0; b < nbr; b++) {
		for (uint32_t i = 0; i < br[b]->nrefs; i++) {
			struct sref *ref = own_ref(s, br[b]->refs[i].s, br[b]->refs[i].len);
			if (ref) {
				ref->slot = br[b]->refs[i].slot;
			} else {
				s->refs = grow(r, s->refs, s->nrefs, &s->caprefs, sizeof *s->refs);
				s->refs[s->nrefs++] = br[b]->refs[i];
			}
		}
		for (uint32_t i = 0; i < br[b]->nloads; i++)
			set_load(r, s, br[b]->loads[i]);
		for (uint32_t i = 0; i < br[b]->nstores; i++)
			add_store(r, s, br[b]->stores[i].s, br[b]->stores[i].len);
	}
	for (uint32_t k = 0; k < nst; k++) {
		struct fn *tfn, *ofn;
		uint16_t tslot, oslot;
		find_ref(s, stores[k].s, stores[k].len, &tfn, &tslot);
		if (s->parent && find_ref(s->parent, stores[k].s, stores[k].len, &ofn, &oslot))
			set_load(r, s, (struct sload){ .slot = tslot, .action = LOAD_ALIAS, .src_fn = ofn, .src_slot = oslot });
		else
			set_load(r, s, (struct sload){ .slot = tslot, .action = LOAD_RESOLVE,
						       .s = stores[k].s, .len = stores[k].len });
	}
}

/* --- FrameSymbolVisitor --- */

struct fsv_ctx {
	struct rs *r;
	struct symbols *s;
	bool store_as_param;
};

static void fsv(struct node *n, void *vctx);

static struct symbols *visit_branch(struct fsv_ctx *c, struct symbols *orig, struct nlist *l)
{
	struct symbols *copy = sym_copy(c->r, orig);
	struct fsv_ctx sub = { c->r, copy, false };
	for (uint32_t i = 0; i < l->n; i++)
		fsv(l->v[i], &sub);
	return copy;
}

static void fsv(struct node *n, void *vctx)
{
	struct fsv_ctx *c = vctx;
	struct rs *r = c->r;
	switch (n->kind) {
	case N_NAME:
		if (c->store_as_param || n->u.name.ctx == CTX_PARAM)
			sym_param(r, c->s, n->u.name.s, n->u.name.len);
		else if (n->u.name.ctx == CTX_STORE)
			sym_store(r, c->s, n->u.name.s, n->u.name.len);
		else
			sym_load(r, c->s, n->u.name.s, n->u.name.len);
		break;
	case N_NSREF:
		sym_load(r, c->s, n->u.nsref.s, n->u.nsref.len);
		break;
	case N_IF: {
		fsv(n->u.if_.test, c);
		struct symbols *br[3] = {
			visit_branch(c, c->s, &n->u.if_.body),
			visit_branch(c, c->s, &n->u.if_.elifs),
			visit_branch(c, c->s, &n->u.if_.else_),
		};
		branch_update(r, c->s, br, 3);
		break;
	}
	case N_MACRO:
		sym_store(r, c->s, n->u.macro.name, n->u.macro.len);
		break;
	case N_ASSIGN:
		fsv(n->u.assign.node, c);
		fsv(n->u.assign.target, c);
		break;
	case N_FOR:
		fsv(n->u.for_.iter, c);
		break;
	case N_CALLBLOCK:
		fsv(n->u.macro.call, c);
		break;
	case N_FILTERBLOCK:
		fsv(n->u.fblock.filter, c);
		break;
	case N_WITH:
		for (uint32_t i = 0; i < n->u.with.values.n; i++) {
			struct fsv_ctx sub = { r, c->s, false };
			fsv(n->u.with.values.v[i], &sub);
		}
		break;
	case N_ASSIGNBLOCK:
		fsv(n->u.ablock.target, c);
		break;
	default:
		ast_children(n, fsv, c);
		break;
	}
}

static void fsv_list(struct rs *r, struct symbols *s, struct nlist *l, bool as_param)
{
	struct fsv_ctx c = { r, s, as_param };
	for (uint32_t i = 0; i < l->n; i++)
		fsv(l->v[i], &c);
}

static void fsv_one(struct rs *r, struct symbols *s, struct node *n, bool as_param)
{
	struct fsv_ctx c = { r, s, as_param };
	if (n)
		fsv(n, &c);
}

/* --- find_undeclared / find_all --- */

struct undecl {
	const char *names[3];
	bool live[3], found[3];
	int n;
};

static void undecl_visit(struct node *n, void *vctx)
{
	struct undecl *u = vctx;
	if (n->kind == N_NAME) {
		for (int i = 0; i < u->n; i++) {
			if (!u->live[i] || !same(u->names[i], strlen(u->names[i]), n->u.name.s, n->u.name.len))
				continue;
			if (n->u.name.ctx == CTX_LOAD)
				u->found[i] = true;
			else
				u->live[i] = false;
		}
		return;
	}
	ast_children(n, undecl_visit, u);
}

static void find_undeclared(struct nlist *l, struct undecl *u)
{
	for (int i = 0; i < u->n; i++)
		u->live[i] = true;
	for (uint32_t i = 0; i < l->n; i++)
		undecl_visit(l->v[i], u);
}

static void loop_store_check(struct node *n, void *vctx)
{
	struct rs *r = vctx;
	if (n->kind == N_NAME && n->u.name.ctx == CTX_STORE && same(n->u.name.s, n->u.name.len, "loop", 4))
		fail(r, n, "template-syntax", "Can't assign to special loop variable in for-loop target");
	ast_children(n, loop_store_check, r);
}

/* --- code generation pass --- */

static struct ref mkref(struct rs *r, const struct node *n, struct fn *use, struct fn *owner, uint16_t slot)
{
	int depth = use->nest - owner->nest;
	if (depth < 0 || depth > 60000)
		fail(r, n, "template-syntax", "internal error: bad variable scope");
	return (struct ref){ (uint16_t)depth, slot };
}

static struct ref lookup(struct rs *r, struct frame *f, const struct node *n, const char *s, size_t len)
{
	struct fn *ofn;
	uint16_t slot;
	if (!find_ref(f->sym, s, len, &ofn, &slot))
		fail(r, n, "template-syntax", "Tried to resolve a name to a reference that was unknown to the frame ('%.*s')",
		     (int)len, s);
	return mkref(r, n, f->sym->fn, ofn, slot);
}

static struct frame_code frame_code(struct rs *r, struct symbols *s)
{
	struct frame_code fc = { 0 };
	if (!s->nloads)
		return fc;
	fc.loads = arena_zalloc(r->arena, s->nloads * sizeof *fc.loads);
	if (!fc.loads)
		fail(r, NULL, "template-memory", "out of memory while compiling the template");
	for (uint32_t i = 0; i < s->nloads; i++) {
		struct sload *l = &s->loads[i];
		struct frame_load *o = &fc.loads[i];
		o->slot = l->slot;
		o->action = l->action;
		o->name = l->s;
		o->namelen = l->len;
		if (l->action == LOAD_ALIAS)
			o->src = mkref(r, NULL, s->fn, l->src_fn, l->src_slot);
	}
	fc.n = s->nloads;
	return fc;
}

static void compile_expr(struct rs *r, struct frame *f, struct node *n);
static void compile_body(struct rs *r, struct frame *f, struct nlist *l);

struct cctx {
	struct rs *r;
	struct frame *f;
};

static void compile_child(struct node *n, void *vctx)
{
	struct cctx *c = vctx;
	compile_expr(c->r, c->f, n);
}

static void bind_filter_test(struct rs *r, struct frame *f, struct node *n)
{
	bool is_filter = n->kind == N_FILTER;
	const char *what = is_filter ? "filter" : "test";
	if (is_filter)
		n->u.ft.filter = filter_find(n->u.ft.name, n->u.ft.len);
	else
		n->u.ft.test = test_find(n->u.ft.name, n->u.ft.len);
	if (n->u.ft.filter || n->u.ft.test)
		return;
	bool jinja = is_filter ? filter_jinja_known(n->u.ft.name, n->u.ft.len)
			       : test_jinja_known(n->u.ft.name, n->u.ft.len);
	if (jinja)
		fail(r, n, "template-unsupported", "the '%.*s' %s is not supported by osmo-tui's template engine",
		     (int)n->u.ft.len, n->u.ft.name, what);
	if (f->soft)
		n->u.ft.soft = true; /* Jinja 3 checks at run time inside if/else */
	else
		fail(r, n, "template-syntax", "No %s named '%.*s'.", what, (int)n->u.ft.len, n->u.ft.name);
}

static void compile_expr(struct rs *r, struct frame *f, struct node *n)
{
	if (++r->depth > 400)
		fail(r, n, "template-memory", "template nested too deeply");
	struct cctx c = { r, f };
	switch (n->kind) {
	case N_NAME:
		n->u.name.ref = lookup(r, f, n, n->u.name.s, n->u.name.len);
		break;
	case N_NSREF:
		n->u.nsref.ref = lookup(r, f, n, n->u.nsref.s, n->u.nsref.len);
		break;
	case N_FILTER:
	case N_TEST:
		bind_filter_test(r, f, n);
		ast_children(n, compile_child, &c);
		break;
	case N_CONDEXPR: {
		struct frame soft = { f->sym, true };
		struct cctx sc = { r, &soft };
		ast_children(n, compile_child, &sc);
		break;
	}
	default:
		ast_children(n, compile_child, &c);
		break;
	}
	r->depth--;
}

/* A loop filter binds the loop target in its own function, so it needs its
 * own copy of the target's name nodes. */
static struct node *copy_target(struct rs *r, const struct node *t)
{
	struct node *c = arena_zalloc(r->arena, sizeof *c);
	if (!c)
		fail(r, t, "template-memory", "out of memory while compiling the template");
	*c = *t;
	if (t->kind == N_TUPLE) {
		c->u.seq.items = (struct nlist){ 0 };
		for (uint32_t i = 0; i < t->u.seq.items.n; i++)
			ast_push(r->arena, &c->u.seq.items, copy_target(r, t->u.seq.items.v[i]));
		if (r->arena->oom)
			fail(r, t, "template-memory", "out of memory while compiling the template");
	}
	return c;
}

static void compile_for(struct rs *r, struct frame *f, struct node *n)
{
	struct symbols *loop = sym_new(r, f->sym, f->sym->fn);
	struct symbols *els = sym_new(r, f->sym, f->sym->fn);
	struct undecl u = { .names = { "loop" }, .n = 1 };
	find_undeclared(&n->u.for_.body, &u);
	n->u.for_.has_loop = u.found[0];
	uint16_t loop_slot = 0;
	if (u.found[0])
		loop_slot = sym_param(r, loop, "loop", 4);
	/* RootVisitor.visit_For, branch "body" */
	fsv_one(r, loop, n->u.for_.target, true);
	fsv_list(r, loop, &n->u.for_.body, false);
	if (n->u.for_.else_.n)
		fsv_list(r, els, &n->u.for_.else_, false);
	if (n->u.for_.test) {
		struct fn *tfn = arena_zalloc(r->arena, sizeof *tfn);
		if (!tfn)
			fail(r, n, "template-memory", "out of memory while compiling the template");
		tfn->parent = f->sym->fn;
		tfn->nest = f->sym->fn->nest + 1;
		struct symbols *ts = sym_new(r, f->sym, tfn);
		fsv_one(r, ts, n->u.for_.target, true);
		fsv_one(r, ts, n->u.for_.test, false);
		struct frame tf = { ts, false };
		n->u.for_.test_frame = frame_code(r, ts);
		n->u.for_.test_target = copy_target(r, n->u.for_.target);
		compile_expr(r, &tf, n->u.for_.test_target);
		compile_expr(r, &tf, n->u.for_.test);
		n->u.for_.test_func.nslots = tfn->n;
	}
	if (n->u.for_.recursive)
		fail(r, n, "template-unsupported", "recursive for loops are not supported by osmo-tui's template engine");
	loop_store_check(n, r);
	compile_expr(r, f, n->u.for_.iter);
	struct frame lf = { loop, false };
	if (u.found[0])
		n->u.for_.loop_ref = (struct ref){ 0, loop_slot };
	n->u.for_.body_frame = frame_code(r, loop);
	compile_expr(r, &lf, n->u.for_.target);
	compile_body(r, &lf, &n->u.for_.body);
	if (n->u.for_.else_.n) {
		struct frame ef = { els, false };
		n->u.for_.else_frame = frame_code(r, els);
		compile_body(r, &ef, &n->u.for_.else_);
	}
}

static void compile_macro(struct rs *r, struct frame *f, struct node *n)
{
	struct fn *mfn = arena_zalloc(r->arena, sizeof *mfn);
	if (!mfn)
		fail(r, n, "template-memory", "out of memory while compiling the template");
	mfn->parent = f->sym->fn;
	mfn->nest = f->sym->fn->nest + 1;
	struct symbols *s = sym_new(r, f->sym, mfn);
	/* RootVisitor: args, defaults, body (a call block's call is outside) */
	fsv_list(r, s, &n->u.macro.args, false);
	fsv_list(r, s, &n->u.macro.defaults, false);
	fsv_list(r, s, &n->u.macro.body, false);
	struct undecl u = { .names = { "caller", "kwargs", "varargs" }, .n = 3 };
	find_undeclared(&n->u.macro.body, &u);
	int explicit_caller = -1;
	bool explicit_kw = false, explicit_va = false;
	for (uint32_t i = 0; i < n->u.macro.args.n; i++) {
		struct node *a = n->u.macro.args.v[i];
		if (same(a->u.name.s, a->u.name.len, "caller", 6))
			explicit_caller = (int)i;
		explicit_kw |= same(a->u.name.s, a->u.name.len, "kwargs", 6);
		explicit_va |= same(a->u.name.s, a->u.name.len, "varargs", 7);
	}
	if (u.found[0]) {
		if (explicit_caller >= 0) {
			if ((uint32_t)explicit_caller < n->u.macro.args.n - n->u.macro.defaults.n)
				fail(r, n, "template-syntax", "When defining macros or call blocks the special \"caller\" "
				     "argument must be omitted or be given a default.");
		} else {
			n->u.macro.caller = true;
			n->u.macro.caller_slot = sym_param(r, s, "caller", 6);
		}
	}
	if (u.found[1] && !explicit_kw) {
		n->u.macro.kwargs = true;
		n->u.macro.kwargs_slot = sym_param(r, s, "kwargs", 6);
	}
	if (u.found[2] && !explicit_va) {
		n->u.macro.varargs = true;
		n->u.macro.varargs_slot = sym_param(r, s, "varargs", 7);
	}
	struct frame mf = { s, false };
	n->u.macro.frame = frame_code(r, s);
	for (uint32_t i = 0; i < n->u.macro.args.n; i++)
		compile_expr(r, &mf, n->u.macro.args.v[i]);
	for (uint32_t i = 0; i < n->u.macro.defaults.n; i++)
		compile_expr(r, &mf, n->u.macro.defaults.v[i]);
	compile_body(r, &mf, &n->u.macro.body);
	n->u.macro.func.nslots = mfn->n;
	if (n->kind == N_MACRO)
		n->u.macro.ref = lookup(r, f, n, n->u.macro.name, n->u.macro.len);
	else
		compile_expr(r, f, n->u.macro.call);
}

static void compile_stmt(struct rs *r, struct frame *f, struct node *n)
{
	if (++r->depth > 400)
		fail(r, n, "template-memory", "template nested too deeply");
	switch (n->kind) {
	case N_OUTPUT:
		for (uint32_t i = 0; i < n->u.seq.items.n; i++)
			if (n->u.seq.items.v[i]->kind != N_DATA)
				compile_expr(r, f, n->u.seq.items.v[i]);
		break;
	case N_FOR:
		compile_for(r, f, n);
		break;
	case N_IF: {
		struct frame soft = { f->sym, true };
		compile_expr(r, &soft, n->u.if_.test);
		compile_body(r, &soft, &n->u.if_.body);
		for (uint32_t i = 0; i < n->u.if_.elifs.n; i++) {
			struct node *e = n->u.if_.elifs.v[i];
			compile_expr(r, &soft, e->u.if_.test);
			compile_body(r, &soft, &e->u.if_.body);
		}
		compile_body(r, &soft, &n->u.if_.else_);
		break;
	}
	case N_MACRO:
	case N_CALLBLOCK:
		compile_macro(r, f, n);
		break;
	case N_FILTERBLOCK: {
		struct symbols *s = sym_new(r, f->sym, f->sym->fn);
		fsv_list(r, s, &n->u.fblock.body, false);
		fsv_one(r, s, n->u.fblock.filter, false);
		struct frame ff = { s, false };
		n->u.fblock.frame = frame_code(r, s);
		compile_body(r, &ff, &n->u.fblock.body);
		compile_expr(r, &ff, n->u.fblock.filter);
		break;
	}
	case N_WITH: {
		struct symbols *s = sym_new(r, f->sym, f->sym->fn);
		fsv_list(r, s, &n->u.with.targets, false);
		fsv_list(r, s, &n->u.with.body, false);
		struct frame wf = { s, false };
		n->u.with.frame = frame_code(r, s);
		for (uint32_t i = 0; i < n->u.with.values.n; i++) {
			compile_expr(r, f, n->u.with.values.v[i]);
			compile_expr(r, &wf, n->u.with.targets.v[i]);
		}
		compile_body(r, &wf, &n->u.with.body);
		break;
	}
	case N_ASSIGN:
		compile_expr(r, f, n->u.assign.node);
		compile_expr(r, f, n->u.assign.target);
		break;
	case N_ASSIGNBLOCK: {
		struct symbols *s = sym_new(r, f->sym, f->sym->fn);
		fsv_list(r, s, &n->u.ablock.body, false);
		struct frame bf = { s, false };
		n->u.ablock.frame = frame_code(r, s);
		compile_body(r, &bf, &n->u.ablock.body);
		compile_expr(r, f, n->u.ablock.target);
		if (n->u.ablock.filter)
			compile_expr(r, &bf, n->u.ablock.filter);
		break;
	}
	default:
		compile_expr(r, f, n);
		break;
	}
	r->depth--;
}

static void compile_body(struct rs *r, struct frame *f, struct nlist *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		compile_stmt(r, f, l->v[i]);
}

int resolve_template(struct nlist *body, struct arena *arena, struct func_info *root,
		     struct frame_code *root_frame, struct resolve_error *err)
{
	struct rs r = { .arena = arena, .err = err };
	memset(err, 0, sizeof *err);
	if (setjmp(r.jb))
		return -1;
	struct fn *rootfn = arena_zalloc(arena, sizeof *rootfn);
	if (!rootfn)
		fail(&r, NULL, "template-memory", "out of memory while compiling the template");
	struct undecl u = { .names = { "self" }, .n = 1 };
	find_undeclared(body, &u);
	if (u.found[0])
		fail(&r, NULL, "template-unsupported", "the 'self' template reference is not supported by osmo-tui's template engine");
	struct symbols *s = sym_new(&r, NULL, rootfn);
	fsv_list(&r, s, body, false);
	struct frame f = { s, false };
	*root_frame = frame_code(&r, s);
	compile_body(&r, &f, body);
	root->nslots = rootfn->n;
	return 0;
}
