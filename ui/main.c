/* main: dispatch to a subcommand from cli_commands[], else run the TUI. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tui.h"

static void print_help(FILE *f)
{
	fprintf(f,
		"usage: osmo-tui %s\n"
		"       osmo-tui COMMAND [OPTIONS] ...\n\n"
		"A terminal workflow composer for NVIDIA OSMO workflow specs.\n\n"
		"Commands:\n", cli_tui_synopsis);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fprintf(f,
		"\nWithout a COMMAND, osmo-tui opens FILE in the terminal interface (or a\n"
		"start screen with the cookbook); press ? there for every command and key.\n"
		"%s"
		"\nRun 'osmo-tui COMMAND --help' for the options of a command,\n"
		"'osmo-tui --info' for the files and folders it uses.\n"
		"Exit status: 0 no errors, 1 the input has errors, 2 usage or I/O error.\n", cli_tui_options);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* over a file-size limit (ulimit -f) write() must fail with EFBIG, which
	 * the atomic writer reports and cleans up after, instead of SIGXFSZ
	 * killing the program with a half-written temporary file left over */
	signal(SIGXFSZ, SIG_IGN);
	if (argc >= 2) {
		if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return EXIT_OK;
		}
		if (strcmp(argv[1], "--info") == 0)
			return cmd_info(argc - 1, argv + 1);
		if (strcmp(argv[1], "--help-man") == 0)
			return cmd_help_man(argc - 1, argv + 1);
		if (cli_is_help(argv[1])) {
			print_help(stdout);
			return EXIT_OK;
		}
		const struct cli_command *c = cli_find(argv[1]);
		if (c) {
			if (argc >= 3 && cli_is_help(argv[2])) {
				cli_print_command_help(stdout, c);
				return EXIT_OK;
			}
			return c->run(argc - 1, argv + 1);
		}
	}
	return tui_main(argc, argv);
}
