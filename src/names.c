/* names: name, reference, image, URL, path and label grammars (names.h).
 *
 * OSMO states these as regular expressions (pydantic patterns, Python
 * re.fullmatch). Each is small enough to decide with a direct scan, which
 * also tells where the value goes wrong, so the diagnostic can point at
 * the offending character instead of quoting the whole pattern.
 */
#include "names.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SHORT 120

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

static void hint(struct units_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void hint(struct units_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->hint, sizeof e->hint, fmt, ap);
	va_end(ap);
}

/* Does s[0..n) fully match [first]([mid]*[last])? (never when empty)?
 * When not, *bad is the offset of the first character that breaks it. */
static bool run_match(const char *s, size_t n, bool (*first)(char), bool (*mid)(char),
		      bool (*last)(char), size_t *bad)
{
	*bad = 0;
	if (n == 0 || !first(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!mid(s[i])) {
			*bad = i;
			return false;
		}
	*bad = n - 1;
	return n == 1 || last(s[n - 1]);
}

static bool name_mid(char c) { return is_alnum(c) || c == '-' || c == '_'; }

int names_name(const char *s, size_t n, struct units_err *e)
{
	size_t bad;
	if (run_match(s, n, is_alpha, name_mid, is_alnum, &bad))
		return 0;
	units_err_at(e, n, bad, "String should match pattern '" NAMES_NAME_PATTERN "'");
	if (n == 0)
		hint(e, "the name is empty");
	else if (bad == 0)
		hint(e, "a name must start with an ASCII letter");
	else if (bad == n - 1 && (s[bad] == '-' || s[bad] == '_'))
		hint(e, "a name must end with a letter or digit");
	else
		hint(e, "names may only contain ASCII letters, digits, '-' and '_'");
	return -1;
}

void names_normalize(const char *s, size_t n, struct buf *out)
{
	if (buf_reserve(out, n) < 0)
		return;
	char *o = out->data + out->len;
	for (size_t i = 0; i < n; i++)
		o[i] = is_upper(s[i]) ? (char)(s[i] + 32) : s[i] == '_' ? '-' : s[i];
	out->len += n;
	out->data[out->len] = '\0';
}

bool names_is_reserved_task(const char *s, size_t n)
{
	static const char reserved[] = "osmo-ctrl";
	if (n > 63) {   /* shorten_name_to_fit_kb: cut, then strip trailing - and _ */
		n = 63;
		while (n > 0 && (s[n - 1] == '-' || s[n - 1] == '_'))
			n--;
	}
	if (n != sizeof reserved - 1)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = is_upper(s[i]) ? (char)(s[i] + 32) : s[i] == '_' ? '-' : s[i];
		if (c != reserved[i])
			return false;
	}
	return true;
}

int names_task_name(const char *s, size_t n, struct units_err *e)
{
	if (!names_is_reserved_task(s, n))
		return 0;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	units_err_set(e, 0, n, "Container %s cannot be named \"osmo-ctrl\". This is a restricted name.", v);
	if (n > 63)
		hint(e, "OSMO cuts the name to 63 characters and drops trailing - and _, which leaves "
		     "osmo-ctrl, its own container's name");
	else
		hint(e, "the name osmo-ctrl (in any case, with - or _) belongs to OSMO's own container");
	return -1;
}

int names_input_task(const char *s, size_t n, size_t *colon, struct units_err *e)
{
	const char *c = memchr(s, ':', n);
	size_t left = c ? (size_t)(c - s) : n, bad, r;
	bool ok = run_match(s, left, is_alpha, name_mid, is_alnum, &r);
	bad = r;
	if (ok && c) {
		ok = run_match(c + 1, n - left - 1, is_alpha, name_mid, is_alnum, &r);
		bad = left + 1 + r;
	}
	if (ok) {
		*colon = left;
		return 0;
	}
	units_err_at(e, n, bad, "String should match pattern '^(?P<workflow_id_or_task>[a-zA-Z]([a-zA-Z0-9_-]*[a-zA-Z0-9])?)"
		      "(:(?P<previous_task>[a-zA-Z]([a-zA-Z0-9_-]*[a-zA-Z0-9])?))?$'");
	hint(e, "write a task name, or WORKFLOW_ID:TASK for a task of a previous workflow");
	return -1;
}

int names_file_path(const char *s, size_t n, struct units_err *e)
{
	static const char exempt[] = "/osmo/data/output/";
	if (n >= sizeof exempt - 1 && memcmp(s, exempt, sizeof exempt - 1) == 0)
		return 0;
	size_t i = 0;
	while (i < n && s[i] == '/')
		i++;
	size_t end = i;
	while (end < n && s[end] != '/')
		end++;
	bool empty = i == n, osmo = end - i == 4 && memcmp(s + i, "osmo", 4) == 0;
	if (!empty && !osmo)
		return 0;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	units_err_set(e, empty ? UNITS_NOPOS : i, empty ? 0 : end,
		      "Empty path or adding file to \"/osmo\" is forbidden for file: %s", v);
	hint(e, empty ? "give the file a path" : "/osmo belongs to OSMO; only /osmo/data/output/ may be written");
	return -1;
}

