/*
 * test_score_evidence.c: issue 11's scoring rules, one behaviour per
 * test, against the C-built market of score_fixture.h: levels read from
 * the evidence when unrated, too little evidence, "not yet" with its
 * reason, overlapping positions, duplicate keywords, the hours floor and
 * long plans, strengths, rounding once, areas in the assessment.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "score.h"
#include "score_fixture.h"
#include "words.h"


/* Whether v is on the 0.1 grid, as score_round1 leaves it. */
static int
on_grid(double v)
{
	return fabs(v * 10 - round(v * 10)) < 1e-6;
}

/* Rich evidence, no self-ratings: an FDE-like engineer of 8 years. */
static void
rich_unrated(struct fx_state *f)
{
	static const char *const kw[] = { "python", "fastapi", "aws",
	    "terraform", "docker", "k8s", "kubernetes", "helm", "pytorch",
	    "scikit-learn", "airflow", "mlflow", "kubeflow",
	    "discovery workshops", "stakeholder management", "github actions",
	    "jenkins", "roi", "business case" };
	struct position	*ps;
	size_t		 i;

	f->p.production_years = 8;
	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		fx_keyword(&f->p, &f->m, kw[i]);
	ps = fx_position(&f->p, 2018, 6, 0, 0);
	ps->customer_facing = 1;
	ps->deployments = 12;
	ps->pipelines = 6;
	ps->workshops = 4;
	ps->on_call = 1;
	ps->end_to_end = 1;
}

/* No <skill> for a dimension: its level comes from the evidence, not 1. */
static void
unrated_level_is_read_from_evidence(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;

	/* containers: 4 keywords (1 point) + 12 deployments x 0.25 capped
	 * at 2 = 3 points: level 4; cloud: positions 2 points: level 3 */
	fx_keyword(&f->p, &f->m, "docker");
	fx_keyword(&f->p, &f->m, "k8s");
	fx_keyword(&f->p, &f->m, "kubernetes");
	fx_keyword(&f->p, &f->m, "helm");
	ps = fx_position(&f->p, 2020, 1, 0, 0);
	ps->deployments = 12;
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CONTAINERS].effective, 4);
	assert_int_equal(f->a.dims[FX_CONTAINERS].source, LEVEL_INFERRED);
	assert_int_equal(f->a.dims[FX_CLOUD].effective, 3);
	assert_int_equal(f->a.dims[FX_CLOUD].source, LEVEL_INFERRED);
	assert_non_null(strstr(f->a.dims[FX_CONTAINERS].evidence,
	    "level 4 inferred"));
	/* nothing at all: 0, and said so */
	assert_int_equal(f->a.dims[FX_ML].effective, 0);
	assert_string_equal(f->a.dims[FX_ML].evidence,
	    "not rated; no evidence");
}

/* Each inference threshold of the data: just under stays below. */
static void
inference_thresholds_are_the_markets(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;

	/* customer: 1 point a customer-facing year; 1 year 11 months is
	 * 1.92 points: level 2, two full years: level 3 */
	ps = fx_position(&f->p, 2024, 7, 0, 0);
	ps->customer_facing = 1;
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CUSTOMER].effective, 2);
	ps->start.month = 6;
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CUSTOMER].effective, 3);
	f->m.evidence.infer[3] = 2.5;	/* the data decides, not C */
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CUSTOMER].effective, 2);
}

/* The first case: 8 years, rich evidence, no ratings, is not
 * sent back to "build production experience". */
static void
rich_evidence_without_ratings_gets_a_role(void **state)
{
	struct fx_state	*f = *state;
	int		 d;

	rich_unrated(f);
	fx_assess(f);
	for (d = 0; d < FX_NDIMS; d++)
		assert_int_equal(f->a.dims[d].source, LEVEL_INFERRED);
	assert_true(f->a.dims[FX_CUSTOMER].effective >= 3);
	assert_int_not_equal(f->a.rec, REC_NOT_YET);
	assert_int_not_equal(f->a.rec, REC_INSUFFICIENT);
	assert_true(f->a.fit[ROLE_FDE].score >= f->m.min_fit);
}

