/*
 * state.c: DIR/state.db, the batch's run state in SQLite (state.h).
 *
 * Table entry: one row per input path, WITHOUT ROWID (the path is the
 * key the plan looks up).  The last assessment's levels and plan are
 * kept as text: "cloud=3,cicd=0" and "cloud,@end_to_end" (an area id
 * after '@'); NULL when not known (a row imported from an older
 * manifest), "" when known and empty.  Table meta: the run-wide values.
 *
 * PRAGMAs: journal_mode=WAL (a reader never waits for the writer, and a
 * commit is one append), synchronous=NORMAL: a committed group survives
 * the process being killed at any moment (it is in the WAL file, in the
 * kernel's hands); a power cut may lose the last groups, and then the
 * rerun renders those reports again (each report is fsynced before its
 * row is written, so the state may lag the reports, never lead them).
 * FULL cost an fsync per group: 0.4 ms a report at 8 a group
 * (docs/performance.md).  A busy timeout for a reader beside the run
 * (merge-summaries).
 */
#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "state.h"

#ifndef SQLITE_SONAME
#define SQLITE_SONAME	"libsqlite3.so.0"
#endif

/*
 * SQLite is opened on first use, not linked: only a batch and
 * merge-summaries keep a run state, and binding libsqlite3 cost every
 * start of reportgen (a render, a validate) 1.1 M instructions and some
 * 25 page faults (docs/performance.md, "One render process, second
 * pass").  The calls go through S, filled by sqlite_open().
 */
#define SQLITE_FUNCS(X) \
	X(sqlite3_bind_double) \
	X(sqlite3_bind_null) \
	X(sqlite3_bind_text) \
	X(sqlite3_busy_timeout) \
	X(sqlite3_clear_bindings) \
	X(sqlite3_close) \
	X(sqlite3_column_double) \
	X(sqlite3_column_int) \
	X(sqlite3_column_text) \
	X(sqlite3_column_type) \
	X(sqlite3_errmsg) \
	X(sqlite3_exec) \
	X(sqlite3_finalize) \
	X(sqlite3_get_autocommit) \
	X(sqlite3_open_v2) \
	X(sqlite3_prepare_v2) \
	X(sqlite3_prepare_v3) \
	X(sqlite3_reset) \
	X(sqlite3_step)

static struct {
#define X(f)	__typeof__(f) *f;
	SQLITE_FUNCS(X)
#undef X
} S;

