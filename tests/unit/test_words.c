/*
 * test_words.c: every counted sentence template (words.h, listed in
 * docs/report.md) rendered with 0, 1 and 2 of its counted things, and
 * the words checked: no "1 hours", no "2 step".
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

struct fx {
	struct market		m;
	struct profile		p;
	struct assessment	a;
	char			s[1000];
};

static int
setup(void **state)
{
	struct fx	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	fx_market(&f->m);
	fx_profile(&f->p);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	free(*state);
	return 0;
}

/* No number directly followed by the wrong form of a noun. */
static void
no_bad_plural(const char *s)
{
	static const char *const bad[] = { " 1 hours", " 1 steps",
	    " 1 weeks", " 1 items", " 1 levels", " 1 points", " 1 years",
	    " 1 pipelines", " 1 deployments", " 1 workshops", " 1 skills",
	    " 0 hour ", " 2 hour ", " 0 step,", " 2 step,", " 2 level ",
	    " 1 pts", " 1 yrs", " 1.0 " };
	char	 pad[1100];
	size_t	 i;

	snprintf(pad, sizeof(pad), " %s ", s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(pad, bad[i]) != NULL)
			fail_msg("\"%s\" in \"%s\"", bad[i], s);
}

static void
count_noun_takes_the_singular_for_one_only(void **state)
{
	char	 b[64];

	(void)state;
	assert_string_equal(count_noun(b, sizeof(b), 0, "step", "steps"),
	    "0 steps");
	assert_string_equal(count_noun(b, sizeof(b), 1, "step", "steps"),
	    "1 step");
	assert_string_equal(count_noun(b, sizeof(b), 2, "step", "steps"),
	    "2 steps");
	assert_string_equal(count_noun_d(b, sizeof(b), 0, "hour", "hours"),
	    "0 hours");
	assert_string_equal(count_noun_d(b, sizeof(b), 1, "hour", "hours"),
	    "1 hour");
	assert_string_equal(count_noun_d(b, sizeof(b), 1.04, "hour",
	    "hours"), "1 hour");	/* printed as 1, so singular */
	assert_string_equal(count_noun_d(b, sizeof(b), 2, "hour", "hours"),
	    "2 hours");
	assert_string_equal(count_noun_d(b, sizeof(b), 2.5, "hour", "hours"),
	    "2.5 hours");
	assert_string_equal(count_noun_d(b, sizeof(b), 0.25, "hour",
	    "hours"), "0.3 hours");
	assert_string_equal(count_noun(b, 5, 12345, "step", "steps"), "1234");
}

/* words_plan: steps, hours, weeks and hours a week, 0, 1 and 2 each. */
static void
plan_sentence_counts(void **state)
{
	struct fx	*f = *state;
	int		 n;

	f->a.market = &f->m;
	f->a.profile = &f->p;
	f->a.plan_role = ROLE_FDE;
	words_plan(f->s, sizeof(f->s), &f->a);		/* 0 steps */
	assert_string_equal(f->s, "Your skills already meet what Forward "
	    "Deployed Engineer needs: the plan is about keeping your "
	    "evidence current.");
	for (n = 1; n <= 2; n++) {
		f->a.nplan = n;
		f->a.plan_hours = n;
		f->a.plan_weeks = n;
		f->a.hours_per_week = n;
		words_plan(f->s, sizeof(f->s), &f->a);
		no_bad_plural(f->s);
		assert_string_equal(f->s, n == 1 ?
		    "The plan toward Forward Deployed Engineer has 1 step, "
		    "about 1 hour: roughly 1 week at 1 hour a week." :
		    "The plan toward Forward Deployed Engineer has 2 steps, "
		    "about 2 hours: roughly 2 weeks at 2 hours a week.");
	}
	f->a.plan_weeks = 0;
	words_plan(f->s, sizeof(f->s), &f->a);
	assert_non_null(strstr(f->s, "roughly 0 weeks"));
	/* the floor: "your profile says 0/1/2 hours" */
	f->a.hours_raised = 1;
	for (n = 0; n <= 2; n++) {
		f->p.hours_per_week = n;
		words_plan(f->s, sizeof(f->s), &f->a);
		no_bad_plural(f->s);
		assert_non_null(strstr(f->s, n == 1 ? "says 1 hour)" :
		    n == 0 ? "says 0 hours)" : "says 2 hours)"));
	}
	/* longer than the limit */
	f->a.hours_raised = 0;
	f->a.alt_hours_per_week = 1;
	f->a.alt_weeks = 1;
	words_plan(f->s, sizeof(f->s), &f->a);
	no_bad_plural(f->s);
	assert_non_null(strstr(f->s, "more than 2 years at 2 hours a week. "
	    "Consider giving it more time: at 1 hour a week it takes about "
	    "1 week."));
	f->m.plan_max_weeks = 52;
	f->a.alt_weeks = 2;
	words_plan(f->s, sizeof(f->s), &f->a);
	assert_non_null(strstr(f->s, "more than 1 year at"));
	assert_non_null(strstr(f->s, "about 2 weeks."));
}

