/* editor: run $VISUAL/$EDITOR on a private temporary copy (see editor.h).
 *
 * While the editor runs, the terminal is back in its normal mode and the
 * editor owns it; SIGINT and SIGQUIT are ignored in osmo-tui (as system()
 * does) so a Ctrl-C meant for the editor does not kill us. The child gets
 * the default dispositions back before execvp.
 */
#include "editor.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "save.h"

#define MAX_ARGS 32

static int write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (len) {
		ssize_t w = write(fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			close(fd);
			return -1;
		}
		text += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* Split the editor command on blanks into argv (the file appended). */
static int split_command(char *cmd, char **argv, const char *file)
{
	int n = 0;
	char *save = NULL;
	for (char *w = strtok_r(cmd, " \t", &save); w && n < MAX_ARGS - 2; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0)
		return -1;
	argv[n++] = (char *)file;
	argv[n] = NULL;
	return n;
}

static int run_and_wait(char **argv)
{
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = 127;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0) {
		int ws;
		pid_t r;
		do
			r = waitpid(pid, &ws, 0);
		while (r < 0 && errno == EINTR);
		if (r == pid)
			status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return status;
}

int editor_run(const char *name, const char *text, size_t len, struct editor_result *r,
	       struct buf *msg)
{
	memset(r, 0, sizeof *r);
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT, path = BUF_INIT;
	buf_printf(&dir, "%s/osmo-tui.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (dir.oom || !mkdtemp(dir.data)) {
		buf_printf(msg, "cannot create a temporary directory: %s", strerror(errno));
		buf_free(&dir);
		return -1;
	}
	const char *base = strrchr(name, '/');
	buf_printf(&path, "%s/%s", buf_cstr(&dir), base ? base + 1 : name);
	r->dir = buf_detach(&dir);
	r->path = buf_detach(&path);
	if (write_file(r->path, text, len) < 0) {
		buf_printf(msg, "cannot write %s: %s", r->path, strerror(errno));
		editor_done(r, false);
		return -1;
	}
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	char *cmd = strdup(ed && *ed ? ed : "vi");
	char *argv[MAX_ARGS];
	if (!cmd || split_command(cmd, argv, r->path) < 0) {
		buf_puts(msg, "no editor: set $VISUAL or $EDITOR");
		free(cmd);
		editor_done(r, false);
		return -1;
	}
	def_prog_mode();
	endwin();
	r->status = run_and_wait(argv);
	reset_prog_mode();
	refresh();
	free(cmd);
	struct diag_list diags = { 0 };
	if (file_read(r->path, 0, &r->text, &r->len, NULL, &diags) < 0) {
		buf_printf(msg, "cannot read back %s", r->path);
		diag_free(&diags);
		editor_done(r, true);
		return -1;
	}
	diag_free(&diags);
	return 0;
}

void editor_done(struct editor_result *r, bool keep)
{
	if (!keep) {
		if (r->path)
			unlink(r->path);
		if (r->dir)
			rmdir(r->dir);
	}
	free(r->text);
	free(r->path);
	free(r->dir);
	memset(r, 0, sizeof *r);
}
