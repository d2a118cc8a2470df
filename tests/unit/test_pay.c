/*
 * test_pay.c: current pay against a band (score_compare_pay) and the
 * sentences that say it (paytext.h).  Each test is one rule of issue 11:
 * an open-ended band has no top, pay is compared only like for like, an
 * estimate is never "published", a figure with no stated basis is never
 * "base salary", a sentence is never filled with a placeholder, and a
 * negative change uses U+2212.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "paytext.h"
#include "score.h"

#define MINUS	"\xe2\x88\x92"

static struct market	 m;
static struct profile	 p;
static struct assessment a;
static struct band	 b;
static char		 s[1000];

static int
setup(void **state)
{
	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&p, 0, sizeof(p));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	m.roles[ROLE_FDE].name = "Forward Deployed Engineer";
	m.roles[ROLE_FDE].short_name = "FDE";
	m.roles[ROLE_MLOPS].name = "MLOps Engineer";
	m.roles[ROLE_MLOPS].short_name = "MLOps";
	m.seniority_name[SEN_JUNIOR] = "Junior";
	m.seniority_name[SEN_MID] = "Mid-level (3–5 yrs)";
	m.seniority_name[SEN_SENIOR] = "Senior (5–8 yrs)";
	m.seniority_name[SEN_STAFF] = "Staff / Principal";
	m.as_of = "2026-05-12";
	m.as_of_ym = (struct ym){ 2026, 5 };
	a.profile = &p;
	a.market = &m;
	a.seniority = SEN_STAFF;
	a.today = (struct ym){ 2026, 11 };
	return 0;
}

static void
usd_band(long min, long max, int open, enum basis basis)
{
	b.market = MKT_US;
	b.currency = CUR_USD;
	b.min = min;
	b.max = max;
	b.open_ended = open;
	b.basis = basis;
	b.kind = KIND_PUBLISHED;
}

static void
pay(long amount, enum currency c, enum basis basis)
{
	p.has_comp = 1;
	p.comp_amount = amount;
	p.comp_currency = c;
	p.comp_basis = basis;
}

/* Role r gets band b and its comparison, as score.c's pay() does. */
static void
compare(enum role r)
{
	a.bands[r] = &b;
	score_compare_pay(&p, &b, &a.pay[r]);
	pay_compare_sentence(s, sizeof(s), &a, r);
}

/* $320K total against "$300K+": at or above the floor, and the sentence
 * never offers "-$20K or more" nor calls the pay above the band. */
static void
open_band_has_no_top(void **state)
{
	(void)state;
	usd_band(300000, 0, 1, BASIS_TOTAL);
	pay(320000, CUR_USD, BASIS_TOTAL);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_AT_OR_ABOVE_FLOOR);
	assert_string_equal(comparison_id(a.pay[ROLE_FDE].cmp),
	    "at_or_above_floor");
	assert_non_null(strstr(s, "at or above the band's floor ($300K)"));
	assert_null(strstr(s, "or more"));
	assert_null(strstr(s, "above the top"));
	assert_null(strstr(s, "-$"));
	assert_null(strstr(s, MINUS));
}

/* $250K against "$220K–$300K+": inside, with the published top named. */
static void
open_band_with_published_top(void **state)
{
	(void)state;
	usd_band(220000, 300000, 1, BASIS_TOTAL);
	pay(250000, CUR_USD, BASIS_TOTAL);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_AT_OR_ABOVE_FLOOR);
	assert_non_null(strstr(s, "+$50K (+20%) to its published top "
	    "($300K)"));

	pay(200000, CUR_USD, BASIS_TOTAL);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_BELOW);
	assert_non_null(strstr(s, "below the band: +$20K at its floor to "
	    "+$100K at its top (+10% to +50%), and more beyond its top"));

	/* "$300K+" has no top: below it, only "or more" to its floor */
	usd_band(300000, 0, 1, BASIS_TOTAL);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_BELOW);
	assert_non_null(strstr(s, "reaching its floor ($300K) would mean "
	    "+$100K (+50%) or more"));
}

/* Below, within and above a closed band, like for like. */
static void
closed_band_below_within_above(void **state)
{
	(void)state;
	usd_band(180000, 230000, 0, BASIS_BASE);
	pay(150000, CUR_USD, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_BELOW);
	assert_non_null(strstr(s, "below the band: +$30K at its floor to "
	    "+$80K at its top (+20% to +53%)"));

	pay(215000, CUR_USD, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_WITHIN);
	assert_non_null(strstr(s, "within the band: " MINUS "$35K at its "
	    "floor to +$15K at its top (" MINUS "16% to +7%)"));
	assert_null(strchr(s, '-'));

	pay(250000, CUR_USD, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_ABOVE);
	assert_non_null(strstr(s, "above the top of the band ($230K) by "
	    "$20K"));

	/* the edges belong to the band */
	pay(230000, CUR_USD, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_WITHIN);
	pay(180000, CUR_USD, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_WITHIN);
}

/* Base against a total band: no above or below, and "above the top" is
 * said only when it follows (a base above a total band's top). */
