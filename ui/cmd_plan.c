/* plan: waves, critical path and gang demand of a spec, against a pool
 * (osmo-tui plan [--format text|json] [--pool-file F] [VALUES] FILE).
 *
 * The computation is src/plan.c; this file reads the options, prints the
 * text rendering or writes the JSON for tools, and decides the exit status:
 * 1 when the dependencies or profiles have errors, or (with a pool) when a
 * group can never be placed or a profile's platform has no nodes.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "report.h"
#include "specload.h"

/* Echoed to stderr: dependency errors and profile values the demand cannot use. */
static const enum rule_id plan_rules[] = {
	R_CYCLE, R_UNKNOWN_INPUT_TASK, R_INPUT_ORDER, R_UNDEFINED_PROFILE, R_MISSING_DEFAULT_RESOURCE,
	R_QUANTITY_VALUE, R_QUANTITY_UNIT, R_CPU_GPU_INT,
};

static void json_demand(struct buf *b, const struct plan_demand *d)
{
	buf_printf(b, "{\"cpu\": %.15g, \"gpu\": %.15g, \"memory\": %.15g, \"storage\": %.15g}", d->cpu, d->gpu,
		   d->memory, d->storage);
}

static void json_name_or_null(struct buf *b, const char *s)
{
	if (s)
		report_json_string(b, s);
	else
		buf_puts(b, "null");
}

static void json_shares(struct buf *b, const struct plan *p, const struct plan_share *v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		const struct plan_platform *pl = &p->platforms[v[i].platform];
		buf_puts(b, i ? ", {\"platform\": " : "{\"platform\": ");
		json_name_or_null(b, pl->name);
		buf_puts(b, ", \"demand\": ");
		json_demand(b, &v[i].demand);
		buf_printf(b, ", \"over\": %s}", v[i].over ? "true" : "false");
	}
	buf_putc(b, ']');
}

static void json_group_names(struct buf *b, const struct plan *p, const uint32_t *v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		report_json_string(b, specgraph_group_label(p->groups[v[i]].group));
	}
	buf_putc(b, ']');
}

static void json_waves(struct buf *b, const struct plan *p)
{
	buf_puts(b, " \"waves\": [");
	for (size_t w = 0; w < p->nwaves; w++) {
		const struct plan_wave *pw = &p->waves[w];
		buf_printf(b, "%s\n  {\"wave\": %zu, \"groups\": ", w ? "," : "", w + 1);
		json_group_names(b, p, pw->groups, pw->ngroups);
		buf_puts(b, ", \"demand\": ");
		json_demand(b, &pw->demand);
		buf_puts(b, ", \"platforms\": ");
		json_shares(b, p, pw->shares, pw->nshares);
		buf_printf(b, ", \"over\": %s}", pw->over ? "true" : "false");
	}
	buf_puts(b, "],\n \"cycles\": [");
	for (size_t i = 0; i < p->ncycles; i++) {
		buf_puts(b, i ? ", " : "");
		json_group_names(b, p, p->cycles[i].v, p->cycles[i].n);
	}
	buf_puts(b, "],\n \"critical_path\": {\"groups\": ");
	json_group_names(b, p, p->critical.v, p->critical.n);
	buf_printf(b, ", \"stages\": %zu, \"exec_timeout\": ", p->critical.n);
	if (p->exec_timeout > 0)
		buf_printf(b, "%.15g, \"exec_timeout_clamped\": %s, \"max_seconds\": %.15g}", p->exec_timeout,
			   p->exec_clamped ? "true" : "false", p->exec_timeout * (double)p->critical.n);
	else
		buf_puts(b, "null, \"exec_timeout_clamped\": false, \"max_seconds\": null}");
	buf_puts(b, ",\n \"peak\": ");
	if (p->peak_wave == GRAPH_NONE) {
		buf_puts(b, "null");
	} else {
		buf_printf(b, "{\"wave\": %u, \"demand\": ", p->peak_wave + 1);
		json_demand(b, &p->waves[p->peak_wave].demand);
		buf_puts(b, ", \"max\": ");
		json_demand(b, &p->peak);
		buf_putc(b, '}');
	}
}