/* The second case: every skill rated 5 with nothing behind it. */
static void
ratings_without_evidence_are_insufficient(void **state)
{
	struct fx_state	*f = *state;
	char		 s[600];
	int		 d;

	f->p.production_years = 6;
	for (d = 0; d < FX_NDIMS; d++)
		fx_skill(&f->p, d, 5, 0, 0, 0);
	fx_assess(f);
	assert_int_equal(f->a.ncapped, FX_NDIMS);
	assert_int_equal(f->a.rec, REC_INSUFFICIENT);
	assert_int_equal(f->a.why, REASON_NONE);
	assert_int_equal(f->a.dims[FX_PYTHON].source, LEVEL_CAPPED);
	assert_string_equal(recommendation_id(f->a.rec),
	    "insufficient_evidence");
	/* what to add, not a role */
	assert_non_null(strstr(f->a.reasons[1], "add the years"));
	words_headline(s, sizeof(s), &f->a);
	assert_non_null(strstr(s, "Too little evidence"));
	assert_non_null(strstr(s, "8 skills are rated higher"));
	assert_null(strstr(s, "Aim for"));
}

/* "Most" is more than the data's share: 4 of 8 held back is not. */
static void
insufficient_needs_more_than_the_share(void **state)
{
	struct fx_state	*f = *state;
	int		 d;

	f->p.production_years = 6;
	for (d = 0; d < FX_NDIMS; d++)
		fx_skill(&f->p, d, d < 4 ? 5 : 4, d < 4 ? 0 : 5, d < 4 ? 0 : 4,
		    0);
	fx_assess(f);
	assert_int_equal(f->a.ncapped, 4);
	assert_int_not_equal(f->a.rec, REC_INSUFFICIENT);
	f->p.skills[4].years = 0;
	f->p.skills[4].projects = 0;
	f->p.skills[4].level = 5;
	fx_assess(f);
	assert_int_equal(f->a.ncapped, 5);
	assert_int_equal(f->a.rec, REC_INSUFFICIENT);
}

/* "Not yet" says its real reason, in the id and in the headline. */
static void
not_yet_states_its_reason(void **state)
{
	struct fx_state	*f = *state;
	char		 s[600];

	fx_all_skills(&f->p, 4);
	f->p.production_years = 1.5;
	fx_assess(f);
	assert_int_equal(f->a.rec, REC_NOT_YET);
	assert_int_equal(f->a.why, REASON_PRODUCTION_YEARS);
	assert_string_equal(rec_reason_id(f->a.why), "production_years");
	words_headline(s, sizeof(s), &f->a);
	assert_non_null(strstr(s, "you have 1.5 years in production, and "
	    "both roles expect at least 2 years"));

	fx_profile(&f->p);		/* 4 years, weak skills */
	fx_all_skills(&f->p, 1);
	fx_assess(f);
	assert_int_equal(f->a.rec, REC_NOT_YET);
	assert_int_equal(f->a.why, REASON_LOW_FIT);
	words_headline(s, sizeof(s), &f->a);
	assert_non_null(strstr(s, "both fits are under 50"));
	assert_null(strstr(s, "production experience"));
}

/* Two customer-facing jobs at once are one stretch of time. */
static void
overlapping_positions_are_merged(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;
	int		 i;

	ps = fx_position(&f->p, 2020, 1, 2024, 1);
	ps->customer_facing = ps->on_call = 1;
	ps = fx_position(&f->p, 2022, 1, 2025, 1);
	ps->customer_facing = ps->on_call = 1;
	for (i = 0; i < 3; i++) {	/* the same job listed three times */
		ps = fx_position(&f->p, 2020, 6, 2021, 6);
		ps->customer_facing = 1;
	}
	ps = fx_position(&f->p, 2025, 6, 2025, 12);	/* a gap, then 6 m */
	ps->customer_facing = 1;
	fx_assess(f);
	assert_true(fabs(f->a.signal[SIG_CUSTOMER_FACING_YEARS] - 5.5) <
	    1e-9);
	assert_true(fabs(f->a.signal[SIG_ON_CALL_YEARS] - 5) < 1e-9);
	assert_true(fabs(f->a.fit[ROLE_FDE].signal_value - 5.5) < 1e-9);
}

