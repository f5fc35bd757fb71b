/* schema: the schema table exported (osmo-tui schema [--format json-schema|markdown]). */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cli.h"
#include "schema_export.h"

int cmd_schema(int argc, char **argv)
{
	bool markdown = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json-schema") == 0 || strcmp(f, "markdown") == 0)
				markdown = f[0] == 'm';
			else
				return cli_usage_error("schema", "--format takes json-schema or markdown, not %s", f);
		} else {
			return cli_usage_error("schema", "unknown argument %s", argv[i]);
		}
	}
	struct buf b = BUF_INIT;
	if (markdown)
		schema_export_markdown(&b, PACKAGE_VERSION);
	else
		schema_export_json(&b, PACKAGE_VERSION);
	int rc = !b.oom && fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
	buf_free(&b);
	return rc;
}
