/*
 * load_market_walk.c: the validated tree of data/market.xml walked once
 * into struct market (load_market.c reads and validates it, then calls
 * market_walk).  What the schema cannot say is checked here: the
 * component weights sum to 100, each role has some dimension weight, each
 * requirement's term is one of the terms of its level, bands are ordered
 * and in their market's currency, every reference (source, dimension,
 * role) resolves, nothing that must be unique is repeated.  Any error
 * makes the market unusable: the tool cannot score without it.
 *
 * Out of memory while copying a value (xs_attr/xs_text, see xmlsafe.h)
 * is said once at SEV_FATAL and makes the market unusable too; until the
 * walk ends such a value reads as absent, so an id the schema requires
 * may still be NULL here: the item is then skipped, never compared.  The
 * walk does not rely on validation for values (no default is filled in:
 * libxml2 does that only with XML_SCHEMA_VAL_VC_I_CREATE, never set;
 * each value read here gives its own).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "load_private.h"
#include "xmlsafe.h"

typedef struct _xmlNode node;

/* One walk: the market being built and where its messages go. */
struct mwalk {
	struct market	*m;
	struct xs_msgs	*msgs;
	int		 seen_role[ROLE__N];
	int		 seen_exp[ROLE__N];
	int		 seen_sen[SEN__N];
	int		 seen_scale[LEVEL_MAX + 1];
	int		 seen_actions[MAX_DIMS];
};

static const char *
attr(struct mwalk *w, node *n, const char *name)
{
	return xs_attr(w->msgs, w->m->arena, n, name);
}

static const char *
text(struct mwalk *w, node *n)
{
	return xs_text(w->msgs, w->m->arena, n);
}

static int
role_of(const char *s)
{
	if (s == NULL)
		return -1;
	return strcmp(s, "fde") == 0 ? ROLE_FDE :
	    strcmp(s, "mlops") == 0 ? ROLE_MLOPS : -1;
}

static enum mkt
market_of(const char *s)
{
	return s != NULL && strcmp(s, "IN") == 0 ? MKT_IN : MKT_US;
}

static enum currency
currency_of(const char *s)
{
	return s != NULL && strcmp(s, "INR") == 0 ? CUR_INR : CUR_USD;
}

static enum basis
basis_of(const char *s)
{
	if (s != NULL && strcmp(s, "base") == 0)
		return BASIS_BASE;
	if (s != NULL && strcmp(s, "unstated") == 0)
		return BASIS_UNSTATED;
	return BASIS_TOTAL;
}

static enum band_kind
kind_of(const char *s)
{
	/* the schema requires it; an unknown kind is never "published" */
	return s != NULL && strcmp(s, "published") == 0 ? KIND_PUBLISHED :
	    KIND_ESTIMATE;
}

/* "2026-05-12" -> { 2026, 5 }; { 0, 0 } when it is not a date. */
static struct ym
ym_of(const char *s)
{
	struct ym	 ym = { 0, 0 };
	int		 y, mo;

	if (s != NULL && strlen(s) >= 7 && sscanf(s, "%4d-%2d", &y, &mo) == 2 &&
	    mo >= 1 && mo <= 12) {
		ym.year = y;
		ym.month = mo;
	}
	return ym;
}

static int
seniority_of(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < SEN__N; i++)
		if (strcmp(s, seniority_id(i)) == 0)
			return i;
	return -1;
}

static enum signal
signal_of(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < SIG__N; i++)
		if (strcmp(s, signal_id(i)) == 0)
			return i;
	return SIG_DEPLOYMENTS;
}

static int
source_index(struct mwalk *w, node *n, const char *id)
{
	int	 i;

	for (i = 0; id != NULL && i < w->m->nsources; i++)
		if (strcmp(w->m->sources[i].id, id) == 0)
			return i;
	xs_msg(w->msgs, SEV_ERROR, xs_line(n), "source '%s' is not defined",
	    id != NULL ? id : "");
	return 0;
}

static int
dim_index(const struct market *m, const char *id)
{
	int	 i;

	for (i = 0; id != NULL && i < m->ndims; i++)
		if (strcmp(m->dims[i].id, id) == 0)
			return i;
	return -1;
}

static void
read_source(struct mwalk *w, node *n)
{
	struct source	*s;

	const char	*id;

	/* A required id; NULL is out of memory, already said. */
	if (w->m->nsources >= MAX_SOURCES || (id = attr(w, n, "id")) == NULL)
		return;
	s = &w->m->sources[w->m->nsources++];
	s->id = id;
	s->title = attr(w, n, "title");
	s->publisher = attr(w, n, "publisher");
	s->date = attr(w, n, "date");
}

