/*
 * score_fixture.h: a market and profiles built in C, for the scoring unit
 * tests, so they need neither the XML loader nor data/market.xml.
 *
 * The numbers mirror data/market.xml (2026-05 edition): eight dimensions
 * with the article's levels and our weights, components 70/15/15, the
 * same evidence rules, experience rules, bands and playbook shape.  Only
 * the words are shortened.  A test that depends on a number says so.
 *
 * Everything is static storage: fx_market() fills a caller's struct and
 * the profile helpers write into a caller's struct profile.
 */
#ifndef SCORE_FIXTURE_H
#define SCORE_FIXTURE_H

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "score.h"

enum {
	FX_PYTHON, FX_CLOUD, FX_CONTAINERS, FX_ML, FX_PIPELINES,
	FX_CUSTOMER, FX_CICD, FX_BUSINESS, FX_NDIMS
};

static const struct {
	const char	*id, *name;
	int		 fde_level, mlops_level;
	double		 fde_w, mlops_w;
	const char	*syn[4];
} fx_dims[FX_NDIMS] = {
	{ "python_apis", "Python & APIs", 4, 4, 14, 14,
	    { "python", "fastapi", NULL, NULL } },
	{ "cloud", "Cloud infrastructure", 4, 4, 12, 14,
	    { "aws", "terraform", NULL, NULL } },
	{ "containers", "Docker / Kubernetes", 3, 5, 10, 18,
	    { "docker", "k8s", "kubernetes", "helm" } },
	{ "ml_frameworks", "ML frameworks", 3, 3, 10, 10,
	    { "pytorch", "scikit-learn", NULL, NULL } },
	{ "pipelines", "Pipeline tools", 2, 5, 8, 18,
	    { "airflow", "mlflow", "kubeflow", NULL } },
	{ "customer", "Customer requirements & communication", 5, 1, 20, 3,
	    { "discovery workshops", "stakeholder management", NULL, NULL } },
	{ "cicd", "CI/CD pipeline engineering", 2, 5, 8, 18,
	    { "github actions", "jenkins", NULL, NULL } },
	{ "business", "Business problem framing & outcome ownership", 5, 2,
	    18, 5, { "roi", "business case", NULL, NULL } },
};

static const char *const fx_statement_ids[8] = {
	"mlops-1", "mlops-2", "mlops-3", "mlops-4",
	"fde-1", "fde-2", "fde-3", "fde-4"
};

/* Hours of the dimension actions, in order (at most 4 per dimension). */
static const double fx_action_hours[FX_NDIMS][4] = {
	{ 20, 30, 40, 0 }, { 20, 30, 40, 0 }, { 15, 30, 45, 60 },
	{ 20, 30, 30, 0 }, { 15, 30, 40, 60 }, { 10, 20, 30, 50 },
	{ 10, 25, 40, 50 }, { 10, 20, 30, 40 },
};

static inline void
fx_band(struct market *m, enum mkt mk, enum role r, enum seniority s,
    enum currency c, long min, long max, int open, enum basis b)
{
	struct band	*x = &m->bands[m->nbands++];

	x->market = mk;
	x->role = r;
	x->seniority = s;
	x->currency = c;
	x->min = min;
	x->max = max;
	x->open_ended = open;
	x->basis = b;
	x->source = 0;
}

static inline void
fx_psignal(struct market *m, enum signal s, int dim, double points)
{
	struct position_signal *x =
	    &m->evidence.psignals[m->evidence.npsignals++];

	x->signal = s;
	x->dim = dim;
	x->points = points;
}

static inline void
fx_action(struct action_list *l, const char *text, double hours,
    const char *milestone)
{
	struct action	*x = &l->actions[l->nactions++];

	x->text = text;
	x->hours = hours;
	x->milestone = milestone;
}

static inline void
fx_area(struct market *m, const char *id, const char *name, enum role r,
    enum trigger t, double impact)
{
	struct area	*x = &m->areas[m->nareas++];

