/* submit: the OSMO CLI command line for a spec, and running it without a
 * shell (see submit.h).
 *
 * OSMO's CLI applies default-values, then every --set, then every
 * --set-string, whatever their order on the command line. osmo-tui's
 * --values FILE comes before --set, so an entry of the values file that a
 * --set or --set-string also names is left out: what OSMO renders is then
 * what osmo-tui validated.
 */
#define _DEFAULT_SOURCE 1  /* strdup, strndup */
#include "submit.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "doc.h"
#include "save.h"
#include "yaml11.h"

#define RULE "submit"
#define MAX_WORDS 64

struct argv_b {
	char **v;
	size_t n, cap;
	bool oom;
};

static void push(struct argv_b *a, const char *s)
{
	if (a->oom)
		return;
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		char **v = realloc(a->v, cap * sizeof *v);
		if (!v) {
			a->oom = true;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	if (!(a->v[a->n] = strdup(s))) {
		a->oom = true;
		return;
	}
	a->v[++a->n] = NULL;
}

void submit_argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Is key given by a --set or --set-string of the command line? */
static bool overridden(const struct render_values *rv, const char *key)
{
	for (size_t i = 0; i < rv->n; i++)
		if ((rv->v[i].kind == RENDER_SET || rv->v[i].kind == RENDER_SET_STRING) &&
		    strcmp(rv->v[i].key, key) == 0)
			return true;
	return false;
}

/* One values-file entry -> "K=V" appended to sets (numbers) or strings. */
static int values_entry(const struct doc_node *ent, struct buf *sets, struct buf *strs, size_t *nsets,
			size_t *nstrs, const char *file, struct diag_list *dl)
{
	const struct doc_node *v = doc_resolve(ent);
	struct y11_value yv;
	bool plain = v && v->kind == DOC_SCALAR && v->style == DOC_PLAIN;
	if (v && v->kind == DOC_SCALAR && yaml11_construct(v->text, v->len, plain, &yv) == 0 &&
	    (yv.type == Y11_STR || yv.type == Y11_INT || yv.type == Y11_FLOAT)) {
		bool str = yv.type == Y11_STR;
		struct buf *out = str ? strs : sets;
		buf_printf(out, "%s=", ent->key);
		if (str)
			buf_puts(out, v->text);
		else if (yaml11_pystr(v->text, v->len, &yv, out) < 0)
			goto bad;
		buf_putc(out, '\0');
		(*(str ? nstrs : nsets))++;
		return 0;
	}
bad:
	diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0,
		     "%s: %s: the OSMO CLI can only be given numbers and strings (--set, --set-string); "
		     "write this value into default-values instead", file, ent->key);
	return -1;
}

/* Append "--set K=V..." and "--set-string K=V..." for the values file. */
static int values_file(const struct render_values *rv, struct buf *sets, struct buf *strs,
		       size_t *nsets, size_t *nstrs, struct diag_list *dl)
{
	char *text = NULL;
	size_t len = 0;
	struct diag_list ld = { 0 };
	int rc = -1;
	struct doc *d = NULL;
	if (file_read(rv->values_file, 0, &text, &len, NULL, &ld) == 0)
		d = doc_load(text, len, NULL, &ld);
	const struct doc_node *root = d && d->ok ? doc_resolve(d->root) : NULL;
	if (!root || root->kind != DOC_MAP) {
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "%s: %s", rv->values_file,
			     ld.n ? ld.v[0].message : "a values file must be a YAML mapping of names to values");
	} else {
		rc = 0;
		for (uint32_t i = 0; i < root->nkids; i++)
			if (!overridden(rv, root->kids[i]->key) &&
			    values_entry(root->kids[i], sets, strs, nsets, nstrs, rv->values_file, dl) < 0)
				rc = -1;
	}
	diag_free(&ld);
	doc_free(d);
	free(text);
	return rc;
}

/* "--opt" then each NUL-separated item of b. */
static void push_group(struct argv_b *a, const char *opt, const struct buf *b, size_t n)
{
	if (!n)
		return;
	push(a, opt);
	for (const char *p = buf_cstr(b); p < buf_cstr(b) + b->len; p += strlen(p) + 1)
		push(a, p);
}

