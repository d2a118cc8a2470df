/*
 * test_score_props.c: properties of score_assess over many generated
 * profiles (a seeded xorshift, so every run sees the same 2000 profiles)
 * against the fixture market of score_fixture.h.
 *
 *	bounds      0 <= fit <= 100; each component within 0..its weight
 *	monotone    raising one claimed level never lowers that role's
 *	            skill component
 *	stable      scoring twice gives identical fits and identical JSON
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

#define NPROFILES	2000
#define EPS		1e-9

static const char *const kwpool[] = {
	"k8s", "Airflow", "PyTorch", "Terraform", "FastAPI", "MLflow",
	"Helm", "discovery workshops", "ROI", "Jenkins", "Cobol-on-wheels",
	"stakeholder management", "business case", "docker"
};

struct gen {
	uint64_t	 s;
};

/* xorshift64*: small, fast, the same everywhere. */
static uint64_t
next(struct gen *g)
{
	g->s ^= g->s >> 12;
	g->s ^= g->s << 25;
	g->s ^= g->s >> 27;
	return g->s * 2685821657736338717ULL;
}

/* Uniform in 0..n-1 (n small, the bias is irrelevant here). */
static int
pick(struct gen *g, int n)
{
	return (int)(next(g) % (uint64_t)n);
}

static void
gen_profile(struct gen *g, const struct market *m, struct profile *p)
{
	struct position	*ps;
	int		 d, i, n, y;

	fx_profile(p);
	p->production_years = pick(g, 150) / 10.0;
	p->market = pick(g, 2) ? MKT_US : MKT_IN;
	p->target = pick(g, 3);
	p->hours_per_week = pick(g, 4) == 0 ? 0 : 1 + pick(g, 20);
	for (d = 0; d < FX_NDIMS; d++)
		if (pick(g, 5) != 0)
			fx_skill(p, d, pick(g, LEVEL_MAX + 1),
			    pick(g, 80) / 10.0, pick(g, 6), pick(g, 3));
	n = pick(g, 6);
	for (i = 0; i < n; i++)
		fx_keyword(p, m, kwpool[pick(g, (int)(sizeof(kwpool) /
		    sizeof(kwpool[0])))]);
	n = pick(g, 5);
	for (i = 0; i < n; i++) {
		y = 2010 + pick(g, 16);
		ps = fx_position(p, y, 1 + pick(g, 12),
		    pick(g, 3) == 0 ? 0 : y + pick(g, 4), 1 + pick(g, 12));
		ps->customer_facing = pick(g, 2);
		ps->on_call = pick(g, 2);
		ps->end_to_end = pick(g, 3) == 0;
		ps->pipelines = pick(g, 8);
		ps->deployments = pick(g, 10);
		ps->workshops = pick(g, 6);
	}
	for (i = 0; i < 8; i++)
		if (pick(g, 2))
			fx_agree(p, fx_statement_ids[i], 1 + pick(g, 5));
	if (pick(g, 2))
		fx_comp(p, 50000 + pick(g, 300) * 1000L,
		    pick(g, 2) ? CUR_USD : CUR_INR,
		    pick(g, 2) ? BASIS_BASE : BASIS_TOTAL);
}

struct ctx {
	struct market		m;
	struct profile		p, q;
	struct assessment	a, b;
};

static int
setup(void **state)
{
	struct ctx	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	fx_market(&c->m);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	free(*state);
	return 0;
}

static void
component_in_range(const struct component *c)
{
	assert_true(c->value >= -EPS && c->value <= 1 + EPS);
	assert_true(c->points >= -EPS && c->points <= c->weight + EPS);
}

static void
fits_stay_in_bounds(void **state)
{
	struct ctx	*c = *state;
	struct gen	 g = { 0x9E3779B97F4A7C15ULL };
	int		 i, r, d, k;

	for (i = 0; i < NPROFILES; i++) {
		gen_profile(&g, &c->m, &c->p);
		score_assess(&c->p, &c->m, fx_today, &c->a);
		for (r = 0; r < ROLE__N; r++) {
			assert_true(c->a.fit[r].score >= 0);
			assert_true(c->a.fit[r].score <= 100 + EPS);
			component_in_range(&c->a.fit[r].skills);
			component_in_range(&c->a.fit[r].experience);
			component_in_range(&c->a.fit[r].preference);
		}
		for (d = 0; d < FX_NDIMS; d++) {
			assert_true(c->a.dims[d].effective >= 0);
			assert_true(c->a.dims[d].effective <= LEVEL_MAX);
		}
		assert_true(c->a.nplan <= c->m.plan_max_items);
		for (k = 0; k < c->a.nphases; k++)
			assert_true(c->a.phases[k].weeks >= 0);
	}
}

static void
raising_a_level_never_lowers_skills(void **state)
{
	struct ctx	*c = *state;
	struct gen	 g = { 0xD1B54A32D192ED03ULL };
	int		 i, s, r, checked = 0;

	for (i = 0; i < NPROFILES; i++) {
		gen_profile(&g, &c->m, &c->p);
		if (c->p.nskills == 0)
			continue;
		s = pick(&g, c->p.nskills);
		if (c->p.skills[s].level == LEVEL_MAX)
			continue;
		score_assess(&c->p, &c->m, fx_today, &c->a);
		c->q = c->p;
		c->q.skills[s].level++;
		score_assess(&c->q, &c->m, fx_today, &c->b);
		for (r = 0; r < ROLE__N; r++)
			assert_true(c->b.fit[r].skills.points >=
			    c->a.fit[r].skills.points - EPS);
		checked++;
	}
	assert_true(checked > NPROFILES / 2);
}

static void
scoring_twice_is_identical(void **state)
{
	struct ctx	*c = *state;
	struct gen	 g = { 0x2545F4914F6CDD1DULL };
	char		*j1, *j2;
	int		 i, r;

	for (i = 0; i < NPROFILES; i++) {
		gen_profile(&g, &c->m, &c->p);
		score_assess(&c->p, &c->m, fx_today, &c->a);
		score_assess(&c->p, &c->m, fx_today, &c->b);
		for (r = 0; r < ROLE__N; r++)
			assert_memory_equal(&c->a.fit[r], &c->b.fit[r],
			    sizeof(c->a.fit[r]));
		j1 = score_json(&c->a);
		j2 = score_json(&c->b);
		assert_non_null(j1);
		assert_non_null(j2);
		assert_string_equal(j1, j2);
		free(j1);
		free(j2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fits_stay_in_bounds,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    raising_a_level_never_lowers_skills, setup, teardown),
		cmocka_unit_test_setup_teardown(scoring_twice_is_identical,
		    setup, teardown),
	};

	return cmocka_run_group_tests_name("score properties", tests, NULL,
	    NULL);
}