static void
read_scale(struct mwalk *w, node *scale)
{
	struct scale_level	*l;
	node			*n, *t;
	long			 v;

	for (n = xs_first(scale); n != NULL; n = xs_next(n)) {
		v = xs_long(attr(w, n, "value"), 0);
		if (v < 0 || v > LEVEL_MAX)
			continue;
		if (w->seen_scale[v]++) {
			xs_msg(w->msgs, SEV_ERROR, xs_line(n),
			    "scale level %ld is defined twice", v);
			continue;
		}
		l = &w->m->scale[v];
		l->label = attr(w, n, "label");
		l->meaning = attr(w, n, "meaning");
		for (t = xs_first(n); t != NULL && l->nterms < MAX_TERMS;
		    t = xs_next(t))
			l->terms[l->nterms++] = text(w, t);
	}
}

static void
read_roles(struct mwalk *w, node *roles)
{
	struct role_info	*r;
	node			*n, *c;
	int			 i;

	for (n = xs_first(roles); n != NULL; n = xs_next(n)) {
		if ((i = role_of(attr(w, n, "id"))) == -1)
			continue;
		if (w->seen_role[i]++) {
			xs_msg(w->msgs, SEV_ERROR, xs_line(n),
			    "role '%s' is defined twice", role_id(i));
			continue;
		}
		r = &w->m->roles[i];
		r->name = attr(w, n, "name");
		r->short_name = attr(w, n, "short");
		r->pay_basis = basis_of(attr(w, n, "pay-basis"));
		for (c = xs_first(n); c != NULL; c = xs_next(c)) {
			if (xs_is(c, "does"))
				r->does = text(w, c);
			else if (xs_is(c, "success"))
				r->success = text(w, c);
			else if (xs_is(c, "cycle"))
				r->cycle = text(w, c);
		}
	}
}

/* A requirement's term must be a term of the scale level it names: the
 * article's words and the numbers say the same thing. */
static void
check_term(struct mwalk *w, node *n, const struct dimension *dim, int role)
{
	const struct requirement	*q = &dim->req[role];
	const struct scale_level	*l = &w->m->scale[q->level];
	char				 list[400];
	size_t				 o = 0;
	int				 i;

	if (q->term == NULL)	/* out of memory, already said */
		return;
	for (i = 0; i < l->nterms; i++)
		if (strcasecmp(l->terms[i], q->term) == 0)
			return;
	list[0] = '\0';
	for (i = 0; i < l->nterms && o < sizeof(list); i++)
		o += snprintf(list + o, sizeof(list) - o, "%s'%s'",
		    i ? ", " : "", l->terms[i]);
	xs_msg(w->msgs, SEV_ERROR, xs_line(n), "dimension '%s': %s "
	    "requirement term '%s' is not a term of level %d%s%s", dim->id,
	    role_id(role), q->term, q->level, l->nterms ? "; one of " :
	    " (that level has no terms)", list);
}

