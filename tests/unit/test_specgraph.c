/* Unit tests for specgraph (groups, edges from inputs, the mapping back to
 * the spec, cycles) and plan (demand with defaults, waves, critical path,
 * fitting and packing into a pool, byte formatting). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "pool.h"
#include "spec.h"
#include "specgraph.h"

#define GI 1073741824.0

struct fixture {
	struct doc *doc;
	struct spec *spec;
	struct specgraph *sg;
	struct doc *pool_doc;
	struct pool *pool;
	struct plan *plan;
};

static struct doc *load(const char *text)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &dl);
	assert_non_null(d);
	if (!d->ok)
		fail_msg("bad YAML: %s", dl.n ? dl.v[0].message : "?");
	diag_free(&dl);
	return d;
}

static void open_spec(struct fixture *f, const char *text, bool tasks)
{
	memset(f, 0, sizeof *f);
	f->doc = load(text);
	f->spec = spec_build(f->doc);
	assert_non_null(f->spec);
	struct specgraph_opts o = SPECGRAPH_OPTS_INIT;
	o.tasks = tasks;
	f->sg = specgraph_new(f->spec, &o);
	assert_non_null(f->sg);
}

static void open_plan(struct fixture *f, const char *spec, const char *pool)
{
	open_spec(f, spec, false);
	if (pool) {
		struct diag_list dl = { 0 };
		f->pool_doc = load(pool);
		f->pool = pool_from_doc(f->pool_doc, &dl);
		if (!f->pool)
			fail_msg("bad pool: %s", dl.n ? dl.v[0].message : "?");
		diag_free(&dl);
	}
	f->plan = plan_new(f->sg, f->pool);
	assert_non_null(f->plan);
}

static void close_all(struct fixture *f)
{
	plan_free(f->plan);
	specgraph_free(f->sg);
	spec_free(f->spec);
	doc_free(f->doc);
	pool_free(f->pool);
	doc_free(f->pool_doc);
}

static const char *GROUPS =
	"workflow:\n"
	"  name: g\n"
	"  groups:\n"
	"  - name: prep\n"
	"    tasks:\n"
	"    - {name: fetch}\n"
	"    - {name: clean, inputs: [task: fetch]}\n"
	"  - name: train\n"
	"    tasks:\n"
	"    - {name: t0, inputs: [task: clean, task: fetch, task: nope, task: \"wf-1:old\", url: s3://b/x]}\n"
	"    - {name: t1, inputs: [task: fetch]}\n"
	"  - name: eval\n"
	"    tasks:\n"
	"    - {name: e, inputs: [task: t1, task: fetch]}\n";

static void groups_are_nodes_in_spec_order(void **state)
{
	(void)state;
	struct fixture f;
	open_spec(&f, GROUPS, true);
	const struct graph *g = f.sg->graph;
	assert_int_equal(graph_node_count(g), 3);
	for (uint32_t v = 0; v < 3; v++) {
		assert_ptr_equal(specgraph_group(f.sg, v), &f.spec->groups[v]);
		assert_ptr_equal(graph_data(g, v), &f.spec->groups[v]);
		assert_int_equal(graph_kind(g, v), GRAPH_GROUP);
	}
	assert_string_equal(graph_name(g, 1), "train");
	assert_null(specgraph_group(f.sg, 3));
	/* inner lines are the tasks, line i = group->tasks[i] */
	assert_int_equal(graph_line_count(g, 0), 2);
	assert_string_equal(graph_line(g, 0, 1), "clean");
	const struct spec_task *t = specgraph_task_at(f.sg, 1, 1);
	assert_non_null(t);
	assert_string_equal(t->name, "t1");
	assert_int_equal(specgraph_node_of(f.sg, t), 1);
	assert_null(specgraph_task_at(f.sg, 1, 2));
	close_all(&f);

	open_spec(&f, GROUPS, false);
	assert_int_equal(graph_line_count(f.sg->graph, 0), 0);
	assert_null(specgraph_task_at(f.sg, 1, 0));
	close_all(&f);
}

