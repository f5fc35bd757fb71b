/* buf: a growable byte buffer, always NUL-terminated.
 *
 * Appends never fail loudly: on allocation failure the buffer sets `oom` and
 * ignores further appends, so callers check once at the end. `data` may be
 * NULL while the buffer is empty; use buf_cstr() for a printable string.
 */
#ifndef OSMO_BUF_H
#define OSMO_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
	bool oom;
};

#define BUF_INIT { NULL, 0, 0, false }

/* Make room for n more bytes (plus the NUL). Returns 0 or -1 (and sets oom). */
int buf_reserve(struct buf *b, size_t n);
/* Append n bytes of s. */
void buf_add(struct buf *b, const void *s, size_t n);
/* Append a NUL-terminated string. */
void buf_puts(struct buf *b, const char *s);
/* Append one byte. */
void buf_putc(struct buf *b, char c);
/* Append printf-formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append c n times. */
void buf_repeat(struct buf *b, char c, size_t n);
/* Drop the contents, keep the memory. */
void buf_reset(struct buf *b);
/* Shorten to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* The contents as a C string ("" when empty); borrowed. */
const char *buf_cstr(const struct buf *b);
/* Hand the malloc'd string to the caller (never NULL unless oom) and reset b. */
char *buf_detach(struct buf *b);
/* Free the memory. */
void buf_free(struct buf *b);

#endif