static void
read_dimension(struct mwalk *w, node *n)
{
	struct dimension	*dim;
	node			*c;
	char			*s, *p;
	int			 seen[ROLE__N] = { 0 }, r, i;

	if (w->m->ndims >= MAX_DIMS)
		return;
	dim = &w->m->dims[w->m->ndims];
	/* A required id; NULL is out of memory, already said. */
	if ((dim->id = attr(w, n, "id")) == NULL)
		return;
	dim->name = attr(w, n, "name");
	dim->short_name = attr(w, n, "short");
	dim->source = source_index(w, n, attr(w, n, "source"));
	for (i = 0; i < w->m->ndims; i++)
		if (strcmp(w->m->dims[i].id, dim->id) == 0)
			xs_msg(w->msgs, SEV_ERROR, xs_line(n),
			    "dimension '%s' is defined twice", dim->id);
	for (c = xs_first(n); c != NULL; c = xs_next(c)) {
		if (xs_is(c, "require")) {
			if ((r = role_of(attr(w, c, "role"))) == -1)
				continue;
			if (seen[r]++) {
				xs_msg(w->msgs, SEV_ERROR, xs_line(c),
				    "dimension '%s': two requirements for "
				    "role '%s'", dim->id, role_id(r));
				continue;
			}
			dim->req[r].level = (int)xs_long(attr(w, c, "level"),
			    0);
			dim->req[r].term = attr(w, c, "term");
			dim->req[r].weight = xs_num(attr(w, c, "weight"), 0);
			check_term(w, c, dim, r);
		} else if (xs_is(c, "synonym")) {
			if (dim->nsynonyms >= MAX_SYNONYMS)
				continue;
			s = (char *)text(w, c);
			for (p = s; p != NULL && *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = *p - 'A' + 'a';
			dim->synonyms[dim->nsynonyms++] = s;
		} else if (xs_is(c, "why"))
			dim->why = text(w, c);
	}
	w->m->ndims++;
}

static void
read_evidence(struct mwalk *w, node *n)
{
	struct evidence_rules	*e = &w->m->evidence;
	struct position_signal	*ps;
	node			*c;
	const char		*id;
	int			 dim;

	e->unproven_cap = (int)xs_long(attr(w, n, "unproven-cap"), 0);
	e->t3 = xs_num(attr(w, n, "t3"), 0);
	e->t4 = xs_num(attr(w, n, "t4"), 0);
	e->t5 = xs_num(attr(w, n, "t5"), 0);
	e->per_year = xs_num(attr(w, n, "per-year"), 0);
	e->per_project = xs_num(attr(w, n, "per-project"), 0);
	e->per_certification = xs_num(attr(w, n, "per-certification"), 0);
	e->per_keyword = xs_num(attr(w, n, "per-keyword"), 0);
	e->keyword_cap = xs_num(attr(w, n, "keyword-cap"), 0);
	e->position_cap = xs_num(attr(w, n, "position-cap"), 0);
	e->keyword_floor = (int)xs_long(attr(w, n, "keyword-floor"), 0);
	if (!(e->t3 <= e->t4 && e->t4 <= e->t5))
		xs_msg(w->msgs, SEV_ERROR, xs_line(n), "evidence thresholds "
		    "must not decrease: t3 %g, t4 %g, t5 %g", e->t3, e->t4,
		    e->t5);
	for (c = xs_first(n); c != NULL; c = xs_next(c)) {
		if (!xs_is(c, "position-signal") || e->npsignals >= MAX_PSIGNALS)
			continue;
		if ((id = attr(w, c, "dimension")) == NULL)
			continue;	/* out of memory, already said */
		if ((dim = dim_index(w->m, id)) == -1) {
			xs_msg(w->msgs, SEV_ERROR, xs_line(c), "position-signal "
			    "dimension '%s' is not defined", id);
			continue;
		}
		ps = &e->psignals[e->npsignals++];
		ps->signal = signal_of(attr(w, c, "signal"));
		ps->dim = dim;
		ps->points = xs_num(attr(w, c, "points"), 0);
	}
}

/* The unrated-skill thresholds: level l needs infer[l] evidence points;
 * they must rise with the level. */
static void
read_inference(struct mwalk *w, node *n)
{
	struct evidence_rules	*e = &w->m->evidence;
	char			 name[32];
	int			 l;

	e->infer[0] = 0;
	for (l = 1; l <= LEVEL_MAX; l++) {
		snprintf(name, sizeof(name), "level%d", l);
		e->infer[l] = xs_num(attr(w, n, name), 0);
		if (e->infer[l] <= 0 || e->infer[l] < e->infer[l - 1])
			xs_msg(w->msgs, SEV_ERROR, xs_line(n), "inference "
			    "threshold level%d %g must be above 0 and not "
			    "below level%d's", l, e->infer[l], l - 1);
	}
}

/*
 * The printed label of each seniority band, from its name and years: a
 * band runs from its min-years (included) to the next band's (excluded),
 * so "Junior (<3 yrs)", "Senior (5 to <8 yrs)", "Staff / Principal (8+
 * yrs)": short, as the compensation table's column is narrow.  One rule for the text, the table and the
 * JSON.
 */
static void
seniority_labels(struct mwalk *w)
{
	struct market	*m = w->m;
	char		 buf[256];
	double		 lo, hi;
	int		 s;

	for (s = 0; s < SEN__N; s++) {
		if (m->seniority_word[s] == NULL)
			continue;
		lo = m->seniority_min_years[s];
		hi = s + 1 < SEN__N ? m->seniority_min_years[s + 1] : -1;
		if (hi < 0)
			snprintf(buf, sizeof(buf), "%s (%g+ yrs)",
			    m->seniority_word[s], lo);
		else if (lo <= 0)
			snprintf(buf, sizeof(buf), "%s (<%g yrs)",
			    m->seniority_word[s], hi);
		else
			snprintf(buf, sizeof(buf), "%s (%g to <%g yrs)",
			    m->seniority_word[s], lo, hi);
		if ((m->seniority_name[s] = arena_strdup(m->arena, buf)) ==
		    NULL)
			m->seniority_name[s] = m->seniority_word[s];
	}
}

/* A share given as a fraction of one. */
static double
fraction(struct mwalk *w, node *n, const char *name)
{
	double	 v = xs_num(attr(w, n, name), 0);

	if (v > 1)
		xs_msg(w->msgs, SEV_ERROR, xs_line(n), "%s %g must be a "
		    "fraction between 0 and 1", name, v);
	return v;
}

static void
read_scoring(struct mwalk *w, node *scoring)
{
	struct market		*m = w->m;
	struct experience_rule	*x;
	node			*n;
	double			 sum;
	int			 r, s;

	for (n = xs_first(scoring); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "components")) {
			m->w_skills = xs_num(attr(w, n, "skills"), 0);
			m->w_experience = xs_num(attr(w, n, "experience"), 0);
			m->w_preference = xs_num(attr(w, n, "preference"), 0);
			sum = m->w_skills + m->w_experience + m->w_preference;
			if (fabs(sum - 100) > 1e-9)
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "component weights sum to %g, not 100",
				    sum);
		} else if (xs_is(n, "evidence"))
			read_evidence(w, n);
		else if (xs_is(n, "inference"))
			read_inference(w, n);
		else if (xs_is(n, "experience")) {
			if ((r = role_of(attr(w, n, "role"))) == -1)
				continue;
			if (w->seen_exp[r]++) {
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "experience for role '%s' is given twice",
				    role_id(r));
				continue;
			}
			x = &m->experience[r];
			x->years_target = xs_num(attr(w, n, "years-target"),
			    0);
			x->signal = signal_of(attr(w, n, "signal"));
			x->signal_target = xs_num(attr(w, n, "signal-target"),
			    0);
			x->signal_share = fraction(w, n, "signal-share");
			x->signal_label = attr(w, n, "signal-label");
		} else if (xs_is(n, "recommendation")) {
			m->close_margin = xs_num(attr(w, n, "close-margin"), 0);
			m->min_production_years = xs_num(attr(w, n,
			    "min-production-years"), 0);
			m->min_fit = xs_num(attr(w, n, "min-fit"), 0);
			m->neutral_preference = fraction(w, n,
			    "neutral-preference");
			m->insufficient_share = fraction(w, n,
			    "insufficient-share");
			m->strength_min_level = (int)xs_long(attr(w, n,
			    "strength-min-level"), 0);
		} else if (xs_is(n, "seniority")) {
			if ((s = seniority_of(attr(w, n, "id"))) == -1)
				continue;
			if (w->seen_sen[s]++) {
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "seniority '%s' is given twice",
				    seniority_id(s));
				continue;
			}
			m->seniority_word[s] = attr(w, n, "name");
			m->seniority_min_years[s] = xs_num(attr(w, n,
			    "min-years"), 0);
		} else if (xs_is(n, "plan")) {
			m->default_hours_per_week = xs_num(attr(w, n,
			    "default-hours-per-week"), 0);
			m->min_hours_per_week = xs_num(attr(w, n,
			    "min-hours-per-week"), 0);
			m->plan_max_weeks = (int)xs_long(attr(w, n,
			    "max-weeks"), 0);
			m->plan_max_items = (int)xs_long(attr(w, n,
			    "max-items"), 1);
		}
	}
	for (s = 1; s < SEN__N; s++)
		if (m->seniority_min_years[s] < m->seniority_min_years[s - 1])
			xs_msg(w->msgs, SEV_ERROR, xs_line(scoring),
			    "seniority '%s' starts below '%s'",
			    seniority_id(s), seniority_id(s - 1));
	seniority_labels(w);
}

