/*
 * test_score.c: score_assess, one behaviour per test, against the C-built
 * market of score_fixture.h (its numbers mirror data/market.xml).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "score.h"
#include "score_fixture.h"

#define EPS	1e-9


static int
plan_has_dim(const struct assessment *a, int d)
{
	int	 i;

	for (i = 0; i < a->nplan; i++)
		if (a->plan[i].dim == d)
			return 1;
	return 0;
}

static int
plan_has_area(const struct assessment *a, const char *id)
{
	int	 i;

	for (i = 0; i < a->nplan; i++)
		if (a->plan[i].area >= 0 &&
		    strcmp(a->market->areas[a->plan[i].area].id, id) == 0)
			return 1;
	return 0;
}

/* Level 0 everywhere: no skill points, every requirement is a gap. */
static void
all_zero_skills_earn_no_skill_points(void **state)
{
	struct fx_state	*f = *state;
	int		 d, r;

	for (d = 0; d < FX_NDIMS; d++)
		fx_skill(&f->p, d, 0, 0, 0, 0);
	fx_assess(f);
	for (r = 0; r < ROLE__N; r++) {
		assert_true(f->a.fit[r].skills.points == 0);
		assert_true(f->a.fit[r].score >= 0);
	}
	for (d = 0; d < FX_NDIMS; d++) {
		assert_int_equal(f->a.dims[d].effective, 0);
		assert_int_equal(f->a.dims[d].gap[ROLE_FDE],
		    fx_dims[d].fde_level);
		assert_int_equal(f->a.dims[d].gap[ROLE_MLOPS],
		    fx_dims[d].mlops_level);
	}
	/* 4 years, no signal: 0.6 x 15 = 9; neutral preference 7.5. */
	assert_true(fabs(f->a.fit[ROLE_FDE].score - 16.5) < EPS);
	/* nothing shown at all: too little to judge, not a "not yet" */
	assert_int_equal(f->a.rec, REC_INSUFFICIENT);
}

/* Level 5 with evidence, full experience, full agreement: 100, no gaps. */
static void
all_maximum_skills_reach_the_top(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;
	int		 d, i;

	fx_all_skills(&f->p, LEVEL_MAX);
	ps = fx_position(&f->p, 2020, 1, 0, 0);
	ps->customer_facing = 1;
	ps->end_to_end = 1;
	ps->pipelines = 6;
	for (i = 0; i < 8; i++)
		fx_agree(&f->p, fx_statement_ids[i], 5);
	fx_assess(f);
	for (d = 0; d < FX_NDIMS; d++) {
		assert_int_equal(f->a.dims[d].effective, LEVEL_MAX);
		assert_int_equal(f->a.dims[d].gap[ROLE_FDE], 0);
		assert_int_equal(f->a.dims[d].gap[ROLE_MLOPS], 0);
	}
	assert_true(fabs(f->a.fit[ROLE_FDE].score - 100) < 1e-6);
	assert_true(fabs(f->a.fit[ROLE_MLOPS].score - 100) < 1e-6);
	assert_int_equal(f->a.nplan, 0);
	assert_int_equal(f->a.nphases, 0);
	assert_int_equal(f->a.nraises[ROLE_FDE], 0);
	assert_int_equal(f->a.rec, REC_EITHER);
}

/* No preferences, positions or pay: neutral preference, no signal, no
 * pay change. */
static void
missing_optional_parts_fall_back(void **state)
{
	struct fx_state	*f = *state;
	int		 r;

	fx_skill(&f->p, FX_PYTHON, 3, 2, 1, 0);
	fx_assess(f);
	for (r = 0; r < ROLE__N; r++) {
		assert_int_equal(f->a.fit[r].answered, 0);
		assert_true(f->a.fit[r].preference.value ==
		    f->m.neutral_preference);
		assert_true(f->a.fit[r].signal_value == 0);
		assert_int_equal(f->a.pay[r].valid, 0);
		assert_non_null(f->a.bands[r]);	/* mid-level US bands */
	}
	assert_string_equal(f->a.dims[FX_CLOUD].evidence,
	    "not rated; no evidence");
	assert_int_equal(f->a.dims[FX_CLOUD].source, LEVEL_INFERRED);
}

