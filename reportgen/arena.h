/*
 * arena.h: one bump allocator per document (profile, market, report).
 * Everything allocated from it is released by arena_free(); nothing is
 * freed alone.  Allocation failure returns NULL (never aborts), so the
 * callers can report it for the one profile and go on.
 */
#ifndef REPORTGEN_ARENA_H
#define REPORTGEN_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		*arena_alloc(struct arena *, size_t);	/* zeroed, aligned */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);

#endif
