/* value: construction, reference counting, containers, hashing and
 * equality of template values (see value.h). Printing is in value_repr.c,
 * the memory budget (tv_alloc and friends) in value_mem.c.
 */
#include "tmpl/value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct tv OOM = { .kind = TV_OOM };

struct tv tv_str_alloc(size_t len)
{
	if (len > SIZE_MAX - sizeof(struct tv_str_obj) - 1)
		return OOM;
	struct tv_str_obj *s = tv_alloc(sizeof *s + len + 1);
	if (!s)
		return OOM;
	s->rc = 1;
	s->ascii = 2;
	s->markup = 0;
	s->len = len;
	s->nchars = SIZE_MAX;
	s->data[len] = '\0';
	return (struct tv){ .kind = TV_STR, .u.s = s };
}

struct tv tv_str(const char *p, size_t len)
{
	struct tv v = tv_str_alloc(len);
	if (v.kind == TV_STR && len)
		memcpy(v.u.s->data, p, len);
	return v;
}

struct tv tv_cstr(const char *s)
{
	return tv_str(s, strlen(s));
}

struct tv tv_str_from_buf(struct buf *b)
{
	if (b->oom) {
		buf_free(b);
		*b = (struct buf)BUF_INIT;
		return OOM;
	}
	struct tv v = tv_str(b->data ? b->data : "", b->len);
	buf_free(b);
	*b = (struct buf)BUF_INIT;
	return v;
}

/* Small sequences keep their elements in the same allocation. */
#define SEQ_INLINE_MAX 8

static struct tv seq_new(enum tv_kind kind, size_t cap)
{
	size_t inl = cap && cap <= SEQ_INLINE_MAX ? cap : 0;
	struct tv_seq *s = tv_alloc(sizeof *s + inl * sizeof(struct tv));
	if (!s)
		return OOM;
	s->rc = 1;
	s->oom = false;
	s->n = 0;
	s->cap = inl;
	s->ninline = (uint32_t)inl;
	s->v = inl ? s->inline_ : NULL;
	if (cap && !inl) {
		if (cap > SIZE_MAX / sizeof(struct tv) || !(s->v = tv_alloc(cap * sizeof(struct tv)))) {
			tv_free(s, sizeof *s);
			return OOM;
		}
		s->cap = cap;
	}
	return (struct tv){ .kind = (uint8_t)kind, .u.seq = s };
}

static size_t seq_bytes(const struct tv_seq *s)
{
	return sizeof *s + s->ninline * sizeof(struct tv);
}

struct tv tv_list_new(size_t cap)
{
	return seq_new(TV_LIST, cap);
}

struct tv tv_tuple_new(size_t cap)
{
	return seq_new(TV_TUPLE, cap);
}

struct tv tv_dict_new(void)
{
	struct tv_dict *d = tv_alloc(sizeof *d);
	if (!d)
		return OOM;
	memset(d, 0, sizeof *d);
	d->rc = 1;
	return (struct tv){ .kind = TV_DICT, .u.d = d };
}

struct tv tv_range_new(int64_t start, int64_t stop, int64_t step)
{
	struct tv_range *r = tv_alloc(sizeof *r);
	if (!r)
		return OOM;
	r->rc = 1;
	r->start = start;
	r->stop = stop;
	r->step = step;
	return (struct tv){ .kind = TV_RANGE, .u.r = r };
}

static char *dup_or_null(const char *s, bool *fail)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = tv_alloc(n);
	if (!d)
		*fail = true;
	else
		memcpy(d, s, n);
	return d;
}

static void undef_free(struct tv_undef *u)
{
	if (u->hint)
		tv_free(u->hint, strlen(u->hint) + 1);
	if (u->name)
		tv_free(u->name, strlen(u->name) + 1);
	if (u->obj_type)
		tv_free(u->obj_type, strlen(u->obj_type) + 1);
	tv_free(u, sizeof *u);
}

