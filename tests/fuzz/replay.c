/* replay: run a fuzz target's entry point over files, without libFuzzer.
 *
 * The fuzz targets (tests/fuzz/fuzz_*.c) define LLVMFuzzerTestOneInput().
 * Built with clang and -fsanitize=fuzzer (tests/fuzz/build.sh) libFuzzer
 * drives them; linked with this file instead, any compiler builds a plain
 * program that feeds them every file named on the command line (directories
 * are walked recursively, in sorted order), so `make check` replays the seed
 * and regression corpora with gcc. Each input runs under an alarm
 * (OSMO_FUZZ_TIMEOUT seconds, default 60): a hang fails loudly instead of
 * stalling the test suite. A crash is a crash: the program dies and the
 * TAP wrapper reports it with the input's name printed just before.
 */
#define _DEFAULT_SOURCE 1  /* scandir, alphasort, DT_* */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX ((size_t)16 << 20)
#define REPLAY_DEPTH 16

static unsigned timeout_s = 60;
static const char *current;
static size_t ran;

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "replay: timeout (hang) on input ";
	if (write(2, msg, sizeof msg - 1) < 0 || write(2, current, strlen(current)) < 0 ||
	    write(2, "\n", 1) < 0)
		_exit(3);
	_exit(3);
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	uint8_t *buf = malloc(REPLAY_MAX);
	size_t n = buf ? fread(buf, 1, REPLAY_MAX, f) : 0;
	fclose(f);
	if (!buf) {
		fprintf(stderr, "replay: out of memory\n");
		return -1;
	}
	/* the exact size, so an overread is caught as it would be by libFuzzer */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	current = path;
	fprintf(stderr, "replay: %s\n", path);
	alarm(timeout_s);
	LLVMFuzzerTestOneInput(exact, n);
	alarm(0);
	free(exact);
	ran++;
	return 0;
}

static int run_path(const char *path, int depth)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		fprintf(stderr, "replay: cannot stat %s\n", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return S_ISREG(sb.st_mode) ? run_file(path) : 0;
	if (depth >= REPLAY_DEPTH)
		return 0;
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: cannot read directory %s\n", path);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] != '.' && rc == 0) {
			size_t len = strlen(path) + strlen(nm) + 2;
			char *sub = malloc(len);
			if (!sub)
				rc = -1;
			else {
				snprintf(sub, len, "%s/%s", path, nm);
				rc = run_path(sub, depth + 1);
				free(sub);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int main(int argc, char **argv)
{
	const char *t = getenv("OSMO_FUZZ_TIMEOUT");
	if (t && atoi(t) > 0)
		timeout_s = (unsigned)atoi(t);
	signal(SIGALRM, on_alarm);
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], 0) < 0)
			return 2;
	printf("replayed %zu inputs\n", ran);
	return 0;
}
