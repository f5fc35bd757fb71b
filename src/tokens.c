/* tokens: OSMO's special tokens in both phases (see tokens.h).
 *
 * Shielding reproduces OSMO's two steps exactly: re.findall of the token
 * expression on the original text, then, for each found field in order,
 * str.replace of "{{field}}" by "{{hash<md5>}}" on the current text. Done
 * literally that costs one pass over the text per token; instead we use
 * the fact that every occurrence of a found "{{field}}" lies inside a
 * findall match and ends with it (fields contain no '}'), so each match
 * is rewritten once, by the earliest-processed field that occurs in it.
 * The variable names are "hash" + the decimal value of the MD5 digest of
 * the stripped field, as in OSMO, so even names that leak into the output
 * (a token inside a Jinja string literal) come out the same.
 */
#include "tokens.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pychar.h"

/* ---- MD5 (RFC 1321) ---- */

static uint32_t rol(uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }

static void md5_block(uint32_t h[4], const unsigned char *p)
{
	static const uint32_t K[64] = {
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
		0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
		0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
		0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
		0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
		0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
		0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
		0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
	};
	static const int R[16] = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		       (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;
		if (i < 16)
			f = (b & c) | (~b & d), g = i;
		else if (i < 32)
			f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
		else if (i < 48)
			f = b ^ c ^ d, g = (3 * i + 5) % 16;
		else
			f = c ^ (b | ~d), g = (7 * i) % 16;
		uint32_t t = d;
		d = c;
		c = b;
		b = b + rol(a + f + K[i] + w[g], R[(i / 16) * 4 + i % 4]);
		a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
}

static void md5(const char *s, size_t n, unsigned char out[16])
{
	uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	unsigned char tail[128];
	size_t full = n / 64 * 64, rest = n - full;
	for (size_t i = 0; i < full; i += 64)
		md5_block(h, (const unsigned char *)s + i);
	memset(tail, 0, sizeof tail);
	memcpy(tail, s + full, rest);
	tail[rest] = 0x80;
	size_t tl = rest < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)n * 8;
	for (int i = 0; i < 8; i++)
		tail[tl - 8 + i] = (unsigned char)(bits >> (8 * i));
	md5_block(h, tail);
	if (tl == 128)
		md5_block(h, tail + 64);
	for (int i = 0; i < 16; i++)
		out[i] = (unsigned char)(h[i / 4] >> (8 * (i % 4)));
}

/* "hash" + str(int(md5(field.strip()).hexdigest(), 16)) */
static void hash_name(const char *f, size_t n, struct buf *out)
{
	size_t a = 0, z = n, len;
	while (a < z && pychar_isspace(pychar_decode(f + a, z - a, &len)))
		a += len;
	while (z > a) {
		size_t k = z - 1;
		while (k > a && ((unsigned char)f[k] & 0xC0) == 0x80)
			k--;
		if (!pychar_isspace(pychar_decode(f + k, z - k, &len)))
			break;
		z = k;
	}
	unsigned char d[16];
	md5(f + a, z - a, d);
	uint32_t w[4];   /* the digest as a big-endian 128-bit number */
	for (int i = 0; i < 4; i++)
		w[i] = (uint32_t)d[4 * i] << 24 | (uint32_t)d[4 * i + 1] << 16 | (uint32_t)d[4 * i + 2] << 8 | d[4 * i + 3];
	char dec[48];
	int o = (int)sizeof dec;
	dec[--o] = '\0';
	do {   /* divide by 10 until zero */
		uint64_t r = 0;
		for (int i = 0; i < 4; i++) {
			uint64_t cur = (r << 32) | w[i];
			w[i] = (uint32_t)(cur / 10);
			r = cur % 10;
		}
		dec[--o] = (char)('0' + r);
	} while (w[0] | w[1] | w[2] | w[3]);
	buf_puts(out, "hash");
	buf_puts(out, dec + o);
}

/* ---- phase 1 ---- */

/* The shielding expression at s[i]. */
static bool shield_at(const char *s, size_t n, size_t i, struct tokens_span *t)
{
	static const char *const fixed[] = { "uuid", "workflow_id", "output" };
	static const char *const args[] = { "input:", "host:" };
	if (i + 2 > n || s[i] != '{' || s[i + 1] != '{')
		return false;
	size_t f = i + 2;
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(fixed[k]);
		if (n - f >= l + 2 && memcmp(s + f, fixed[k], l) == 0 && s[f + l] == '}' && s[f + l + 1] == '}') {
			*t = (struct tokens_span){ i, l + 4, f, l };
			return true;
		}
	}
	for (size_t k = 0; k < 2; k++) {
		size_t l = strlen(args[k]);
		if (n - f < l || memcmp(s + f, args[k], l) != 0)
			continue;
		const char *close = memchr(s + f + l, '}', n - f - l);
		size_t c = close ? (size_t)(close - s) : n;
		if (c > f + l && c + 1 < n && s[c + 1] == '}') {
			*t = (struct tokens_span){ i, c + 2 - i, f, c - f };
			return true;
		}
	}
	return false;
}