static void json_groups(struct buf *b, const struct plan *p)
{
	static const char *const fits[] = { "unknown", "fits", "undecided", "no-platform", "task-too-big",
					    "group-too-big", "no-packing" };
	buf_puts(b, ",\n \"groups\": [");
	for (size_t g = 0; g < p->spec->ngroups; g++) {
		const struct plan_group *pg = &p->groups[g];
		buf_puts(b, g ? ",\n  {\"name\": " : "\n  {\"name\": ");
		report_json_string(b, specgraph_group_label(pg->group));
		buf_puts(b, ", \"group\": ");
		report_json_string(b, pg->group->name);
		buf_puts(b, ", \"tasks\": [");
		for (size_t k = 0; k < pg->group->ntasks; k++) {
			buf_puts(b, k ? ", " : "");
			report_json_string(b, pg->group->tasks[k]->name);
		}
		buf_puts(b, "], \"wave\": ");
		if (pg->wave == GRAPH_NONE)
			buf_puts(b, "null");
		else
			buf_printf(b, "%u", pg->wave + 1);
		buf_printf(b, ", \"critical\": %s, \"demand\": ", pg->critical ? "true" : "false");
		json_demand(b, &pg->demand);
		buf_puts(b, ", \"platforms\": ");
		json_shares(b, p, pg->shares, pg->nshares);
		buf_printf(b, ", \"fit\": \"%s\", \"culprit\": ", fits[pg->fit]);
		json_name_or_null(b, pg->culprit ? pg->culprit->name
				  : pg->fit > PLAN_FITS ? p->platforms[pg->culprit_platform].name : NULL);
		buf_printf(b, ", \"over_gpu_guarantee\": %s}", pg->over_guarantee ? "true" : "false");
	}
	buf_puts(b, "]");
}

static void json_pool(struct buf *b, const struct plan *p)
{
	buf_puts(b, ",\n \"platforms\": [");
	for (size_t k = 0; k < p->nplatforms; k++) {
		const struct plan_platform *pl = &p->platforms[k];
		buf_puts(b, k ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_name_or_null(b, pl->name);
		buf_printf(b, ", \"in_pool\": %s, \"nodes\": %ld, \"capacity\": ", pl->pool ? "true" : "false",
			   pl->nodes);
		if (p->pool)
			json_demand(b, &pl->capacity);
		else
			buf_puts(b, "null");
		buf_puts(b, ", \"largest_node\": ");
		if (pl->largest)
			json_demand(b, &(struct plan_demand){ (double)pl->largest->cpu, (double)pl->largest->gpu,
							      pl->largest->memory, pl->largest->storage });
		else
			buf_puts(b, "null");
		buf_puts(b, ", \"peak\": ");
		json_demand(b, &pl->peak);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\n \"missing_platforms\": [");
	for (size_t i = 0; i < p->nmissing; i++) {
		buf_puts(b, i ? ", {\"profile\": " : "{\"profile\": ");
		report_json_string(b, p->missing[i].profile);
		buf_puts(b, ", \"platform\": ");
		json_name_or_null(b, p->missing[i].platform);
		buf_printf(b, ", \"in_pool\": %s}", p->missing[i].in_pool ? "true" : "false");
	}
	buf_printf(b, "],\n \"unplaceable\": %zu, \"blocked\": %zu}\n", p->nunplaceable, p->nblocked);
}

static void plan_json(struct buf *b, const struct plan *p)
{
	buf_puts(b, "{\"workflow\": ");
	report_json_string(b, p->spec->name);
	buf_puts(b, ", \"pool\": ");
	json_name_or_null(b, p->pool ? p->pool->name : NULL);
	buf_printf(b, ", \"groups_count\": %zu, \"tasks_count\": %zu,\n", p->spec->ngroups, p->spec->ntasks);
	json_waves(b, p);
	json_groups(b, p);
	json_pool(b, p);
}

static int run(struct specload *L, const struct pool *pool, bool json)
{
	struct specgraph *sg = specgraph_new(L->spec, NULL);
	struct plan *p = sg ? plan_new(sg, pool) : NULL;
	struct buf out = BUF_INIT;
	int rc = EXIT_OK;
	if (p && json)
		plan_json(&out, p);
	else if (p)
		plan_render_text(p, &out);
	if (!p || out.oom) {
		fprintf(stderr, "osmo-tui plan: out of memory\n");
		rc = EXIT_USAGE;
	} else {
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "osmo-tui plan: cannot write the plan\n");
			rc = EXIT_USAGE;
		} else if (p->nunplaceable || p->nmissing || p->nblocked) {
			rc = EXIT_INVALID;
		}
	}
	buf_free(&out);
	plan_free(p);
	specgraph_free(sg);
	return rc;
}

static int plan_option(void *ctx, int argc, char **argv, int *i)
{
	if (strcmp(argv[*i], "--pool-file") != 0 || *i + 1 >= argc)
		return 0;
	*(const char **)ctx = argv[++*i];
	return 1;
}

int cmd_plan(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *pool_file = NULL;
	struct specload_args a = { .cmd = "plan", .formats = formats, .format = 0 };
	int rc = specload_parse(&a, argc, argv, plan_option, &pool_file);
	struct pool *pool = NULL;
	if (rc == EXIT_OK && pool_file && !(pool = specload_pool(pool_file)))
		rc = EXIT_USAGE;
	struct specload L;
	if (rc == EXIT_OK) {
		rc = specload_open(&L, a.file, &a.values);
		if (rc == EXIT_OK) {
			rc = run(&L, pool, a.format == 1);
			size_t errors = specload_report(&L, a.file, plan_rules, sizeof plan_rules / sizeof *plan_rules);
			if (rc == EXIT_OK && errors)
				rc = EXIT_INVALID;
		}
		specload_close(&L);
	}
	pool_free(pool);
	render_values_free(&a.values);
	return rc;
}
