/* cli: the table of subcommands (see cli.h). Keep it sorted as users see it. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

const struct cli_command cli_commands[] = {
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_print_command_help(FILE *f, const struct cli_command *c)
{
	fprintf(f, "usage: osmo-tui %s %s\n\n%s\n", c->name, c->synopsis, c->summary);
	if (c->details)
		fprintf(f, "\n%s", c->details);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "osmo-tui%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "Try 'osmo-tui %s --help'.\n", cmd);
	else
		fprintf(stderr, "Try 'osmo-tui --help'.\n");
	return EXIT_USAGE;
}

bool cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}
