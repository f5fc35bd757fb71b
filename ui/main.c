/* main: dispatch to a subcommand from cli_commands[], else run the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tui.h"

static void print_help(FILE *f)
{
	fprintf(f,
		"usage: osmo-tui [--ascii] [--no-color] [--readonly] [--mouse] [--set K=V]... [FILE]\n"
		"       osmo-tui COMMAND [OPTIONS] ...\n\n"
		"A terminal workflow composer for NVIDIA OSMO workflow specs.\n\n"
		"Commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fprintf(f,
		"\nWithout a COMMAND, osmo-tui opens FILE in the terminal interface (or a\n"
		"start screen with the cookbook); press ? there for every command and key.\n"
		"  --ascii             ASCII line art only\n"
		"  --no-color          no colours (NO_COLOR=1 too)\n"
		"  --readonly          look, never change the file\n"
		"  --mouse             clicks select, the wheel scrolls\n"
		"  --set K=V           template values for checking templated specs\n"
		"  --cookbook-dir DIR  the examples offered on the start screen\n"
		"\nRun 'osmo-tui COMMAND --help' for the options of a command.\n"
		"Exit status: 0 no errors, 1 the input has errors, 2 usage or I/O error.\n");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2) {
		if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return EXIT_OK;
		}
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
