/*
 * state.h: the run state of a batch output directory in SQLite,
 * DIR/state.db (sqlite3 lives in state.c only).  One row per input path,
 * the same fields as a manifest entry (manifest.h); WAL mode, and a
 * transaction per group commit, so a run killed at any moment keeps every
 * group it committed.  Rows are read one at a time (state_get) or in path
 * order (state_each): nothing needs every profile in memory at once.
 *
 * A directory written by an older run has manifest.json and no state.db:
 * state_import() reads it into a new state.db once.
 */
#ifndef REPORTGEN_STATE_H
#define REPORTGEN_STATE_H

#include "diag.h"
#include "index.h"
#include "manifest.h"

#define STATE_NAME	"state.db"

struct state;

/* Opens (creating, mode 0600) DIR/state.db; *fresh is set to 1 when it
 * holds nothing yet (then an older manifest.json may be imported).  0, or
 * -1 with why in d; -2 when SQLite itself cannot be loaded (said in d;
 * nothing made: the state.db is not at fault). */
int	state_open(struct state **, const char *dir, int *fresh,
	    struct diag *d);
void	state_close(struct state *);

/* A group commit: state_begin, state_put for each entry of the group,
 * state_commit.  Each returns 0 or -1 (said in the diag given to open). */
int	state_begin(struct state *);
int	state_commit(struct state *);
int	state_rollback(struct state *);

/* Inserts or replaces the row of e->path. */
int	state_put(struct state *, const struct mentry *e);
int	state_delete(struct state *, const char *path);

/* The row of path into *e (malloc'd: mentry_free): 1, 0 when there is
 * none, -1 on error. */
int	state_get(struct state *, const char *path, struct mentry *e);

/* Calls fn for each row in path order, the entry valid during the call
 * only and without its levels and plan (has_levels, has_plan 0: a walk
 * over every row has no use for them; state_get reads a row whole);
 * stops at fn's first non-zero and returns it; -1 on error. */
int	state_each(struct state *, int (*fn)(const struct mentry *, void *),
	    void *arg);

/* The same for the rows summary.csv and index.pdf show (not those of
 * other shards, nor those marked "gone"), in path order. */
int	state_each_shown(struct state *,
	    int (*fn)(const struct mentry *, void *), void *arg);

/* The rows index.pdf shows, as index rows (valid during the call only),
 * in about the order index_sort_rows() gives them (SQL orders them; for
 * the exact order, or a digest, sort what comes back).  A row that is
 * not "ok" shows as its file: path and status only.  Stops at fn's first
 * non-zero and returns it; -1 on error. */
int	state_each_index(struct state *, enum index_sort,
	    int (*fn)(void *, const struct index_row *), void *arg);

/* Sets the outcome of path's row (entry.outcome, manifest.h), making a
 * row that is never current when there is none. */
int	state_mark(struct state *, const char *path, const char *outcome);

/* The newest date of the rows shown as "ok" (malloc'd), NULL when
 * none: the index is dated by it. */
char	*state_newest_date(struct state *);

/* Removes every row (a run for another --shard). */
int	state_clear(struct state *);

/* Whether a group (state_begin) is open. */
int	state_in_group(const struct state *);

/* DIR/state.db read, without writing it, into m (initialised here):
 * its shard, and every row when rows is 1.  1, 0 when there is no
 * state.db, -1 (said in d) when it cannot be read, -2 (said in d) when
 * SQLite itself cannot be loaded. */
int	state_read(const char *dir, int rows, struct manifest *m,
	    struct diag *d);

/* The run-wide values: "shard", "index_sha256", "index_output_sha256".
 * get: malloc'd, NULL when unset (or on error). */
char	*state_meta_get(struct state *, const char *key);
int	 state_meta_put(struct state *, const char *key, const char *value);

/* Every entry and the run-wide values of m, in one transaction. */
int	state_import(struct state *, const struct manifest *m);

#endif