/* "k8s, K8S, k8s" is one keyword: counted and printed once. */
static void
duplicate_keywords_count_once(void **state)
{
	struct fx_state	*f = *state;
	const char	*ev, *first;

	fx_skill(&f->p, FX_CONTAINERS, 3, 0, 0, 0);
	fx_keyword(&f->p, &f->m, "k8s");
	fx_keyword(&f->p, &f->m, "K8S");
	fx_keyword(&f->p, &f->m, "k8s");
	fx_keyword(&f->p, &f->m, "helm");
	fx_assess(f);
	assert_int_equal(f->a.dims[FX_CONTAINERS].keywords, 2);
	assert_true(fabs(f->a.dims[FX_CONTAINERS].evidence_points - 0.5) <
	    1e-9);
	ev = f->a.dims[FX_CONTAINERS].evidence;
	first = strstr(ev, "k8s");
	assert_non_null(first);
	assert_null(strstr(first + 3, "k8s"));
	assert_null(strstr(ev, "K8S"));
	assert_non_null(strstr(ev, "helm"));
}

/* Fewer hours a week than the floor are planned at the floor, said so. */
static void
hours_a_week_have_a_floor(void **state)
{
	struct fx_state	*f = *state;
	char		 s[600];

	fx_all_skills(&f->p, 4);
	f->p.skills[FX_CUSTOMER].level = 1;
	f->p.hours_per_week = 1;
	fx_assess(f);
	assert_true(f->a.hours_per_week == 2);
	assert_int_equal(f->a.hours_raised, 1);
	words_plan(s, sizeof(s), &f->a);
	assert_non_null(strstr(s, "at 2 hours a week"));
	assert_non_null(strstr(s, "your profile says 1 hour)"));
	assert_null(strstr(s, "1 hours"));
}

/* A plan over the data's max-weeks is said as such, with the hours a
 * week that bring it within the limit. */
static void
long_plans_are_stated_differently(void **state)
{
	struct fx_state	*f = *state;
	char		 s[600];
	int		 i, w;

	for (i = 0; i < FX_NDIMS; i++)
		fx_skill(&f->p, i, 0, 0, 0, 0);
	fx_skill(&f->p, FX_PYTHON, 0, 0, 0, 0);
	f->p.skills[FX_PYTHON].level = 1;
	f->p.skills[FX_PYTHON].years = 1;	/* something shown */
	f->p.target = TARGET_MLOPS;
	f->p.hours_per_week = 2;
	fx_assess(f);
	assert_true(f->a.plan_weeks > 104);
	assert_true(f->a.alt_hours_per_week > 2);
	for (i = w = 0; i < f->a.nphases; i++)
		w += (int)ceil(f->a.phases[i].hours /
		    f->a.alt_hours_per_week - 1e-9);
	assert_int_equal(w, f->a.alt_weeks);
	assert_true(f->a.alt_weeks <= 104);
	words_plan(s, sizeof(s), &f->a);
	assert_non_null(strstr(s, "more than 2 years at 2 hours a week"));
	assert_null(strstr(s, "roughly"));
	assert_non_null(strstr(s, "Consider giving it more time"));
}

/* Level 1 meeting a need of 1 is no strength. */
static void
strengths_need_a_real_level(void **state)
{
	struct fx_state	*f = *state;
	int		 i;

	fx_all_skills(&f->p, 5);
	f->p.skills[FX_CUSTOMER].level = 1;	/* MLOps needs 1 */
	f->p.skills[FX_BUSINESS].level = 2;	/* MLOps needs 2 */
	f->p.target = TARGET_MLOPS;
	fx_assess(f);
	assert_int_equal(f->a.plan_role, ROLE_MLOPS);
	assert_true(f->a.nstrengths > 0);
	for (i = 0; i < f->a.nstrengths; i++) {
		assert_int_not_equal(f->a.strengths[i], FX_CUSTOMER);
		assert_int_not_equal(f->a.strengths[i], FX_BUSINESS);
		assert_true(f->a.dims[f->a.strengths[i]].effective >= 3);
	}
}

