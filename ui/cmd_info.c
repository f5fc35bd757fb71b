/* info: where osmo-tui looks for things (osmo-tui --info [--cookbook-dir D]...).
 *
 * One "what: value" line per location the program uses, so a user can see
 * which config file was read, which cookbook and data directory were found
 * and how, and where the history and recovery files go.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "setup.h"

static void line(const char *what, const char *value, const char *note)
{
	printf("%-15s %s%s%s%s\n", what, value ? value : "(none)", note ? " (" : "", note ? note : "",
	       note ? ")" : "");
}

static bool exists(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0;
}

/* The first word of command found on $PATH (or as a path), malloc'd, or NULL. */
static char *which(const char *command)
{
	size_t n = strcspn(command, " \t");
	struct buf prog = BUF_INIT;
	buf_add(&prog, command, n);
	if (memchr(command, '/', n)) {
		if (access(buf_cstr(&prog), X_OK) == 0)
			return buf_detach(&prog);
		buf_free(&prog);
		return NULL;
	}
	const char *path = getenv("PATH");
	struct buf cand = BUF_INIT;
	for (const char *p = path ? path : ""; *p;) {
		size_t len = strcspn(p, ":");
		buf_reset(&cand);
		buf_add(&cand, len ? p : ".", len ? len : 1);
		buf_printf(&cand, "/%s", buf_cstr(&prog));
		if (access(buf_cstr(&cand), X_OK) == 0) {
			buf_free(&prog);
			return buf_detach(&cand);
		}
		p += len + (p[len] == ':');
	}
	buf_free(&prog);
	buf_free(&cand);
	return NULL;
}

int cmd_info(int argc, char **argv)
{
	const char **dirs = calloc((size_t)argc, sizeof *dirs);
	size_t ndirs = 0;
	for (int i = 1; dirs && i < argc; i++) {
		if (strcmp(argv[i], "--cookbook-dir") == 0 && i + 1 < argc) {
			dirs[ndirs++] = argv[++i];
		} else {
			free(dirs);
			return cli_usage_error(NULL, "--info takes only --cookbook-dir DIR options, not %s", argv[i]);
		}
	}
	struct setup s;
	if (!dirs || setup_load(&s) < 0) {
		free(dirs);
		return cli_usage_error(NULL, "out of memory");
	}
	struct cookbook *cb = setup_cookbook(&s, dirs, ndirs);
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	line("program:", s.exe, NULL);
	line("config file:", s.paths.config_file, exists(s.paths.config_file) ? "read" : "not found");
	line("data dir:", s.datadir, paths_how_name(s.datadir_how));
	for (size_t i = 0; cb && i < cb->nsources; i++) {
		const struct cookbook_source *src = &cb->sources[i];
		struct buf note = BUF_INIT;
		buf_printf(&note, "%s, %zu example%s%s", src->bundled ? "bundled" : "added",
			   src->count, src->count == 1 ? "" : "s", src->truncated ? ", stopped at a limit" : "");
		line(i ? "" : "cookbook dirs:", src->dir, buf_cstr(&note));
		buf_free(&note);
	}
	if (!cb || !cb->nsources)
		line("cookbook dirs:", NULL, NULL);
	line("history:", s.paths.history_file, NULL);
	line("recovery dir:", s.paths.recovery_dir, NULL);
	line("pool file:", s.config.pool_file, NULL);
	line("pool:", s.config.pool, NULL);
	const char *cmd = settings_osmo_command(&s.config);
	char *found = which(cmd);
	line("osmo command:", cmd, found ? found : "not found on $PATH");
	free(found);
	line("theme:", s.config.theme, NULL);
	printf("%-15s %zu\n", "key bindings:", s.config.nbinds);
	cookbook_free(cb);
	setup_free(&s);
	free(dirs);
	return EXIT_OK;
}