int names_volume_mount(const char *s, size_t n, struct units_err *e)
{
	const char *c1 = memchr(s, ':', n);
	const char *c2 = c1 ? memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s)) : NULL;
	if (!c2 && !(c1 && c1 + 1 == s + n))
		return 0;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	size_t off = c2 ? (size_t)(c2 - s) : (size_t)(c1 - s);
	units_err_set(e, off, n, "Invalid task volume mount: %s.", v);
	hint(e, c2 ? "a mount is src or src:dest; options such as :ro are not supported"
		   : "the destination after ':' is empty");
	return -1;
}

/* ---- images ---- */

static bool host_first(char c) { return is_alnum(c); }
static bool host_mid(char c) { return is_alnum(c) || c == '-'; }
static bool comp_first(char c) { return is_lower(c) || is_digit(c); }
static bool comp_mid(char c) { return comp_first(c) || c == '_' || c == '.' || c == '-'; }
static bool tag_first(char c) { return is_alnum(c) || c == '_'; }
static bool tag_mid(char c) { return tag_first(c) || c == '.' || c == '-'; }
static bool any_mid(char c) { return tag_first(c) || c == '+' || c == '.' || c == '-'; }
static bool hex(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

/* '.'-joined host components with at least one dot (a dotted name or an
 * IPv4 address, which is a special case of it). */
static bool dotted_host(const char *s, size_t n)
{
	size_t parts = 0, i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '.')
			j++;
		size_t r;
		if (!run_match(s + i, j - i, host_first, host_mid, host_first, &r))
			return false;
		parts++;
		i = j + 1;
	}
	return parts >= 2;
}

/* NAME(:TAG)?(@DIGEST)? over s[0..n), offsets in img from base. When it
 * does not match, *bad is the offset of the first bad character. */
static bool image_rest(const char *s, size_t n, size_t base, struct names_image *img, size_t *bad)
{
	const char *at = memchr(s, '@', n);
	size_t before = at ? (size_t)(at - s) : n, r;
	const char *colon = memchr(s, ':', before);
	size_t name_end = colon ? (size_t)(colon - s) : before;
	memset(img, 0, sizeof *img);
	for (size_t i = 0; i <= name_end;) {
		size_t j = i;
		while (j < name_end && s[j] != '/')
			j++;
		if (!run_match(s + i, j - i, comp_first, comp_mid, comp_first, &r)) {
			*bad = i + r;
			return false;
		}
		i = j + 1;
	}
	img->name = base;
	img->name_len = name_end;
	if (colon) {
		size_t t = name_end + 1;
		if (!run_match(s + t, before - t, tag_first, tag_mid, tag_mid, &r)) {
			*bad = t + r;
			return false;
		}
		img->tag = base + t;
		img->tag_len = before - t;
	}
	if (at) {
		size_t d = before + 1;
		const char *dc = memchr(s + d, ':', n - d);
		size_t alg_end = dc ? (size_t)(dc - s) : n;
		if (!run_match(s + d, alg_end - d, any_mid, any_mid, any_mid, &r)) {
			*bad = d + r;
			return false;
		}
		*bad = alg_end;
		if (!dc || alg_end + 1 == n)
			return false;
		for (size_t k = alg_end + 1; k < n; k++)
			if (!hex(s[k])) {
				*bad = k;
				return false;
			}
		img->digest = base + d;
		img->digest_len = n - d;
	}
	return true;
}

/* [host[:port]/]: the prefix before the first '/' as a registry host, or false. */
static bool image_host(const char *s, size_t pre, size_t *hl, size_t *pl)
{
	const char *colon = memchr(s, ':', pre);
	size_t r;
	*hl = colon ? (size_t)(colon - s) : pre;
	*pl = colon ? pre - *hl - 1 : 0;
	if (colon && !(*pl <= 5 && run_match(colon + 1, *pl, is_digit, is_digit, is_digit, &r)))
		return false;
	return (*hl == 9 && memcmp(s, "localhost", 9) == 0) || dotted_host(s, *hl) ||
	       (colon && run_match(s, *hl, host_first, host_mid, host_first, &r));
}