/* words_headline: the counted forms (skills held back, years). */
static void
headline_counts(void **state)
{
	struct fx	*f = *state;
	int		 n;

	f->a.market = &f->m;
	f->a.profile = &f->p;
	f->a.rec = REC_INSUFFICIENT;
	for (n = 0; n <= 2; n++) {
		f->a.ncapped = n;
		words_headline(f->s, sizeof(f->s), &f->a);
		no_bad_plural(f->s);
		if (n == 0)
			assert_non_null(strstr(f->s, "Too little in your "
			    "profile"));
		else
			assert_non_null(strstr(f->s, n == 1 ? "1 skill is "
			    "rated higher" : "2 skills are rated higher"));
	}
	f->a.rec = REC_NOT_YET;
	f->a.why = REASON_PRODUCTION_YEARS;
	f->a.fit[ROLE_FDE].score = 60;		/* only the years fall short */
	for (n = 0; n <= 2; n++) {
		f->p.production_years = n;
		f->m.min_production_years = n + 1;
		words_headline(f->s, sizeof(f->s), &f->a);
		no_bad_plural(f->s);
		if (n == 0)
			assert_non_null(strstr(f->s, "no production "
			    "experience yet, and both roles expect at least "
			    "1 year;"));
		else
			assert_non_null(strstr(f->s, n == 1 ?
			    "you have 1 year in production, and both roles "
			    "expect at least 2 years;" : "you have 2 years in "
			    "production, and both roles expect at least 3 "
			    "years;"));
	}
	/* both reasons: the fits are said too */
	f->a.fit[ROLE_FDE].score = 41.5;
	words_headline(f->s, sizeof(f->s), &f->a);
	assert_non_null(strstr(f->s, "at least 3 years (both fits are also "
	    "under 50); the plan"));
	f->a.fit[ROLE_MLOPS].score = 60;
	words_headline(f->s, sizeof(f->s), &f->a);
	assert_null(strstr(f->s, "also under"));
	f->a.why = REASON_LOW_FIT;
	f->a.fit[ROLE_FDE].score = 41.5;
	f->a.fit[ROLE_MLOPS].score = 40;
	words_headline(f->s, sizeof(f->s), &f->a);
	assert_string_equal(f->s, "Not yet: both fits are under 50 (FDE "
	    "41.5, MLOps 40); the plan in this report works toward Forward "
	    "Deployed Engineer.");
}

/* words_plan_note: only when the plan follows a target the
 * recommendation does not name. */
static void
plan_note_only_when_target_differs(void **state)
{
	struct fx	*f = *state;

	f->a.market = &f->m;
	f->a.profile = &f->p;
	f->a.fit[ROLE_FDE].score = 72.4;
	f->a.fit[ROLE_MLOPS].score = 89.4;
	f->a.rec = REC_MLOPS;
	f->a.plan_role = ROLE_FDE;
	f->p.target = TARGET_FDE;
	words_plan_note(f->s, sizeof(f->s), &f->a);
	assert_string_equal(f->s, "The plan follows your stated target, "
	    "Forward Deployed Engineer, although MLOps Engineer fits you "
	    "better today (89.4 against 72.4).");
	f->p.target = TARGET_UNDECIDED;
	assert_string_equal(words_plan_note(f->s, sizeof(f->s), &f->a), "");
	f->p.target = TARGET_MLOPS;
	f->a.plan_role = ROLE_MLOPS;
	assert_string_equal(words_plan_note(f->s, sizeof(f->s), &f->a), "");
	f->p.target = TARGET_FDE;
	f->a.plan_role = ROLE_FDE;
	f->a.rec = REC_EITHER;
	assert_string_equal(words_plan_note(f->s, sizeof(f->s), &f->a), "");
}

/* words_plan_note: without a role recommendation the plan is never
 * presented as one: it says why it follows the role it follows. */
static void
plan_note_when_no_role_is_recommended(void **state)
{
	struct fx	*f = *state;

	f->a.market = &f->m;
	f->a.profile = &f->p;
	f->a.plan_role = ROLE_FDE;
	f->p.target = TARGET_UNDECIDED;
	f->a.rec = REC_INSUFFICIENT;
	words_plan_note(f->s, sizeof(f->s), &f->a);
	assert_string_equal(f->s, "The plan works toward Forward Deployed "
	    "Engineer only because it is the higher fit on what your profile "
	    "shows now; once the profile shows your evidence, the plan may "
	    "change.");
	f->a.rec = REC_NOT_YET;
	words_plan_note(f->s, sizeof(f->s), &f->a);
	assert_string_equal(f->s, "The plan follows the higher of your two "
	    "fits today: it is what to build before applying, not a sign to "
	    "apply yet.");
	f->a.rec = REC_EITHER;
	assert_non_null(strstr(words_plan_note(f->s, sizeof(f->s), &f->a),
	    "state a target in your profile"));
	f->p.target = TARGET_FDE;
	f->a.rec = REC_NOT_YET;
	assert_string_equal(words_plan_note(f->s, sizeof(f->s), &f->a),
	    "The plan follows your stated target and is what to build before "
	    "applying.");
}

