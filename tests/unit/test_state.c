/*
 * test_state.c: DIR/state.db (state.h).  An entry survives a round trip
 * field for field (levels and plan included, and "not known" apart from
 * "known and empty"); rows come back in path order; a group committed is
 * kept and a group in flight when the process dies is not (the resume
 * after SIGKILL); the database is in WAL mode and 0600; an older
 * manifest is imported once.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "state.h"

#define S(x)	((char *)(uintptr_t)(x))

static char	 dir[] = "/tmp/test_state.XXXXXX";

static int
setup(void **st)
{
	(void)st;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static void
clean(void)
{
	char	 p[512];
	const char *const f[] = { "state.db", "state.db-wal", "state.db-shm" };
	size_t	 i;

	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, f[i]);
		unlink(p);
	}
}

static int
teardown(void **st)
{
	(void)st;
	clean();
	rmdir(dir);
	return 0;
}

static struct mlevel	 lv[2] = { { S("cloud"), 3 }, { S("cicd"), 0 } };
static struct mplan	 pl[2] = { { S("cloud"), 0 }, { S("end_to_end"), 1 } };

static void
full(struct mentry *e, const char *path)
{
	memset(e, 0, sizeof(*e));
	e->path = S(path);
	e->id = S("ananya-iyer");
	e->status = S("ok");
	e->input_sha256 = S("aa");
	e->market_sha256 = S("bb");
	e->assets_sha256 = S("cc");
	e->tool = S("0.1.0");
	e->options = S("paper=a4");
	e->output = S("ananya-iyer.pdf");
	e->output_sha256 = S("dd");
	e->output_stat = S("1:2.3:4");
	e->name = S("Ananya \xe2\x80\xae Iyer, \"x\"");
	e->recommendation = S("fde");
	e->seniority = S("senior");
	e->date = S("2026-03-01");
	e->message = S("a.xml:3: warning: w\nsecond");
	e->market = S("IN");
	e->has_fit = 1;
	e->fde = 55.05;
	e->mlops = 0.1 + 0.2;
	e->levels = lv;
	e->nlevels = 2;
	e->has_levels = 1;
	e->plan = pl;
	e->nplan = 2;
	e->has_plan = 1;
}

static void
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
test_round_trip(void **st)
{
	struct state	*s;
	struct mentry	 e, g, bare;
	struct diag	 d;
	size_t		 i;
	int		 fresh;

	(void)st;
	clean();
	diag_init(&d, stderr);
	assert_int_equal(state_open(&s, dir, &fresh, &d), 0);
	assert_int_equal(fresh, 1);
	full(&e, "in/a.xml");
	memset(&bare, 0, sizeof(bare));
	bare.path = S("in/b.xml");
	bare.status = S("invalid");
	bare.has_plan = 1;		/* known, empty */
	assert_int_equal(state_begin(s), 0);
	assert_int_equal(state_put(s, &e), 0);
	assert_int_equal(state_put(s, &bare), 0);
	assert_int_equal(state_commit(s), 0);

	assert_int_equal(state_get(s, "in/a.xml", &g), 1);
	same(g.id, e.id);
	same(g.name, e.name);
	same(g.message, e.message);
	same(g.output_stat, e.output_stat);
	same(g.market, e.market);
	assert_true(g.has_fit);
	assert_true(g.fde == e.fde && g.mlops == e.mlops);	/* exact */
	assert_true(g.has_levels && g.has_plan);
	assert_int_equal(g.nlevels, 2);
	assert_int_equal(g.nplan, 2);
	for (i = 0; i < 2; i++) {
		same(g.levels[i].dim, lv[i].dim);
		assert_int_equal(g.levels[i].level, lv[i].level);
		same(g.plan[i].id, pl[i].id);
		assert_int_equal(g.plan[i].area, pl[i].area);
	}
	mentry_free(&g);

	assert_int_equal(state_get(s, "in/b.xml", &g), 1);
	assert_null(g.id);
	assert_false(g.has_fit);
	assert_false(g.has_levels);	/* not known */
	assert_true(g.has_plan);	/* known and empty */
	assert_int_equal(g.nplan, 0);
	mentry_free(&g);

	assert_int_equal(state_get(s, "in/none.xml", &g), 0);
	/* replaced, then deleted */
	e.status = S("invalid");
	assert_int_equal(state_put(s, &e), 0);
	assert_int_equal(state_get(s, "in/a.xml", &g), 1);
	same(g.status, "invalid");
	mentry_free(&g);
	assert_int_equal(state_delete(s, "in/a.xml"), 0);
	assert_int_equal(state_get(s, "in/a.xml", &g), 0);
	state_close(s);
	diag_free(&d);
}