/* Offset of the next "{{" at or after i, or n. */
static size_t next_open(const char *s, size_t n, size_t i)
{
	while (i + 1 < n) {
		const char *b = memchr(s + i, '{', n - i - 1);
		if (!b)
			break;
		i = (size_t)(b - s);
		if (s[i + 1] == '{')
			return i;
		i++;
	}
	return n;
}

bool tokens_next_shielded(const char *s, size_t n, size_t *pos, struct tokens_span *t)
{
	for (size_t i = next_open(s, n, *pos); i < n; i = next_open(s, n, i + 1)) {
		if (shield_at(s, n, i, t)) {
			*pos = t->off + t->len;
			return true;
		}
	}
	*pos = n;
	return false;
}

/* Distinct fields in first-found order, with an open-addressing index. */
struct fields {
	struct tokens_span *m;     /* all matches */
	size_t nm, mcap;
	size_t *first;             /* distinct field -> index of its first match */
	size_t *order;             /* match -> its distinct field */
	size_t nd, dcap;
	size_t *table;             /* slot -> distinct index + 1, 0 = empty */
	size_t tcap;
	const char *s;
};

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Order (distinct index) of field s[f..f+len), or SIZE_MAX when absent. */
static size_t field_order(const struct fields *F, size_t f, size_t len)
{
	for (size_t slot = fnv(F->s + f, len) & (F->tcap - 1);; slot = (slot + 1) & (F->tcap - 1)) {
		size_t d = F->table[slot];
		if (d == 0)
			return SIZE_MAX;
		const struct tokens_span *m = &F->m[F->first[d - 1]];
		if (m->field_len == len && memcmp(F->s + m->field, F->s + f, len) == 0)
			return d - 1;
	}
}

static int index_fields(struct fields *F)
{
	F->tcap = 16;
	while (F->tcap < F->nm * 2 + 2)
		F->tcap *= 2;
	F->table = calloc(F->tcap, sizeof *F->table);
	F->first = malloc((F->nm + 1) * sizeof *F->first);
	F->order = malloc((F->nm + 1) * sizeof *F->order);
	if (!F->table || !F->first || !F->order)
		return -1;
	for (size_t i = 0; i < F->nm; i++) {
		const struct tokens_span *m = &F->m[i];
		if ((F->order[i] = field_order(F, m->field, m->field_len)) != SIZE_MAX)
			continue;
		F->order[i] = F->nd;
		size_t slot = fnv(F->s + m->field, m->field_len) & (F->tcap - 1);
		while (F->table[slot])
			slot = (slot + 1) & (F->tcap - 1);
		F->first[F->nd] = i;
		F->table[slot] = ++F->nd;
	}
	return 0;
}

