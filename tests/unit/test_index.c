/*
 * test_index.c: the streaming index writer (index.h).  A cohort up to
 * the volume size is one index.pdf; above it the volumes come first, in
 * order, each as it fills, and index.pdf last; a count that differs from
 * the one announced fails; a put() that fails stops the writer; the
 * streaming digest tells rows, order and volume size apart.
 *
 * Also a driver for measurements (docs/performance.md, "index.pdf at
 * scale") and tests/t_index_volumes.sh, not run by the suite:
 *
 *   build/test_index drive ROWS VOLUME_ROWS [DIR]
 *
 * feeds ROWS synthetic rows (in name order, made one at a time) to the
 * writer with volumes of VOLUME_ROWS (0: the default), writes the files
 * into DIR when given, and prints the files, bytes and the peak RSS.
 */
#include <sys/resource.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "index.h"
#include "load.h"
#include "model.h"

/* What put() was handed: the names in order and the sizes. */
struct got {
	char	 names[64][INDEX_VOLUME_NAME_MAX];
	size_t	 n, bytes;
	int	 fail_at;	/* put number (from 1) that fails; 0: none */
	const char *dir;	/* write the files there; NULL: do not */
};

static int
put(void *arg, const char *name, const unsigned char *pdf, size_t len)
{
	struct got	*g = arg;
	char		 path[4096];
	FILE		*f;

	if (g->n < 64)
		snprintf(g->names[g->n], sizeof(g->names[0]), "%s", name);
	g->n++;
	g->bytes += len;
	if (g->fail_at > 0 && g->n == (size_t)g->fail_at)
		return -1;
	if (len < 5 || memcmp(pdf, "%PDF-", 5) != 0)
		return -1;
	if (g->dir != NULL) {
		snprintf(path, sizeof(path), "%s/%s", g->dir, name);
		if ((f = fopen(path, "wb")) == NULL)
			return -1;
		if (fwrite(pdf, 1, len, f) != len) {
			fclose(f);
			return -1;
		}
		if (fclose(f) != 0)
			return -1;
	}
	return 0;
}

/* Row i of a synthetic cohort, in name order, in buf's strings. */
struct synth {
	char	 id[32], name[48], path[64], out[40];
};

static void
synth_row(size_t i, struct synth *s, struct index_row *r)
{
	static const char *const recs[] = { "fde", "mlops", "either",
	    "not_yet" };
	unsigned	 h = (unsigned)i * 2654435761u;

	snprintf(s->id, sizeof(s->id), "cand-%07zu", i);
	snprintf(s->name, sizeof(s->name), "Candidate %07zu", i);
	snprintf(s->path, sizeof(s->path), "in/cand-%07zu.xml", i);
	snprintf(s->out, sizeof(s->out), "cand-%07zu.pdf", i);
	memset(r, 0, sizeof(*r));
	r->id = s->id;
	r->name = s->name;
	r->path = s->path;
	r->market = i % 3 ? "US" : "IN";
	r->seniority = i % 2 ? "senior" : "mid";
	r->status = "ok";
	r->output = s->out;
	r->has_fit = i % 50 != 7;
	r->fde = (double)(h % 1000) / 10.0;
	r->mlops = (double)((h >> 10) % 1000) / 10.0;
	r->rec = recs[(h >> 20) % 4];
	r->levels = i % 4 ? "cloud=2,containers=3,ml_frameworks=1" : NULL;
	r->plan = i % 5 ? "dim:cloud,area:end_to_end" : NULL;
	if (i % 97 == 3) {		/* an invalid profile: no report */
		r->id = r->name = r->output = NULL;
		r->status = "invalid";
		r->has_fit = 0;
	}
}

static struct index_opts
opts(size_t vrows)
{
	struct index_opts	 o;

	memset(&o, 0, sizeof(o));
	o.date = "2026-03-01";
	o.date_t = 1772366400;
	o.volume_rows = vrows;
	return o;
}

/* Writes n synthetic rows; index_close's result. */
static int
write_rows(size_t n, const struct index_opts *o, struct got *g,
    size_t announce)
{
	struct index_writer	*w;
	struct index_row	 r;
	struct synth		 s;
	struct diag		 d;
	size_t			 i;
	int			 rc;

	diag_init(&d, NULL);
	w = index_open(RG_DATADIR, o, announce, put, g, &d);
	assert_non_null(w);
	for (i = 0; i < n; i++) {
		synth_row(i, &s, &r);
		if (index_add(w, &r) == -1)
			break;
	}
	rc = index_close(w);
	diag_free(&d);
	return rc;
}

