/* complete: what Tab offers at each prompt (see complete.h).
 *
 * Candidates are whole words that replace the word before the cursor; the
 * prompt module hands them to readline, which completes the common prefix
 * and asks us to list the rest.
 */
#include "complete.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "outline.h"
#include "path.h"
#include "session.h"
#include "views/views.h"

static size_t complete_views(const char *word, struct buf *out)
{
	size_t n = 0, len = strlen(word);
	for (size_t i = 0; i < views_count; i++)
		if (strncmp(views_table[i].name, word, len) == 0) {
			buf_puts(out, views_table[i].name);
			buf_putc(out, '\n');
			n++;
		}
	return n;
}

static size_t complete_argument(struct app *app, int cmd, const char *word, struct buf *out,
				char *append)
{
	struct session *s = app_session(app);
	struct doc *d = s ? session_doc(s) : NULL;
	switch (cmd) {
	case CMD_VIEW:
		return complete_views(word, out);
	case CMD_OPEN:
	case CMD_SCREENDUMP:
	case CMD_WRITE:
		return prompt_complete_files(word, out);
	case CMD_GOTO:
		return d ? outline_names(d, word, out) : 0;
	case CMD_SET:
		if (!d || !d->root || strchr(word, '='))
			return 0;
		*append = '\0';
		return path_complete(d->root, word, out);
	default:
		return 0;
	}
}

static size_t complete_command(void *ctx, const char *line, int start, int end, struct buf *out,
			       char *append)
{
	struct app *app = ctx;
	char *word = strndup(line + start, (size_t)(end - start));
	size_t n = 0;
	*append = ' ';
	if (!word)
		return 0;
	const char *p = line;
	while (p < line + start && (*p == ' ' || *p == '\t' || *p == ':'))
		p++;
	if (p == line + start) {
		n = cmd_complete(word, out);
	} else {
		char *head = strndup(line, (size_t)start);
		const char *args;
		int cmd = head ? cmd_parse(head, &args) : CMD_NONE;
		if (cmd != CMD_NONE)
			n = complete_argument(app, cmd, word, out, append);
		free(head);
	}
	free(word);
	return n;
}

static size_t complete_file(void *ctx, const char *line, int start, int end, struct buf *out,
			    char *append)
{
	(void)ctx;
	(void)append;
	char *word = strndup(line + start, (size_t)(end - start));
	size_t n = word ? prompt_complete_files(word, out) : 0;
	free(word);
	return n;
}

prompt_complete_fn *complete_for(enum prompt_kind kind)
{
	switch (kind) {
	case PROMPT_COMMAND:
		return complete_command;
	case PROMPT_FILE:
		return complete_file;
	default:
		return NULL;
	}
}