/* Append vars[name] (value NULL) and return its index, or SIZE_MAX. */
static size_t add_var(struct tokens_vars *vars, const char *name)
{
	if (vars->n == vars->cap) {
		size_t cap = vars->cap ? vars->cap * 2 : 8;
		struct tokens_var *nv = realloc(vars->v, cap * sizeof *nv);
		if (!nv)
			return SIZE_MAX;
		vars->v = nv;
		vars->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return SIZE_MAX;
	vars->v[vars->n] = (struct tokens_var){ copy, NULL };
	return vars->n++;
}

static int set_value(struct tokens_var *v, const char *f, size_t flen)
{
	if (v->value && strlen(v->value) == flen + 4 && memcmp(v->value + 2, f, flen) == 0)
		return 0;   /* the same spelling again */
	char *value = malloc(flen + 5);
	if (!value)
		return -1;
	memcpy(value, "{{", 2);
	memcpy(value + 2, f, flen);
	memcpy(value + 2 + flen, "}}", 3);
	free(v->value);
	v->value = value;
	return 0;
}

int tokens_shield(const char *s, size_t n, struct buf *out, struct tokens_vars *vars)
{
	struct fields F = { .s = s };
	struct tokens_span t;
	struct buf name = BUF_INIT;
	char **names = NULL;       /* distinct field -> its variable name */
	size_t *var_of = NULL;     /* distinct field -> index in vars */
	size_t *name_slot = NULL;  /* open addressing over names: distinct + 1 */
	int rc = -1;
	for (size_t pos = 0; tokens_next_shielded(s, n, &pos, &t);) {
		if (F.nm == F.mcap) {
			size_t cap = F.mcap ? F.mcap * 2 : 16;
			struct tokens_span *nm = realloc(F.m, cap * sizeof *nm);
			if (!nm)
				goto out;
			F.m = nm;
			F.mcap = cap;
		}
		F.m[F.nm++] = t;
	}
	if (index_fields(&F) < 0)
		goto out;
	names = calloc(F.nd + 1, sizeof *names);
	var_of = calloc(F.nd + 1, sizeof *var_of);
	name_slot = calloc(F.tcap, sizeof *name_slot);
	if (!names || !var_of || !name_slot)
		goto out;
	/* one variable per name; fields equal after strip() share it */
	for (size_t d = 0; d < F.nd; d++) {
		const struct tokens_span *m = &F.m[F.first[d]];
		buf_reset(&name);
		hash_name(s + m->field, m->field_len, &name);
		names[d] = buf_detach(&name);
		if (!names[d])
			goto out;
		size_t slot = fnv(names[d], strlen(names[d])) & (F.tcap - 1);
		while (name_slot[slot] && strcmp(names[name_slot[slot] - 1], names[d]) != 0)
			slot = (slot + 1) & (F.tcap - 1);
		if (name_slot[slot]) {
			var_of[d] = var_of[name_slot[slot] - 1];
			continue;
		}
		name_slot[slot] = d + 1;
		if ((var_of[d] = add_var(vars, names[d])) == SIZE_MAX)
			goto out;
	}
	/* assigned in findall order: the last field with a name wins */
	for (size_t i = 0; i < F.nm; i++) {
		if (set_value(&vars->v[var_of[F.order[i]]], s + F.m[i].field, F.m[i].field_len) < 0)
			goto out;
	}
	size_t done = 0;
	for (size_t i = 0; i < F.nm; i++) {
		const struct tokens_span *m = &F.m[i];
		/* which occurrence of a found "{{field}}" in this match is
		 * replaced first: the whole match, or one ending with it */
		size_t best = F.order[i], at = m->off, end = m->off + m->len - 2;
		for (size_t q = m->field; q + 2 < end; q++) {
			if (s[q] != '{' || s[q + 1] != '{')
				continue;
			size_t o = field_order(&F, q + 2, end - (q + 2));
			if (o < best) {
				best = o;
				at = q;
			}
		}
		buf_add(out, s + done, at - done);
		buf_puts(out, "{{");
		buf_puts(out, names[best]);
		buf_puts(out, "}}");
		done = m->off + m->len;
	}
	buf_add(out, s + done, n - done);
	rc = out->oom ? -1 : 0;
out:
	for (size_t d = 0; names && d < F.nd; d++)
		free(names[d]);
	free(names);
	free(var_of);
	free(name_slot);
	free(F.m);
	free(F.first);
	free(F.order);
	free(F.table);
	buf_free(&name);
	return rc;
}

void tokens_restore(const char *s, size_t n, const struct tokens_vars *vars, struct buf *out)
{
	size_t done = 0;
	for (size_t i = 0; i + 8 < n; i++) {
		if (memcmp(s + i, "{{hash", 6) != 0)
			continue;
		size_t j = i + 6;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j + 1 >= n || s[j] != '}' || s[j + 1] != '}')
			continue;
		for (size_t k = 0; k < vars->n; k++) {
			const char *nm = vars->v[k].name;
			if (strlen(nm) == j - i - 2 && memcmp(nm, s + i + 2, j - i - 2) == 0) {
				buf_add(out, s + done, i - done);
				buf_puts(out, vars->v[k].value);
				done = j + 2;
				i = j + 1;
				break;
			}
		}
	}
	buf_add(out, s + done, n - done);
}

void tokens_vars_free(struct tokens_vars *vars)
{
	for (size_t k = 0; k < vars->n; k++) {
		free(vars->v[k].name);
		free(vars->v[k].value);
	}
	free(vars->v);
	vars->v = NULL;
	vars->n = vars->cap = 0;
}

/* ---- forms that are not shielded ---- */

static const char *const words[] = { "uuid", "workflow_id", "output", "input", "host" };