/* One year in production: junior, no band, not yet, and told why. */
static void
junior_is_not_yet(void **state)
{
	struct fx_state	*f = *state;

	f->p.production_years = 1;
	fx_all_skills(&f->p, 4);
	fx_assess(f);
	assert_int_equal(f->a.seniority, SEN_JUNIOR);
	assert_null(f->a.bands[ROLE_FDE]);
	assert_null(f->a.bands[ROLE_MLOPS]);
	assert_int_equal(f->a.rec, REC_NOT_YET);
	assert_true(f->a.nreasons >= 2);
	assert_non_null(strstr(f->a.reasons[0], "1 year of production"));
	assert_non_null(strstr(f->a.reasons[1], "Build first:"));
	assert_true(plan_has_area(&f->a, f->a.plan_role == ROLE_FDE ?
	    "production_fde" : "production_mlops"));
}

/* Nine years: staff; the FDE staff band has no maximum. */
static void
staff_engineer_gets_staff_band(void **state)
{
	struct fx_state	*f = *state;

	f->p.production_years = 9;
	fx_comp(&f->p, 250000, CUR_USD, BASIS_TOTAL);
	fx_assess(f);
	assert_int_equal(f->a.seniority, SEN_STAFF);
	assert_non_null(f->a.bands[ROLE_FDE]);
	assert_int_equal(f->a.bands[ROLE_FDE]->seniority, SEN_STAFF);
	assert_int_equal(f->a.pay[ROLE_FDE].valid, 1);
	assert_int_equal(f->a.pay[ROLE_FDE].low, 50000);
	assert_int_equal(f->a.pay[ROLE_FDE].open_ended, 1);
	assert_int_equal(f->a.pay[ROLE_FDE].same_basis, 1);
	assert_int_equal(f->a.pay[ROLE_MLOPS].valid, 1);
	assert_int_equal(f->a.pay[ROLE_MLOPS].low, 180000 - 250000);
	assert_int_equal(f->a.pay[ROLE_MLOPS].high, 230000 - 250000);
	assert_int_equal(f->a.pay[ROLE_MLOPS].same_basis, 0);
}

/* Pay in another currency than the band is not compared. */
static void
other_currency_pay_is_not_compared(void **state)
{
	struct fx_state	*f = *state;

	fx_comp(&f->p, 3000000, CUR_INR, BASIS_BASE);
	fx_assess(f);
	assert_int_equal(f->a.pay[ROLE_FDE].valid, 0);
	assert_int_equal(f->a.pay[ROLE_MLOPS].valid, 0);
}

/* Identical fits: either role. */
static void
equal_fits_give_either(void **state)
{
	struct fx_state	*f = *state;

	fx_all_skills(&f->p, LEVEL_MAX);
	fx_assess(f);
	assert_true(f->a.fit[ROLE_FDE].score == f->a.fit[ROLE_MLOPS].score);
	assert_int_equal(f->a.rec, REC_EITHER);
	assert_non_null(strstr(f->a.reasons[0], "within 5.0 points"));
	/* Undecided and a tie: the plan aims at FDE. */
	assert_int_equal(f->a.plan_role, ROLE_FDE);
}

/* "K8s" is a synonym of containers: an unrated dimension rises to the
 * keyword floor (1). */
static void
keyword_synonym_raises_to_floor(void **state)
{
	struct fx_state	*f = *state;

	fx_keyword(&f->p, &f->m, "K8s");
	fx_assess(f);
	assert_int_equal(f->p.keywords[0].dim, FX_CONTAINERS);
	assert_int_equal(f->a.dims[FX_CONTAINERS].keywords, 1);
	assert_int_equal(f->a.dims[FX_CONTAINERS].claimed, 0);
	assert_int_equal(f->a.dims[FX_CONTAINERS].effective,
	    f->m.evidence.keyword_floor);
	assert_non_null(strstr(f->a.dims[FX_CONTAINERS].evidence, "K8s"));
}

/* A keyword no synonym matches changes nothing. */
static void
unknown_keyword_counts_for_nothing(void **state)
{
	struct fx_state		*f = *state;
	struct assessment	*before;
	int			 d, r;

	fx_skill(&f->p, FX_CONTAINERS, 3, 1, 1, 0);
	fx_assess(f);
	before = malloc(sizeof(*before));
	assert_non_null(before);
	*before = f->a;
	fx_keyword(&f->p, &f->m, "Cobol-on-wheels");
	assert_int_equal(f->p.keywords[0].dim, -1);
	fx_assess(f);
	for (d = 0; d < FX_NDIMS; d++) {
		assert_int_equal(f->a.dims[d].keywords, 0);
		assert_true(f->a.dims[d].evidence_points ==
		    before->dims[d].evidence_points);
		assert_int_equal(f->a.dims[d].effective,
		    before->dims[d].effective);
	}
	for (r = 0; r < ROLE__N; r++)
		assert_memory_equal(&f->a.fit[r], &before->fit[r],
		    sizeof(f->a.fit[r]));
	free(before);
}

