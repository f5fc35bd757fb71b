/* profiles: resource profiles, their users and their edits (see profiles.h).
 *
 * Every edit first reads the current spec to find what it must touch,
 * keeps PATHS of those nodes (an edit rebuilds the tree, so node pointers
 * do not survive it), and then applies the session operations inside one
 * edit_begin/edit_end pair. When a step fails half-way the steps already
 * made are undone, so the file is never left with a profile renamed and
 * half of its tasks still pointing at the old name.
 */
#include "profiles.h"

#include <stdlib.h>
#include <string.h>

#include "add.h"
#include "edit.h"
#include "path.h"
#include "yamlout.h"

#define MAX_COPY_SUFFIX 100
#define MAX_NAMED_USERS 4

/* --- listing --- */

static struct doc *source_of(struct session *s, bool *rendered)
{
	struct doc *d = session_templated(s) ? session_rendered(s) : session_doc(s);
	*rendered = session_templated(s);
	return d && d->ok && d->root ? d : NULL;
}

static long row_index(const struct profiles *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->rows[i].name, name) == 0)
			return (long)i;
	return -1;
}

static void add_row(struct profiles *p, const char *name, enum profile_kind kind, const struct spec_profile *sp)
{
	struct profile_row *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	r->name = name;
	r->kind = kind;
	r->p = sp;
}

