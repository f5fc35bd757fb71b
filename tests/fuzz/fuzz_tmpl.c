/* fuzz_tmpl: libFuzzer target for the template engine.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -D_POSIX_C_SOURCE=200809L \
 *       tests/fuzz/fuzz_tmpl.c src/libosmo.a -lm -o fuzz_tmpl
 *   ./fuzz_tmpl -max_len=4096 tests/data/tmpl
 *
 * (libosmo.a built with CC=clang CFLAGS="-fsanitize=fuzzer-no-link,address,undefined").
 * The input is a template rendered with a few variables under tight limits;
 * any crash, leak or sanitizer report is a bug, errors are expected.
 */
#include <stddef.h>
#include <stdint.h>

#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tv vars = tv_dict_new();
	struct tv items = tv_list_new(0);
	tv_list_push(items, tv_int(3));
	tv_list_push(items, tv_cstr("a"));
	tv_dict_set(vars, "items", 5, items);
	tv_dict_set(vars, "x", 1, tv_int(1));
	tv_dict_set(vars, "s", 1, tv_cstr("text"));
	struct tmpl_limits lim = tmpl_limits_default();
	lim.max_iterations = 10000;
	lim.max_output = 1 << 20;
	lim.max_value = 1 << 20;
	lim.max_memory = 16 << 20;
	lim.max_seconds = 0.2;
	struct buf out = BUF_INIT;
	struct diag_list diags = { 0 };
	tmpl_render((const char *)data, size, &vars, &lim, &out, &diags);
	buf_free(&out);
	diag_free(&diags);
	tv_drop(vars);
	return 0;
}
