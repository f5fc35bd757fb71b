/* parse: Jinja's recursive-descent parser, tokens -> AST (see ast.h).
 *
 * It follows Jinja 3.1's parser function by function so that precedence,
 * tuple rules and error messages match ("expected token 'end of print
 * statement', got ':'", "Encountered unknown tag 'x'.", "Unexpected end of
 * template. Jinja was looking for ..."). Tags Jinja knows but osmo-tui does
 * not run (extends, block, include, import, from, autoescape) fail with an
 * "unsupported" error at the tag.
 */
#ifndef OSMO_TMPL_PARSE_H
#define OSMO_TMPL_PARSE_H

#include "tmpl/ast.h"
#include "tmpl/lex.h"

/* A parse failure: message, rule id and the byte offset it points at. */
struct parse_error {
	const char *rule;      /* "template-syntax" or "template-unsupported" */
	char msg[512];
	uint32_t off;
	int line;
};

/* Parse the lexer's tokens into a statement list allocated in arena.
 * Returns 0, or -1 with *err filled. */
int parse_template(const struct lexer *lx, struct arena *arena, struct nlist *body,
		   struct parse_error *err);

#endif