struct tv tv_undef_new(bool strict, const char *hint, const char *name,
		       const char *obj_type, bool name_is_key, bool security)
{
	struct tv_undef *u = tv_alloc(sizeof *u);
	if (!u)
		return OOM;
	bool fail = false;
	u->rc = 1;
	u->strict = strict;
	u->security = security;
	u->name_is_key = name_is_key;
	u->hint = dup_or_null(hint, &fail);
	u->name = dup_or_null(name, &fail);
	u->obj_type = dup_or_null(obj_type, &fail);
	if (fail) {
		undef_free(u);
		return OOM;
	}
	return (struct tv){ .kind = TV_UNDEF, .u.un = u };
}

struct tv tv_obj_wrap(struct tv_obj *o)
{
	return (struct tv){ .kind = TV_OBJ, .u.o = o };
}


static void dict_destroy(struct tv_dict *d)
{
	for (size_t i = 0; i < d->n; i++) {
		tv_drop(d->e[i].key);
		tv_drop(d->e[i].val);
	}
	tv_free(d->e, d->cap * sizeof *d->e);
	tv_free(d->index, d->icap * sizeof *d->index);
	tv_free(d, sizeof *d);
}

void tv_destroy(struct tv v)
{
	switch (v.kind) {
	case TV_UNDEF:
		undef_free(v.u.un);
		break;
	case TV_STR:
		tv_free(v.u.s, sizeof *v.u.s + v.u.s->len + 1);
		break;
	case TV_LIST:
	case TV_TUPLE:
		for (size_t i = 0; i < v.u.seq->n; i++)
			tv_drop(v.u.seq->v[i]);
		if (v.u.seq->v != v.u.seq->inline_)
			tv_free(v.u.seq->v, v.u.seq->cap * sizeof(struct tv));
		tv_free(v.u.seq, seq_bytes(v.u.seq));
		break;
	case TV_DICT:
		dict_destroy(v.u.d);
		break;
	case TV_RANGE:
		tv_free(v.u.r, sizeof *v.u.r);
		break;
	case TV_OBJ:
		v.u.o->cls->free(v.u.o);
		break;
	default:
		break;
	}
}

/* --- sequences --- */

int tv_list_push(struct tv seq, struct tv v)
{
	if (seq.kind != TV_LIST && seq.kind != TV_TUPLE) {
		tv_drop(v);
		return -1;
	}
	struct tv_seq *s = seq.u.seq;
	if (v.kind == TV_OOM) {
		s->oom = true;
		return -1;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4;
		if (cap > SIZE_MAX / sizeof(struct tv)) {
			s->oom = true;
			tv_drop(v);
			return -1;
		}
		struct tv *nv;
		if (s->v == s->inline_) {
			/* move out of the inline storage (which stays allocated) */
			nv = tv_alloc(cap * sizeof(struct tv));
			if (nv)
				memcpy(nv, s->v, s->n * sizeof(struct tv));
		} else {
			nv = tv_realloc(s->v, s->cap * sizeof(struct tv), cap * sizeof(struct tv));
		}
		if (!nv) {
			s->oom = true;
			tv_drop(v);
			return -1;
		}
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = v;
	return 0;
}

size_t tv_seq_len(struct tv seq)
{
	return (seq.kind == TV_LIST || seq.kind == TV_TUPLE) ? seq.u.seq->n : 0;
}

struct tv tv_seq_get(struct tv seq, size_t i)
{
	return seq.u.seq->v[i];
}

void tv_seq_reverse(struct tv seq)
{
	struct tv_seq *q = seq.u.seq;
	for (size_t i = 0; i < q->n / 2; i++) {
		struct tv t = q->v[i];
		q->v[i] = q->v[q->n - 1 - i];
		q->v[q->n - 1 - i] = t;
	}
}

int64_t tv_range_len(struct tv rv)
{
	const struct tv_range *r = rv.u.r;
	if (r->step > 0 && r->start < r->stop)
		return (int64_t)(((uint64_t)r->stop - (uint64_t)r->start - 1) / (uint64_t)r->step + 1);
	if (r->step < 0 && r->start > r->stop)
		return (int64_t)(((uint64_t)r->start - (uint64_t)r->stop - 1) / ((uint64_t)(-(r->step + 1)) + 1) + 1);
	return 0;
}


/* --- hashing --- */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return mix(h);
}