static void
phase_and_item_counts(void **state)
{
	struct fx	*f = *state;

	(void)f;
	assert_string_equal(words_phase(f->s, sizeof(f->s), 0, 0),
	    "0 items, 0 h");
	assert_string_equal(words_phase(f->s, sizeof(f->s), 1, 1),
	    "1 item, 1 h");
	assert_string_equal(words_phase(f->s, sizeof(f->s), 2, 2.5),
	    "2 items, 2.5 h");
	assert_string_equal(words_item(f->s, sizeof(f->s), 1, 10),
	    "gap 1 level  \xc2\xb7  10 h");
	assert_string_equal(words_item(f->s, sizeof(f->s), 2, 1),
	    "gap 2 levels  \xc2\xb7  1 h");
	assert_string_equal(words_item(f->s, sizeof(f->s), 0, 90),
	    "experience area  \xc2\xb7  90 h");
	assert_string_equal(words_to_go(f->s, sizeof(f->s), 2, "FDE", 2, 0),
	    "Level 2, FDE needs 2: 0 levels to go");
	assert_string_equal(words_to_go(f->s, sizeof(f->s), 2, "FDE", 3, 1),
	    "Level 2, FDE needs 3: 1 level to go");
	assert_string_equal(words_to_go(f->s, sizeof(f->s), 2, "FDE", 4, 2),
	    "Level 2, FDE needs 4: 2 levels to go");
}

static void
owned_counts(void **state)
{
	struct fx	*f = *state;

	assert_string_equal(words_owned(f->s, sizeof(f->s), 0, 0, 0), "");
	assert_string_equal(words_owned(f->s, sizeof(f->s), 1, 1, 1),
	    "1 pipeline, 1 deployment, 1 workshop");
	assert_string_equal(words_owned(f->s, sizeof(f->s), 2, 0, 2),
	    "2 pipelines, 2 workshops");
}

static void
points_counts(void **state)
{
	struct fx	*f = *state;
	struct dim_result d;

	assert_string_equal(words_points_change(f->s, sizeof(f->s), 0),
	    "no change");
	assert_string_equal(words_points_change(f->s, sizeof(f->s), 1),
	    "+1 point");
	assert_string_equal(words_points_change(f->s, sizeof(f->s), -1),
	    "-1 point");
	assert_string_equal(words_points_change(f->s, sizeof(f->s), 2.5),
	    "+2.5 points");
	memset(&d, 0, sizeof(d));
	d.source = LEVEL_CLAIMED;
	d.claimed = d.effective = 2;
	d.ceiling = 2;
	assert_string_equal(words_dim_points(f->s, sizeof(f->s), &d),
	    "claimed 2, counted 2 (cap 2), 0 points");
	d.evidence_points = 1;
	assert_string_equal(words_dim_points(f->s, sizeof(f->s), &d),
	    "claimed 2, counted 2 (cap 2), 1 point");
	d.source = LEVEL_INFERRED;
	d.evidence_points = 2;
	assert_string_equal(words_dim_points(f->s, sizeof(f->s), &d),
	    "not rated, inferred 2, 2 points");
}

/* The evidence line score.c writes: yrs, projects, certs. */
static void
evidence_counts(void **state)
{
	struct fx	*f = *state;
	int		 n;

	for (n = 0; n <= 2; n++) {
		fx_profile(&f->p);
		fx_skill(&f->p, FX_PYTHON, 3, n, n, n);
		score_assess(&f->p, &f->m, fx_today, &f->a);
		no_bad_plural(f->a.dims[FX_PYTHON].evidence);
		assert_non_null(strstr(f->a.dims[FX_PYTHON].evidence,
		    n == 0 ? "no years, projects or certifications" :
		    n == 1 ? "1 yr, 1 project, 1 cert" :
		    "2 yrs, 2 projects, 2 certs"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)
		T(count_noun_takes_the_singular_for_one_only),
		T(plan_sentence_counts),
		T(headline_counts),
		T(plan_note_only_when_target_differs),
		T(plan_note_when_no_role_is_recommended),
		T(phase_and_item_counts),
		T(owned_counts),
		T(points_counts),
		T(evidence_counts),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