/* Case-insensitive word at s[i]: its index in words, or -1. */
static int word_at(const char *s, size_t n, size_t i, size_t *len, bool *exact)
{
	size_t j = i;
	while (j < n && (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') || s[j] == '_'))
		j++;
	for (int k = 0; k < 5; k++)
		if (strlen(words[k]) == j - i && strncasecmp(s + i, words[k], j - i) == 0) {
			*len = j - i;
			*exact = memcmp(s + i, words[k], j - i) == 0;
			return k;
		}
	return -1;
}

static size_t skip_blank(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A token-like form at s[i] ("{{" already checked); fills it. */
static bool issue_at(const char *s, size_t n, size_t i, struct tokens_issue *it)
{
	size_t lead = skip_blank(s, n, i + 2), wl;
	bool exact;
	int w = word_at(s, n, lead, &wl, &exact);
	if (w < 0)
		return false;
	size_t j = lead + wl;
	it->off = i;
	it->fix[0] = '\0';
	if (w < 3) {   /* uuid, workflow_id, output */
		size_t end = skip_blank(s, n, j);
		if (end + 1 >= n || s[end] != '}' || s[end + 1] != '}')
			return false;
		it->len = end + 2 - i;
		it->kind = exact ? TOKENS_SPACED : TOKENS_MISCASED;
		snprintf(it->fix, sizeof it->fix, "{{%s}}", words[w]);
		return true;
	}
	if (j >= n || s[j] != ':')
		return false;
	const char *close = memchr(s + j, '}', n - j);
	if (!close || (size_t)(close - s) + 1 >= n || close[1] != '}')
		return false;
	size_t c = (size_t)(close - s), a = skip_blank(s, n, j + 1), z = c;
	while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'))
		z--;
	it->len = c + 2 - i;
	if (a == z)
		it->kind = TOKENS_EMPTY_ARG;
	else
		it->kind = !exact ? TOKENS_MISCASED : TOKENS_SPACED_ARG;
	if (a < z && z - a < 40)
		snprintf(it->fix, sizeof it->fix, "{{%s:%.*s}}", words[w], (int)(z - a), s + a);
	return true;
}

bool tokens_next_issue(const char *s, size_t n, size_t *pos, struct tokens_issue *it)
{
	struct tokens_span t;
	for (size_t i = next_open(s, n, *pos); i < n; i = next_open(s, n, i + 1)) {
		if (shield_at(s, n, i, &t)) {
			i = t.off + t.len - 1;
			continue;
		}
		if (issue_at(s, n, i, it)) {
			*pos = it->off + it->len;
			return true;
		}
	}
	*pos = n;
	return false;
}

/* ---- phase 2 ---- */

const char *tokens_kind_name(enum tokens_kind k)
{
	static const char *const names[] = { "uuid", "workflow_id", "output", "input", "input", "host" };
	return (unsigned)k < 6 ? names[k] : "?";
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* "{{ *key *}}" at s[i] for the phase-2 keys. */
static bool token_at(const char *s, size_t n, size_t i, struct tokens_token *t)
{
	static const enum tokens_kind kinds[] = { TOKENS_UUID, TOKENS_WORKFLOW_ID, TOKENS_OUTPUT, TOKENS_INPUT_NAME,
						  TOKENS_HOST };
	if (i + 2 > n || s[i] != '{' || s[i + 1] != '{')
		return false;
	size_t k = skip_spaces(s, n, i + 2), wl;
	bool exact;
	int w = word_at(s, n, k, &wl, &exact);
	if (w < 0 || !exact)
		return false;
	size_t j = k + wl;
	memset(t, 0, sizeof *t);
	t->kind = kinds[w];
	if (w >= 3) {
		if (j >= n || s[j] != ':')
			return false;
		t->arg = ++j;
		while (j < n && s[j] != '}' && s[j] != ' ')
			j++;
		t->arg_len = j - t->arg;
		if (t->arg_len == 0)
			return false;
	}
	j = skip_spaces(s, n, j);
	if (j + 1 >= n || s[j] != '}' || s[j + 1] != '}')
		return false;
	t->off = i;
	t->len = j + 2 - i;
	if (t->kind == TOKENS_INPUT_NAME) {
		const char *a = s + t->arg;
		bool digits = true;
		for (size_t m = 0; m < t->arg_len && digits; m++)
			digits = a[m] >= '0' && a[m] <= '9';
		if (digits && (t->arg_len == 1 || a[0] != '0') && t->arg_len <= 9) {
			t->kind = TOKENS_INPUT_INDEX;
			t->index = strtoul(a, NULL, 10);
		}
	}
	return true;
}

bool tokens_next(const char *s, size_t n, size_t *pos, struct tokens_token *t)
{
	for (size_t i = next_open(s, n, *pos); i < n; i = next_open(s, n, i + 1)) {
		if (token_at(s, n, i, t)) {
			*pos = t->off + t->len;
			return true;
		}
	}
	*pos = n;
	return false;
}

bool tokens_is_templated(const char *s, size_t n)
{
	static const char *const marks[] = { "{%", "{{", "{#", "default-values" };
	for (size_t k = 0; k < 4; k++) {
		size_t l = strlen(marks[k]);
		for (const char *p = s; p && (size_t)(p - s) + l <= n; p++) {
			p = memchr(p, marks[k][0], n - (size_t)(p - s));
			if (!p || (size_t)(p - s) + l > n)
				break;
			if (memcmp(p, marks[k], l) == 0)
				return true;
		}
	}
	return false;
}
