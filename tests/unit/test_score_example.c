/*
 * test_score_example.c: the hand-worked example of docs/scoring.md
 * (Priya Raghunathan, scored 2026-06) as a test, against the real
 * data/market.xml and inputs/priya-raghunathan.xml.  When a change
 * alters these numbers, docs/scoring.md changes with it.  Also the
 * seniority bands as the data defines and the loader labels them.
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

#include "diag.h"
#include "load.h"
#include "score.h"

static struct diag	 D;
static struct loader	*L;

static int
group_setup(void **state)
{
	(void)state;
	diag_init(&D, NULL);
	D.keep = 1;
	L = loader_new(".", NULL, &D);
	if (L == NULL)
		fprintf(stderr, "loader_new: %s\n", D.buf ? D.buf : "");
	return L == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	loader_free(L);
	diag_free(&D);
	return 0;
}

static int
dim(const struct market *m, const char *id)
{
	int	 d;

	for (d = 0; d < m->ndims; d++)
		if (strcmp(m->dims[d].id, id) == 0)
			return d;
	fail_msg("no dimension %s", id);
	return -1;
}

#define NEAR(a, b)	assert_true(fabs((a) - (b)) < 1e-9)

static void
priya_as_worked_in_the_doc(void **state)
{
	const struct market	*m = loader_market(L);
	struct profile		*p;
	struct assessment	*a;
	struct ym		 today = { 2026, 6 };
	int			 unreadable = 0, d;
	static const struct {
		const char	*id;
		int		 eff;
		double		 ev;
	} row[] = {
		{ "python_apis", 4, 10.5 }, { "cloud", 4, 9.3 },
		{ "containers", 4, 9.3 }, { "ml_frameworks", 3, 5.3 },
		{ "pipelines", 5, 9.5 }, { "customer", 2, 1.3 },
		{ "cicd", 4, 8.3 }, { "business", 2, 1 },
	};
	size_t			 i;

	(void)state;
	p = profile_load(L, "inputs/priya-raghunathan.xml", &D, &unreadable);
	assert_non_null(p);
	assert_non_null(a = calloc(1, sizeof(*a)));
	score_assess(p, m, today, a);

	/* positions: on call 53 months, nothing customer-facing */
	NEAR(a->signal[SIG_ON_CALL_YEARS], 53 / 12.0);
	NEAR(a->signal[SIG_CUSTOMER_FACING_YEARS], 0);
	NEAR(a->signal[SIG_DEPLOYMENTS], 23);
	NEAR(a->signal[SIG_PIPELINES], 6);

	/* dimensions: the table (evidence points rounded to 0.1) */
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		d = dim(m, row[i].id);
		assert_int_equal(a->dims[d].effective, row[i].eff);
		NEAR(a->dims[d].evidence_points, row[i].ev);
		assert_int_equal(a->dims[d].source, LEVEL_CLAIMED);
	}
	assert_int_equal(a->dims[dim(m, "customer")].ceiling, 3);

	/* fits: points rounded once, the fit their sum */
	NEAR(a->fit[ROLE_FDE].skills.points, 54.0);
	NEAR(a->fit[ROLE_FDE].experience.points, 9.0);
	NEAR(a->fit[ROLE_FDE].preference.points, 9.4);
	NEAR(a->fit[ROLE_FDE].score, 72.4);
	NEAR(a->fit[ROLE_MLOPS].skills.points, 65.0);
	NEAR(a->fit[ROLE_MLOPS].experience.points, 15.0);
	NEAR(a->fit[ROLE_MLOPS].preference.points, 9.4);
	NEAR(a->fit[ROLE_MLOPS].score, 89.4);

	/* recommendation and its first reason */
	assert_int_equal(a->rec, REC_MLOPS);
	assert_int_equal(a->why, REASON_NONE);
	assert_string_equal(a->reasons[0], "MLOps fit 89.4 against FDE 72.4: "
	    "a 17.0-point lead.");
	assert_non_null(strstr(a->reasons[1], "Pipeline tools"));
	assert_non_null(strstr(a->reasons[2], "Docker / Kubernetes, 1 level"));

	/* seniority and bands */
	assert_int_equal(a->seniority, SEN_SENIOR);
	assert_non_null(a->bands[ROLE_FDE]);
	assert_non_null(a->bands[ROLE_MLOPS]);

	/* the plan: FDE (the target), 210 h in 8 + 8 + 12 weeks */
	assert_int_equal(a->plan_role, ROLE_FDE);
	assert_int_equal(a->nplan, 3);
	assert_int_equal(a->plan[0].dim, dim(m, "customer"));
	assert_int_equal(a->plan[1].dim, dim(m, "business"));
	assert_int_equal(a->plan[2].dim, -1);
	NEAR(a->plan_hours, 210);
	assert_int_equal(a->nphases, 3);
	assert_int_equal(a->phases[0].weeks, 8);
	assert_int_equal(a->phases[1].weeks, 8);
	assert_int_equal(a->phases[2].weeks, 12);
	assert_int_equal(a->phases[2].start_week, 17);
	assert_int_equal(a->plan_weeks, 28);
	NEAR(a->hours_per_week, 8);
	assert_true(a->alt_hours_per_week == 0);

	/* raises */
	assert_int_equal(a->nraises[ROLE_FDE], 2);
	assert_int_equal(a->raises[ROLE_FDE][0].dim, -1);
	NEAR(a->raises[ROLE_FDE][0].delta, 3.0);
	assert_int_equal(a->raises[ROLE_FDE][1].dim, dim(m, "customer"));
	NEAR(a->raises[ROLE_FDE][1].delta, 2.8);
	assert_int_equal(a->raises[ROLE_MLOPS][0].dim, dim(m, "containers"));
	assert_int_equal(a->raises[ROLE_MLOPS][1].dim, dim(m, "cicd"));
	NEAR(a->raises[ROLE_MLOPS][0].delta, 2.5);

	free(a);
	profile_free(p);
}

