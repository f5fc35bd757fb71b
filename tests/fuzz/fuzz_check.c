/* fuzz_check: the whole validation pipeline on arbitrary bytes.
 *
 * check_text() splits sections, loads YAML, builds the spec view and runs
 * every rule. Properties: no crash, hang or leak; every diagnostic has a
 * rule id and a message, an offset inside the text (or none) and a line
 * and column when it has an offset; the number of errors returned is the
 * number of error diagnostics; a second run gives the same diagnostics
 * (unless a template ran out of time, which depends on the machine).
 */
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct check_opts o;
	memset(&o, 0, sizeof o);
	struct tmpl_limits lim = tmpl_limits_default();
	lim.max_seconds = 0.2;   /* a slow template costs the fuzzer less */
	o.render_limits = &lim;
	struct check_result r1, r2;
	size_t e1 = check_text((const char *)data, size, &o, &r1);
	size_t e2 = check_text((const char *)data, size, &o, &r2);
	FUZZ_CHECK(e1 == diag_count(&r1.diags, DIAG_ERROR));
	/* a template stopped by its time budget may stop elsewhere next time */
	bool timed = false;
	for (size_t i = 0; i < r1.diags.n; i++)
		timed |= strcmp(r1.diags.v[i].rule, "template-timeout") == 0;
	for (size_t i = 0; i < r2.diags.n; i++)
		timed |= strcmp(r2.diags.v[i].rule, "template-timeout") == 0;
	FUZZ_CHECK(timed || e1 == e2);
	FUZZ_CHECK(timed || fuzz_diags_equal(&r1.diags, &r2.diags));
	for (size_t i = 0; i < r1.diags.n; i++) {
		const struct diag *d = &r1.diags.v[i];
		FUZZ_CHECK(d->rule && d->rule[0] && d->message);
		FUZZ_CHECK(d->offset == DIAG_NO_OFFSET || d->offset <= size);
		if (d->offset != DIAG_NO_OFFSET && r1.doc && !r1.rendered)
			FUZZ_CHECK(d->line >= 1 && d->col >= 1);
	}
	check_result_free(&r1);
	check_result_free(&r2);
	return 0;
}
