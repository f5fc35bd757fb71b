/* probe: line-oriented driver for the differential tests against python3.
 *
 *   probe MODE < cases
 *
 * Each input line is one value with C-style escapes (\\ \n \t \r \xHH);
 * each output line is the verdict for it, escaped the same way. The python
 * side (tests/unit/NAME_diff.py) computes the same verdicts with the library
 * OSMO relies on and compares line by line.
 *
 *   yaml11  TYPE<TAB>str()  or  TYPE<TAB>error
 *   pyre    ok  or  error<TAB>MESSAGE<TAB>POSITION
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pyre.h"
#include "yaml11.h"

static int hexdig(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undo the escapes of line in place; returns the new length. */
static size_t unescape(char *line, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (line[i] != '\\' || i + 1 >= n) {
			line[o++] = line[i];
			continue;
		}
		char c = line[++i];
		if (c == 'n')
			line[o++] = '\n';
		else if (c == 't')
			line[o++] = '\t';
		else if (c == 'r')
			line[o++] = '\r';
		else if (c == 'x' && i + 2 < n && hexdig(line[i + 1]) >= 0 && hexdig(line[i + 2]) >= 0) {
			line[o++] = (char)(hexdig(line[i + 1]) * 16 + hexdig(line[i + 2]));
			i += 2;
		} else
			line[o++] = c;
	}
	return o;
}

static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void probe_yaml11(const char *s, size_t n)
{
	struct y11_value v;
	struct buf b = BUF_INIT;
	int rc = yaml11_construct(s, n, true, &v);
	printf("%s\t", yaml11_type_name(v.type));
	if (rc == 0 && yaml11_pystr(s, n, &v, &b) == 0)
		put_escaped(b.data ? b.data : "", b.len);
	else
		fputs("error", stdout);
	buf_free(&b);
}

static void probe_pyre(const char *s, size_t n)
{
	struct pyre_error e;
	if (pyre_check(s, n, &e) == 0) {
		fputs("ok", stdout);
		return;
	}
	fputs("error\t", stdout);
	put_escaped(e.msg, strlen(e.msg));
	if (e.pos == PYRE_NOPOS)
		fputs("\t-", stdout);
	else
		printf("\t%zu", e.pos);
}

static const struct {
	const char *name;
	void (*run)(const char *s, size_t n);
} modes[] = {
	{ "yaml11", probe_yaml11 },
	{ "pyre", probe_pyre },
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: probe MODE < lines\n");
		return 2;
	}
	void (*run)(const char *, size_t) = NULL;
	for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++)
		if (strcmp(argv[1], modes[k].name) == 0)
			run = modes[k].run;
	if (!run) {
		fprintf(stderr, "probe: unknown mode %s\n", argv[1]);
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		size_t n = unescape(line, (size_t)len);
		run(line, n);
		putchar('\n');
	}
	free(line);
	return 0;
}