static void
check_currency(struct mwalk *w, node *n, enum mkt mk, enum currency c)
{
	enum currency	 want = mk == MKT_IN ? CUR_INR : CUR_USD;

	if (c != want)
		xs_msg(w->msgs, SEV_ERROR, xs_line(n), "currency %s does not "
		    "match market %s (expected %s)", currency_id(c),
		    market_id(mk), currency_id(want));
}

static void
read_salaries(struct mwalk *w, node *salaries)
{
	struct market	*m = w->m;
	struct band	*b;
	struct reference *f;
	node		*n;
	const char	*max, *note;

	for (n = xs_first(salaries); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "band") && m->nbands < MAX_BANDS) {
			b = &m->bands[m->nbands++];
			b->market = market_of(attr(w, n, "market"));
			b->role = role_of(attr(w, n, "role")) == ROLE_MLOPS ?
			    ROLE_MLOPS : ROLE_FDE;
			b->seniority = seniority_of(attr(w, n, "seniority"))
			    == -1 ? SEN_JUNIOR :
			    (enum seniority)seniority_of(attr(w, n,
			    "seniority"));
			b->currency = currency_of(attr(w, n, "currency"));
			b->min = xs_long(attr(w, n, "min"), 0);
			max = attr(w, n, "max");
			b->max = xs_long(max, 0);
			b->open_ended = xs_bool(attr(w, n, "open-ended"), 0);
			b->basis = basis_of(attr(w, n, "basis"));
			b->kind = kind_of(attr(w, n, "kind"));
			b->scope = attr(w, n, "scope");
			b->source = source_index(w, n, attr(w, n, "source"));
			note = text(w, n);
			b->note = *note != '\0' ? note : NULL;
			check_currency(w, n, b->market, b->currency);
			if (max == NULL && !b->open_ended)
				xs_msg(w->msgs, SEV_ERROR, xs_line(n), "band "
				    "has no max and is not open-ended");
			if (max != NULL && b->min > b->max)
				xs_msg(w->msgs, SEV_ERROR, xs_line(n), "band "
				    "min %ld is above its max %ld", b->min,
				    b->max);
		} else if (xs_is(n, "reference") && m->nrefs < MAX_REFS) {
			f = &m->refs[m->nrefs++];
			f->market = market_of(attr(w, n, "market"));
			f->role = role_of(attr(w, n, "role"));
			f->job = attr(w, n, "job");
			f->currency = currency_of(attr(w, n, "currency"));
			f->min = xs_long(attr(w, n, "min"), 0);
			max = attr(w, n, "max");
			f->max = xs_long(max, 0);
			f->basis = basis_of(attr(w, n, "basis"));
			f->source = source_index(w, n, attr(w, n, "source"));
			f->label = text(w, n);
			check_currency(w, n, f->market, f->currency);
			if (max != NULL && f->min > f->max)
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "reference min %ld is above its max %ld",
				    f->min, f->max);
		}
	}
}