int tv_hash(struct tv v, uint64_t *out)
{
	switch (v.kind) {
	case TV_NONE:
		*out = 0x9e3779b97f4a7c15ULL;
		return 0;
	case TV_BOOL:
		*out = mix((uint64_t)v.u.b);
		return 0;
	case TV_INT:
		*out = mix((uint64_t)v.u.i);
		return 0;
	case TV_FLOAT: {
		double f = v.u.f;
		/* equal numbers must hash alike: 1.0 hashes as 1 */
		if (f == floor(f) && f >= -9.2e18 && f <= 9.2e18) {
			*out = mix((uint64_t)(int64_t)f);
			return 0;
		}
		uint64_t bits;
		if (f != f)
			f = NAN;
		memcpy(&bits, &f, sizeof bits);
		*out = mix(bits ^ 0x5bd1e995ULL);
		return 0;
	}
	case TV_STR:
		*out = hash_bytes(v.u.s->data, v.u.s->len);
		return 0;
	case TV_TUPLE: {
		uint64_t h = 0x345678ULL;
		for (size_t i = 0; i < v.u.seq->n; i++) {
			uint64_t e;
			if (tv_hash(v.u.seq->v[i], &e) < 0)
				return -1;
			h = mix(h ^ e) + i;
		}
		*out = h;
		return 0;
	}
	case TV_RANGE:
		*out = mix((uint64_t)v.u.r->start ^ mix((uint64_t)v.u.r->stop) ^ (uint64_t)v.u.r->step);
		return 0;
	case TV_OBJ:
		*out = mix((uint64_t)(uintptr_t)v.u.o);
		return 0;
	default:
		return -1;
	}
}

/* --- equality --- */

static bool num_equal(struct tv a, struct tv b)
{
	if (a.kind == TV_FLOAT || b.kind == TV_FLOAT) {
		if (a.kind == TV_FLOAT && b.kind == TV_FLOAT)
			return a.u.f == b.u.f;
		double f = a.kind == TV_FLOAT ? a.u.f : b.u.f;
		struct tv o = a.kind == TV_FLOAT ? b : a;
		int64_t i = o.kind == TV_BOOL ? o.u.b : o.u.i;
		/* exact comparison, as Python does for int vs float */
		if (f != floor(f) || f < -9.3e18 || f > 9.3e18)
			return false;
		if (f >= 9223372036854775808.0 || f < -9223372036854775808.0)
			return false;
		return (int64_t)f == i;
	}
	int64_t x = a.kind == TV_BOOL ? a.u.b : a.u.i;
	int64_t y = b.kind == TV_BOOL ? b.u.b : b.u.i;
	return x == y;
}


bool tv_equal(struct tv a, struct tv b)
{
	if (tv_is_number(a) && tv_is_number(b))
		return num_equal(a, b);
	if (a.kind != b.kind)
		return false;
	switch (a.kind) {
	case TV_NONE:
	case TV_UNDEF:
		return true;
	case TV_STR:
		return a.u.s == b.u.s || (a.u.s->len == b.u.s->len &&
					  memcmp(a.u.s->data, b.u.s->data, a.u.s->len) == 0);
	case TV_LIST:
	case TV_TUPLE:
		if (a.u.seq->n != b.u.seq->n)
			return false;
		for (size_t i = 0; i < a.u.seq->n; i++)
			if (!tv_equal(a.u.seq->v[i], b.u.seq->v[i]))
				return false;
		return true;
	case TV_DICT:
		if (a.u.d->n != b.u.d->n)
			return false;
		for (size_t i = 0; i < a.u.d->n; i++) {
			struct tv o = tv_dict_get_v(b, a.u.d->e[i].key, NULL);
			if (o.kind == TV_MISSING || !tv_equal(a.u.d->e[i].val, o))
				return false;
		}
		return true;
	case TV_RANGE: {
		int64_t n = tv_range_len(a);
		if (n != tv_range_len(b))
			return false;
		if (n == 0)
			return true;
		if (a.u.r->start != b.u.r->start)
			return false;
		return n == 1 || a.u.r->step == b.u.r->step;
	}
	case TV_OBJ:
		return a.u.o == b.u.o;
	default:
		return false;
	}
}