static void
small_cohort_is_one_file(void **state)
{
	struct index_opts	 o = opts(10);
	struct got		 g = { .n = 0 };

	(void)state;
	assert_int_equal(write_rows(10, &o, &g, 10), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.names[0], INDEX_NAME);
}

static void
large_cohort_volumes_first_overview_last(void **state)
{
	struct index_opts	 o = opts(3);
	struct got		 g = { .n = 0 };

	(void)state;
	assert_int_equal(write_rows(7, &o, &g, 7), 0);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.names[0], "index.001.pdf");
	assert_string_equal(g.names[1], "index.002.pdf");
	assert_string_equal(g.names[2], "index.003.pdf");
	assert_string_equal(g.names[3], INDEX_NAME);
}

static void
count_other_than_announced_fails(void **state)
{
	struct index_opts	 o = opts(3);
	struct got		 g = { .n = 0 };

	(void)state;
	assert_int_equal(write_rows(5, &o, &g, 7), -1);	/* too few */
	assert_int_equal(g.n, 1);	/* volume 1 only, no index.pdf */
	memset(&g, 0, sizeof(g));
	assert_int_equal(write_rows(8, &o, &g, 7), -1);	/* too many */
	memset(&g, 0, sizeof(g));
	assert_int_equal(write_rows(2, &o, &g, 3), -1);	/* one file */
	assert_int_equal(g.n, 0);
}

static void
failed_put_stops_the_writer(void **state)
{
	struct index_opts	 o = opts(3);
	struct got		 g = { .n = 0, .fail_at = 2 };

	(void)state;
	assert_int_equal(write_rows(9, &o, &g, 9), -1);
	assert_int_equal(g.n, 2);	/* nothing after the failure */
}

static void
digest_of(size_t n, const struct index_opts *o, size_t change,
    char out[HASH_HEX_LEN])
{
	struct index_digest	*dg;
	struct index_row	 r;
	struct synth		 s;
	size_t			 i;

	assert_non_null(dg = index_digest_open(o, n));
	for (i = 0; i < n; i++) {
		synth_row(i, &s, &r);
		if (i + 1 == change)
			r.fde += 1;
		assert_int_equal(index_digest_add(dg, &r), 0);
	}
	assert_int_equal(index_digest_close(dg, out), 0);
}

static void
digest_tells_rows_and_volumes_apart(void **state)
{
	struct index_opts	 o5 = opts(5), o6 = opts(6), o100 = opts(100);
	char			 a[HASH_HEX_LEN], b[HASH_HEX_LEN];

	(void)state;
	digest_of(20, &o5, 0, a);
	digest_of(20, &o5, 0, b);
	assert_string_equal(a, b);
	digest_of(20, &o5, 13, b);		/* a fit changed */
	assert_string_not_equal(a, b);
	digest_of(20, &o6, 0, b);		/* other volumes */
	assert_string_not_equal(a, b);
	/* one file: the volume size does not matter */
	digest_of(20, &o100, 0, a);
	o100.volume_rows = 50;
	digest_of(20, &o100, 0, b);
	assert_string_equal(a, b);
}

/* The measuring driver (see the top of the file). */
static int
drive(int argc, char **argv)
{
	struct index_opts	 o;
	struct rusage		 ru;
	struct loader		*L;
	struct diag		 d;
	struct got		 g;
	size_t			 n;
	int			 rc;

	if (argc < 4)
		return 64;
	n = strtoul(argv[2], NULL, 10);
	o = opts(strtoul(argv[3], NULL, 10));
	memset(&g, 0, sizeof(g));
	g.dir = argc > 4 ? argv[4] : NULL;
	diag_init(&d, NULL);
	if ((L = loader_new(RG_DATADIR, NULL, &d)) == NULL)
		return 70;
	o.market = loader_market(L);
	rc = write_rows(n, &o, &g, n);
	getrusage(RUSAGE_SELF, &ru);
	printf("rows %zu files %zu bytes %zu peak_rss_kb %ld rc %d\n", n, g.n,
	    g.bytes, ru.ru_maxrss, rc);
	loader_free(L);
	diag_free(&d);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_cohort_is_one_file),
		cmocka_unit_test(large_cohort_volumes_first_overview_last),
		cmocka_unit_test(count_other_than_announced_fails),
		cmocka_unit_test(failed_put_stops_the_writer),
		cmocka_unit_test(digest_tells_rows_and_volumes_apart),
	};

	if (argc > 1 && strcmp(argv[1], "drive") == 0)
		return drive(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