static void edges_join_groups_once(void **state)
{
	(void)state;
	struct fixture f;
	open_spec(&f, GROUPS, false);
	const struct graph *g = f.sg->graph;
	/* prep -> train (clean, then fetch again: one edge), prep -> eval, train -> eval */
	assert_int_equal(graph_edge_count(g), 3);
	assert_int_equal(graph_edge_from(g, 0), 0);
	assert_int_equal(graph_edge_to(g, 0), 1);
	assert_int_equal(graph_edge_from(g, 1), 1);
	assert_int_equal(graph_edge_to(g, 1), 2);
	assert_int_equal(graph_edge_from(g, 2), 0);
	assert_int_equal(graph_edge_to(g, 2), 2);
	const struct specgraph_dep *d = specgraph_dep(f.sg, 0);
	assert_non_null(d);
	assert_string_equal(d->consumer->name, "t0");
	assert_string_equal(d->producer->name, "clean");
	assert_string_equal(d->input->task, "clean");
	d = specgraph_dep(f.sg, 1);
	assert_string_equal(d->consumer->name, "e");
	assert_string_equal(d->producer->name, "t1");
	assert_null(specgraph_dep(f.sg, 3));
	/* task inputs: clean<-fetch (local), t0: 4, t1: 1, e: 2 */
	assert_int_equal(f.sg->ninputs, 8);
	assert_int_equal(f.sg->nlocal, 1);
	assert_int_equal(f.sg->nunresolved, 1);
	assert_int_equal(f.sg->nprevious, 1);
	close_all(&f);
}

static void tasks_form_nodes_are_tasks(void **state)
{
	(void)state;
	struct fixture f;
	open_spec(&f, "workflow:\n  tasks:\n  - {name: a}\n  - {name: b, inputs: [task: a]}\n  - {image: x}\n",
		  true);
	const struct graph *g = f.sg->graph;
	assert_int_equal(graph_node_count(g), 3);
	assert_string_equal(graph_name(g, 0), "a");
	assert_string_equal(f.spec->groups[0].name, "a-group");
	assert_int_equal(graph_kind(g, 0), GRAPH_TASK);
	assert_int_equal(graph_line_count(g, 1), 0);
	assert_string_equal(graph_name(g, 2), "(unnamed)");
	assert_int_equal(graph_edge_count(g), 1);
	close_all(&f);
}

static void cycles_are_named_with_their_path(void **state)
{
	(void)state;
	struct fixture f;
	open_spec(&f,
		  "workflow:\n  tasks:\n  - {name: s}\n  - {name: a, inputs: [task: s, task: c]}\n"
		  "  - {name: b, inputs: [task: a]}\n  - {name: c, inputs: [task: b]}\n"
		  "  - {name: after, inputs: [task: c]}\n",
		  false);
	struct graph_path *cy;
	size_t n;
	assert_int_equal(specgraph_cycles(f.sg, &cy, &n), 1);
	assert_int_equal(n, 1);
	struct buf b = BUF_INIT;
	specgraph_path_text(f.sg, &cy[0], " -> ", &b);
	assert_string_equal(buf_cstr(&b), "a -> b -> c -> a");
	buf_free(&b);
	specgraph_cycles_free(cy, n);
	close_all(&f);

	open_plan(&f,
		  "workflow:\n  tasks:\n  - {name: s}\n  - {name: a, inputs: [task: s, task: c]}\n"
		  "  - {name: b, inputs: [task: a]}\n  - {name: c, inputs: [task: b]}\n"
		  "  - {name: after, inputs: [task: c]}\n  - {name: side, inputs: [task: s]}\n",
		  NULL);
	const struct plan *p = f.plan;
	assert_int_equal(p->ncycles, 1);
	assert_int_equal(p->nblocked, 4);
	assert_int_equal(p->nwaves, 2);
	assert_int_equal(p->groups[4].wave, GRAPH_NONE);
	assert_int_equal(p->critical.n, 2);
	assert_int_equal(p->critical.v[1], 5);
	close_all(&f);
}

static const char *DEMAND =
	"workflow:\n"
	"  resources:\n"
	"    default: {cpu: 0, memory: 2Gi}\n"
	"    big: {cpu: 8, gpu: 2, memory: 16Gi, storage: 100Gi, platform: gpu}\n"
	"  timeout: {exec_timeout: 2h}\n"
	"  groups:\n"
	"  - name: a\n"
	"    tasks: [{name: a1}, {name: a2, resource: nosuch}]\n"
	"  - name: b\n"
	"    tasks: [{name: b1, resource: big, inputs: [task: a1]}]\n"
	"  - name: c\n"
	"    tasks: [{name: c1, inputs: [task: a1]}, {name: c2, resource: big}]\n"
	"  - name: d\n"
	"    tasks: [{name: d1, inputs: [task: b1, task: c1]}]\n";