int profiles_build(struct profiles *p, struct session *s, const struct pool *pool, struct buf *msg)
{
	memset(p, 0, sizeof *p);
	struct doc *d = source_of(s, &p->rendered);
	if (!d) {
		buf_puts(msg, "the file does not load; the problems say why");
		return -1;
	}
	p->spec = spec_build(d);
	if (!p->spec || !p->spec->workflow) {
		buf_puts(msg, p->spec ? "workflow: is missing or not a mapping" : "out of memory");
		return -1;
	}
	const struct spec *sp = p->spec;
	p->sg = specgraph_new(sp, NULL);
	p->plan = p->sg ? plan_new(p->sg, pool) : NULL;
	p->rows = calloc(sp->nprofiles + sp->ntasks + 1, sizeof *p->rows);
	const struct spec_task **all = calloc(sp->ntasks + 1, sizeof *all);
	p->store = all;
	if (!p->plan || !p->rows || !all) {
		buf_puts(msg, "out of memory");
		return -1;
	}
	if (sp->resources_absent)
		add_row(p, "default", PROFILE_IMPLICIT, spec_profile_named(sp, "default"));
	for (size_t i = 0; i < sp->nprofiles; i++)
		if (row_index(p, sp->profiles[i].name) < 0)
			add_row(p, sp->profiles[i].name, PROFILE_DEFINED, &sp->profiles[i]);
	/* count the users of each row (adding the names nothing defines), then
	 * hand each row its slice of one array */
	long *of = malloc((sp->ntasks + 1) * sizeof *of);
	if (!of) {
		buf_puts(msg, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < sp->ntasks; i++) {
		const struct spec_task *t = &sp->tasks[i];
		of[i] = row_index(p, t->resource);
		if (of[i] < 0) {
			add_row(p, t->resource, PROFILE_UNDEFINED, NULL);
			of[i] = (long)p->n - 1;
		}
		p->rows[of[i]].ntasks++;
	}
	size_t at = 0;
	for (size_t r = 0; r < p->n; r++) {
		p->rows[r].tasks = all + at;
		at += p->rows[r].ntasks;
		p->rows[r].ntasks = 0;
	}
	for (size_t i = 0; i < sp->ntasks; i++)
		p->rows[of[i]].tasks[p->rows[of[i]].ntasks++] = &sp->tasks[i];
	free(of);
	return 0;
}

void profiles_free(struct profiles *p)
{
	free((void *)p->store);
	free(p->rows);
	plan_free(p->plan);
	specgraph_free(p->sg);
	spec_free(p->spec);
	memset(p, 0, sizeof *p);
}

const struct profile_row *profiles_find(const struct profiles *p, const char *name)
{
	long i = row_index(p, name);
	return i >= 0 ? &p->rows[i] : NULL;
}

const char *profiles_fit_text(enum plan_fit fit)
{
	static const char *const text[] = {
		[PLAN_FIT_UNKNOWN] = "-",
		[PLAN_FITS] = "fits",
		[PLAN_UNDECIDED] = "undecided",
		[PLAN_NO_PLATFORM] = "no platform",
		[PLAN_TASK_TOO_BIG] = "task too big",
		[PLAN_GROUP_TOO_BIG] = "gang too big",
		[PLAN_NO_PACKING] = "cannot pack",
	};
	return (unsigned)fit < sizeof text / sizeof text[0] && text[fit] ? text[fit] : "?";
}

/* --- edits --- */

/* The spec of the file for an edit, or NULL with a message. */
static struct spec *editable_spec(struct session *s, struct buf *msg)
{
	struct doc *d = session_doc(s);
	if (session_templated(s)) {
		buf_puts(msg, "this spec is a template: edit its resources in the outline");
		return NULL;
	}
	if (!d->ok || !d->root) {
		buf_puts(msg, "the file does not parse; fix it first (see the problems)");
		return NULL;
	}
	struct spec *sp = spec_build(d);
	if (sp && !sp->workflow) {
		spec_free(sp);
		buf_puts(msg, "workflow: is missing or not a mapping");
		return NULL;
	}
	if (!sp)
		buf_puts(msg, "out of memory");
	return sp;
}

/* The resources mapping (NULL when absent or not a mapping). */
static const struct doc_node *resources_of(const struct spec *sp)
{
	const struct doc_node *r = doc_resolve(doc_map_get(sp->workflow, "resources"));
	return r && r->kind == DOC_MAP ? r : NULL;
}

/* The entry of profile name written in the resources mapping itself (not
 * merged in from an anchor), or NULL with a message. */
static const struct doc_node *own_entry(const struct spec *sp, const char *name, struct buf *msg)
{
	const struct doc_node *res = resources_of(sp);
	if (sp->resources_absent) {
		buf_printf(msg, "%s is implicit (the spec has no resources:); a adds a profile", name);
		return NULL;
	}
	for (uint32_t i = 0; res && i < res->nkids; i++)
		if (res->kids[i]->key && strcmp(res->kids[i]->key, name) == 0)
			return res->kids[i];
	if (spec_profile_named(sp, name))
		buf_printf(msg, "%s comes from a YAML merge (<<); edit it where it is written", name);
	else
		buf_printf(msg, "no resource profile is named %s", name);
	return NULL;
}

static bool valid_name(const char *name, struct buf *msg)
{
	if (!*name || name[0] == ' ' || name[strlen(name) - 1] == ' ') {
		buf_puts(msg, "a profile name cannot be empty or start or end with a blank");
		return false;
	}
	return true;
}

/* The paths to change so that the users of profile `from` use `to`:
 * resource: values to set (sets) and tasks to give a resource: (puts). */
struct retarget {
	struct buf sets, puts;   /* paths, one per line */
	size_t n;
};

static void collect_users(const struct spec *sp, const char *from, struct retarget *rt)
{
	for (size_t i = 0; i < sp->ntasks; i++) {
		const struct spec_task *t = &sp->tasks[i];
		if (strcmp(t->resource, from) != 0 || !t->node)
			continue;
		struct buf *b = t->resource_node ? &rt->sets : &rt->puts;
		path_of_node(t->resource_node ? t->resource_node : t->node, b);
		buf_putc(b, '\n');
		rt->n++;
	}
}

/* Point every collected user at `to` (inside the caller's action). */
static int apply_retarget(struct session *s, struct retarget *rt, const char *to, struct buf *msg)
{
	struct buf q = BUF_INIT;
	session_quote(to, &q);
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		struct buf *b = pass ? &rt->puts : &rt->sets;
		for (char *line = b->data, *nl; rc == 0 && line && (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			rc = pass ? session_put(s, line, "resource", buf_cstr(&q), "resource", NULL, msg)
				  : session_set_value(s, line, to, true, msg);
		}
	}
	buf_free(&q);
	return rc;
}

static void retarget_free(struct retarget *rt)
{
	buf_free(&rt->sets);
	buf_free(&rt->puts);
}

/* End an action; a failed one is rolled back (if it changed anything). */
static int end_action(struct session *s, unsigned gen0, int rc)
{
	edit_end(session_journal(s));
	if (rc < 0 && session_doc(s)->generation != gen0) {
		struct buf ignore = BUF_INIT;
		session_undo(s, &ignore);
		buf_free(&ignore);
	}
	return rc;
}

int profiles_rename(struct session *s, const char *from, const char *to, struct buf *msg)
{
	if (!valid_name(to, msg))
		return -1;
	if (strcmp(from, to) == 0) {
		buf_printf(msg, "the profile is already called %s", to);
		return -1;
	}
	struct spec *sp = editable_spec(s, msg);
	if (!sp)
		return -1;
	const struct doc_node *entry = own_entry(sp, from, msg);
	if (entry && spec_profile_named(sp, to)) {
		buf_printf(msg, "a profile named %s already exists", to);
		entry = NULL;
	}
	struct retarget rt = { BUF_INIT, BUF_INIT, 0 };
	struct buf epath = BUF_INIT, label = BUF_INIT;
	if (entry) {
		collect_users(sp, from, &rt);
		path_of_node(entry, &epath);
	}
	spec_free(sp);
	int rc = -1;
	if (entry) {
		unsigned gen0 = session_doc(s)->generation;
		buf_printf(&label, "rename profile %s to %s", from, to);
		edit_begin(session_journal(s), buf_cstr(&label));
		rc = apply_retarget(s, &rt, to, msg);
		if (rc == 0)
			rc = session_rename_key(s, buf_cstr(&epath), to, buf_cstr(&label), msg);
		rc = end_action(s, gen0, rc);
	}
	retarget_free(&rt);
	buf_free(&epath);
	buf_free(&label);
	return rc;
}

int profiles_delete(struct session *s, const char *name, const char *reassign, struct buf *msg)
{
	struct spec *sp = editable_spec(s, msg);
	if (!sp)
		return -1;
	const struct doc_node *entry = own_entry(sp, name, msg);
	struct retarget rt = { BUF_INIT, BUF_INIT, 0 };
	struct buf epath = BUF_INIT, label = BUF_INIT;
	if (entry) {
		collect_users(sp, name, &rt);
		const struct doc_node *res = resources_of(sp);
		/* the last profile takes resources: with it (the implicit default returns) */
		path_of_node(res->nkids == 1 ? doc_map_get(sp->workflow, "resources") : entry, &epath);
		if (rt.n && !reassign) {
			buf_printf(msg, "%zu task%s use%s %s; move them to another profile first", rt.n,
				   rt.n == 1 ? "" : "s", rt.n == 1 ? "s" : "", name);
			entry = NULL;
		} else if (rt.n && (strcmp(reassign, name) == 0 || !spec_profile_named(sp, reassign))) {
			buf_printf(msg, "%s is not another profile of this spec", reassign);
			entry = NULL;
		}
	}
	spec_free(sp);
	int rc = -1;
	if (entry) {
		unsigned gen0 = session_doc(s)->generation;
		buf_printf(&label, "delete profile %s", name);
		edit_begin(session_journal(s), buf_cstr(&label));
		rc = rt.n ? apply_retarget(s, &rt, reassign, msg) : 0;
		if (rc == 0)
			rc = session_remove(s, buf_cstr(&epath), msg);
		rc = end_action(s, gen0, rc);
	}
	retarget_free(&rt);
	buf_free(&epath);
	buf_free(&label);
	return rc;
}

int profiles_create(struct session *s, const char *name, struct buf *msg)
{
	if (!valid_name(name, msg))
		return -1;
	struct spec *sp = editable_spec(s, msg);
	if (!sp)
		return -1;
	const struct doc_node *res = doc_map_get(sp->workflow, "resources");
	int rc = -1;
	struct add_plan plan;
	memset(&plan, 0, sizeof plan);
	if (!sp->resources_absent && spec_profile_named(sp, name))
		buf_printf(msg, "a profile named %s already exists", name);
	else if (!res)
		rc = add_plan_field(sp->workflow, "resources", &plan, msg);
	else if (doc_resolve(res) == res && res->kind == DOC_MAP)
		rc = add_plan_at(res, &plan, msg);
	else
		buf_puts(msg, "workflow.resources is not a mapping of profiles");
	spec_free(sp);
	if (rc == 0)
		rc = add_apply(s, &plan, name, NULL, msg);
	add_plan_free(&plan);
	return rc;
}

/* The profile's value as block YAML at indentation 0 ("{}" when empty). */
static void profile_yaml(const struct doc *d, const struct doc_node *entry, struct buf *out)
{
	const struct doc_node *v = doc_resolve(entry);
	if (!v || v->kind != DOC_MAP || v->nkids == 0) {
		buf_puts(out, "{}");
		return;
	}
	struct buf b = BUF_INIT;
	yamlout_block_value(&b, d->text, v, 0, true, true, "\n");
	const char *p = buf_cstr(&b);
	while (*p == '\n')
		p++;
	/* the mapping was written under a key at column 0: one level in */
	for (bool bol = true; *p; p++) {
		if (bol && p[0] == ' ' && p[1] == ' ')
			p += 2;
		if (!*p)
			break;
		buf_putc(out, *p);
		bol = *p == '\n';
	}
	buf_free(&b);
}

int profiles_duplicate(struct session *s, const char *name, struct buf *new_name, struct buf *msg)
{
	struct spec *sp = editable_spec(s, msg);
	if (!sp)
		return -1;
	const struct doc_node *entry = own_entry(sp, name, msg);
	struct buf yaml = BUF_INIT, rpath = BUF_INIT, label = BUF_INIT;
	buf_reset(new_name);
	for (int k = 1; entry && k <= MAX_COPY_SUFFIX && !new_name->len; k++) {
		buf_printf(new_name, k == 1 ? "%s-copy" : "%s-copy-%d", name, k);
		if (spec_profile_named(sp, buf_cstr(new_name)))
			buf_reset(new_name);
	}
	if (entry && !new_name->len) {
		buf_printf(msg, "no free name for a copy of %s", name);
		entry = NULL;
	}
	if (entry) {
		profile_yaml(session_doc(s), entry, &yaml);
		path_of_node(entry->parent, &rpath);
	}
	spec_free(sp);
	int rc = -1;
	if (entry) {
		buf_printf(&label, "duplicate profile %s", name);
		rc = session_put(s, buf_cstr(&rpath), buf_cstr(new_name), buf_cstr(&yaml), buf_cstr(&label), NULL, msg);
	}
	buf_free(&yaml);
	buf_free(&rpath);
	buf_free(&label);
	return rc;
}