/* A claimed 5 with no evidence at all is held at the unproven cap (2). */
static void
evidence_caps_unproven_claim(void **state)
{
	struct fx_state	*f = *state;

	fx_skill(&f->p, FX_CLOUD, 5, 0, 0, 0);
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CLOUD].claimed, 5);
	assert_int_equal(f->a.dims[FX_CLOUD].ceiling, 2);
	assert_int_equal(f->a.dims[FX_CLOUD].effective, 2);
	assert_non_null(strstr(f->a.dims[FX_CLOUD].evidence, "held at 2"));
}

/* The article's three areas for an MLOps engineer moving to FDE. */
static void
mlops_to_fde_plan_has_three_areas(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;

	f->p.family = FAM_MLOPS;
	f->p.target = TARGET_FDE;
	f->p.production_years = 6;
	fx_skill(&f->p, FX_PYTHON, 4, 6, 5, 0);
	fx_skill(&f->p, FX_CLOUD, 4, 5, 4, 1);
	fx_skill(&f->p, FX_CONTAINERS, 5, 5, 6, 1);
	fx_skill(&f->p, FX_ML, 3, 3, 2, 0);
	fx_skill(&f->p, FX_PIPELINES, 5, 5, 8, 0);
	fx_skill(&f->p, FX_CUSTOMER, 1, 0, 1, 0);
	fx_skill(&f->p, FX_CICD, 5, 5, 6, 0);
	fx_skill(&f->p, FX_BUSINESS, 1, 0, 0, 0);
	ps = fx_position(&f->p, 2020, 5, 0, 0);
	ps->pipelines = 9;
	ps->on_call = 1;
	fx_assess(f);
	assert_int_equal(f->a.plan_role, ROLE_FDE);
	assert_true(plan_has_dim(&f->a, FX_CUSTOMER));
	assert_true(plan_has_dim(&f->a, FX_BUSINESS));
	assert_true(plan_has_area(&f->a, "end_to_end"));
	/* The MLOps strengths are not in an FDE plan. */
	assert_false(plan_has_dim(&f->a, FX_PIPELINES));
	/* Highest impact first: customer is 20 x 4 = 80 (business 18 x 4,
	 * end-to-end 30), with one action per level of gap. */
	assert_int_equal(f->a.plan[0].dim, FX_CUSTOMER);
	assert_true(f->a.plan[0].impact == 80);
	assert_int_equal(f->a.plan[0].nactions, 4);
	assert_int_equal(f->a.plan[1].dim, FX_BUSINESS);
}

/* Phases add up to the plan, and weeks follow hours a week. */
static void
phases_sum_to_plan(void **state)
{
	struct fx_state	*f = *state;
	double		 h = 0;
	int		 i, weeks = 0, start = 1;

	f->p.hours_per_week = 7;
	f->p.target = TARGET_MLOPS;
	fx_assess(f);
	assert_true(f->a.nplan > 0);
	assert_true(f->a.nphases > 0);
	assert_true(f->a.hours_per_week == 7);
	for (i = 0; i < f->a.nphases; i++) {
		h += f->a.phases[i].hours;
		weeks += f->a.phases[i].weeks;
		assert_int_equal(f->a.phases[i].start_week, start);
		assert_int_equal(f->a.phases[i].weeks,
		    (int)ceil(f->a.phases[i].hours / 7 - 1e-9));
		start += f->a.phases[i].weeks;
		if (i > 0)
			assert_true(f->a.phases[i].info >
			    f->a.phases[i - 1].info);
	}
	assert_true(fabs(h - f->a.plan_hours) < EPS);
	assert_int_equal(weeks, f->a.plan_weeks);
	assert_true(f->a.nplan <= f->m.plan_max_items);
	for (i = 1; i < f->a.nplan; i++)
		assert_true(f->a.plan[i].impact <= f->a.plan[i - 1].impact);

	/* No hours given: the market's default. */
	f->p.hours_per_week = 0;
	fx_assess(f);
	assert_true(f->a.hours_per_week == f->m.default_hours_per_week);
}