static void demand_uses_osmo_defaults_without_a_pool(void **state)
{
	(void)state;
	struct fixture f;
	open_plan(&f, DEMAND, NULL);
	const struct plan *p = f.plan;
	/* a1: cpu 0 is unset -> 1; memory 2Gi; storage unset -> 1Gi. a2: undefined profile -> all defaults */
	assert_true(p->tasks[0].demand.cpu == 1 && p->tasks[0].demand.gpu == 0);
	assert_true(p->tasks[0].demand.memory == 2 * GI && p->tasks[0].demand.storage == 1 * GI);
	assert_true(p->tasks[1].demand.memory == 1 * GI);
	assert_true(p->groups[0].demand.cpu == 2 && p->groups[0].demand.memory == 3 * GI);
	/* group c spans two platforms: none (the default) and gpu */
	assert_int_equal(p->groups[2].nshares, 2);
	assert_null(p->platforms[p->groups[2].shares[0].platform].name);
	assert_string_equal(p->platforms[p->groups[2].shares[1].platform].name, "gpu");
	assert_int_equal(p->groups[2].fit, PLAN_FIT_UNKNOWN);
	/* waves: a | b c | d; wave 2 is the heaviest (gpu 4) */
	assert_int_equal(p->nwaves, 3);
	assert_int_equal(p->waves[1].ngroups, 2);
	assert_true(p->waves[1].demand.gpu == 4 && p->waves[1].demand.cpu == 17);
	assert_int_equal(p->peak_wave, 1);
	assert_true(p->peak.cpu == 17 && p->peak.memory == 34 * GI);
	/* critical path: a -> b -> d (b before c: spec order) */
	assert_int_equal(p->critical.n, 3);
	assert_int_equal(p->critical.v[0], 0);
	assert_int_equal(p->critical.v[1], 1);
	assert_int_equal(p->critical.v[2], 3);
	assert_true(p->groups[1].critical && !p->groups[2].critical);
	assert_true(p->exec_timeout == 7200 && !p->exec_clamped);
	close_all(&f);
}

static void pool_defaults_fit_and_missing_platforms(void **state)
{
	(void)state;
	struct fixture f;
	open_plan(&f, DEMAND,
		  "name: p\n"
		  "default_platform: cpu\n"
		  "gpu_guarantee: 3\n"
		  "limits: {max_exec_timeout: 1h}\n"
		  "defaults: {cpu: 4, storage: 10Gi}\n"
		  "platforms:\n"
		  "  cpu:\n"
		  "    nodes: [{count: 2, cpu: 8, gpu: 0, memory: 8Gi, storage: 10Gi}]\n");
	const struct plan *p = f.plan;
	/* a1 gets the pool's cpu 4 and storage 10Gi: storage equal to the node's does not fit */
	assert_true(p->tasks[0].demand.cpu == 4 && p->tasks[0].demand.storage == 10 * GI);
	assert_false(p->tasks[0].fits_node);
	assert_int_equal(p->groups[0].fit, PLAN_TASK_TOO_BIG);
	assert_string_equal(p->groups[0].culprit->name, "a1");
	/* big asks for platform gpu, which the pool lacks */
	assert_int_equal(p->groups[1].fit, PLAN_NO_PLATFORM);
	assert_int_equal(p->nmissing, 1);
	assert_string_equal(p->missing[0].profile, "big");
	assert_string_equal(p->missing[0].platform, "gpu");
	assert_false(p->missing[0].in_pool);
	assert_true(p->groups[2].over_guarantee == false && p->groups[1].over_guarantee == false);
	assert_true(p->exec_timeout == 3600 && p->exec_clamped);
	assert_int_equal(p->nunplaceable, 4);
	struct buf b = BUF_INIT;
	plan_render_text(p, &b);
	assert_false(b.oom);
	assert_non_null(strstr(buf_cstr(&b), "group \"a\": task \"a1\" needs cpu 4, gpu 0, memory 2Gi, "
				"storage 10Gi; the largest node of platform \"cpu\" has cpu 8, gpu 0, "
				"memory 8Gi, storage 10Gi (storage must be below a node's, not equal)\n"));
	buf_free(&b);
	close_all(&f);
}

static const char *GANG =
	"workflow:\n"
	"  resources:\n"
	"    g4: {cpu: 1, gpu: 4, memory: 1Gi, storage: 1Gi}\n"
	"    g3: {cpu: 1, gpu: 3, memory: 1Gi, storage: 1Gi}\n"
	"    g5: {cpu: 1, gpu: 5, memory: 1Gi, storage: 1Gi}\n"
	"    e: {cpu: 1, platform: empty}\n"
	"  groups:\n"
	"  - name: backtrack\n"
	"    tasks: [{name: x, resource: g3}, {name: y, resource: g4}, {name: z, resource: g3}]\n"
	"  - name: nopack\n"
	"    tasks: [{name: p, resource: g5}, {name: q, resource: g5}]\n"
	"  - name: toomuch\n"
	"    tasks: [{name: r, resource: g5}, {name: s, resource: g5}, {name: t, resource: g4}]\n"
	"  - name: nowhere\n"
	"    tasks: [{name: u, resource: e}]\n";