static void
read_growth(struct mwalk *w, node *growth)
{
	struct growth	*g;
	struct fact	*f;
	node		*n;

	for (n = xs_first(growth); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "fact")) {
			if (w->m->nfacts >= MAX_FACTS)
				continue;
			f = &w->m->facts[w->m->nfacts++];
			f->id = attr(w, n, "id");
			f->role = role_of(attr(w, n, "role"));
			f->text = text(w, n);
			f->source = source_index(w, n, attr(w, n, "source"));
			continue;
		}
		if (w->m->ngrowth >= MAX_GROWTH)
			continue;
		g = &w->m->growth[w->m->ngrowth++];
		g->id = attr(w, n, "id");
		g->role = role_of(attr(w, n, "role"));
		g->value = xs_num(attr(w, n, "value"), 0);
		g->at_least = xs_bool(attr(w, n, "at-least"), 0);
		g->unit = attr(w, n, "unit");
		g->period = attr(w, n, "period");
		g->label = attr(w, n, "label");
		g->text = text(w, n);
		g->source = source_index(w, n, attr(w, n, "source"));
	}
}

static void
read_statements(struct mwalk *w, node *sts)
{
	struct statement	*s;
	node			*n;
	const char		*id;

	for (n = xs_first(sts); n != NULL; n = xs_next(n)) {
		if (w->m->nstatements >= MAX_STATEMENTS)
			break;
		if ((id = attr(w, n, "id")) == NULL)
			continue;	/* out of memory, already said */
		s = &w->m->statements[w->m->nstatements++];
		s->id = id;
		s->role = role_of(attr(w, n, "role")) == ROLE_MLOPS ?
		    ROLE_MLOPS : ROLE_FDE;
		s->text = text(w, n);
	}
}

