/* value_mem: the memory budget of template values (declared in value.h).
 *
 * Memory is counted per thread so a render can be bounded (the engine sets
 * a limit around tmpl_exec); past the limit allocations fail and surface as
 * TV_OOM values, which the evaluator reports as a MemoryError.
 *
 * Kept apart from value.c: there the static analyzer would see these as
 * malloc and free, but it cannot follow the reference counts (it reads a
 * value's count through a different union member than the constructor
 * wrote), so every value dropped there looked leaked. Leaks of values are
 * checked at run time instead (make check-valgrind, the fuzz targets).
 */
#include "tmpl/value.h"

#include <stdlib.h>

static _Thread_local size_t mem_used;
static _Thread_local size_t mem_limit;

size_t tv_mem_used(void)
{
	return mem_used;
}

void tv_mem_set_limit(size_t limit)
{
	mem_limit = limit;
}

void *tv_alloc(size_t n)
{
	if (mem_limit && (n > mem_limit || mem_used > mem_limit - n))
		return NULL;
	void *p = malloc(n ? n : 1);
	if (p)
		mem_used += n;
	return p;
}

void *tv_realloc(void *p, size_t old, size_t n)
{
	if (n > old && mem_limit && (n - old > mem_limit || mem_used > mem_limit - (n - old)))
		return NULL;
	void *q = realloc(p, n ? n : 1);
	if (q)
		mem_used = mem_used - old + n;
	return q;
}

void tv_free(void *p, size_t n)
{
	if (!p)
		return;
	mem_used -= n < mem_used ? n : mem_used;
	free(p);
}