/* One definition of the bands: [min, next min), labelled with it. */
static void
seniority_bands_have_one_definition(void **state)
{
	const struct market	*m = loader_market(L);
	struct profile		*p;
	struct assessment	*a;
	struct ym		 today = { 2026, 6 };
	char			*js;
	int			 unreadable = 0;

	(void)state;
	assert_string_equal(m->seniority_name[SEN_JUNIOR],
	    "Junior (<3 yrs)");
	assert_string_equal(m->seniority_name[SEN_MID],
	    "Mid-level (3 to <5 yrs)");
	assert_string_equal(m->seniority_name[SEN_SENIOR],
	    "Senior (5 to <8 yrs)");
	assert_string_equal(m->seniority_name[SEN_STAFF],
	    "Staff / Principal (8+ yrs)");

	p = profile_load(L, "inputs/priya-raghunathan.xml", &D, &unreadable);
	assert_non_null(p);
	assert_non_null(a = calloc(1, sizeof(*a)));
	p->production_years = 8;		/* the edge: staff */
	score_assess(p, m, today, a);
	assert_int_equal(a->seniority, SEN_STAFF);
	js = score_json(a);
	assert_non_null(strstr(js, "\"seniority\":\"staff\",\"seniority_band\":"
	    "{\"id\":\"staff\",\"label\":\"Staff / Principal (8+ yrs)\","
	    "\"min_years\":8.0,\"max_years\":null}"));
	free(js);
	p->production_years = 7.9;
	score_assess(p, m, today, a);
	assert_int_equal(a->seniority, SEN_SENIOR);
	js = score_json(a);
	assert_non_null(strstr(js, "\"label\":\"Senior (5 to <8 yrs)\","
	    "\"min_years\":5.0,\"max_years\":8.0}"));
	free(js);
	p->production_years = 5;
	score_assess(p, m, today, a);
	assert_int_equal(a->seniority, SEN_SENIOR);
	free(a);
	profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(priya_as_worked_in_the_doc),
		cmocka_unit_test(seniority_bands_have_one_definition),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
