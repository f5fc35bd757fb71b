/* commands: the command table and what is generated from it (see
 * commands.h): the keymap, prompt parsing, name completion and the man page
 * key section.
 */
#include "commands.h"

#include <ctype.h>
#include <stdlib.h>
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
	bool local;     /* "view:KEY": only in the views that handle cmd */
	char *args;     /* from a bind line, or NULL */
};

#define MAX_USER_BINDINGS 128
#define MAX_BINDINGS (CMD_COUNT * CMD_MAX_KEYS + MAX_USER_BINDINGS)

static struct binding keymap[MAX_BINDINGS];
static size_t nbindings;
static int keymap_state;    /* 0 = not built, 1 = ok, -1 = bad table */

#define LOCAL_PREFIX "view:"

/* The index of key's binding of that scope, or nbindings. */
static size_t binding_index(int key, bool local)
{
	size_t i = 0;
	while (i < nbindings && !(keymap[i].key == key && keymap[i].local == local))
		i++;
	return i;
}

static int find_binding(int key, bool local)
{
	size_t i = binding_index(key, local);
	return i < nbindings ? keymap[i].cmd : CMD_NONE;
}

/* Bind the keys of one table row ("j <Down> view:n"); -1 on a bad name,
 * too many keys or a key bound twice with the same scope. */
static int bind_row(int id, const char *spec)
{
	int n = 0;
	for (const char *p = spec; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t len = strcspn(p, " ");
		bool local = len > strlen(LOCAL_PREFIX) && strncmp(p, LOCAL_PREFIX, strlen(LOCAL_PREFIX)) == 0;
		const char *k = local ? p + strlen(LOCAL_PREFIX) : p;
		size_t klen = len - (size_t)(k - p);
		struct key_event ev;
		if (n >= CMD_MAX_KEYS || keys_parse_one(k, klen, &ev) != klen || ev.kind != KEV_KEY ||
		    find_binding(ev.key, local) != CMD_NONE)
			return -1;
		keymap[nbindings].key = ev.key;
		keymap[nbindings].cmd = id;
		keymap[nbindings].local = local;
		keymap[nbindings].args = NULL;
		nbindings++;
		n++;
		p += len;
	}
	return 0;
}

int cmd_keymap_init(void)
{
	if (keymap_state)
		return keymap_state > 0 ? 0 : -1;
	keymap_state = 1;
	nbindings = 0;
	for (int id = 0; id < CMD_COUNT; id++)
		if (commands[id].keys && bind_row(id, commands[id].keys) < 0)
			keymap_state = -1;
	return keymap_state > 0 ? 0 : -1;
}

int cmd_for_key(int key)
{
	return find_binding(key, false);
}

int cmd_for_key_in(int key, const int *view_cmds)
{
	for (size_t i = 0; view_cmds && i < nbindings; i++) {
		if (keymap[i].key != key || !keymap[i].local)
			continue;
		for (const int *c = view_cmds; *c != CMD_NONE; c++)
			if (*c == keymap[i].cmd)
				return *c;
	}
	return cmd_for_key(key);
}

const char *cmd_args_for_key(int key)
{
	size_t i = binding_index(key, false);
	return i < nbindings && keymap[i].args ? keymap[i].args : "";
}

/* The key named name: script notation, or the same without the <>. */
static int key_named(const char *name, struct buf *err)
{
	struct key_event ev;
	size_t n = strlen(name);
	if (n && keys_parse_one(name, n, &ev) == n && ev.kind == KEV_KEY)
		return ev.key;
	struct buf b = BUF_INIT;
	buf_printf(&b, "<%s>", name);
	size_t r = n && name[0] != '<' ? keys_parse_one(buf_cstr(&b), b.len, &ev) : 0;
	buf_free(&b);
	if (r == n + 2 && ev.kind == KEV_KEY)
		return ev.key;
	buf_printf(err, "unknown key name '%s' (e.g. x, C-s, F5, <Down>)", name);
	return KEYS_NONE;
}

int cmd_bind(const char *key, const char *line, struct buf *err)
{
	if (cmd_keymap_init() < 0) {
		buf_puts(err, "the command table is broken");
		return -1;
	}
	int k = key_named(key, err);
	if (k == KEYS_NONE)
		return -1;
	const char *args = "";
	int cmd = cmd_parse(line, &args);
	if (cmd == CMD_NONE) {
		size_t n = strcspn(line, " \t");
		buf_printf(err, "unknown command '%.*s' (press ? in osmo-tui for the list)", (int)n, line);
		return -1;
	}
	if (*args && !commands[cmd].args) {
		buf_printf(err, "%s takes no argument", commands[cmd].name);
		return -1;
	}
	char *copy = *args ? strdup(args) : NULL;
	if (*args && !copy) {
		buf_puts(err, "out of memory");
		return -1;
	}
	/* a bound key is global; view-local keys of the table stay (commands.h) */
	size_t i = binding_index(k, false);
	if (i == nbindings && nbindings == MAX_BINDINGS) {
		free(copy);
		buf_printf(err, "too many bindings (at most %d bind lines)", MAX_USER_BINDINGS);
		return -1;
	}
	if (i == nbindings)
		nbindings++;
	else
		free(keymap[i].args);
	keymap[i].key = k;
	keymap[i].cmd = cmd;
	keymap[i].local = false;
	keymap[i].args = copy;
	return 0;
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