char **submit_argv(const struct submit_opts *o, struct diag_list *dl)
{
	struct argv_b a = { 0 };
	const char *cmd = o->command ? o->command : "osmo";
	size_t words = 0;
	for (const char *p = cmd; *p && words < MAX_WORDS;) {
		size_t sp = strspn(p, " \t");
		p += sp;
		size_t len = strcspn(p, " \t");
		if (!len)
			break;
		char *w = strndup(p, len);
		if (w)
			push(&a, w);
		free(w);
		words++;
		p += len;
	}
	if (!words) {
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "osmo-command is empty");
		submit_argv_free(a.v);
		return NULL;
	}
	push(&a, "workflow");
	push(&a, "submit");
	push(&a, o->file);
	if (o->pool) {
		push(&a, "--pool");
		push(&a, o->pool);
	}
	if (o->priority) {
		push(&a, "--priority");
		push(&a, o->priority);
	}
	if (o->dry_run)
		push(&a, "--dry-run");
	struct buf sets = BUF_INIT, strs = BUF_INIT, envs = BUF_INIT;
	size_t nsets = 0, nstrs = 0, nenvs = 0;
	int rc = 0;
	const struct render_values *rv = o->values;
	if (rv && rv->values_file)
		rc = values_file(rv, &sets, &strs, &nsets, &nstrs, dl);
	for (size_t i = 0; rv && i < rv->n; i++) {
		const struct render_var *v = &rv->v[i];
		struct buf *out = v->kind == RENDER_SET ? &sets : v->kind == RENDER_SET_STRING ? &strs : &envs;
		if (v->kind == RENDER_LABEL) {
			diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0,
				     "--label %s: the OSMO CLI has no option for labels; write them under "
				     "workflow.labels in the spec", v->key);
			rc = -1;
			continue;
		}
		if (v->key[0] == '-') {
			diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0,
				     "%s=%s: a name starting with '-' would be read as an option by the OSMO CLI",
				     v->key, v->value);
			rc = -1;
			continue;
		}
		buf_printf(out, "%s=%s", v->key, v->value);
		buf_putc(out, '\0');
		(*(out == &sets ? &nsets : out == &strs ? &nstrs : &nenvs))++;
	}
	push_group(&a, "--set", &sets, nsets);
	push_group(&a, "--set-string", &strs, nstrs);
	push_group(&a, "--set-env", &envs, nenvs);
	buf_free(&sets);
	buf_free(&strs);
	buf_free(&envs);
	if (rc < 0 || a.oom || sets.oom || strs.oom || envs.oom) {
		if (a.oom)
			diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "out of memory");
		submit_argv_free(a.v);
		return NULL;
	}
	return a.v;
}

static void exec_failed(const char *prog, int err, struct diag_list *dl)
{
	if (err == ENOENT)
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0,
			     "the OSMO CLI '%s' was not found%s; install it (see "
			     "https://nvidia.github.io/OSMO), or name it with osmo-command in the config file",
			     prog, strchr(prog, '/') ? "" : " on $PATH");
	else
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "cannot run the OSMO CLI '%s': %s", prog,
			     strerror(err));
}

int submit_exec(char *const *argv, struct diag_list *dl)
{
	execvp(argv[0], argv);
	exec_failed(argv[0], errno, dl);
	return -1;
}

int submit_spawn(char *const *argv, struct diag_list *dl)
{
	int fds[2];
	if (pipe(fds) < 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0) {
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "cannot start the OSMO CLI: %s", strerror(errno));
		return -1;
	}
	/* like system(3): the child gets the terminal's signals, not us */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		close(fds[0]);
		execvp(argv[0], argv);
		int err = errno;
		ssize_t w = write(fds[1], &err, sizeof err);
		(void)w;
		_exit(127);
	}
	int err = errno, status = -1;
	close(fds[1]);
	if (pid < 0) {
		diag_addf_lc(dl, DIAG_ERROR, RULE, 0, 0, "cannot start the OSMO CLI: %s", strerror(err));
	} else {
		int child_err = 0;
		ssize_t r;
		do
			r = read(fds[0], &child_err, sizeof child_err);
		while (r < 0 && errno == EINTR);
		int ws;
		pid_t got;
		do
			got = waitpid(pid, &ws, 0);
		while (got < 0 && errno == EINTR);
		if (r == (ssize_t)sizeof child_err)
			exec_failed(argv[0], child_err, dl);
		else if (got == pid)
			status = WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : -1;
	}
	close(fds[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return status;
}