static void
read_actions(struct mwalk *w, node *parent, struct action_list *l)
{
	struct action	*a;
	node		*n;

	for (n = xs_first(parent); n != NULL; n = xs_next(n)) {
		if (!xs_is(n, "action") || l->nactions >= MAX_ACTIONS)
			continue;
		a = &l->actions[l->nactions++];
		a->text = text(w, n);
		a->hours = xs_num(attr(w, n, "hours"), 0);
		a->milestone = attr(w, n, "milestone");
	}
}

static enum trigger
trigger_of(const char *s)
{
	if (s != NULL && strcmp(s, "no-customer-facing-position") == 0)
		return TRIG_NO_CUSTOMER_FACING;
	if (s != NULL && strcmp(s, "no-end-to-end-deployment") == 0)
		return TRIG_NO_END_TO_END;
	return TRIG_LOW_PRODUCTION_YEARS;
}

static void
read_playbook(struct mwalk *w, node *pb)
{
	struct market	*m = w->m;
	struct area	*a;
	node		*n;
	const char	*id;
	int		 dim;

	for (n = xs_first(pb); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "dimension-actions")) {
			if ((id = attr(w, n, "dimension")) == NULL)
				continue;	/* out of memory, said */
			if ((dim = dim_index(m, id)) == -1) {
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "dimension-actions: dimension '%s' is "
				    "not defined", id);
				continue;
			}
			if (w->seen_actions[dim]++) {
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "dimension-actions for '%s' are given "
				    "twice", id);
				continue;
			}
			read_actions(w, n, &m->dim_actions[dim]);
		} else if (xs_is(n, "area") && m->nareas < MAX_AREAS) {
			a = &m->areas[m->nareas++];
			a->id = attr(w, n, "id");
			a->name = attr(w, n, "name");
			a->role = role_of(attr(w, n, "role")) == ROLE_MLOPS ?
			    ROLE_MLOPS : ROLE_FDE;
			a->trigger = trigger_of(attr(w, n, "trigger"));
			a->impact = xs_num(attr(w, n, "impact"), 0);
			read_actions(w, n, &a->list);
		} else if (xs_is(n, "phase") && m->nphases < MAX_PHASES) {
			m->phases[m->nphases].name = attr(w, n, "name");
			m->phases[m->nphases].goal = attr(w, n, "goal");
			m->nphases++;
		}
	}
}

static void
build(struct mwalk *w, node *root)
{
	struct market	*m = w->m;
	node		*n, *c;
	double		 sum;
	int		 r, i;

	m->as_of = attr(w, root, "as-of");
	m->as_of_ym = ym_of(m->as_of);
	for (n = xs_first(root); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "source"))
			read_source(w, n);
		else if (xs_is(n, "scale"))
			read_scale(w, n);
		else if (xs_is(n, "roles"))
			read_roles(w, n);
		else if (xs_is(n, "dimensions")) {
			for (c = xs_first(n); c != NULL; c = xs_next(c))
				read_dimension(w, c);
		}
	}
	/* The rest after the dimensions, which they refer to. */
	for (n = xs_first(root); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "scoring"))
			read_scoring(w, n);
		else if (xs_is(n, "salaries"))
			read_salaries(w, n);
		else if (xs_is(n, "growth"))
			read_growth(w, n);
		else if (xs_is(n, "statements"))
			read_statements(w, n);
		else if (xs_is(n, "playbook"))
			read_playbook(w, n);
	}
	for (i = 0; i <= LEVEL_MAX; i++)
		if (!w->seen_scale[i])
			xs_msg(w->msgs, SEV_ERROR, xs_line(root),
			    "scale level %d is not defined", i);
	for (r = 0; r < ROLE__N; r++) {
		if (!w->seen_role[r])
			xs_msg(w->msgs, SEV_ERROR, xs_line(root),
			    "role '%s' is not defined", role_id(r));
		for (sum = 0, i = 0; i < m->ndims; i++)
			sum += m->dims[i].req[r].weight;
		if (sum <= 0)
			xs_msg(w->msgs, SEV_ERROR, xs_line(root), "the "
			    "dimension weights for role '%s' sum to 0",
			    role_id(r));
	}
	for (i = 0; i < m->nstatements; i++)
		for (r = 0; r < i; r++)
			if (strcmp(m->statements[r].id, m->statements[i].id)
			    == 0)
				xs_msg(w->msgs, SEV_ERROR, xs_line(root),
				    "statement '%s' is defined twice",
				    m->statements[i].id);
}

void
market_walk(struct market *m, struct xs_msgs *msgs, struct _xmlNode *root)
{
	struct mwalk	 w;

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.msgs = msgs;
	build(&w, root);
}
