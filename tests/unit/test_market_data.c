/*
 * test_market_data.c: data/market.xml as load_market.c reads it (run from
 * the repository root): each band's basis, kind and scope, the references'
 * jobs, the article's worded comparisons, the as-of month and when the
 * data goes stale, and the one warning that says so.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "load.h"

static struct market	*M;
static struct diag	 D;

static int
setup(void **state)
{
	(void)state;
	diag_init(&D, NULL);
	D.keep = 1;
	M = market_load("schemas/market.xsd", "data/market.xml", &D);
	return M == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	market_free(M);
	diag_free(&D);
	return 0;
}

static const struct band *
band(enum mkt k, enum role r, enum seniority s)
{
	int	 i;

	for (i = 0; i < M->nbands; i++)
		if (M->bands[i].market == k && M->bands[i].role == r &&
		    M->bands[i].seniority == s)
			return &M->bands[i];
	return NULL;
}

/* India MLOps: no basis in the article; senior and staff our estimate,
 * staff without a "+". */
static void
india_mlops_is_unstated_and_estimated(void **state)
{
	const struct band	*b;

	(void)state;
	b = band(MKT_IN, ROLE_MLOPS, SEN_MID);
	assert_non_null(b);
	assert_int_equal(b->basis, BASIS_UNSTATED);
	assert_int_equal(b->kind, KIND_PUBLISHED);
	b = band(MKT_IN, ROLE_MLOPS, SEN_SENIOR);
	assert_non_null(b);
	assert_int_equal(b->basis, BASIS_UNSTATED);
	assert_int_equal(b->kind, KIND_ESTIMATE);
	b = band(MKT_IN, ROLE_MLOPS, SEN_STAFF);
	assert_non_null(b);
	assert_int_equal(b->kind, KIND_ESTIMATE);
	assert_int_equal(b->open_ended, 0);
	assert_string_equal(basis_id(b->basis), "unstated");
	assert_string_equal(kind_id(b->kind), "estimate");
}

/* The India FDE figure says what it covers, at every level. */
static void
india_fde_has_its_scope(void **state)
{
	enum seniority	 s;

	(void)state;
	for (s = SEN_MID; s <= SEN_STAFF; s++) {
		assert_non_null(band(MKT_IN, ROLE_FDE, s));
		assert_non_null(band(MKT_IN, ROLE_FDE, s)->scope);
		assert_non_null(strstr(band(MKT_IN, ROLE_FDE, s)->scope,
		    "global remote"));
	}
	assert_null(band(MKT_US, ROLE_FDE, SEN_MID)->scope);
}

/* Glassdoor's figure is for ML engineers, not one of the two roles. */
static void
glassdoor_is_ml_engineers(void **state)
{
	int	 i, seen = 0;

	(void)state;
	for (i = 0; i < M->nrefs; i++) {
		if (strcmp(M->sources[M->refs[i].source].id, "glassdoor") != 0)
			continue;
		seen = 1;
		assert_int_equal(M->refs[i].role, -1);
		assert_non_null(strstr(M->refs[i].job, "ML engineer"));
	}
	assert_true(seen);
}

/* The article's comparisons in words are read, each with a source. */
static void
facts_are_read(void **state)
{
	(void)state;
	assert_int_equal(M->nfacts, 3);
	assert_string_equal(M->facts[0].id, "mlops-open-roles");
	assert_int_equal(M->facts[0].role, ROLE_MLOPS);
	assert_int_equal(M->facts[2].role, -1);
	assert_string_equal(M->sources[M->facts[1].source].id, "article");
}

/* As of 2026-05: fresh through 2027-05, stale from 2027-06, warned once
 * per call, with the data's date in the message. */
static void
stale_after_twelve_months(void **state)
{
	(void)state;
	assert_int_equal(M->as_of_ym.year, 2026);
	assert_int_equal(M->as_of_ym.month, 5);
	assert_int_equal(market_stale(M, (struct ym){ 2026, 11 }), 0);
	assert_int_equal(market_stale(M, (struct ym){ 2027, 5 }), 0);
	assert_int_equal(market_stale(M, (struct ym){ 2027, 6 }), 1);
	diag_reset(&D);
	assert_int_equal(market_warn_stale(M, (struct ym){ 2027, 5 }, &D), 0);
	assert_true(D.buf == NULL || D.len == 0);
	assert_int_equal(market_warn_stale(M, (struct ym){ 2030, 1 }, &D), 1);
	assert_non_null(strstr(D.buf, "warning: the market data is as of "
	    "2026-05-12"));
	assert_int_equal(D.count[SEV_WARNING], 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(india_mlops_is_unstated_and_estimated),
		cmocka_unit_test(india_fde_has_its_scope),
		cmocka_unit_test(glassdoor_is_ml_engineers),
		cmocka_unit_test(facts_are_read),
		cmocka_unit_test(stale_after_twelve_months),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