/* Fits and points are rounded once: on the 0.1 grid, the fit the sum of
 * its points, and the JSON prints the digits the text prints. */
static void
fits_are_rounded_once(void **state)
{
	struct fx_state	*f = *state;
	char		*js, want[64];
	int		 r, k, y;

	assert_true(score_round1(0.25) == 0.3);		/* away from zero */
	assert_true(score_round1(-0.25) == -0.3);
	assert_true(score_round1(98.25) == 98.3);
	for (y = 0; y < 12; y++) {
		fx_profile(&f->p);
		f->p.production_years = y * 0.7;
		for (k = 0; k < FX_NDIMS; k++)
			fx_skill(&f->p, k, (k + y) % 6, y * 0.3, y % 4, 0);
		fx_agree(&f->p, "fde-1", 1 + y % 5);
		fx_agree(&f->p, "mlops-2", 1 + (y * 3) % 5);
		fx_assess(f);
		js = score_json(&f->a);
		assert_non_null(js);
		for (r = 0; r < ROLE__N; r++) {
			const struct fit *x = &f->a.fit[r];

			assert_true(on_grid(x->score));
			assert_true(on_grid(x->skills.points));
			assert_true(on_grid(x->experience.points));
			assert_true(on_grid(x->preference.points));
			assert_true(fabs(x->score - (x->skills.points +
			    x->experience.points + x->preference.points)) <
			    1e-9);
			snprintf(want, sizeof(want), "{\"score\":%.1f,",
			    x->score);
			assert_non_null(strstr(js, want));
		}
		free(js);
	}
}

/* The assessment carries which areas are open, for the progress page. */
static void
open_areas_are_in_the_assessment(void **state)
{
	struct fx_state	*f = *state;
	struct position	*ps;
	int		 i;

	ps = fx_position(&f->p, 2020, 1, 0, 0);
	ps->customer_facing = 1;
	f->p.production_years = 1;
	fx_all_skills(&f->p, 3);
	fx_assess(f);
	assert_true(f->m.nareas > 0);
	for (i = 0; i < f->m.nareas; i++)
		assert_int_equal(f->a.area_open[i], score_trigger_holds(&f->p,
		    &f->m, f->m.areas[i].trigger));
}

/* One table of recommendation words: "not yet" is "not yet" everywhere. */
static void
recommendation_words_are_one_table(void **state)
{
	struct fx_state	*f = *state;

	assert_string_equal(words_rec(&f->m, REC_NOT_YET), "not yet");
	assert_string_equal(words_rec(&f->m, REC_FDE),
	    "Forward Deployed Engineer");
	assert_string_equal(words_rec(&f->m, REC_EITHER), "either role");
	assert_string_equal(words_rec(&f->m, REC_INSUFFICIENT),
	    "too little evidence to judge");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(x) cmocka_unit_test_setup_teardown(x, fx_setup, fx_teardown)
		T(unrated_level_is_read_from_evidence),
		T(inference_thresholds_are_the_markets),
		T(rich_evidence_without_ratings_gets_a_role),
		T(ratings_without_evidence_are_insufficient),
		T(insufficient_needs_more_than_the_share),
		T(not_yet_states_its_reason),
		T(overlapping_positions_are_merged),
		T(duplicate_keywords_count_once),
		T(hours_a_week_have_a_floor),
		T(long_plans_are_stated_differently),
		T(strengths_need_a_real_level),
		T(fits_are_rounded_once),
		T(open_areas_are_in_the_assessment),
		T(recommendation_words_are_one_table),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