/* Opens libsqlite3 and fills S: 0, or -1 with why in why[]. */
static int
sqlite_load(char *why, size_t len)
{
	const char	*e;
	void		*lib, *sym;

	errno = 0;
	if ((lib = dlopen(SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto fail;
#define X(f)	if ((sym = dlsym(lib, #f)) == NULL) { dlclose(lib); goto fail; } \
		memcpy(&S.f, &sym, sizeof(sym));
	SQLITE_FUNCS(X)
#undef X
	return 0;
fail:
	e = dlerror();
	snprintf(why, len, "%s", e != NULL ? e : errno != 0 ?
	    strerror(errno) : "not found");
	memset(&S, 0, sizeof(S));
	return -1;
}

/* 0 when S is filled, else -1, said in d against path (the state that
 * needed it).  Per process, tried once; but for a failure errno says is
 * memory: tried again. */
static int
sqlite_open(struct diag *d, const char *path)
{
	static int	 tried, ok;
	static char	 why[256];

	if (!tried) {
		tried = 1;
		if (sqlite_load(why, sizeof(why)) == 0)
			ok = 1;
		else if (errno == ENOMEM)
			tried = 0;
	}
	if (ok)
		return 0;
	diag(d, SEV_ERROR, path, 0, "cannot load SQLite (%s), which the run "
	    "state needs: %s", SQLITE_SONAME, why);
	return -1;
}

#define UNCONST(s)	((char *)(uintptr_t)(s))

enum { Q_PUT, Q_GET, Q_EACH, Q_DEL, Q_MGET, Q_MPUT, Q_MARK, Q_SHOWN,
	Q_BYNAME, Q_BYFDE, Q_BYMLOPS, Q__N };

struct state {
	sqlite3		*db;
	sqlite3_stmt	*q[Q__N];
	struct diag	*d;
	char		 path[PATH_MAX];
};

#define COLS	"path, id, status, input_sha256, market_sha256, " \
		"assets_sha256, tool, options, output, output_sha256, " \
		"output_stat, name, recommendation, seniority, date, message, " \
		"market, outcome, fde, mlops, levels, plan"
#define NSTR	18	/* text columns before fde */
/* The rows summary.csv and index.pdf show: not those of other shards,
 * nor those whose input is gone. */
#define SHOWN	"COALESCE(outcome, status) NOT IN ('other-shard', 'gone')"
/* A column as the index shows it: only for a row that is "ok". */
#define IFOK(c)	"(CASE WHEN COALESCE(outcome, status) = 'ok' THEN " c " END)"
/* The name a row shows (index.c's row_name): its name, else its id,
 * else its file's name (the path after the last '/'). */
#define BYNAME	"COALESCE(" IFOK("name") ", " IFOK("id") ", replace(path, " \
		"rtrim(path, replace(path, '/', '')), '')) COLLATE NOCASE, " \
		IFOK("id") ", path"

static const char *const sql[Q__N] = {
	"INSERT OR REPLACE INTO entry (" COLS ") VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	"SELECT " COLS " FROM entry WHERE path = ?",
	"SELECT " COLS " FROM entry ORDER BY path",
	"DELETE FROM entry WHERE path = ?",
	"SELECT value FROM meta WHERE key = ?",
	"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
	/* a row that does not exist yet is made, never current */
	"INSERT INTO entry (path, status, outcome) VALUES (?, 'retry', ?) "
	    "ON CONFLICT (path) DO UPDATE SET outcome = excluded.outcome",
	"SELECT " COLS " FROM entry WHERE " SHOWN " ORDER BY path",
	/* the index's orders (index_sort_rows has the last word): by what
	 * a row shows, so a row not "ok" by its path and without a fit */
	"SELECT " COLS " FROM entry WHERE " SHOWN " ORDER BY " BYNAME,
	"SELECT " COLS " FROM entry WHERE " SHOWN " ORDER BY "
	    IFOK("fde") " IS NULL, " IFOK("fde") " DESC, " BYNAME,
	"SELECT " COLS " FROM entry WHERE " SHOWN " ORDER BY "
	    IFOK("mlops") " IS NULL, " IFOK("mlops") " DESC, " BYNAME,
};

static const char schema[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = NORMAL;"
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"
	" WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS entry (path TEXT PRIMARY KEY, id TEXT,"
	" status TEXT NOT NULL, input_sha256 TEXT, market_sha256 TEXT,"
	" assets_sha256 TEXT, tool TEXT, options TEXT, output TEXT,"
	" output_sha256 TEXT, output_stat TEXT, name TEXT,"
	" recommendation TEXT, seniority TEXT, date TEXT, message TEXT,"
	" market TEXT, outcome TEXT, fde REAL, mlops REAL, levels TEXT,"
	" plan TEXT)"
	" WITHOUT ROWID;"
	"INSERT OR IGNORE INTO meta (key, value) VALUES ('format', '1');";

/* The text fields of an entry, in COLS order. */
static char **
str_field(struct mentry *e, int i)
{
	char	**f[NSTR] = { &e->path, &e->id, &e->status, &e->input_sha256,
	    &e->market_sha256, &e->assets_sha256, &e->tool, &e->options,
	    &e->output, &e->output_sha256, &e->output_stat, &e->name,
	    &e->recommendation, &e->seniority, &e->date, &e->message,
	    &e->market, &e->outcome };

	return f[i];
}

static int
fail(struct state *s, const char *what)
{
	diag(s->d, SEV_ERROR, s->path, 0, "%s: %s", what,
	    S.sqlite3_errmsg(s->db));
	return -1;
}

int
state_open(struct state **sp, const char *dir, int *fresh, struct diag *d)
{
	struct state	*s;
	sqlite3_stmt	*st;
	int		 i, fd;

	*sp = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		diag(d, SEV_FATAL, dir, 0, "out of memory");
		return -1;
	}
	s->d = d;
	if ((size_t)snprintf(s->path, sizeof(s->path), "%s/%s", dir,
	    STATE_NAME) >= sizeof(s->path)) {
		diag(d, SEV_ERROR, dir, 0, "path too long");
		free(s);
		return -1;
	}
	if (sqlite_open(d, s->path) == -1) {	/* before making the file */
		free(s);
		return -2;
	}
	/* made 0600 by us: sqlite3 would follow the umask */
	if ((fd = open(s->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1) {
		diag(d, SEV_ERROR, s->path, 0, "cannot open: %s",
		    strerror(errno));
		free(s);
		return -1;
	}
	close(fd);
	if (S.sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK ||
	    S.sqlite3_busy_timeout(s->db, 10000) != SQLITE_OK ||
	    S.sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK)
		goto bad;
	for (i = 0; i < Q__N; i++)
		if (S.sqlite3_prepare_v3(s->db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK)
			goto bad;
	if (fresh != NULL) {
		if (S.sqlite3_prepare_v2(s->db, "SELECT NOT EXISTS (SELECT 1 "
		    "FROM entry) AND NOT EXISTS (SELECT 1 FROM meta WHERE "
		    "key = 'imported')", -1, &st, NULL) != SQLITE_OK)
			goto bad;
		*fresh = S.sqlite3_step(st) == SQLITE_ROW &&
		    S.sqlite3_column_int(st, 0) != 0;
		S.sqlite3_finalize(st);
	}
	*sp = s;
	return 0;
bad:
	(void)fail(s, "cannot open the run state");
	state_close(s);
	return -1;
}

void
state_close(struct state *s)
{
	int	 i;

	if (s == NULL)
		return;
	for (i = 0; i < Q__N; i++)
		S.sqlite3_finalize(s->q[i]);
	S.sqlite3_close(s->db);
	free(s);
}

int
state_begin(struct state *s)
{
	if (S.sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return fail(s, "cannot begin a group");
	return 0;
}

int
state_rollback(struct state *s)
{
	if (S.sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, "cannot undo a group");
	return 0;
}

char *
state_newest_date(struct state *s)
{
	sqlite3_stmt		*q;
	const unsigned char	*t;
	char			*v = NULL;

	if (S.sqlite3_prepare_v2(s->db, "SELECT max(date) FROM entry WHERE "
	    "COALESCE(outcome, status) = 'ok'", -1, &q, NULL) != SQLITE_OK)
		return NULL;
	if (S.sqlite3_step(q) == SQLITE_ROW &&
	    (t = S.sqlite3_column_text(q, 0)) != NULL)
		v = strdup((const char *)t);
	S.sqlite3_finalize(q);
	return v;
}

int
state_commit(struct state *s)
{
	if (S.sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, "cannot commit a group");
	return 0;
}

/* levels and plan as text (malloc'd); NULL with *nomem 0 when not
 * known. */
static char *
levels_text(const struct mentry *e, int *nomem)
{
	size_t	 i, n = 1;
	char	*t, *p;

	*nomem = 0;
	if (!e->has_levels)
		return NULL;
	for (i = 0; i < e->nlevels; i++)
		n += strlen(e->levels[i].dim) + 16;
	if ((p = t = malloc(n)) == NULL) {
		*nomem = 1;
		return NULL;
	}
	*p = '\0';
	for (i = 0; i < e->nlevels; i++)
		p += snprintf(p, n - (size_t)(p - t), "%s%s=%d", i ? "," : "",
		    e->levels[i].dim, e->levels[i].level);
	return t;
}

static char *
plan_text(const struct mentry *e, int *nomem)
{
	size_t	 i, n = 1;
	char	*t, *p;

	*nomem = 0;
	if (!e->has_plan)
		return NULL;
	for (i = 0; i < e->nplan; i++)
		n += strlen(e->plan[i].id) + 2;
	if ((p = t = malloc(n)) == NULL) {
		*nomem = 1;
		return NULL;
	}
	*p = '\0';
	for (i = 0; i < e->nplan; i++)
		p += snprintf(p, n - (size_t)(p - t), "%s%s%s", i ? "," : "",
		    e->plan[i].area ? "@" : "", e->plan[i].id);
	return t;
}

int
state_put(struct state *s, const struct mentry *ce)
{
	struct mentry	*e = (struct mentry *)(uintptr_t)ce;	/* read only */
	sqlite3_stmt	*q = s->q[Q_PUT];
	char		*lv, *pl;
	int		 i, rc, nomem1, nomem2;

	lv = levels_text(e, &nomem1);
	pl = plan_text(e, &nomem2);
	if (nomem1 || nomem2) {
		free(lv);
		free(pl);
		diag(s->d, SEV_FATAL, e->path, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < NSTR; i++)
		S.sqlite3_bind_text(q, i + 1, *str_field(e, i), -1,
		    SQLITE_STATIC);
	if (e->has_fit) {
		S.sqlite3_bind_double(q, NSTR + 1, e->fde);
		S.sqlite3_bind_double(q, NSTR + 2, e->mlops);
	} else {
		S.sqlite3_bind_null(q, NSTR + 1);
		S.sqlite3_bind_null(q, NSTR + 2);
	}
	S.sqlite3_bind_text(q, NSTR + 3, lv, -1, SQLITE_STATIC);
	S.sqlite3_bind_text(q, NSTR + 4, pl, -1, SQLITE_STATIC);
	rc = S.sqlite3_step(q);
	S.sqlite3_reset(q);
	S.sqlite3_clear_bindings(q);
	free(lv);
	free(pl);
	return rc == SQLITE_DONE ? 0 : fail(s, "cannot keep an entry");
}

int
state_delete(struct state *s, const char *path)
{
	sqlite3_stmt	*q = s->q[Q_DEL];
	int		 rc;

	S.sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	rc = S.sqlite3_step(q);
	S.sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : fail(s, "cannot remove an entry");
}

/* "cloud=3,cicd=0" into e->levels; -1 on allocation failure or a
 * malformed item (then the levels are left unknown). */
static int
levels_parse(const char *t, struct mentry *e)
{
	const char	*p, *eq, *end;
	size_t		 n = 1, k = 0;

	for (p = t; *p != '\0'; p++)
		n += *p == ',';
	if ((e->levels = calloc(n, sizeof(*e->levels))) == NULL)
		return -1;
	for (p = t; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ",");
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL ||
		    (e->levels[k].dim = strndup(p, (size_t)(eq - p))) == NULL)
			return -1;
		e->levels[k++].level = atoi(eq + 1);
		e->nlevels = k;
	}
	e->has_levels = 1;
	return 0;
}

static int
plan_parse(const char *t, struct mentry *e)
{
	const char	*p, *end;
	size_t		 n = 1, k = 0;

	for (p = t; *p != '\0'; p++)
		n += *p == ',';
	if ((e->plan = calloc(n, sizeof(*e->plan))) == NULL)
		return -1;
	for (p = t; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ",");
		e->plan[k].area = *p == '@';
		if (*p == '@')
			p++;
		if ((e->plan[k++].id = strndup(p, (size_t)(end - p))) ==
		    NULL)
			return -1;
		e->nplan = k;
	}
	e->has_plan = 1;
	return 0;
}

/* The current row of q into e: malloc'd, levels and plan included; or,
 * borrowed, its strings those of q's row (valid until q steps on) and
 * no levels or plan (a walk over every row has no use for them).  0 or
 * -1 (allocation). */
static int
row_entry(sqlite3_stmt *q, struct mentry *e, int borrowed)
{
	const unsigned char	*t;
	int			 i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < NSTR; i++) {
		if ((t = S.sqlite3_column_text(q, i)) == NULL)
			continue;
		if (borrowed)
			*str_field(e, i) = (char *)(uintptr_t)t;
		else if ((*str_field(e, i) = strdup((const char *)t)) == NULL)
			return -1;
	}
	if (S.sqlite3_column_type(q, NSTR) != SQLITE_NULL) {
		e->has_fit = 1;
		e->fde = S.sqlite3_column_double(q, NSTR);
		e->mlops = S.sqlite3_column_double(q, NSTR + 1);
	}
	if (borrowed)
		return e->path != NULL && e->status != NULL ? 0 : -1;
	if ((t = S.sqlite3_column_text(q, NSTR + 2)) != NULL &&
	    levels_parse((const char *)t, e) == -1)
		return -1;
	if ((t = S.sqlite3_column_text(q, NSTR + 3)) != NULL &&
	    plan_parse((const char *)t, e) == -1)
		return -1;
	return e->path != NULL && e->status != NULL ? 0 : -1;
}

int
state_get(struct state *s, const char *path, struct mentry *e)
{
	sqlite3_stmt	*q = s->q[Q_GET];
	int		 rc, r = 0;

	memset(e, 0, sizeof(*e));
	S.sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	if ((rc = S.sqlite3_step(q)) == SQLITE_ROW) {
		if ((r = row_entry(q, e, /*borrowed*/ 0)) == 0)
			r = 1;
		else {
			mentry_free(e);
			memset(e, 0, sizeof(*e));
			diag(s->d, SEV_FATAL, path, 0, "out of memory");
		}
	} else if (rc != SQLITE_DONE)
		r = fail(s, "cannot read an entry");
	S.sqlite3_reset(q);
	return r;
}

/* Calls fn for each row of q, in its order. */
static int
each_q(struct state *s, sqlite3_stmt *q,
    int (*fn)(const struct mentry *, void *), void *arg)
{
	struct mentry	 e;
	int		 rc, r = 0;

	while (r == 0 && (rc = S.sqlite3_step(q)) == SQLITE_ROW) {
		if (row_entry(q, &e, /*borrowed*/ 1) == -1) {
			diag(s->d, SEV_ERROR, s->path, 0, "a row without path "
			    "or status");
			r = -1;
		} else
			r = fn(&e, arg);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = fail(s, "cannot read the entries");
	S.sqlite3_reset(q);
	return r;
}

int
state_each(struct state *s, int (*fn)(const struct mentry *, void *),
    void *arg)
{
	return each_q(s, s->q[Q_EACH], fn, arg);
}

int
state_each_shown(struct state *s, int (*fn)(const struct mentry *, void *),
    void *arg)
{
	return each_q(s, s->q[Q_SHOWN], fn, arg);
}

/* A text column of q's current row (NULL when NULL). */
#define COL(q, i)	((const char *)S.sqlite3_column_text((q), (i)))

int
state_each_index(struct state *s, enum index_sort sort,
    int (*fn)(void *, const struct index_row *), void *arg)
{
	sqlite3_stmt		*q;
	struct index_row	 r;
	const char		*plan, *p, *end;
	char			*pl = NULL, *np;
	size_t			 cap = 0, need, len;
	int			 rc, ret = 0;

	q = s->q[sort == INDEX_SORT_FDE ? Q_BYFDE :
	    sort == INDEX_SORT_MLOPS ? Q_BYMLOPS : Q_BYNAME];
	while (ret == 0 && (rc = S.sqlite3_step(q)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.path = COL(q, 0);
		r.status = COL(q, 17) != NULL ? COL(q, 17) : COL(q, 2);
		if (r.path == NULL || r.status == NULL) {
			ret = -1;
			break;
		}
		if (strcmp(r.status, "ok") == 0) {
			r.id = COL(q, 1);
			r.output = COL(q, 8);
			r.name = COL(q, 11);
			r.seniority = COL(q, 13);
			r.market = COL(q, 16);
			if (S.sqlite3_column_type(q, NSTR) != SQLITE_NULL) {
				r.has_fit = 1;
				r.fde = S.sqlite3_column_double(q, NSTR);
				r.mlops = S.sqlite3_column_double(q, NSTR + 1);
				r.rec = COL(q, 12);
			}
			/* levels as kept ("cloud=3,..."); the plan as the
			 * index reads it: "cloud,@x" -> "dim:cloud,area:x" */
			r.levels = COL(q, NSTR + 2);
			if ((plan = COL(q, NSTR + 3)) != NULL) {
				need = 2 * strlen(plan) + 8;
				for (p = plan; *p != '\0'; p++)
					need += *p == ',' ? 5 : 0;
				if (need > cap) {
					if ((np = realloc(pl, need)) == NULL) {
						ret = -1;
						break;
					}
					pl = np;
					cap = need;
				}
				len = 0;
				pl[0] = '\0';
				for (p = plan; *p != '\0'; p = *end ? end + 1 : end) {
					end = p + strcspn(p, ",");
					len += (size_t)snprintf(pl + len, cap - len,
					    "%s%s%.*s", len > 0 ? "," : "",
					    *p == '@' ? "area:" : "dim:",
					    (int)(end - p - (*p == '@')),
					    p + (*p == '@'));
				}
				r.plan = pl;
			}
		}
		ret = fn(arg, &r);
	}
	if (ret == -1)
		diag(s->d, SEV_FATAL, s->path, 0, "out of memory, or a row "
		    "without path or status");
	else if (ret == 0 && rc != SQLITE_DONE)
		ret = fail(s, "cannot read the entries");
	S.sqlite3_reset(q);
	free(pl);
	return ret;
}

int
state_mark(struct state *s, const char *path, const char *outcome)
{
	sqlite3_stmt	*q = s->q[Q_MARK];
	int		 rc;

	S.sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	S.sqlite3_bind_text(q, 2, outcome, -1, SQLITE_STATIC);
	rc = S.sqlite3_step(q);
	S.sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : fail(s, "cannot mark an entry");
}

int
state_clear(struct state *s)
{
	if (S.sqlite3_exec(s->db, "DELETE FROM entry", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return fail(s, "cannot clear the entries");
	return 0;
}

int
state_in_group(const struct state *s)
{
	return !S.sqlite3_get_autocommit(s->db);
}

char *
state_meta_get(struct state *s, const char *key)
{
	sqlite3_stmt		*q = s->q[Q_MGET];
	const unsigned char	*t;
	char			*v = NULL;

	S.sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if (S.sqlite3_step(q) == SQLITE_ROW &&
	    (t = S.sqlite3_column_text(q, 0)) != NULL)
		v = strdup((const char *)t);
	S.sqlite3_reset(q);
	return v;
}

int
state_meta_put(struct state *s, const char *key, const char *value)
{
	sqlite3_stmt	*q = s->q[Q_MPUT];
	int		 rc;

	S.sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	S.sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
	rc = S.sqlite3_step(q);
	S.sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : fail(s, "cannot keep a run value");
}

int
state_import(struct state *s, const struct manifest *m)
{
	struct mentry	 e;
	const char	*st;
	size_t		 i;

	if (state_begin(s) == -1)
		return -1;
	for (i = 0; i < m->n; i++) {
		e = m->v[i];	/* a shallow copy, to set its outcome */
		st = e.status;
		e.outcome = UNCONST(strcmp(st, "ok") == 0 ||
		    strcmp(st, "invalid") == 0 ||
		    strcmp(st, "other-shard") == 0 ? st : "failed");
		if (state_put(s, &e) == -1)
			goto bad;
	}
	if (state_meta_put(s, "shard", m->shard) == -1 ||
	    state_meta_put(s, "index_sha256", m->index_sha256) == -1 ||
	    state_meta_put(s, "index_output_sha256",
	    m->index_output_sha256) == -1 ||
	    state_meta_put(s, "imported", MANIFEST_NAME) == -1)
		goto bad;
	return state_commit(s);
bad:
	(void)S.sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The rows of a state read into m, for merge-summaries (reading another
 * run's directory, never writing it). */
static int
read_entry(const struct mentry *e, void *arg)
{
	return manifest_add(arg, e);
}

int
state_read(const char *dir, int rows, struct manifest *m, struct diag *d)
{
	struct state	 s;
	int		 i, r = -1;

	manifest_init(m);
	memset(&s, 0, sizeof(s));
	s.d = d;
	if ((size_t)snprintf(s.path, sizeof(s.path), "%s/%s", dir,
	    STATE_NAME) >= sizeof(s.path) || access(s.path, F_OK) == -1)
		return 0;
	if (sqlite_open(d, s.path) == -1)
		return -2;
	if (S.sqlite3_open_v2(s.path, &s.db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK ||
	    S.sqlite3_busy_timeout(s.db, 10000) != SQLITE_OK)
		goto out;
	for (i = 0; i < Q__N; i++)
		if (S.sqlite3_prepare_v2(s.db, sql[i], -1, &s.q[i], NULL) !=
		    SQLITE_OK)
			goto out;
	if (rows && state_each(&s, read_entry, m) != 0) {
		manifest_free(m);
		goto out;
	}
	m->shard = state_meta_get(&s, "shard");
	if (m->shard != NULL && m->shard[0] == '\0') {
		free(m->shard);
		m->shard = NULL;
	}
	r = 1;
out:
	if (r == -1 && s.db != NULL)
		(void)fail(&s, "cannot read the run state");
	for (i = 0; i < Q__N; i++)
		S.sqlite3_finalize(s.q[i]);
	S.sqlite3_close(s.db);
	return r;
}