/* Raises come biggest first, and a skill raise's delta is what the fit
 * really gains when that level is reached. */
static void
raises_ordered_by_delta(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;
	struct raise	 top;
	double		 before;
	int		 r, i;


	f->p.production_years = 2.5;
	fx_skill(&f->p, FX_PYTHON, 3, 3, 2, 0);
	fx_skill(&f->p, FX_CUSTOMER, 2, 1, 1, 0);
	fx_skill(&f->p, FX_CONTAINERS, 2, 1, 1, 0);
	fx_skill(&f->p, FX_PIPELINES, 2, 0, 0, 0);
	fx_skill(&f->p, FX_CICD, 2, 0, 0, 0);
	ps = fx_position(&f->p, 2023, 1, 2024, 7);	/* 1.5 years */
	ps->customer_facing = 1;
	fx_assess(f);
	for (r = 0; r < ROLE__N; r++) {
		assert_int_equal(f->a.nraises[r], 2);
		assert_true(f->a.raises[r][0].delta >=
		    f->a.raises[r][1].delta);
		assert_true(f->a.raises[r][1].delta > 0);
	}
	/* FDE's best: customer 2 -> 3 is 70 x 20 / 5 / 100 = 2.8 points. */
	top = f->a.raises[ROLE_FDE][0];
	assert_int_equal(top.dim, FX_CUSTOMER);
	assert_int_equal(top.to_level, 3);
	assert_true(fabs(top.delta - 2.8) < EPS);
	assert_non_null(strstr(top.what, "Reach level 3 in Customer"));

	before = f->a.fit[ROLE_FDE].score;
	for (i = 0; i < f->p.nskills; i++)
		if (f->p.skills[i].dim == FX_CUSTOMER) {
			f->p.skills[i].level = 3;
			f->p.skills[i].years = 5;
		}
	fx_assess(f);
	assert_true(fabs(f->a.fit[ROLE_FDE].score - before - top.delta) <
	    1e-9);
}

/* The same input twice: identical assessments, byte for byte. */
static void
scoring_is_deterministic(void **state)
{
	struct fx_state		*f = *state;
	struct assessment	*b;

	fx_all_skills(&f->p, 3);
	fx_agree(&f->p, "fde-1", 4);
	fx_assess(f);
	b = malloc(sizeof(*b));
	assert_non_null(b);
	score_assess(&f->p, &f->m, fx_today, b);
	assert_memory_equal(&f->a, b, sizeof(*b));
	free(b);
}

/* Current positions count to the scoring date; ended ones to their end. */
static void
current_positions_count_to_today(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;

	ps = fx_position(&f->p, 2024, 6, 0, 0);	/* 2 years to 2026-06 */
	ps->customer_facing = 1;
	ps = fx_position(&f->p, 2021, 1, 2021, 7);	/* half a year */
	ps->customer_facing = 1;
	ps = fx_position(&f->p, 2022, 5, 2022, 1);	/* backwards: 0 */
	ps->customer_facing = 1;
	fx_assess(f);
	assert_true(fabs(f->a.fit[ROLE_FDE].signal_value - 2.5) < EPS);
}

/* Preferences: mean of (agreement - 1) / 4 over the role's answers. */
static void
preference_is_mean_agreement(void **state)
{
	struct fx_state	*f = *state;

	fx_agree(&f->p, "fde-1", 5);
	fx_agree(&f->p, "fde-2", 4);
	fx_agree(&f->p, "mlops-1", 1);
	fx_assess(f);
	assert_int_equal(f->a.fit[ROLE_FDE].answered, 2);
	assert_true(fabs(f->a.fit[ROLE_FDE].preference.value - 0.875) < EPS);
	assert_int_equal(f->a.fit[ROLE_MLOPS].answered, 1);
	assert_true(f->a.fit[ROLE_MLOPS].preference.value == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    all_zero_skills_earn_no_skill_points, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    all_maximum_skills_reach_the_top, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    missing_optional_parts_fall_back, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(junior_is_not_yet,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(staff_engineer_gets_staff_band,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    other_currency_pay_is_not_compared, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(equal_fits_give_either,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    keyword_synonym_raises_to_floor, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    unknown_keyword_counts_for_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(evidence_caps_unproven_claim,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    mlops_to_fde_plan_has_three_areas, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(phases_sum_to_plan,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(raises_ordered_by_delta,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(scoring_is_deterministic,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    current_positions_count_to_today, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(preference_is_mean_agreement,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
