/* plan_render: a plan as text for people (see plan.h).
 *
 * Read like `terraform plan` or `systemd-analyze critical-chain`: a summary
 * line, the waves, the critical path, aligned tables (groups, pool
 * platforms, demand per wave), then what cannot work, and a last "Plan:"
 * line that says it all in one sentence. ASCII only, so it survives any
 * terminal, pipe or log; names are measured in columns (uwidth) for the
 * tables.
 */
#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uwidth.h"

#define WRAP 78

void plan_format_bytes(double bytes, struct buf *out)
{
	static const char *const unit[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
	if (bytes <= 0) {
		buf_puts(out, "0");
		return;
	}
	/* the largest unit that gives a whole number, as people write quantities */
	double v = bytes;
	size_t u = 0;
	while (u + 1 < sizeof unit / sizeof *unit && v >= 1024 && v / 1024 == (double)(long long)(v / 1024)) {
		v /= 1024;
		u++;
	}
	if (v == (double)(long long)v && v < 1e15) {
		buf_printf(out, "%.0f%s", v, unit[u]);
		return;
	}
	/* not whole in any unit: one decimal in the largest unit >= 1 */
	for (v = bytes, u = 0; u + 1 < sizeof unit / sizeof *unit && v >= 1024; u++)
		v /= 1024;
	buf_printf(out, "%.1f%s", v, unit[u]);
}

static void format_duration(double seconds, struct buf *out)
{
	static const struct { const char *unit; double size; } parts[] = {
		{ "d", 86400 }, { "h", 3600 }, { "m", 60 }, { "s", 1 },
	};
	if (seconds < 1) {
		buf_printf(out, "%.0fms", seconds * 1000);
		return;
	}
	double left = seconds;
	for (size_t i = 0; i < 4; i++) {
		double n = (double)(long long)(left / parts[i].size);
		if (n >= 1) {
			buf_printf(out, "%.0f%s", n, parts[i].unit);
			left -= n * parts[i].size;
		}
	}
}

/* --- aligned tables --- */

struct table {
	size_t ncols, n, cap;
	char **cells;
	bool oom;
	const char *align;     /* per column: 'l' or 'r' */
};

static void cell(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cell(struct table *t, const char *fmt, ...)
{
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		char **c = realloc(t->cells, nc * sizeof *c);
		if (!c) {
			t->oom = true;
			return;
		}
		t->cells = c;
		t->cap = nc;
	}
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (s) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	t->cells[t->n++] = s;
}

static void cell_bytes(struct table *t, double bytes)
{
	struct buf b = BUF_INIT;
	plan_format_bytes(bytes, &b);
	cell(t, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* "used/total" for one resource against a pool capacity (no capacity: "used/-"). */
static void cell_against(struct table *t, double used, double total, bool bytes, bool has_total)
{
	struct buf b = BUF_INIT;
	if (bytes)
		plan_format_bytes(used, &b);
	else
		buf_printf(&b, "%.0f", used);
	buf_putc(&b, '/');
	if (!has_total)
		buf_putc(&b, '-');
	else if (bytes)
		plan_format_bytes(total, &b);
	else
		buf_printf(&b, "%.0f", total);
	cell(t, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* Print the rows with two spaces between columns, trailing blanks trimmed. */
static void table_print(struct table *t, struct buf *out)
{
	size_t *w = t->oom ? NULL : calloc(t->ncols, sizeof *w);
	size_t rows = w ? t->n / t->ncols : 0;
	if (!w)
		out->oom = true;
	for (size_t i = 0; w && i < t->n; i++) {
		size_t cw = t->cells[i] ? uwidth_str(t->cells[i]) : 0;
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (size_t r = 0; r < rows; r++) {
		size_t start = out->len;
		buf_puts(out, "  ");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "";
			size_t pad = w[c] - uwidth_str(s);
			if (t->align[c] == 'r')
				buf_repeat(out, ' ', pad);
			buf_puts(out, s);
			if (t->align[c] != 'r')
				buf_repeat(out, ' ', pad);
			if (c + 1 < t->ncols)
				buf_puts(out, "  ");
		}
		while (out->len > start && out->data[out->len - 1] == ' ')
			out->len--;
		buf_putc(out, '\n');
	}
	free(w);
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* --- pieces --- */

static const char *gname(const struct plan *p, size_t g)
{
	return specgraph_group_label(p->groups[g].group);
}

static const char *pname(const struct plan *p, uint32_t k)
{
	return p->platforms[k].name ? p->platforms[k].name : p->pool ? "(none)" : "(default)";
}

static void demand_text(const struct plan_demand *d, struct buf *out)
{
	buf_printf(out, "cpu %.0f, gpu %.0f, memory ", d->cpu, d->gpu);
	plan_format_bytes(d->memory, out);
	buf_puts(out, ", storage ");
	plan_format_bytes(d->storage, out);
}

static void node_text(const struct pool_node *n, struct buf *out)
{
	demand_text(&(struct plan_demand){ (double)n->cpu, (double)n->gpu, n->memory, n->storage }, out);
}

/* Names joined by ", ", wrapped at WRAP columns under an indent. */
static void name_list(const struct plan *p, const uint32_t *groups, size_t n, size_t indent,
		      struct buf *out)
{
	size_t col = indent;
	for (size_t i = 0; i < n; i++) {
		const char *s = gname(p, groups[i]);
		size_t w = uwidth_str(s) + (i + 1 < n);
		if (i && col + 1 + w > WRAP) {
			buf_putc(out, '\n');
			buf_repeat(out, ' ', indent);
			col = indent;
		} else if (i) {
			buf_putc(out, ' ');
			col++;
		}
		buf_puts(out, s);
		if (i + 1 < n)
			buf_putc(out, ',');
		col += w;
	}
	buf_putc(out, '\n');
}

static void render_waves(const struct plan *p, struct buf *out)
{
	buf_puts(out, "\nWaves (the groups of a wave can run at the same time):\n");
	int digits = snprintf(NULL, 0, "%zu", p->nwaves);
	for (size_t w = 0; w < p->nwaves; w++) {
		buf_printf(out, "  %*zu  ", digits, w + 1);
		name_list(p, p->waves[w].groups, p->waves[w].ngroups, 4 + (size_t)digits, out);
	}
	if (!p->nwaves && !p->nblocked)
		buf_puts(out, "  (none: there are no groups)\n");
	if (p->nblocked) {
		uint32_t *blocked = malloc(p->nblocked * sizeof *blocked);
		size_t n = 0;
		for (size_t g = 0; blocked && g < p->spec->ngroups; g++)
			if (p->groups[g].wave == GRAPH_NONE)
				blocked[n++] = (uint32_t)g;
		buf_puts(out, "  never (on or after a dependency cycle): ");
		name_list(p, blocked, n, 4, out);
		free(blocked);
	}
}

static void render_path(const struct plan *p, struct buf *out)
{
	for (size_t i = 0; i < p->ncycles; i++) {
		buf_puts(out, "\nDependency cycle: ");
		specgraph_path_text(p->sg, &p->cycles[i], " -> ", out);
		buf_puts(out, "\n  (each group takes input from the one before it, so none of them can start)\n");
	}
	if (!p->critical.n)
		return;
	buf_printf(out, "\nCritical path (%zu stage%s%s): ", p->critical.n, p->critical.n == 1 ? "" : "s",
		   p->nblocked ? ", without the groups the cycle holds up" : "");
	specgraph_path_text(p->sg, &p->critical, " -> ", out);
	buf_putc(out, '\n');
	if (p->exec_timeout > 0) {
		buf_puts(out, "  exec_timeout ");
		format_duration(p->exec_timeout, out);
		buf_printf(out, " per group%s: this chain runs for at most ",
			   p->exec_clamped ? " (lowered to the pool's maximum)" : "");
		format_duration(p->exec_timeout * (double)p->critical.n, out);
		buf_puts(out, "\n");
	}
}

static const char *fit_word(enum plan_fit f)
{
	static const char *const words[] = {
		[PLAN_FIT_UNKNOWN] = "", [PLAN_FITS] = "yes", [PLAN_NO_PLATFORM] = "no: no nodes",
		[PLAN_TASK_TOO_BIG] = "no: task too big", [PLAN_GROUP_TOO_BIG] = "no: gang too big",
		[PLAN_UNDECIDED] = "by totals", [PLAN_NO_PACKING] = "no: does not pack",
	};
	return words[f];
}

static void render_groups(const struct plan *p, struct buf *out)
{
	buf_puts(out, "\nGroups (each is placed as a gang: all its tasks at once):\n");
	struct table t = { .ncols = p->pool ? 9 : 8, .align = "lrrrrrrll" };
	static const char *const head[] = { "GROUP", "WAVE", "TASKS", "CPU", "GPU", "MEMORY", "STORAGE",
					    "PLATFORM", "FITS" };
	for (size_t c = 0; c < t.ncols; c++)
		cell(&t, "%s", head[c]);
	for (size_t g = 0; g < p->spec->ngroups; g++) {
		const struct plan_group *pg = &p->groups[g];
		cell(&t, "%s%s", gname(p, g), pg->critical ? " *" : "");
		if (pg->wave == GRAPH_NONE)
			cell(&t, "-");
		else
			cell(&t, "%u", pg->wave + 1);
		cell(&t, "%zu", pg->group->ntasks);
		cell(&t, "%.0f", pg->demand.cpu);
		cell(&t, "%.0f", pg->demand.gpu);
		cell_bytes(&t, pg->demand.memory);
		cell_bytes(&t, pg->demand.storage);
		struct buf pl = BUF_INIT;
		for (size_t k = 0; k < pg->nshares; k++)
			buf_printf(&pl, "%s%s", k ? "+" : "", pname(p, pg->shares[k].platform));
		cell(&t, "%s", pg->nshares ? buf_cstr(&pl) : "-");
		buf_free(&pl);
		if (p->pool)
			cell(&t, "%s", fit_word(pg->fit));
	}
	table_print(&t, out);
	if (p->critical.n)
		buf_puts(out, "  (* on the critical path)\n");
}

static void render_pool(const struct plan *p, struct buf *out)
{
	buf_printf(out, "\nPool \"%s\", the platforms this workflow uses:\n", p->pool->name);
	struct table t = { .ncols = 7, .align = "lrrrrrl" };
	static const char *const head[] = { "PLATFORM", "NODES", "CPU", "GPU", "MEMORY", "STORAGE",
					    "LARGEST NODE" };
	for (size_t c = 0; c < t.ncols; c++)
		cell(&t, "%s", head[c]);
	for (uint32_t k = 0; k < p->nplatforms; k++) {
		const struct plan_platform *pl = &p->platforms[k];
		cell(&t, "%s", pname(p, k));
		cell(&t, "%ld", pl->nodes);
		if (pl->nodes > 0) {
			cell(&t, "%.0f", pl->capacity.cpu);
			cell(&t, "%.0f", pl->capacity.gpu);
			cell_bytes(&t, pl->capacity.memory);
			cell_bytes(&t, pl->capacity.storage);
		} else {
			for (size_t c = 0; c < 4; c++)
				cell(&t, "-");
		}
		struct buf b = BUF_INIT;
		if (pl->largest)
			node_text(pl->largest, &b);
		else
			buf_puts(&b, !pl->name ? "(no platform and no usable default)"
				 : pl->pool ? "(no nodes)" : "(not in the pool)");
		cell(&t, "%s", buf_cstr(&b));
		buf_free(&b);
	}
	table_print(&t, out);
}

static void render_wave_demand(const struct plan *p, struct buf *out)
{
	if (!p->nwaves)
		return;
	bool pool = p->pool != NULL;
	buf_printf(out, "\nDemand per wave%s:\n", pool ? " against the pool (used/total)" : "");
	struct table t = { .ncols = 7, .align = pool ? "rlrrrrl" : "rrrrrrl" };
	static const char *const head_pool[] = { "WAVE", "PLATFORM", "CPU", "GPU", "MEMORY", "STORAGE", "" };
	static const char *const head[] = { "WAVE", "GROUPS", "CPU", "GPU", "MEMORY", "STORAGE", "" };
	for (size_t c = 0; c < t.ncols; c++)
		cell(&t, "%s", pool ? head_pool[c] : head[c]);
	for (size_t w = 0; w < p->nwaves; w++) {
		const struct plan_wave *pw = &p->waves[w];
		const char *mark = w == p->peak_wave && p->nwaves > 1 ? "peak" : "";
		if (!pool) {
			cell(&t, "%zu", w + 1);
			cell(&t, "%zu", pw->ngroups);
			cell(&t, "%.0f", pw->demand.cpu);
			cell(&t, "%.0f", pw->demand.gpu);
			cell_bytes(&t, pw->demand.memory);
			cell_bytes(&t, pw->demand.storage);
			cell(&t, "%s", mark);
			continue;
		}
		for (size_t k = 0; k < pw->nshares; k++) {
			const struct plan_share *sh = &pw->shares[k];
			const struct plan_platform *pl = &p->platforms[sh->platform];
			bool has = pl->nodes > 0;
			if (k)
				cell(&t, "%s", "");
			else
				cell(&t, "%zu", w + 1);
			cell(&t, "%s", pname(p, sh->platform));
			cell_against(&t, sh->demand.cpu, pl->capacity.cpu, false, has);
			cell_against(&t, sh->demand.gpu, pl->capacity.gpu, false, has);
			cell_against(&t, sh->demand.memory, pl->capacity.memory, true, has);
			cell_against(&t, sh->demand.storage, pl->capacity.storage, true, has);
			cell(&t, "%s%s%s", !has ? "no nodes" : sh->over ? "over: its groups queue" : "within",
			     *mark && k == 0 ? ", " : "", k == 0 ? mark : "");
		}
	}
	table_print(&t, out);
}

/* The resources where d exceeds cap, as "gpu 24, memory 3Ti" and "gpu 20, memory 2Ti". */
static void over_text(const struct plan_demand *d, const struct plan_demand *cap, struct buf *need,
		      struct buf *have)
{
	const double dv[] = { d->cpu, d->gpu, d->memory, d->storage };
	const double cv[] = { cap->cpu, cap->gpu, cap->memory, cap->storage };
	static const char *const names[] = { "cpu", "gpu", "memory", "storage" };
	for (size_t i = 0; i < 4; i++) {
		if (dv[i] <= cv[i])
			continue;
		const char *sep = need->len ? ", " : "";
		buf_printf(need, "%s%s ", sep, names[i]);
		buf_printf(have, "%s%s ", sep, names[i]);
		if (i < 2) {
			buf_printf(need, "%.0f", dv[i]);
			buf_printf(have, "%.0f", cv[i]);
		} else {
			plan_format_bytes(dv[i], need);
			plan_format_bytes(cv[i], have);
		}
	}
}

/* True when a node would fit d but for its storage being equal (OSMO wants less). */
static bool storage_only(const struct plan_demand *d, const struct pool_platform *pp)
{
	for (size_t k = 0; pp && k < pp->nnodes; k++) {
		const struct pool_node *n = &pp->nodes[k];
		if (n->count > 0 && d->cpu <= (double)n->cpu && d->gpu <= (double)n->gpu &&
		    d->memory <= n->memory && d->storage == n->storage)
			return true;
	}
	return false;
}

static void render_unplaceable(const struct plan *p, struct buf *out)
{
	if (!p->nunplaceable || !p->pool)
		return;   /* groups are judged only against a pool */
	buf_printf(out, "\nCan never be placed (%zu group%s):\n", p->nunplaceable, p->nunplaceable == 1 ? "" : "s");
	for (size_t g = 0; g < p->spec->ngroups; g++) {
		const struct plan_group *pg = &p->groups[g];
		if (pg->fit < PLAN_FIT_NEVER)
			continue;
		buf_printf(out, "  group \"%s\": ", gname(p, g));
		if (pg->fit == PLAN_GROUP_TOO_BIG) {
			const struct plan_platform *pl = &p->platforms[pg->culprit_platform];
			/* fit_group took the culprit from these shares, so the loop finds it */
			const struct plan_demand *d = &pg->shares[0].demand;
			for (size_t k = 0; k < pg->nshares; k++)
				if (pg->shares[k].platform == pg->culprit_platform)
					d = &pg->shares[k].demand;
			struct buf need = BUF_INIT, have = BUF_INIT;
			over_text(d, &pl->capacity, &need, &have);
			buf_printf(out, "its tasks need %s at once on platform \"%s\", whose %ld node%s have %s "
				   "in all\n", buf_cstr(&need), pname(p, pg->culprit_platform), pl->nodes,
				   pl->nodes == 1 ? "" : "s", buf_cstr(&have));
			buf_free(&need);
			buf_free(&have);
			continue;
		}
		if (pg->fit == PLAN_NO_PACKING) {
			const struct plan_platform *pl = &p->platforms[pg->culprit_platform];
			size_t n = 0;
			for (size_t k = 0; k < pg->group->ntasks; k++)
				n += p->tasks[pg->group->tasks[k]->index].platform == pg->culprit_platform;
			buf_printf(out, "its %zu task%s on platform \"%s\" fit its totals but cannot all be "
				   "placed on its nodes at once (", n, n == 1 ? "" : "s", pname(p, pg->culprit_platform));
			for (size_t k = 0, first = 1; k < pl->pool->nnodes; k++) {
				if (pl->pool->nodes[k].count <= 0)
					continue;
				buf_printf(out, "%s%ld x ", first ? "" : "; ", pl->pool->nodes[k].count);
				node_text(&pl->pool->nodes[k], out);
				first = 0;
			}
			buf_puts(out, ")\n");
			continue;
		}
		const struct plan_task *pt = &p->tasks[pg->culprit->index];
		const struct plan_platform *pl = &p->platforms[pt->platform];
		if (pg->fit == PLAN_NO_PLATFORM) {
			if (pl->name)
				buf_printf(out, "task \"%s\" runs on platform \"%s\", which has no nodes in pool "
					   "\"%s\"\n", pg->culprit->name, pl->name, p->pool->name);
			else
				buf_printf(out, "task \"%s\" has no platform (profile \"%s\" sets none and the pool "
					   "has no usable default)\n", pg->culprit->name, pg->culprit->resource);
			continue;
		}
		buf_printf(out, "task \"%s\" needs ", pg->culprit->name);
		demand_text(&pt->demand, out);
		buf_printf(out, "; the largest node of platform \"%s\" has ", pl->name);
		node_text(pl->largest, out);
		buf_puts(out, storage_only(&pt->demand, pl->pool) ? " (storage must be below a node's, not equal)\n"
			 : "\n");
	}
}

static void render_undecided(const struct plan *p, struct buf *out)
{
	bool head = false;
	for (size_t g = 0; p->pool && g < p->spec->ngroups; g++) {
		if (p->groups[g].fit != PLAN_UNDECIDED)
			continue;
		if (!head)
			buf_puts(out, "\nWithin the platform totals, but too large to check node by node:\n");
		head = true;
		buf_printf(out, "  group \"%s\" on platform \"%s\"\n", gname(p, g),
			   pname(p, p->groups[g].culprit_platform));
	}
}

static void render_missing(const struct plan *p, struct buf *out)
{
	if (!p->nmissing || !p->pool)
		return;   /* profiles are checked only against a pool */
	buf_puts(out, "\nProfiles whose platform no node offers:\n");
	struct buf names = BUF_INIT;
	pool_platform_names(p->pool, &names);
	for (size_t i = 0; i < p->nmissing; i++) {
		const struct plan_missing *m = &p->missing[i];
		if (!m->platform)
			buf_printf(out, "  profile \"%s\": no platform: and pool \"%s\" has no default platform\n",
				   m->profile, p->pool->name);
		const struct spec_profile *pr = spec_profile_named(p->spec, m->profile);
		const char *via = m->platform && !(pr && pr->platform) ? " (the pool's default platform)" : "";
		if (!m->platform)
			continue;
		if (m->in_pool)
			buf_printf(out, "  profile \"%s\": platform \"%s\"%s has no nodes\n", m->profile, m->platform,
				   via);
		else
			buf_printf(out, "  profile \"%s\": platform \"%s\"%s is not in pool \"%s\" (platforms: %s)\n",
				   m->profile, m->platform, via, p->pool->name, names.len ? buf_cstr(&names) : "none");
	}
	buf_free(&names);
}

static void render_guarantee(const struct plan *p, struct buf *out)
{
	bool head = false;
	for (size_t g = 0; p->pool && g < p->spec->ngroups; g++) {
		if (!p->groups[g].over_guarantee)
			continue;
		if (!head)
			buf_printf(out, "\nAbove the pool's GPU guarantee of %ld (submit these with LOW priority):\n",
				   p->pool->gpu_guarantee);
		head = true;
		buf_printf(out, "  group \"%s\": %.0f GPUs\n", gname(p, g), p->groups[g].demand.gpu);
	}
}

static void render_summary(const struct plan *p, struct buf *out)
{
	buf_printf(out, "\nPlan: %zu group%s in %zu wave%s", p->spec->ngroups, p->spec->ngroups == 1 ? "" : "s",
		   p->nwaves, p->nwaves == 1 ? "" : "s");
	if (p->peak_wave != GRAPH_NONE) {
		buf_printf(out, "; peak demand (wave %u): ", p->peak_wave + 1);
		demand_text(&p->waves[p->peak_wave].demand, out);
	}
	if (p->nblocked)
		buf_printf(out, "; %zu group%s never start%s (cycle)", p->nblocked, p->nblocked == 1 ? "" : "s",
			   p->nblocked == 1 ? "s" : "");
	if (p->pool) {
		if (p->nunplaceable)
			buf_printf(out, "; %zu group%s can never be placed", p->nunplaceable,
				   p->nunplaceable == 1 ? "" : "s");
		if (p->nmissing)
			buf_printf(out, "; %zu profile%s ask%s for a platform without nodes", p->nmissing,
				   p->nmissing == 1 ? "" : "s", p->nmissing == 1 ? "s" : "");
		if (!p->nunplaceable && !p->nmissing && !p->nblocked)
			buf_printf(out, "; every group fits pool \"%s\"", p->pool->name);
	}
	buf_puts(out, ".\n");
}

void plan_render_text(const struct plan *p, struct buf *out)
{
	const struct spec *s = p->spec;
	buf_printf(out, "Workflow \"%s\": %zu group%s, %zu task%s, %zu wave%s.\n", s->name, s->ngroups,
		   s->ngroups == 1 ? "" : "s", s->ntasks, s->ntasks == 1 ? "" : "s", p->nwaves,
		   p->nwaves == 1 ? "" : "s");
	render_waves(p, out);
	render_path(p, out);
	render_groups(p, out);
	if (p->pool)
		render_pool(p, out);
	render_wave_demand(p, out);
	render_unplaceable(p, out);
	render_undecided(p, out);
	render_missing(p, out);
	render_guarantee(p, out);
	render_summary(p, out);
}
