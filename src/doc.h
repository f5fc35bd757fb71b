/* doc: a YAML document as text plus a tree that knows where every node is.
 *
 * The text is the source of truth. The tree (mappings, sequences, scalars,
 * aliases) is always exactly what parsing the current text gives, and every
 * node records the byte offsets of its value, of its key (for mapping
 * entries) and of its whole entry (the '-' of a block sequence item). Edits
 * (edit.h) are splices of the text followed by a local re-parse of the
 * smallest enclosing entry, so saving is writing the text: untouched bytes,
 * comments and layout survive by construction.
 *
 * Offsets are bytes into doc->text. Scalar values are decoded (escapes,
 * folding) and NUL-terminated. Nodes live in arenas owned by the doc. Node
 * pointers obtained before a change of the text must not be used after it
 * (a full re-parse frees the old tree): keep paths, not pointers, across
 * edits; doc->generation tells that the text changed.
 */
#ifndef OSMO_DOC_H
#define OSMO_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum doc_kind {
	DOC_SCALAR,
	DOC_MAP,
	DOC_SEQ,
	DOC_ALIAS,
};

enum doc_style {
	DOC_PLAIN,      /* scalars */
	DOC_SINGLE,
	DOC_DOUBLE,
	DOC_LITERAL,
	DOC_FOLDED,
	DOC_BLOCK,      /* collections */
	DOC_FLOW,
};

/* node flags */
enum {
	DOC_F_EMPTY = 1 << 0,   /* implicit empty scalar ("key:" with no value) */
	DOC_F_ANCHOR = 1 << 1,  /* carries an anchor */
	DOC_F_TAG = 1 << 2,     /* carries an explicit tag */
	DOC_F_REFS = 1 << 3,    /* this subtree contains anchors or aliases */
	DOC_F_MERGE = 1 << 4,   /* this mapping contains a "<<" merge key */
	DOC_F_KEY_QUOTED = 1 << 5, /* the entry's key is quoted */
	DOC_F_SUB_TAG = 1 << 6,    /* this subtree holds a node with an explicit tag */
	DOC_F_SUB_BRACES = 1 << 7, /* this subtree holds a scalar value containing "{{" */
	DOC_F_EXPLICIT_KEY = 1 << 8, /* the entry is written "? key" (item_start is the '?') */
};

/* flags a collection takes over from its children */
#define DOC_F_SUBTREE (DOC_F_REFS | DOC_F_SUB_TAG | DOC_F_SUB_BRACES)

struct doc_node {
	uint8_t kind;           /* enum doc_kind */
	uint8_t style;          /* enum doc_style */
	uint16_t flags;
	uint32_t start, end;    /* value: scalar token (quotes, indicators,
	                           anchor/tag included) or collection content */
	uint32_t key_start, key_end; /* key token of a mapping entry, else 0 */
	uint32_t item_start;    /* start of the whole entry: key, '-' or value */
	const char *key;        /* decoded key of a mapping entry, else NULL */
	uint32_t key_len;
	uint32_t expand;        /* nodes in the expansion of this subtree (saturating) */
	const char *text;       /* decoded scalar value ("" for collections) */
	uint32_t len;
	uint32_t version;       /* bumped when a splice changes this subtree in place
	                           (its own kids replaced, or a descendant's): a node
	                           with the same address and version is unchanged */
	const char *anchor;     /* anchor name or NULL */
	const char *tag;        /* explicit tag or NULL */
	struct doc_node *parent;
	struct doc_node **kids; /* mapping values (each with key) or items */
	uint32_t nkids, capkids;
	struct doc_node *target; /* alias: the anchored node */
};

struct doc_limits {
	size_t max_bytes;         /* input size; 0 = 64 MiB */
	unsigned max_depth;       /* collection nesting; 0 = 200 */
	size_t max_nodes;         /* nodes in the tree; 0 = 20,000,000 */
	size_t max_alias_nodes;   /* nodes reachable through aliases; 0 = 1,000,000 */
};

struct doc {
	char *text;             /* current text, NUL-terminated; owned */
	size_t len;
	struct doc_node *root;  /* NULL for an empty stream or a load error */
	bool ok;                /* false when the text does not parse */
	bool has_bom;           /* text starts with a UTF-8 byte order mark */
	bool crlf;              /* the first line break is "\r\n" */
	size_t odd_break;       /* offset of a lone CR, NEL, LS or PS (YAML breaks lines
	                           there, the model's lines do not: no edits), or SIZE_MAX */
	unsigned generation;    /* bumped by every change of text */
	unsigned tree_id;       /* new for every full parse (unique across docs): nodes of
	                           an unchanged tree_id are still allocated */
	struct doc_limits limits;
	size_t nodes;           /* nodes allocated by the last full parse */
	struct doc_private *priv;
};