	x->id = id;
	x->name = name;
	x->role = r;
	x->trigger = t;
	x->impact = impact;
	fx_action(&x->list, "First step of the area", 30, "step one done");
	fx_action(&x->list, "Second step of the area", 50, "step two done");
	fx_action(&x->list, "Third step of the area", 10, "step three done");
}

/* The fixture market (see the comment at the top). */
static inline void
fx_market(struct market *m)
{
	static const char *const acts[4] = {
		"First action", "Second action", "Third action", "Fourth action"
	};
	int	 d, i, k;

	memset(m, 0, sizeof(*m));
	m->path = "fixture";
	m->as_of = "2026-05-12";
	m->sources[0].id = "article";
	m->sources[0].title = "FDE vs MLOps Engineer 2026";
	m->sources[0].publisher = "FDE Academy Editorial Team";
	m->nsources = 1;
	m->roles[ROLE_FDE].name = "Forward Deployed Engineer";
	m->roles[ROLE_FDE].short_name = "FDE";
	m->roles[ROLE_FDE].pay_basis = BASIS_TOTAL;
	m->roles[ROLE_MLOPS].name = "MLOps Engineer";
	m->roles[ROLE_MLOPS].short_name = "MLOps";
	m->roles[ROLE_MLOPS].pay_basis = BASIS_BASE;

	m->ndims = FX_NDIMS;
	for (d = 0; d < FX_NDIMS; d++) {
		m->dims[d].id = fx_dims[d].id;
		m->dims[d].name = fx_dims[d].name;
		m->dims[d].short_name = fx_dims[d].id;
		m->dims[d].req[ROLE_FDE].level = fx_dims[d].fde_level;
		m->dims[d].req[ROLE_FDE].weight = fx_dims[d].fde_w;
		m->dims[d].req[ROLE_MLOPS].level = fx_dims[d].mlops_level;
		m->dims[d].req[ROLE_MLOPS].weight = fx_dims[d].mlops_w;
		for (i = 0; i < 4 && fx_dims[d].syn[i] != NULL; i++)
			m->dims[d].synonyms[m->dims[d].nsynonyms++] =
			    fx_dims[d].syn[i];
		for (k = 0; k < 4 && fx_action_hours[d][k] > 0; k++)
			fx_action(&m->dim_actions[d], acts[k],
			    fx_action_hours[d][k], "milestone reached");
	}

	m->w_skills = 70;
	m->w_experience = 15;
	m->w_preference = 15;

	m->evidence.unproven_cap = 2;
	m->evidence.t3 = 1;
	m->evidence.t4 = 2.5;
	m->evidence.t5 = 4;
	m->evidence.per_year = 1;
	m->evidence.per_project = 0.5;
	m->evidence.per_certification = 0.5;
	m->evidence.per_keyword = 0.25;
	m->evidence.keyword_cap = 1;
	m->evidence.position_cap = 2;
	m->evidence.keyword_floor = 1;
	m->evidence.infer[1] = 0.25;
	m->evidence.infer[2] = 1;
	m->evidence.infer[3] = 2;
	m->evidence.infer[4] = 3;
	m->evidence.infer[5] = 4;
	fx_psignal(m, SIG_WORKSHOPS, FX_CUSTOMER, 0.5);
	fx_psignal(m, SIG_WORKSHOPS, FX_BUSINESS, 0.25);
	fx_psignal(m, SIG_CUSTOMER_FACING_YEARS, FX_CUSTOMER, 1);
	fx_psignal(m, SIG_CUSTOMER_FACING_YEARS, FX_BUSINESS, 0.5);
	fx_psignal(m, SIG_DEPLOYMENTS, FX_CLOUD, 0.25);
	fx_psignal(m, SIG_DEPLOYMENTS, FX_CONTAINERS, 0.25);
	fx_psignal(m, SIG_PIPELINES, FX_PIPELINES, 0.5);
	fx_psignal(m, SIG_PIPELINES, FX_CICD, 0.25);
	fx_psignal(m, SIG_ON_CALL_YEARS, FX_CONTAINERS, 0.25);

	m->experience[ROLE_FDE].years_target = 3;
	m->experience[ROLE_FDE].signal = SIG_CUSTOMER_FACING_YEARS;
	m->experience[ROLE_FDE].signal_target = 2;
	m->experience[ROLE_FDE].signal_share = 0.4;
	m->experience[ROLE_FDE].signal_label = "customer-facing years";
	m->experience[ROLE_MLOPS].years_target = 3;
	m->experience[ROLE_MLOPS].signal = SIG_PIPELINES;
	m->experience[ROLE_MLOPS].signal_target = 4;
	m->experience[ROLE_MLOPS].signal_share = 0.4;
	m->experience[ROLE_MLOPS].signal_label = "pipelines built";

	m->close_margin = 5;
	m->min_production_years = 2;
	m->min_fit = 50;
	m->neutral_preference = 0.5;
	m->insufficient_share = 0.5;
	m->strength_min_level = 3;

	m->seniority_name[SEN_JUNIOR] = "Junior";
	m->seniority_name[SEN_MID] = "Mid-level";
	m->seniority_name[SEN_SENIOR] = "Senior";
	m->seniority_name[SEN_STAFF] = "Staff / Principal";
	for (i = 0; i < SEN__N; i++)
		m->seniority_word[i] = m->seniority_name[i];
	m->seniority_min_years[SEN_JUNIOR] = 0;
	m->seniority_min_years[SEN_MID] = 3;
	m->seniority_min_years[SEN_SENIOR] = 5;
	m->seniority_min_years[SEN_STAFF] = 8;
	m->default_hours_per_week = 5;
	m->min_hours_per_week = 2;
	m->plan_max_weeks = 104;
	m->plan_max_items = 8;

	fx_band(m, MKT_US, ROLE_FDE, SEN_MID, CUR_USD, 160000, 220000, 0,
	    BASIS_TOTAL);
	fx_band(m, MKT_US, ROLE_FDE, SEN_SENIOR, CUR_USD, 220000, 300000, 1,
	    BASIS_TOTAL);
	fx_band(m, MKT_US, ROLE_FDE, SEN_STAFF, CUR_USD, 300000, 0, 1,
	    BASIS_TOTAL);
	fx_band(m, MKT_US, ROLE_MLOPS, SEN_MID, CUR_USD, 100000, 140000, 0,
	    BASIS_BASE);
	fx_band(m, MKT_US, ROLE_MLOPS, SEN_SENIOR, CUR_USD, 140000, 200000, 0,
	    BASIS_BASE);
	fx_band(m, MKT_US, ROLE_MLOPS, SEN_STAFF, CUR_USD, 180000, 230000, 0,
	    BASIS_BASE);
	fx_band(m, MKT_IN, ROLE_MLOPS, SEN_MID, CUR_INR, 1200000, 3000000, 0,
	    BASIS_BASE);
	fx_band(m, MKT_IN, ROLE_FDE, SEN_MID, CUR_INR, 2500000, 6000000, 1,
	    BASIS_TOTAL);

	for (i = 0; i < 8; i++) {
		m->statements[i].id = fx_statement_ids[i];
		m->statements[i].role = i < 4 ? ROLE_MLOPS : ROLE_FDE;
		m->statements[i].text = "A statement.";
	}
	m->nstatements = 8;

	fx_area(m, "end_to_end", "End-to-end ownership", ROLE_FDE,
	    TRIG_NO_END_TO_END, 30);
	fx_area(m, "production_fde", "Production experience", ROLE_FDE,
	    TRIG_LOW_PRODUCTION_YEARS, 60);
	fx_area(m, "production_mlops", "Production experience", ROLE_MLOPS,
	    TRIG_LOW_PRODUCTION_YEARS, 60);

	m->phases[0].name = "Foundations";
	m->phases[0].goal = "Close the basic gaps.";
	m->phases[1].name = "Build";
	m->phases[1].goal = "Build real things.";
	m->phases[2].name = "Prove";
	m->phases[2].goal = "Show it in production.";
	m->nphases = 3;
}