/* --- dicts --- */

static void index_insert(struct tv_dict *d, size_t ei)
{
	size_t mask = d->icap - 1;
	size_t p = (size_t)d->e[ei].hash & mask;
	while (d->index[p])
		p = (p + 1) & mask;
	d->index[p] = (uint32_t)(ei + 1);
}

static int index_build(struct tv_dict *d, size_t icap)
{
	uint32_t *ix = tv_alloc(icap * sizeof *ix);
	if (!ix)
		return -1;
	memset(ix, 0, icap * sizeof *ix);
	tv_free(d->index, d->icap * sizeof *d->index);
	d->index = ix;
	d->icap = icap;
	for (size_t i = 0; i < d->n; i++)
		index_insert(d, i);
	return 0;
}

static long dict_find(const struct tv_dict *d, struct tv key, uint64_t h)
{
	if (!d->index) {
		for (size_t i = 0; i < d->n; i++)
			if (d->e[i].hash == h && tv_equal(d->e[i].key, key))
				return (long)i;
		return -1;
	}
	size_t mask = d->icap - 1;
	for (size_t p = (size_t)h & mask; d->index[p]; p = (p + 1) & mask) {
		size_t i = d->index[p] - 1;
		if (d->e[i].hash == h && tv_equal(d->e[i].key, key))
			return (long)i;
	}
	return -1;
}

int tv_dict_set_v(struct tv dv, struct tv key, struct tv value)
{
	if (dv.kind != TV_DICT) {
		tv_drop(key);
		tv_drop(value);
		return -1;
	}
	struct tv_dict *d = dv.u.d;
	if (key.kind == TV_OOM || value.kind == TV_OOM) {
		d->oom = true;
		tv_drop(key);
		tv_drop(value);
		return -1;
	}
	uint64_t h;
	if (tv_hash(key, &h) < 0) {
		tv_drop(key);
		tv_drop(value);
		return -2;
	}
	long at = dict_find(d, key, h);
	if (at >= 0) {
		/* Python keeps the first key object and replaces the value */
		tv_drop(d->e[at].val);
		d->e[at].val = value;
		tv_drop(key);
		return 0;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4;
		/* the bound first: after a successful realloc, d->e may be freed */
		struct tv_dent *ne = NULL;
		if (cap < UINT32_MAX)
			ne = tv_realloc(d->e, d->cap * sizeof *ne, cap * sizeof *ne);
		if (!ne) {
			d->oom = true;
			tv_drop(key);
			tv_drop(value);
			return -1;
		}
		d->e = ne;
		d->cap = cap;
	}
	d->e[d->n] = (struct tv_dent){ key, value, h };
	d->n++;
	if (d->index && d->n * 2 <= d->icap) {
		index_insert(d, d->n - 1);
	} else if (d->n > 8 && index_build(d, d->icap ? d->icap * 2 : 32) < 0) {
		/* keep working without an index (linear search) */
		tv_free(d->index, d->icap * sizeof *d->index);
		d->index = NULL;
		d->icap = 0;
	}
	return 0;
}

int tv_dict_set(struct tv d, const char *key, size_t keylen, struct tv value)
{
	struct tv k = tv_str(key, keylen);
	if (k.kind == TV_OOM && d.kind == TV_DICT)
		d.u.d->oom = true;
	return tv_dict_set_v(d, k, value);
}

struct tv tv_dict_get_v(struct tv dv, struct tv key, int *err)
{
	uint64_t h;
	if (err)
		*err = 0;
	if (tv_hash(key, &h) < 0) {
		if (err)
			*err = -2;
		return tv_missing();
	}
	if (dv.kind != TV_DICT)
		return tv_missing();
	long at = dict_find(dv.u.d, key, h);
	return at < 0 ? tv_missing() : dv.u.d->e[at].val;
}