/* Load text[0..len) (copied). Returns NULL only when out of memory. Problems
 * (syntax, multiple documents, non-scalar keys, tabs, limits, duplicate keys)
 * go to diags with positions; a doc that fails to parse has ok == false and
 * root == NULL but keeps its text. lim may be NULL for the defaults. */
struct doc *doc_load(const char *text, size_t len, const struct doc_limits *lim,
		     struct diag_list *diags);

/* Free the document and every node. */
void doc_free(struct doc *d);

/* Re-parse the whole text (used after external changes). Same contract as
 * doc_load; the old tree is replaced. Returns 0 or -1 (parse error). */
int doc_reparse(struct doc *d, struct diag_list *diags);

/* Replace text[off..off+del) with ins[0..inslen) and bring the tree up to
 * date, re-parsing only the smallest enclosing block entry when that is
 * provably equivalent, else the whole text. If the result does not parse, the
 * text is restored, errors go to diags and -1 is returned. A document with
 * line breaks other than LF and CRLF (odd_break) is not edited, and none may
 * be inserted. Records the splice in the journal when one is attached (see
 * edit.h). */
int doc_splice(struct doc *d, size_t off, size_t del, const char *ins, size_t inslen,
	       struct diag_list *diags);

/* Called after every successful splice with the replaced and inserted bytes
 * (the undo journal in edit.c uses it). One hook per document. */
typedef void (*doc_splice_hook)(void *ctx, size_t off, const char *old, size_t oldlen,
				const char *ins, size_t inslen);
void doc_set_splice_hook(struct doc *d, doc_splice_hook fn, void *ctx);

/* Report duplicate keys in every mapping of the tree (rule "duplicate-key",
 * at the later key, naming the line of the first) with severity sev. The
 * line named passes through map_line when it is not NULL. */
void doc_check_duplicates(struct doc *d, enum diag_severity sev, struct diag_list *diags,
			  int (*map_line)(const void *ctx, int line), const void *map_ctx);
/* The same for the subtree at n, not entering the subtrees for which
 * skip(skip_ctx, node) is true (skip may be NULL). */
void doc_check_duplicates_in(struct doc *d, const struct doc_node *n, enum diag_severity sev,
			     struct diag_list *diags, int (*map_line)(const void *ctx, int line),
			     const void *map_ctx, bool (*skip)(const void *ctx, const struct doc_node *n),
			     const void *skip_ctx);

/* Fill d's line/col fields from its byte offsets in doc's text. */
void doc_locate(struct doc *doc, struct diag *d);
/* Line and column (1-based, code points) of byte offset off. */
void doc_line_col(struct doc *doc, size_t off, int *line, int *col);
/* Byte offset of the start of the line holding off (on the first line,
 * after a UTF-8 byte order mark). */
size_t doc_line_start(const struct doc *doc, size_t off);
/* Byte offset just past the '\n' ending the line holding off (or len). */
size_t doc_line_next(const struct doc *doc, size_t off);
/* Column (0-based, bytes) of off within its line. */
size_t doc_column0(const struct doc *doc, size_t off);

/* --- reading the tree --- */

/* Follow aliases to the real node (bounded). */
const struct doc_node *doc_resolve(const struct doc_node *n);
/* Value of key in mapping m (aliases followed, "<<" merges honoured; the last
 * of duplicate keys wins, as in PyYAML). NULL if absent or m is not a map. */
const struct doc_node *doc_map_get(const struct doc_node *m, const char *key);
/* Number of items of a sequence (0 for other kinds). */
size_t doc_seq_len(const struct doc_node *s);
/* True for a scalar that YAML 1.1 reads as null (plain "", "~", "null"...). */
bool doc_is_null(const struct doc_node *n);
/* Text of a scalar ("" for other kinds). */
const char *doc_str(const struct doc_node *n);
/* Name of a kind: "scalar", "mapping", "sequence", "alias". */
const char *doc_kind_name(enum doc_kind k);

/* Effective entries of a mapping after "<<" merges, in order: own keys first
 * as written, then merged keys not overridden. Each entry is a value node
 * whose ->key names it. Returns the count and an array borrowed until the next
 * call on this doc (or -1 on a merge error such as a non-mapping merge). */
long doc_map_entries(struct doc *d, const struct doc_node *m,
		     const struct doc_node ***entries);

/* Structural equality of two trees: kinds, styles, keys, texts and offsets
 * (when with_offsets). For round-trip tests. */
bool doc_node_equal(const struct doc_node *a, const struct doc_node *b, bool with_offsets);

/* --- layout facts used by edits and by the outline --- */

/* Byte offset where the entry of n begins its line (the line start when only
 * blanks precede it, else item_start). */
size_t doc_entry_line_start(const struct doc *d, const struct doc_node *n);
/* Byte offset just past the last line of n's entry (after its '\n'). */
size_t doc_entry_line_end(const struct doc *d, const struct doc_node *n);

#endif