/* Index of a dimension id in the fixture, or -1. */
static inline int
fx_dim(const char *id)
{
	int	 d;

	for (d = 0; d < FX_NDIMS; d++)
		if (strcmp(fx_dims[d].id, id) == 0)
			return d;
	return -1;
}

/* A mid-level US profile with nothing else: no skills, positions,
 * keywords, preferences or pay. */
static inline void
fx_profile(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->path = "fixture.xml";
	p->id = "fixture";
	p->name = "Test Person";
	memcpy(p->country, "US", 3);
	p->market = MKT_US;
	p->production_years = 4;
	p->current_title = "Engineer";
	p->family = FAM_SOFTWARE;
	p->target = TARGET_UNDECIDED;
	p->hours_per_week = 5;
}

static inline void
fx_skill(struct profile *p, int dim, int level, double years, int projects,
    int certs)
{
	struct skill	*s = &p->skills[p->nskills++];

	s->dim = dim;
	s->level = level;
	s->years = years;
	s->projects = projects;
	s->certifications = certs;
}

/* A keyword matched the way the loader does: case-insensitively against
 * the market's synonyms; -1 when nothing matches. */
static inline void
fx_keyword(struct profile *p, const struct market *m, const char *text)
{
	struct keyword	*k = &p->keywords[p->nkeywords++];
	char		 low[64];
	size_t		 i;
	int		 d, j;

	for (i = 0; text[i] != '\0' && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	low[i] = '\0';
	k->text = text;
	k->dim = -1;
	for (d = 0; d < m->ndims && k->dim < 0; d++)
		for (j = 0; j < m->dims[d].nsynonyms; j++)
			if (strcmp(m->dims[d].synonyms[j], low) == 0) {
				k->dim = d;
				break;
			}
}

static inline struct position *
fx_position(struct profile *p, int sy, int sm, int ey, int em)
{
	struct position	*x = &p->positions[p->npositions++];

	memset(x, 0, sizeof(*x));
	x->title = "Engineer";
	x->organisation = "Example Ltd";
	x->start.year = sy;
	x->start.month = sm;
	if (ey == 0)
		x->current = 1;
	else {
		x->end.year = ey;
		x->end.month = em;
	}
	return x;
}

/* statement is an id such as "fde-2". */
static inline void
fx_agree(struct profile *p, const char *statement, int value)
{
	struct agreement *a = &p->agreements[p->nagreements++];
	int		  i;

	a->statement = -1;
	for (i = 0; i < 8; i++)
		if (strcmp(fx_statement_ids[i], statement) == 0)
			a->statement = i;
	a->value = value;
	p->has_preferences = 1;
}

static inline void
fx_comp(struct profile *p, long amount, enum currency c, enum basis b)
{
	p->has_comp = 1;
	p->comp_amount = amount;
	p->comp_currency = c;
	p->comp_basis = b;
}

/* Every dimension at level, with plenty of evidence (5 years each). */
static inline void
fx_all_skills(struct profile *p, int level)
{
	int	 d;

	for (d = 0; d < FX_NDIMS; d++)
		fx_skill(p, d, level, 5, 4, 1);
}

static const struct ym fx_today = { 2026, 6 };

/* What most scoring tests share: a market and a profile from the fixture
 * and the assessment made of them, set up and torn down per test by
 * cmocka (fx_setup, fx_teardown) and assessed on fx_today. */
struct fx_state {
	struct market		m;
	struct profile		p;
	struct assessment	a;
};

static inline int
fx_setup(void **state)
{
	struct fx_state	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	fx_market(&f->m);
	fx_profile(&f->p);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	free(*state);
	return 0;
}

static inline void
fx_assess(struct fx_state *f)
{
	score_assess(&f->p, &f->m, fx_today, &f->a);
}

#endif
