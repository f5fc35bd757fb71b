/* bench_tmpl: time osmo-tui's template engine (benchmark driver).
 *
 *   bench_tmpl TEMPLATE REPEAT [NAME=VALUE]... [-o OUT]
 *
 * Compiles TEMPLATE once, renders it REPEAT times with the variables given
 * (VALUE is an int when it parses as one, else a string) and prints
 * "compile_ms=X render_ms=Y bytes=N" with the best render time. -o writes
 * the last output to OUT (to check it against Python's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tmpl/tmpl.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_tmpl TEMPLATE REPEAT [NAME=VALUE]... [-o OUT]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	struct buf src = BUF_INIT;
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&src, tmp, n);
	fclose(f);
	int repeat = atoi(argv[2]);
	const char *outpath = NULL;
	struct tv vars = tv_dict_new();
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			outpath = argv[++i];
			continue;
		}
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "bad variable %s\n", argv[i]);
			return 2;
		}
		char *end;
		long long v = strtoll(eq + 1, &end, 10);
		struct tv val = (*end == '\0' && end != eq + 1) ? tv_int(v) : tv_cstr(eq + 1);
		tv_dict_set(vars, argv[i], (size_t)(eq - argv[i]), val);
	}
	struct diag_list diags = { 0 };
	double t0 = now_ms();
	struct tmpl *t = tmpl_compile(buf_cstr(&src), src.len, &diags);
	double compile_ms = now_ms() - t0;
	if (!t) {
		fprintf(stderr, "%d:%d: %s\n", diags.v[0].line, diags.v[0].col, diags.v[0].message);
		return 1;
	}
	struct tmpl_limits lim = tmpl_limits_default();
	lim.max_seconds = 0;
	double best = 1e99;
	struct buf out = BUF_INIT;
	for (int r = 0; r < repeat; r++) {
		buf_reset(&out);
		double a = now_ms();
		if (tmpl_exec(t, &vars, &lim, &out, &diags) < 0) {
			fprintf(stderr, "%d:%d: %s\n", diags.v[0].line, diags.v[0].col, diags.v[0].message);
			return 1;
		}
		double b = now_ms() - a;
		if (b < best)
			best = b;
	}
	printf("compile_ms=%.3f render_ms=%.3f bytes=%zu\n", compile_ms, best, out.len);
	if (outpath) {
		FILE *o = fopen(outpath, "wb");
		if (!o || fwrite(out.data, 1, out.len, o) != out.len || fclose(o) != 0) {
			perror(outpath);
			return 2;
		}
	}
	tmpl_free(t);
	buf_free(&out);
	buf_free(&src);
	diag_free(&diags);
	tv_drop(vars);
	return 0;
}