static int
collect(const struct mentry *e, void *arg)
{
	char	*buf = arg;

	strcat(buf, e->path);
	strcat(buf, ";");
	return 0;
}

static void
test_order_and_mode(void **st)
{
	struct state	*s;
	struct mentry	 e;
	struct diag	 d;
	struct stat	 sb;
	char		 buf[256] = "", p[512], *mode;
	const char	*paths[] = { "c.xml", "a.xml", "b/z.xml", "b.xml" };
	size_t		 i;

	(void)st;
	clean();
	diag_init(&d, stderr);
	assert_int_equal(state_open(&s, dir, NULL, &d), 0);
	assert_int_equal(state_begin(s), 0);
	for (i = 0; i < 4; i++) {
		full(&e, paths[i]);
		assert_int_equal(state_put(s, &e), 0);
	}
	assert_int_equal(state_commit(s), 0);
	assert_int_equal(state_each(s, collect, buf), 0);
	assert_string_equal(buf, "a.xml;b.xml;b/z.xml;c.xml;");
	assert_int_equal(state_meta_put(s, "shard", "1/3"), 0);
	assert_non_null(mode = state_meta_get(s, "shard"));
	assert_string_equal(mode, "1/3");
	free(mode);
	assert_null(state_meta_get(s, "nothing"));
	/* WAL: the log file is beside the database while it is open */
	snprintf(p, sizeof(p), "%s/state.db-wal", dir);
	assert_int_equal(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "%s/state.db", dir);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	state_close(s);
	diag_free(&d);
}

/* A child commits one group, starts a second and dies (as SIGKILL would
 * leave it): the first group is there, the second is not. */