static const char *GANG_POOL =
	"default_platform: n\n"
	"platforms:\n"
	"  n:\n"
	"    nodes:\n"
	"    - {count: 1, cpu: 8, gpu: 6, memory: 64Gi, storage: 1Ti}\n"
	"    - {count: 1, cpu: 8, gpu: 4, memory: 64Gi, storage: 1Ti}\n"
	"  empty:\n"
	"    nodes: [{count: 0, cpu: 8, gpu: 8, memory: 8Gi, storage: 8Gi}]\n";

static void gangs_pack_onto_nodes(void **state)
{
	(void)state;
	struct fixture f;
	open_plan(&f, GANG, GANG_POOL);
	const struct plan *p = f.plan;
	assert_true(p->platforms[0].nodes == 2 && p->platforms[0].capacity.gpu == 10);
	assert_true(p->platforms[0].largest->gpu == 6);
	/* 4, 3, 3 on 6 + 4: first fit (4 on the 6) fails, 4 on the 4 and 3 + 3 on the 6 works */
	assert_int_equal(p->groups[0].fit, PLAN_FITS);
	/* 5 + 5 is within the total of 10 but the 4-GPU node cannot take a 5 */
	assert_int_equal(p->groups[1].fit, PLAN_NO_PACKING);
	assert_int_equal(p->groups[1].culprit_platform, 0);
	/* 14 GPUs on a platform of 10 */
	assert_int_equal(p->groups[2].fit, PLAN_GROUP_TOO_BIG);
	/* a platform whose only shape has count 0 has no nodes */
	assert_int_equal(p->groups[3].fit, PLAN_NO_PLATFORM);
	assert_int_equal(p->nmissing, 1);
	assert_string_equal(p->missing[0].profile, "e");
	assert_true(p->missing[0].in_pool);
	assert_int_equal(p->nunplaceable, 3);
	/* the wave needs 34 GPUs of 10 */
	assert_true(p->waves[0].over && p->waves[0].shares[0].over);
	close_all(&f);
}

/* 21 tasks that each need a node of their own, 20 nodes of different
 * shapes: within the totals, infeasible, and too many orders to try. */
static void huge_gangs_stay_undecided(void **state)
{
	(void)state;
	struct buf spec = BUF_INIT, pool = BUF_INIT;
	buf_puts(&spec, "workflow:\n  resources:\n    a: {cpu: 1, gpu: 4, memory: 1Gi, storage: 1Gi}\n"
		 "    b: {cpu: 100, gpu: 0, memory: 1Gi, storage: 1Gi}\n  groups:\n  - name: g\n    tasks:\n");
	for (int i = 0; i < 21; i++)
		buf_printf(&spec, "    - {name: t%d, resource: %s}\n", i, i % 2 ? "b" : "a");
	buf_puts(&pool, "default_platform: n\nplatforms:\n  n:\n    nodes:\n");
	for (int i = 0; i < 20; i++)
		buf_printf(&pool, "    - {count: 1, cpu: 100, gpu: 4, memory: %dGi, storage: 1Ti}\n", 100 + i);
	struct fixture f;
	open_plan(&f, buf_cstr(&spec), buf_cstr(&pool));
	assert_int_equal(f.plan->groups[0].fit, PLAN_UNDECIDED);
	assert_int_equal(f.plan->nunplaceable, 0);
	close_all(&f);
	buf_free(&spec);
	buf_free(&pool);
}

static void bytes_print_as_people_write_them(void **state)
{
	(void)state;
	static const struct { double v; const char *want; } cases[] = {
		{ 0, "0" }, { 1000, "1000" }, { 1024, "1Ki" }, { 512 * 1048576.0, "512Mi" },
		{ 2 * GI, "2Gi" }, { 1.5 * GI, "1536Mi" }, { 8000 * GI, "8000Gi" },
		{ 112 * 1024 * GI, "112Ti" }, { 1.3 * GI, "1.3Gi" }, { 1500, "1500" }, { 1.5, "1.5" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;
		plan_format_bytes(cases[i].v, &b);
		assert_string_equal(buf_cstr(&b), cases[i].want);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_are_nodes_in_spec_order),
		cmocka_unit_test(edges_join_groups_once),
		cmocka_unit_test(tasks_form_nodes_are_tasks),
		cmocka_unit_test(cycles_are_named_with_their_path),
		cmocka_unit_test(demand_uses_osmo_defaults_without_a_pool),
		cmocka_unit_test(pool_defaults_fit_and_missing_platforms),
		cmocka_unit_test(gangs_pack_onto_nodes),
		cmocka_unit_test(huge_gangs_stay_undecided),
		cmocka_unit_test(bytes_print_as_people_write_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