int names_image(const char *s, size_t n, struct names_image *img, struct units_err *e)
{
	struct names_image tmp;
	if (!img)
		img = &tmp;
	const char *slash = memchr(s, '/', n);
	size_t hl, pl, bad = 0, r;
	/* Python's regex tries the optional host part first */
	if (slash && image_host(s, (size_t)(slash - s), &hl, &pl)) {
		size_t pre = (size_t)(slash - s);
		if (image_rest(slash + 1, n - pre - 1, pre + 1, img, &r)) {
			img->host = 0;
			img->host_len = hl;
			img->port = pl ? hl + 1 : 0;
			img->port_len = pl;
			return 0;
		}
		bad = pre + 1 + r;
	}
	if (image_rest(s, n, 0, img, &r))
		return 0;
	if (r > bad)
		bad = r;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	units_err_at(e, n, bad, "Could not parse docker image %s. Please provide a valid image.", v);
	if (n && bad < n && is_upper(s[bad]))
		hint(e, "image names must be lowercase");
	else if (n && bad < n && s[bad] == ' ')
		hint(e, "remove the space");
	else
		hint(e, "write [registry[:port]/]name[:tag][@digest], e.g. nvcr.io/nvidia/pytorch:24.01-py3");
	return -1;
}

/* ---- storage URLs ---- */

static const struct {
	const char *scheme, *label;
	size_t min_parts;
} storage[] = {
	{ "swift", "Swift", 3 }, { "s3", "S3", 1 }, { "gs", "GS", 1 }, { "tos", "TOS", 2 }, { "azure", "Azure", 2 },
};

#define NSTORAGE (sizeof storage / sizeof storage[0])
#define STORAGE_PATTERN \
	"(^swift://[^/,;*]+(/[^/,;*]+){2,}/*$|^s3://[^/,;*]+(/[^/,;*]+)*/*$|^gs://[^/,;*]+(/[^/,;*]+)*/*$|" \
	"^tos://[^/,;*]+(/[^/,;*]+)+/*$|^azure://[^/,;*]+(/[^/,;*]+)+/*$)"

/* ^scheme://C(/C){min-1,} then any slashes, C = [^/,;*]+. When it does not
 * match, *bad is the offset where it goes wrong. */
static bool storage_match(const char *s, size_t n, size_t k, size_t *bad)
{
	size_t sl = strlen(storage[k].scheme);
	*bad = 0;
	if (n < sl + 3 || memcmp(s, storage[k].scheme, sl) != 0 || memcmp(s + sl, "://", 3) != 0)
		return false;
	size_t end = n;
	while (end > sl + 3 && s[end - 1] == '/')
		end--;
	size_t parts = 0;
	for (size_t i = sl + 3; i <= end;) {
		size_t j = i;
		while (j < end && s[j] != '/') {
			if (s[j] == ',' || s[j] == ';' || s[j] == '*') {
				*bad = j;
				return false;
			}
			j++;
		}
		if (j == i) {
			*bad = i;
			return false;
		}
		parts++;
		i = j + 1;
	}
	*bad = end;
	return parts >= storage[k].min_parts;
}

static void url_hint(struct units_err *e, size_t k)
{
	static const char *const shapes[] = {
		"swift://HOST/NAMESPACE/CONTAINER[/PATH]", "s3://BUCKET[/PATH]", "gs://BUCKET[/PATH]",
		"tos://HOST/BUCKET[/PATH]", "azure://ACCOUNT/CONTAINER[/PATH]",
	};
	hint(e, "expected %s; components cannot contain ',', ';' or '*'", shapes[k]);
}

int names_checkpoint_url(const char *s, size_t n, struct units_err *e)
{
	size_t best = 0, bk = NSTORAGE, r;
	for (size_t k = 0; k < NSTORAGE; k++) {
		if (storage_match(s, n, k, &r))
			return 0;
		if (r > best) {
			best = r;
			bk = k;
		}
	}
	units_err_at(e, n, best, "String should match pattern '" STORAGE_PATTERN "'");
	if (bk < NSTORAGE)
		url_hint(e, bk);
	else
		hint(e, "the url must start with swift://, s3://, gs://, tos:// or azure:// (lowercase)");
	return -1;
}

/* What Python's urllib.parse.urlsplit makes of a url: its scheme, lowercased,
 * into out, and whether it raises "Invalid IPv6 URL" (a '[' or ']' alone
 * in the netloc). Bracketed hosts are not validated further (Python 3.11.4+
 * also parses them as IPv6 addresses). */
