/* commands: the command table and what is generated from it (see
 * commands.h): the keymap, prompt parsing, name completion and the man page
 * key section.
 */
#include "commands.h"

#include <ctype.h>
#include <string.h>

#include "actions.h"
#include "keys.h"

#define CMD_ROW_(id, name, args, keys, group, hint, flags, run, help) \
	{ name, args, keys, group, hint, flags, run, help },
const struct command commands[CMD_COUNT] = { COMMANDS(CMD_ROW_) };
#undef CMD_ROW_

struct binding {
	int key;
	int cmd;
};

#define MAX_BINDINGS (CMD_COUNT * CMD_MAX_KEYS)

static struct binding keymap[MAX_BINDINGS];
static size_t nbindings;
static int keymap_state;    /* 0 = not built, 1 = ok, -1 = bad table */

int cmd_keymap_init(void)
{
	if (keymap_state)
		return keymap_state > 0 ? 0 : -1;
	keymap_state = 1;
	nbindings = 0;
	for (int id = 0; id < CMD_COUNT; id++) {
		int keys[CMD_MAX_KEYS];
		if (!commands[id].keys)
			continue;
		int n = keys_parse_list(commands[id].keys, keys, CMD_MAX_KEYS);
		if (n < 0) {
			keymap_state = -1;
			continue;
		}
		for (int i = 0; i < n; i++) {
			if (cmd_for_key(keys[i]) != CMD_NONE)
				keymap_state = -1;
			keymap[nbindings].key = keys[i];
			keymap[nbindings].cmd = id;
			nbindings++;
		}
	}
	return keymap_state > 0 ? 0 : -1;
}

int cmd_for_key(int key)
{
	for (size_t i = 0; i < nbindings; i++)
		if (keymap[i].key == key)
			return keymap[i].cmd;
	return CMD_NONE;
}

int cmd_keys(int id, int *keys, int max)
{
	int n = 0;
	for (size_t i = 0; i < nbindings && n < max; i++)
		if (keymap[i].cmd == id)
			keys[n++] = keymap[i].key;
	return n;
}

void cmd_keys_label(int id, const char *sep, struct buf *out)
{
	int keys[CMD_MAX_KEYS];
	int n = cmd_keys(id, keys, CMD_MAX_KEYS);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(out, sep);
		keys_label(keys[i], out);
	}
}

int cmd_parse(const char *line, const char **args)
{
	int best = CMD_NONE;
	size_t best_len = 0;
	while (*line == ' ' || *line == '\t')
		line++;
	for (int id = 0; id < CMD_COUNT; id++) {
		size_t n = strlen(commands[id].name);
		if (strncmp(line, commands[id].name, n) != 0)
			continue;
		if (line[n] != '\0' && line[n] != ' ' && line[n] != '\t')
			continue;
		if (n > best_len) {
			best = id;
			best_len = n;
		}
	}
	if (best != CMD_NONE && args) {
		const char *a = line + best_len;
		while (*a == ' ' || *a == '\t')
			a++;
		*args = a;
	}
	return best;
}

bool cmd_args_missing(int id, const char *args)
{
	const char *syn = commands[id].args;
	return syn && syn[0] != '[' && (!args || !*args);
}

size_t cmd_complete(const char *prefix, struct buf *out)
{
	size_t n = 0, plen = strlen(prefix);
	for (int id = 0; id < CMD_COUNT; id++) {
		const char *name = commands[id].name;
		if (strchr(name, ' '))
			continue;     /* "view outline" completes as view + argument */
		if (strncmp(name, prefix, plen) == 0) {
			buf_puts(out, name);
			buf_putc(out, '\n');
			n++;
		}
	}
	return n;
}

/* roff-escape s: backslashes, and a leading dot or quote. */
static void roff_puts(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

void cmd_dump_keys(FILE *f)
{
	const char *groups[CMD_COUNT];
	size_t ngroups = 0;
	cmd_keymap_init();
	for (int id = 0; id < CMD_COUNT; id++) {
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g], commands[id].group) != 0)
			g++;
		if (g == ngroups)
			groups[ngroups++] = commands[id].group;
	}
	for (size_t g = 0; g < ngroups; g++) {
		fputs(".SS ", f);
		roff_puts(f, groups[g]);
		fputc('\n', f);
		for (int id = 0; id < CMD_COUNT; id++) {
			const struct command *c = &commands[id];
			if (strcmp(c->group, groups[g]) != 0)
				continue;
			struct buf keys = BUF_INIT;
			cmd_keys_label(id, ", ", &keys);
			/* keys in bold, then the prompt form in roman */
			fputs(keys.len ? ".TP\n.BR \"" : ".TP\n.B \"", f);
			if (keys.len) {
				roff_puts(f, buf_cstr(&keys));
				fputs("\" \" (:", f);
			} else {
				fputs(":", f);
			}
			roff_puts(f, c->name);
			if (c->args) {
				fputc(' ', f);
				roff_puts(f, c->args);
			}
			fputs(keys.len ? ")\"\n" : "\"\n", f);
			roff_puts(f, c->help);
			fputs(".\n", f);
			buf_free(&keys);
		}
	}
}