static void
test_group_commit_survives_kill(void **st)
{
	struct state	*s;
	struct mentry	 e, g;
	struct diag	 d;
	pid_t		 pid;
	int		 status;

	(void)st;
	clean();
	if ((pid = fork()) == 0) {
		diag_init(&d, stderr);
		if (state_open(&s, dir, NULL, &d) == -1)
			_exit(2);
		full(&e, "done.xml");
		if (state_begin(s) || state_put(s, &e) || state_commit(s))
			_exit(3);
		full(&e, "in-flight.xml");
		if (state_begin(s) || state_put(s, &e))
			_exit(4);
		_exit(0);		/* no commit, no close */
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	diag_init(&d, stderr);
	assert_int_equal(state_open(&s, dir, NULL, &d), 0);
	assert_int_equal(state_get(s, "done.xml", &g), 1);
	mentry_free(&g);
	assert_int_equal(state_get(s, "in-flight.xml", &g), 0);
	state_close(s);
	diag_free(&d);
}

static void
test_import_once(void **st)
{
	struct manifest	 m;
	struct state	*s;
	struct mentry	 e, g;
	struct diag	 d;
	char		*v;
	int		 fresh;

	(void)st;
	clean();
	diag_init(&d, stderr);
	manifest_init(&m);
	full(&e, "x.xml");
	assert_int_equal(manifest_add(&m, &e), 0);
	full(&e, "y.xml");
	assert_int_equal(manifest_add(&m, &e), 0);
	m.shard = strdup("0/2");
	assert_int_equal(state_open(&s, dir, &fresh, &d), 0);
	assert_int_equal(fresh, 1);
	assert_int_equal(state_import(s, &m), 0);
	state_close(s);
	manifest_free(&m);

	assert_int_equal(state_open(&s, dir, &fresh, &d), 0);
	assert_int_equal(fresh, 0);		/* not imported again */
	assert_int_equal(state_get(s, "y.xml", &g), 1);
	assert_true(g.has_levels);
	mentry_free(&g);
	assert_non_null(v = state_meta_get(s, "shard"));
	assert_string_equal(v, "0/2");
	free(v);
	state_close(s);
	diag_free(&d);
}

/* state_each_index: rows shown only (not another shard's, not a gone
 * input's), a row not "ok" as its file only, the plan as the index
 * reads it; in the order asked. */
struct seen {
	char	 paths[8][32];
	char	 plan[64];
	int	 n, shown_as_file;
};

static int
see(void *arg, const struct index_row *r)
{
	struct seen	*v = arg;

	snprintf(v->paths[v->n++], sizeof(v->paths[0]), "%s", r->path);
	if (r->plan != NULL)
		snprintf(v->plan, sizeof(v->plan), "%s", r->plan);
	if (r->id == NULL && r->name == NULL && r->output == NULL &&
	    strcmp(r->status, "pending") == 0)
		v->shown_as_file = 1;
	return 0;
}

static void
test_marks_and_index_rows(void **st)
{
	struct state	*s;
	struct mentry	 e;
	struct manifest	 m;
	struct diag	 d;
	struct seen	 v;
	int		 fresh;

	(void)st;
	clean();
	diag_init(&d, stderr);
	assert_int_equal(state_open(&s, dir, &fresh, &d), 0);
	assert_int_equal(state_begin(s), 0);
	full(&e, "a.xml");
	e.outcome = S("ok");
	e.name = S("Zed");
	e.fde = 10;
	assert_int_equal(state_put(s, &e), 0);
	full(&e, "b.xml");
	e.outcome = S("ok");
	e.name = S("amy");
	e.fde = 90;
	assert_int_equal(state_put(s, &e), 0);
	full(&e, "c.xml");
	e.outcome = S("other-shard");
	assert_int_equal(state_put(s, &e), 0);
	full(&e, "d.xml");
	e.outcome = S("ok");
	assert_int_equal(state_put(s, &e), 0);
	full(&e, "0/f.xml");		/* shown as "f.xml", not "0/f.xml" */
	e.outcome = S("failed");
	assert_int_equal(state_put(s, &e), 0);
	/* marks: an input gone, an input to be done again, a new one */
	assert_int_equal(state_mark(s, "d.xml", "gone"), 0);
	assert_int_equal(state_mark(s, "a.xml", "pending"), 0);
	assert_int_equal(state_mark(s, "e.xml", "pending"), 0);
	assert_int_equal(state_commit(s), 0);
	/* a marked row keeps what makes it current or not */
	assert_int_equal(state_get(s, "a.xml", &e), 1);
	assert_string_equal(e.status, "ok");
	assert_string_equal(e.outcome, "pending");
	mentry_free(&e);
	/* a new row made by a mark is never current */
	assert_int_equal(state_get(s, "e.xml", &e), 1);
	assert_string_equal(e.status, "retry");
	assert_null(e.input_sha256);
	mentry_free(&e);

	memset(&v, 0, sizeof(v));
	assert_int_equal(state_each_index(s, INDEX_SORT_NAME, see, &v), 0);
	assert_int_equal(v.n, 4);		/* not c (shard), not d (gone) */
	assert_string_equal(v.paths[0], "a.xml");	/* "a.xml": no name */
	assert_string_equal(v.paths[1], "b.xml");	/* amy */
	assert_string_equal(v.paths[2], "e.xml");
	assert_string_equal(v.paths[3], "0/f.xml");	/* "f.xml" */
	assert_true(v.shown_as_file);
	assert_string_equal(v.plan, "dim:cloud,area:end_to_end");
	memset(&v, 0, sizeof(v));
	assert_int_equal(state_each_index(s, INDEX_SORT_FDE, see, &v), 0);
	assert_string_equal(v.paths[0], "b.xml");	/* 90 before 10 */
	state_close(s);

	/* merge-summaries' reader: every row, and the shard */
	assert_int_equal(state_read(dir, /*rows*/ 1, &m, &d), 1);
	assert_int_equal(m.n, 6);
	assert_non_null(manifest_find(&m, "c.xml"));
	manifest_free(&m);
	assert_int_equal(state_read("/nonexistent", 1, &m, &d), 0);
	assert_int_equal(state_read(dir, /*rows*/ 0, &m, &d), 1);
	assert_int_equal(m.n, 0);		/* the shard only */
	manifest_free(&m);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_order_and_mode),
		cmocka_unit_test(test_group_commit_survives_kill),
		cmocka_unit_test(test_import_once),
		cmocka_unit_test(test_marks_and_index_rows),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