struct tv tv_dict_get(struct tv d, const char *key, size_t keylen)
{
	/* a stack string object, never freed or retained */
	struct {
		struct tv_str_obj s;
		char pad[64];
	} tmp;
	if (keylen < sizeof tmp.pad) {
		tmp.s.rc = 1;
		tmp.s.ascii = 2;
		tmp.s.markup = 0;
		tmp.s.len = keylen;
		tmp.s.nchars = SIZE_MAX;
		memcpy(tmp.s.data, key, keylen);
		tmp.s.data[keylen] = '\0';
		return tv_dict_get_v(d, (struct tv){ .kind = TV_STR, .u.s = &tmp.s }, NULL);
	}
	struct tv k = tv_str(key, keylen);
	if (k.kind == TV_OOM)
		return tv_missing();
	struct tv r = tv_dict_get_v(d, k, NULL);
	tv_drop(k);
	return r;
}

size_t tv_dict_len(struct tv d)
{
	return d.kind == TV_DICT ? d.u.d->n : 0;
}

/* --- inspection --- */

bool tv_is_str(struct tv v)
{
	return v.kind == TV_STR;
}


size_t tv_str_chars(struct tv v)
{
	struct tv_str_obj *s = v.u.s;
	if (s->nchars == SIZE_MAX) {
		size_t n = 0;
		bool ascii = true;
		for (size_t i = 0; i < s->len; i++) {
			unsigned char c = (unsigned char)s->data[i];
			if (c >= 0x80)
				ascii = false;
			if ((c & 0xC0) != 0x80)
				n++;
		}
		s->nchars = n;
		s->ascii = ascii;
	}
	return s->nchars;
}

bool tv_str_ascii(struct tv v)
{
	if (v.u.s->ascii == 2)
		tv_str_chars(v);
	return v.u.s->ascii == 1;
}

const char *tv_type_name(struct tv v)
{
	static const char *const names[] = {
		[TV_OOM] = "MemoryError", [TV_MISSING] = "missing",
		[TV_UNDEF] = "StrictUndefined", [TV_NONE] = "NoneType",
		[TV_BOOL] = "bool", [TV_INT] = "int", [TV_FLOAT] = "float",
		[TV_STR] = "str", [TV_LIST] = "list", [TV_TUPLE] = "tuple",
		[TV_DICT] = "dict", [TV_RANGE] = "range",
	};
	if (v.kind == TV_OBJ)
		return v.u.o->cls->name;
	if (v.kind == TV_UNDEF && !v.u.un->strict)
		return "Undefined";
	return names[v.kind];
}

void tv_object_type_repr(struct tv v, struct buf *out)
{
	if (v.kind == TV_NONE) {
		buf_puts(out, "None");
		return;
	}
	const char *module = NULL;
	if (v.kind == TV_OBJ)
		module = v.u.o->cls->module;
	else if (v.kind == TV_UNDEF)
		module = "jinja2.runtime";
	if (module)
		buf_printf(out, "%s.%s object", module, tv_type_name(v));
	else
		buf_printf(out, "%s object", tv_type_name(v));
}

void tv_undef_message(struct tv v, struct buf *out)
{
	const struct tv_undef *u = v.u.un;
	if (u->hint) {
		buf_puts(out, u->hint);
	} else if (!u->obj_type) {
		if (u->name)
			tv_str_repr(u->name, strlen(u->name), out);
		else
			buf_puts(out, "None");
		buf_puts(out, " is undefined");
	} else if (u->name_is_key) {
		buf_printf(out, "%s has no element %s", u->obj_type, u->name ? u->name : "None");
	} else {
		tv_str_repr(u->obj_type, strlen(u->obj_type), out);
		buf_puts(out, " has no attribute ");
		tv_str_repr(u->name, strlen(u->name), out);
	}
}
