/* man: the generated sections of the man page (osmo-tui --help-man SECTION).
 *
 * share/man/osmo-tui.1 is written by hand except for blocks between
 *   .\" BEGIN GENERATED NAME  and  .\" END GENERATED NAME
 * whose text is this program's output for --help-man NAME, so the page
 * cannot drift from the program: `make update-man` rewrites the blocks and
 * tests/man/man.sh fails when the committed page differs. The sections come
 * from the tables that drive the program itself: cli_commands[] and the
 * terminal interface's options (synopsis, options, subcommands) and the
 * TUI's command table (keys, via cmd_dump_keys).
 *
 * Command details are plain text (they are also `CMD --help`); they are
 * turned into roff by their layout: a line indented by two spaces that is
 * an option ('-') or has a gap of two spaces is an item (an option or an
 * action, then its text after the gap); deeper-indented lines continue it;
 * other lines are paragraphs.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "commands.h"

/* Append text escaped for roff (backslash, '-'); fonts: options bold and
 * UPPERCASE words italic when marks is true. */
static void roff_text(struct buf *b, const char *s, size_t n, bool marks)
{
	size_t i = 0;
	if (n && (s[0] == '.' || s[0] == '\''))
		buf_puts(b, "\\&");
	while (i < n) {
		char ch = s[i];
		bool word_start = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '-');
		if (marks && word_start && (ch == '-' || isupper((unsigned char)ch))) {
			size_t j = i;
			bool opt = ch == '-';
			while (j < n && (opt ? (isalnum((unsigned char)s[j]) || s[j] == '-')
					     : (isupper((unsigned char)s[j]) || isdigit((unsigned char)s[j]) || s[j] == '_' ||
						(s[j] == '-' && j + 1 < n && isupper((unsigned char)s[j + 1])))))
				j++;
			/* "FILE" yes, "Exit" no: an uppercase word ends at a non-letter */
			if (opt ? j > i + 1 : (j == n || !islower((unsigned char)s[j]))) {
				buf_puts(b, opt ? "\\fB" : "\\fI");
				for (; i < j; i++)
					buf_puts(b, s[i] == '-' ? "\\-" : (char[]){ s[i], 0 });
				buf_puts(b, "\\fR");
				continue;
			}
		}
		if (ch == '\\')
			buf_puts(b, "\\e");
		else if (ch == '-')
			buf_puts(b, "\\-");
		else
			buf_putc(b, ch);
		i++;
	}
}

static void roff_line(struct buf *b, const char *s, bool marks)
{
	roff_text(b, s, strlen(s), marks);
	buf_putc(b, '\n');
}

/* The details text of a command as roff paragraphs and .TP items. */
static void roff_details(struct buf *b, const char *details)
{
	enum { NONE, TEXT, OPTION } state = NONE;
	for (const char *p = details; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t ind = 0;
		while (ind < len && p[ind] == ' ')
			ind++;
		const char *t = p + ind;
		size_t tl = len - ind;
		if (tl == 0) {
			state = NONE;
		} else if (ind == 2 && (t[0] == '-' || (strstr(t, "  ") && strstr(t, "  ") < t + tl))) {
			/* an option or action, then two or more spaces, then its description */
			const char *gap = t;
			while (gap + 1 < t + tl && !(gap[0] == ' ' && gap[1] == ' '))
				gap++;
			if (gap + 1 >= t + tl)
				gap = t + tl;
			const char *d = gap;
			while (d < t + tl && *d == ' ')
				d++;
			buf_puts(b, ".TP\n");
			roff_text(b, t, (size_t)(gap - t), true);
			buf_putc(b, '\n');
			if (d < t + tl) {
				roff_text(b, d, (size_t)(t + tl - d), false);
				buf_putc(b, '\n');
			}
			state = OPTION;
		} else if (ind >= 2 && state != NONE) {
			roff_text(b, t, tl, false);
			buf_putc(b, '\n');
		} else {
			buf_puts(b, state == OPTION ? ".PP\n" : state == TEXT ? ".br\n" : "");
			roff_text(b, t, tl, false);
			buf_putc(b, '\n');
			state = TEXT;
		}
		p += len + (nl != NULL);
	}
}

static void section_synopsis(struct buf *b)
{
	buf_puts(b, ".B osmo\\-tui\n");
	roff_line(b, cli_tui_synopsis, true);
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		buf_puts(b, ".br\n.B osmo\\-tui ");
		roff_line(b, c->name, false);
		roff_line(b, c->synopsis, true);
	}
	buf_puts(b, ".br\n.B osmo\\-tui\n\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR | \\fB\\-\\-info\\fR"
		    " | \\fICOMMAND\\fR \\fB\\-\\-help\\fR\n");
}

static void section_commands(struct buf *b)
{
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		buf_puts(b, ".SS ");
		roff_line(b, c->name, false);
		buf_puts(b, ".B osmo\\-tui ");
		roff_line(b, c->name, false);
		roff_line(b, c->synopsis, true);
		buf_puts(b, ".PP\n");
		roff_line(b, c->summary, false);
		if (c->details) {
			buf_puts(b, ".PP\n");
			roff_details(b, c->details);
		}
	}
}

static void section_options(struct buf *b)
{
	roff_details(b, cli_tui_options);
}

static const struct {
	const char *name;
	void (*write)(struct buf *b);   /* NULL: keys (the TUI writes them to a FILE) */
} sections[] = {
	{ "synopsis", section_synopsis },
	{ "options", section_options },
	{ "commands", section_commands },
	{ "keys", NULL },
};

int cmd_help_man(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: osmo-tui --help-man SECTION\nsections:", stderr);
		for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
			fprintf(stderr, " %s", sections[i].name);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		if (strcmp(argv[1], sections[i].name) != 0)
			continue;
		if (!sections[i].write) {
			/* the TUI's command table: keys, commands and help by group */
			if (cmd_keymap_init() < 0)
				return cli_usage_error(NULL, "the command table has a bad or duplicate key");
			cmd_dump_keys(stdout);
			return EXIT_OK;
		}
		struct buf b = BUF_INIT;
		sections[i].write(&b);
		fputs(buf_cstr(&b), stdout);
		buf_free(&b);
		return EXIT_OK;
	}
	return cli_usage_error(NULL, "--help-man: no section %s", argv[1]);
}