static void
different_basis_is_not_ranked(void **state)
{
	(void)state;
	usd_band(160000, 220000, 0, BASIS_TOTAL);
	pay(200000, CUR_USD, BASIS_BASE);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_DIFFERENT_BASIS);
	assert_string_equal(comparison_id(a.pay[ROLE_FDE].cmp),
	    "different_basis");
	assert_null(strstr(s, "above the top"));
	assert_null(strstr(s, "below the band"));
	assert_non_null(strstr(s, "set the band against your own total "
	    "compensation"));

	pay(250000, CUR_USD, BASIS_BASE);
	compare(ROLE_FDE);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_DIFFERENT_BASIS);
	assert_non_null(strstr(s, "your base salary alone is above the "
	    "band's top ($220K), so your total compensation is too"));

	/* total compensation above a base band says nothing */
	usd_band(180000, 230000, 0, BASIS_BASE);
	pay(300000, CUR_USD, BASIS_TOTAL);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_DIFFERENT_BASIS);
	assert_null(strstr(s, "above the"));
}

/* India MLOps: no basis in the article, the senior band our estimate. */
static void
unstated_estimate_is_neither_base_nor_published(void **state)
{
	(void)state;
	b.market = MKT_IN;
	b.currency = CUR_INR;
	b.min = 3000000;
	b.max = 4000000;
	b.basis = BASIS_UNSTATED;
	b.kind = KIND_ESTIMATE;
	pay(3500000, CUR_INR, BASIS_BASE);
	a.seniority = SEN_SENIOR;
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_DIFFERENT_BASIS);
	assert_non_null(strstr(s, "\xe2\x82\xb9" "30\xe2\x80\x93" "40L (our "
	    "estimate; base or total not stated)"));
	assert_null(strstr(s, "published"));
	assert_null(strstr(s, "within"));
	pay_level_sentence(s, sizeof(s), &a, ROLE_MLOPS);
	assert_null(strstr(s, "published"));
	assert_null(strstr(s, "base salary"));
	assert_non_null(strstr(s, "our estimate"));
	pay_band_words(s, sizeof(s), &b);
	assert_null(strstr(s, "base salary"));
	assert_null(strstr(s, "total compensation"));
}

/* The India FDE figure carries its scope wherever it is shown. */
static void
scope_is_said_with_the_band(void **state)
{
	(void)state;
	b.currency = CUR_INR;
	b.min = 2500000;
	b.max = 6000000;
	b.open_ended = 1;
	b.basis = BASIS_TOTAL;
	b.scope = "one figure for all levels, for global remote FDE roles "
	    "open to engineers in India";
	a.bands[ROLE_FDE] = &b;
	pay_level_sentence(s, sizeof(s), &a, ROLE_FDE);
	assert_non_null(strstr(s, "\xe2\x82\xb9" "25\xe2\x80\x93" "60L+ "
	    "total compensation (one figure for all levels, for global remote "
	    "FDE roles open to engineers in India)"));
}

/* No band, another currency, no pay: not comparable, and each case has
 * its own sentence, never a placeholder in a template. */
static void
no_band_and_other_currency_have_their_sentences(void **state)
{
	(void)state;
	a.seniority = SEN_JUNIOR;
	pay(100000, CUR_USD, BASIS_BASE);
	a.bands[ROLE_FDE] = NULL;
	score_compare_pay(&p, NULL, &a.pay[ROLE_FDE]);
	assert_int_equal(a.pay[ROLE_FDE].cmp, CMP_NOT_COMPARABLE);
	assert_string_equal(comparison_id(a.pay[ROLE_FDE].cmp),
	    "not_comparable");
	pay_compare_sentence(s, sizeof(s), &a, ROLE_FDE);
	assert_non_null(strstr(s, "the article gives no figure for your "
	    "level (Junior)"));
	assert_null(strstr(s, "is no published figure"));

	a.bands[ROLE_MLOPS] = NULL;
	pay_levels_sentence(s, sizeof(s), &a);
	assert_string_equal(s, "The article gives no pay figure for your "
	    "level (Junior) in either role.");

	usd_band(100000, 140000, 0, BASIS_BASE);
	pay(3000000, CUR_INR, BASIS_BASE);
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_NOT_COMPARABLE);
	assert_non_null(strstr(s, "in INR and the band in USD"));

	p.has_comp = 0;
	compare(ROLE_MLOPS);
	assert_int_equal(a.pay[ROLE_MLOPS].cmp, CMP_NOT_COMPARABLE);
	assert_string_equal(s, "");
}

/* Figures as of the data's date; stale more than 12 months after it. */
static void
as_of_and_stale(void **state)
{
	(void)state;
	pay_as_of_sentence(s, sizeof(s), &m, (struct ym){ 2027, 5 });
	assert_string_equal(s, "Figures as of 12 May 2026.");
	assert_int_equal(market_stale(&m, (struct ym){ 2027, 5 }), 0);
	assert_int_equal(market_stale(&m, (struct ym){ 2027, 6 }), 1);
	pay_as_of_sentence(s, sizeof(s), &m, (struct ym){ 2027, 6 });
	assert_non_null(strstr(s, "may be out of date"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(open_band_has_no_top, setup),
		cmocka_unit_test_setup(open_band_with_published_top, setup),
		cmocka_unit_test_setup(closed_band_below_within_above, setup),
		cmocka_unit_test_setup(different_basis_is_not_ranked, setup),
		cmocka_unit_test_setup(
		    unstated_estimate_is_neither_base_nor_published, setup),
		cmocka_unit_test_setup(scope_is_said_with_the_band, setup),
		cmocka_unit_test_setup(
		    no_band_and_other_currency_have_their_sentences, setup),
		cmocka_unit_test_setup(as_of_and_stale, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
