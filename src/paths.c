/* paths: XDG locations of the user's files and the lookup of the bundled
 * data directory (see paths.h for the order and why).
 *
 * The data lookup is what lets one binary work in three situations without
 * a setting: run from its build directory (the source tree's share/), after
 * `make install` (the configured pkgdatadir) and after a staged or moved
 * installation (DESTDIR, a relocated prefix), where the configured path is
 * wrong but the layout relative to the executable is still right.
 */
#define _DEFAULT_SOURCE 1  /* strdup, readlink, realpath */
#include "paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#define APP "osmo-tui"

/* $VAR when it is an absolute path, else $HOME/fallback; then "/osmo-tui". */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;
	if (v && v[0] == '/')
		buf_printf(&b, "%s/%s", v, APP);
	else if (home && home[0] == '/')
		buf_printf(&b, "%s/%s/%s", home, fallback, APP);
	else
		return NULL;
	return buf_detach(&b);
}

static char *join(const char *dir, const char *name)
{
	if (!dir)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

int paths_user(struct paths *p)
{
	memset(p, 0, sizeof *p);
	char *config_home = xdg_dir("XDG_CONFIG_HOME", ".config");
	p->config_file = join(config_home, "config");
	free(config_home);
	p->data_home = xdg_dir("XDG_DATA_HOME", ".local/share");
	p->history_file = join(p->data_home, "history");
	p->state_home = xdg_dir("XDG_STATE_HOME", ".local/state");
	p->recovery_dir = join(p->state_home, "recovery");
	bool oom = (!!p->data_home != !!p->history_file) || (!!p->state_home != !!p->recovery_dir);
	return oom ? -1 : 0;
}

void paths_free(struct paths *p)
{
	free(p->config_file);
	free(p->data_home);
	free(p->history_file);
	free(p->state_home);
	free(p->recovery_dir);
	memset(p, 0, sizeof *p);
}

char *paths_exe(void)
{
	char tmp[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", tmp, sizeof tmp - 1);
	if (n <= 0 || tmp[0] != '/')
		return NULL;
	tmp[n] = '\0';
	return strdup(tmp);
}

/* Split an absolute path into its components (no "", ".", ".."). Returns the
 * count, or -1 when the path is relative, has ".." or too many parts. */
static int components(const char *path, const char *part[], size_t plen[], int max)
{
	if (!path || path[0] != '/')
		return -1;
	int n = 0;
	for (const char *s = path; *s;) {
		while (*s == '/')
			s++;
		size_t len = strcspn(s, "/");
		if (len == 0)
			break;
		if (len == 2 && s[0] == '.' && s[1] == '.')
			return -1;
		if (!(len == 1 && s[0] == '.')) {
			if (n == max)
				return -1;
			part[n] = s;
			plen[n++] = len;
		}
		s += len;
	}
	return n;
}

char *paths_relative(const char *from, const char *to)
{
	enum { MAXC = 64 };
	const char *fp[MAXC], *tp[MAXC];
	size_t fl[MAXC], tl[MAXC];
	int nf = components(from, fp, fl, MAXC);
	int nt = components(to, tp, tl, MAXC);
	if (nf < 0 || nt < 0)
		return NULL;
	int common = 0;
	while (common < nf && common < nt && fl[common] == tl[common] &&
	       memcmp(fp[common], tp[common], fl[common]) == 0)
		common++;
	struct buf b = BUF_INIT;
	for (int i = common; i < nf; i++)
		buf_puts(&b, b.len ? "/.." : "..");
	for (int i = common; i < nt; i++) {
		if (b.len)
			buf_putc(&b, '/');
		buf_add(&b, tp[i], tl[i]);
	}
	if (b.len == 0)
		buf_putc(&b, '.');
	return buf_detach(&b);
}

static bool has_cookbook(const char *dir)
{
	struct stat st;
	char *index = join(dir, "cookbook/index.yaml");
	bool ok = index && stat(index, &st) == 0 && S_ISREG(st.st_mode);
	free(index);
	return ok;
}

/* The data directory of the installed layout next to the program at exe. */
static char *next_to_exe(const char *exe)
{
#if defined(OSMO_BINDIR) && defined(OSMO_DATADIR)
	if (!exe || exe[0] != '/')
		return NULL;
	char *rel = paths_relative(OSMO_BINDIR, OSMO_DATADIR);
	const char *slash = strrchr(exe, '/');
	if (!rel || !slash) {
		free(rel);
		return NULL;
	}
	struct buf b = BUF_INIT;
	buf_add(&b, exe, (size_t)(slash - exe));
	buf_printf(&b, "/%s", rel);
	free(rel);
	return buf_detach(&b);
#else
	(void)exe;
	return NULL;
#endif
}

char *paths_datadir(const char *exe, enum paths_how *how)
{
	const char *env = getenv("OSMO_TUI_DATADIR");
	*how = PATHS_NONE;
	if (env && *env) {
		*how = PATHS_ENV;
		return strdup(env);
	}
	char *cand[3] = { next_to_exe(exe), NULL, NULL };
#ifdef OSMO_SRCDIR
	cand[1] = strdup(OSMO_SRCDIR "/share");
#endif
#ifdef OSMO_DATADIR
	cand[2] = strdup(OSMO_DATADIR);
#endif
	static const enum paths_how hows[3] = { PATHS_EXE, PATHS_SOURCE, PATHS_INSTALLED };
	char *found = NULL;
	for (int i = 0; i < 3; i++) {
		if (!found && cand[i] && has_cookbook(cand[i])) {
			found = realpath(cand[i], NULL);  /* no "bin/../share" */
			if (found)
				free(cand[i]);
			else
				found = cand[i];
			*how = hows[i];
		} else {
			free(cand[i]);
		}
	}
	return found;
}

const char *paths_how_name(enum paths_how how)
{
	static const char *const names[] = {
		[PATHS_NONE] = "not found",
		[PATHS_ENV] = "from $OSMO_TUI_DATADIR",
		[PATHS_EXE] = "next to the program",
		[PATHS_SOURCE] = "the source tree",
		[PATHS_INSTALLED] = "the configured data directory",
	};
	return (unsigned)how < sizeof names / sizeof names[0] ? names[how] : "?";
}

char *paths_expand(const char *path, const char *base)
{
	struct buf b = BUF_INIT;
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0')) {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/')
			return NULL;
		buf_printf(&b, "%s%s", home, path + 1);
	} else if (path[0] == '/') {
		buf_puts(&b, path);
	} else {
		char cwd[PATH_MAX];
		if (!base) {
			if (!getcwd(cwd, sizeof cwd))
				return NULL;
			base = cwd;
		}
		buf_printf(&b, "%s/%s", base, path);
	}
	return buf_detach(&b);
}