static bool url_split(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0, k;
	while (i < n && (unsigned char)s[i] <= ' ')
		i++;
	out[0] = '\0';
	/* the scheme: ASCII letter, then letters, digits, + - . up to ':' */
	for (k = i; k < n && s[k] != ':'; k++) {
		char c = s[k];
		if (c == '\t' || c == '\r' || c == '\n')
			continue;   /* urlsplit removes these everywhere first */
		if (!(is_alnum(c) || c == '+' || c == '-' || c == '.') || o + 1 >= cap || (o == 0 && !is_alpha(c)))
			break;
		out[o++] = is_upper(c) ? (char)(c + 32) : c;
	}
	if (k < n && s[k] == ':' && o > 0) {
		out[o] = '\0';
		i = k + 1;
	} else {
		out[0] = '\0';
	}
	/* the netloc after "//", up to '/', '?' or '#' */
	char prev[2];
	size_t got = 0;
	for (k = i; k < n && got < 2; k++)
		if (s[k] != '\t' && s[k] != '\r' && s[k] != '\n')
			prev[got++] = s[k];
	if (got < 2 || prev[0] != '/' || prev[1] != '/')
		return true;
	bool open = false, close = false;
	for (; k < n && s[k] != '/' && s[k] != '?' && s[k] != '#'; k++) {
		open |= s[k] == '[';
		close |= s[k] == ']';
	}
	return open == close;
}

int names_data_url(const char *s, size_t n, struct units_err *e)
{
	char scheme[32], v[SHORT];
	units_shorten(s, n, v, sizeof v);
	if (!url_split(s, n, scheme, sizeof scheme)) {
		units_err_set(e, UNITS_NOPOS, 0, "Invalid IPv6 URL");
		hint(e, "a '[' or ']' in the host part must come in pairs");
		return -1;
	}
	for (size_t k = 0; k < NSTORAGE; k++) {
		if (strcmp(scheme, storage[k].scheme) != 0)
			continue;
		size_t r;
		if (storage_match(s, n, k, &r))
			return 0;
		units_err_at(e, n, r, "Incorrectly formatted %s URI: %s", storage[k].label, v);
		url_hint(e, k);
		if (memcmp(s, storage[k].scheme, strlen(storage[k].scheme)) != 0)
			hint(e, "write the scheme in lowercase: %s://", storage[k].scheme);
		return -1;
	}
	units_err_set(e, scheme[0] ? 0 : UNITS_NOPOS, strlen(scheme), "Unknown URI scheme: %s", scheme);
	if (!scheme[0])
		hint(e, "the url has no scheme: write it first, e.g. s3://BUCKET/PATH (or swift://, gs://, "
		     "tos://, azure://)");
	else
		hint(e, "data urls use swift://, s3://, gs://, tos:// or azure://");
	return -1;
}

/* ---- labels ---- */

static bool label_mid(char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }
static bool dns_first(char c) { return is_lower(c) || is_digit(c); }
static bool dns_mid(char c) { return dns_first(c) || c == '-'; }

/* [A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?, else *bad. */
static bool label_segment(const char *s, size_t n, size_t *bad)
{
	if (!run_match(s, n, is_alnum, label_mid, is_alnum, bad))
		return false;
	*bad = 63;
	return n <= 63;
}

/* Lowercase DNS labels joined by dots, 1 to 253 chars, else *bad. */
static bool dns_prefix(const char *s, size_t n, size_t *bad)
{
	size_t r;
	*bad = n > 253 ? 253 : 0;
	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && s[j] != '.')
			j++;
		if (!run_match(s + i, j - i, dns_first, dns_mid, dns_first, &r) || j - i > 63) {
			*bad = i + (j - i > 63 ? 63 : r);
			return false;
		}
		i = j + 1;
	}
	return true;
}

int names_label_key(const char *s, size_t n, struct units_err *e)
{
	const char *sl = memchr(s, '/', n);
	const char *sl2 = sl ? memchr(sl + 1, '/', n - (size_t)(sl + 1 - s)) : NULL;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	if (sl2) {
		units_err_set(e, (size_t)(sl2 - s), (size_t)(sl2 - s) + 1,
			      "Workflow label key \"%s\" is not a valid Kubernetes label key.", v);
		hint(e, "a key has at most one '/': PREFIX/NAME");
		return -1;
	}
	size_t name = sl ? (size_t)(sl - s) + 1 : 0;
	size_t r;
	if (sl) {
		if (!dns_prefix(s, name - 1, &r)) {
			units_err_at(e, n, r, "Workflow label key \"%s\" has an invalid DNS prefix.", v);
			hint(e, "the prefix is a lowercase DNS name such as example.com");
			return -1;
		}
	}
	if (label_segment(s + name, n - name, &r))
		return 0;
	units_err_at(e, n, name + r, "Workflow label key \"%s\" has an invalid name segment.", v);
	hint(e, "1 to 63 of A-Z a-z 0-9 - _ . starting and ending with a letter or digit");
	return -1;
}

int names_label_value(const char *s, size_t n, struct units_err *e)
{
	size_t r;
	if (label_segment(s, n, &r))
		return 0;
	char v[SHORT];
	units_shorten(s, n, v, sizeof v);
	units_err_at(e, n, r, "Workflow label value \"%s\" is not a valid non-empty Kubernetes label value.", v);
	hint(e, "1 to 63 of A-Z a-z 0-9 - _ . starting and ending with a letter or digit");
	return -1;
}
