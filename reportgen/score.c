/*
 * score.c: profile + market -> assessment.
 *
 * Pure: no I/O, no clock, no library beyond libc and libm.  Every weight,
 * level, threshold, band and action comes from the market; the formulas
 * are written out, with a worked example, in docs/scoring.md, in the same
 * order as the functions below:
 *
 *	signals     what the positions show (time as merged intervals)
 *	dimensions  claimed or inferred level, evidence, ceiling, gaps
 *	fits        skills + experience + preference, rounded once
 *	recommend   too little evidence, not yet (and why), FDE, MLOps or
 *	            either, with reasons
 *	pay         seniority, salary band, change from current pay
 *	plan        the gaps to close for one role, in phases; open areas
 *	highlights  the plan role's top strengths and gaps
 *	raises      the two changes that would raise each fit most
 *
 * Nothing here allocates: the assessment is a plain struct whose strings
 * point into the profile and the market, so it lives as long as they do.
 *
 * Past 900 lines on purpose: these stages are one pure function read top
 * to bottom beside docs/scoring.md; split, each would need the others'
 * statics and the worked example would span files (issue 15 keeps it
 * whole).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "score.h"
#include "words.h"

/* ------------------------------------------------------------- helpers */

/*
 * Format into buf like snprintf, but when the text does not fit, cut it
 * at a UTF-8 character boundary and end it with "...", so a long name or
 * keyword never leaves half a character behind.
 */
static void __attribute__((format(printf, 3, 4)))
text(char *buf, size_t size, const char *fmt, ...)
{
	char	 tmp[2048];
	size_t	 n;
	va_list	 ap;
	int	 r;

	va_start(ap, fmt);
	r = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (r < 0)
		tmp[0] = '\0';
	n = strlen(tmp);
	if (n < size) {
		memcpy(buf, tmp, n + 1);
		return;
	}
	if (size < 4) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	n = size - 4;
	while (n > 0 && ((unsigned char)tmp[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, tmp, n);
	memcpy(buf + n, "...", 4);
}

/* A number as a person writes it: "3", "2.5" (one decimal at most). */
static const char *
num(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.1f", v);
	if (strlen(buf) > 2 && strcmp(buf + strlen(buf) - 2, ".0") == 0)
		buf[strlen(buf) - 2] = '\0';
	return buf;
}

static double
min_d(double a, double b)
{
	return a < b ? a : b;
}

/* min(1, amount / target); a target of 0 or less is met by anything. */
static double
ratio(double amount, double target)
{
	if (target <= 0)
		return 1.0;
	return min_d(1.0, amount / target);
}

/* Whole months from a to b, never negative. */
static int
months_between(struct ym a, struct ym b)
{
	int	 n;

	n = (b.year - a.year) * 12 + (b.month - a.month);
	return n < 0 ? 0 : n;
}

double
score_round1(double v)
{
	double	 r = round(v * 10) / 10;

	return r == 0 ? 0.0 : r;	/* no "-0.0" */
}

/* ------------------------------------------------------------- signals */

struct span {
	int	 from, to;	/* months since year 0, [from, to) */
};

static int
span_cmp(const void *va, const void *vb)
{
	const struct span	*a = va, *b = vb;

	return (a->from > b->from) - (a->from < b->from);
}

/* Whether position ps counts toward the time signal s. */
static int
counts_toward(const struct position *ps, enum signal s)
{
	return s == SIG_CUSTOMER_FACING_YEARS ? ps->customer_facing :
	    s == SIG_ON_CALL_YEARS ? ps->on_call : 0;
}

/*
 * Years covered by the positions that count toward s, each month once:
 * two customer-facing positions held at the same time are one stretch
 * of customer-facing time, not two.  The intervals are sorted and
 * merged before their lengths are added.
 */
static double
union_years(const struct profile *p, struct ym today, enum signal s)
{
	struct span		 sp[MAX_POSITIONS];
	const struct position	*ps;
	struct ym		 end;
	int			 i, n = 0, months = 0, from, to;

	for (i = 0; i < p->npositions && n < MAX_POSITIONS; i++) {
		ps = &p->positions[i];
		if (!counts_toward(ps, s))
			continue;
		end = ps->current ? today : ps->end;
		if (months_between(ps->start, end) == 0)
			continue;
		sp[n].from = ps->start.year * 12 + ps->start.month - 1;
		sp[n].to = sp[n].from + months_between(ps->start, end);
		n++;
	}
	qsort(sp, n, sizeof(sp[0]), span_cmp);
	for (i = 0; i < n; i++) {
		from = sp[i].from;
		to = sp[i].to;
		while (i + 1 < n && sp[i + 1].from <= to) {
			if (sp[i + 1].to > to)
				to = sp[i + 1].to;
			i++;
		}
		months += to - from;
	}
	return months / 12.0;
}

/* How much of each signal the profile's positions show: counts are
 * added, time is the union of the positions' intervals. */
static void
signals(const struct profile *p, struct ym today, double amount[SIG__N])
{
	const struct position	*ps;
	int			 i;

	memset(amount, 0, sizeof(double) * SIG__N);
	for (i = 0; i < p->npositions; i++) {
		ps = &p->positions[i];
		amount[SIG_DEPLOYMENTS] += ps->deployments;
		amount[SIG_WORKSHOPS] += ps->workshops;
		amount[SIG_PIPELINES] += ps->pipelines;
	}
	amount[SIG_CUSTOMER_FACING_YEARS] = union_years(p, today,
	    SIG_CUSTOMER_FACING_YEARS);
	amount[SIG_ON_CALL_YEARS] = union_years(p, today, SIG_ON_CALL_YEARS);
}

/* ---------------------------------------------------------- dimensions */

static const struct skill *
find_skill(const struct profile *p, int d)
{
	int	 i;

	for (i = 0; i < p->nskills; i++)
		if (p->skills[i].dim == d)
			return &p->skills[i];
	return NULL;
}

/* "3 yrs, 2 projects, 1 cert": only the parts that are not zero. */
static void
evidence_counts(char *buf, size_t size, const struct skill *s)
{
	char	 n[64];
	size_t	 len = 0;

	buf[0] = '\0';
	if (s->years > 0)
		len += snprintf(buf + len, size - len, "%s",
		    count_noun_d(n, sizeof(n), s->years, "yr", "yrs"));
	if (s->projects > 0 && len < size)
		len += snprintf(buf + len, size - len, "%s%s",
		    len ? ", " : "", count_noun(n, sizeof(n), s->projects,
		    "project", "projects"));
	if (s->certifications > 0 && len < size)
		snprintf(buf + len, size - len, "%s%s",
		    len ? ", " : "", count_noun(n, sizeof(n),
		    s->certifications, "cert", "certs"));
}

/* Whether keyword i is the first of its kind for its dimension (the
 * same synonym, ignoring case and surrounding blanks), so a keyword
 * given three times counts and prints once. */
static int
first_keyword(const struct profile *p, int i)
{
	const char	*a, *b;
	size_t		 na, nb;
	int		 j;

	for (j = 0; j < i; j++) {
		if (p->keywords[j].dim != p->keywords[i].dim)
			continue;
		a = p->keywords[i].text;
		b = p->keywords[j].text;
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		na = strlen(a);
		nb = strlen(b);
		while (na > 0 && (a[na - 1] == ' ' || a[na - 1] == '\t'))
			na--;
		while (nb > 0 && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
			nb--;
		if (na == nb && strncasecmp(a, b, na) == 0)
			return 0;
	}
	return 1;
}

/*
 * The evidence line in plain words, e.g. "self-rated 4; 3 yrs, 2
 * projects; keywords: k8s, helm; positions +1.0; held at 3".
 */
static void
evidence_text(struct dim_result *r, const struct profile *p, int d,
    const struct skill *s)
{
	char	 buf[1024], counts[128];
	size_t	 len;
	int	 i, nkw;

	if (s == NULL)
		len = snprintf(buf, sizeof(buf), r->effective > 0 ?
		    "not rated; level %d inferred from the evidence" :
		    "not rated; no evidence", r->effective);
	else {
		evidence_counts(counts, sizeof(counts), s);
		len = snprintf(buf, sizeof(buf), "self-rated %d; %s",
		    s->level, counts[0] ? counts : "no years, projects or "
		    "certifications given");
	}
	for (i = nkw = 0; i < p->nkeywords && len < sizeof(buf); i++) {
		if (p->keywords[i].dim != d || !first_keyword(p, i))
			continue;
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    nkw++ ? ", " : "; keywords: ", p->keywords[i].text);
	}
	if (r->position_points > 0 && len < sizeof(buf))
		len += snprintf(buf + len, sizeof(buf) - len,
		    "; positions +%.1f", r->position_points);
	if (s == NULL)
		;	/* the level was read from this evidence */
	else if (r->effective < r->claimed && len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len,
		    "; held at %d for lack of evidence", r->effective);
	else if (r->effective > r->claimed && len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len,
		    "; raised to %d by keywords", r->effective);
	text(r->evidence, sizeof(r->evidence), "%s", buf);
}

static void
dimensions(struct assessment *a, const double amount[SIG__N])
{
	const struct profile		*p = a->profile;
	const struct market		*m = a->market;
	const struct evidence_rules	*e = &m->evidence;
	const struct skill		*s;
	struct dim_result		*r;
	double				 pos, ev, years = 0;
	int				 d, i, kw, projects, certs, ceiling;
	int				 ro, l;

	for (d = 0; d < m->ndims && d < MAX_DIMS; d++) {
		r = &a->dims[d];
		s = find_skill(p, d);
		r->claimed = s ? s->level : 0;
		years = s ? s->years : 0;
		projects = s ? s->projects : 0;
		certs = s ? s->certifications : 0;

		for (i = kw = 0; i < p->nkeywords; i++)
			if (p->keywords[i].dim == d && first_keyword(p, i))
				kw++;
		r->keywords = kw;

		for (i = 0, pos = 0; i < e->npsignals; i++)
			if (e->psignals[i].dim == d)
				pos += e->psignals[i].points *
				    amount[e->psignals[i].signal];
		r->position_points = min_d(e->position_cap, pos);

		ev = e->per_year * years + e->per_project * projects +
		    e->per_certification * certs +
		    min_d(e->keyword_cap, e->per_keyword * kw) +
		    r->position_points;
		r->evidence_points = score_round1(ev);

		if (ev < e->t3)
			ceiling = e->unproven_cap;
		else if (ev < e->t4)
			ceiling = 3;
		else if (ev < e->t5)
			ceiling = 4;
		else
			ceiling = LEVEL_MAX;
		r->ceiling = ceiling;

		r->rated = s != NULL;
		if (s == NULL) {
			/* no claim: the evidence alone sets the level */
			for (l = 1, r->effective = 0; l <= LEVEL_MAX; l++)
				if (e->infer[l] > 0 && ev >= e->infer[l] - 1e-9)
					r->effective = l;
			if (r->effective > ceiling)
				r->effective = ceiling;
			r->source = LEVEL_INFERRED;
		} else {
			r->effective = r->claimed < ceiling ? r->claimed :
			    ceiling;
			r->source = r->effective < r->claimed ? LEVEL_CAPPED :
			    LEVEL_CLAIMED;
			/* held at the unproven cap: a claim with next to
			 * no evidence behind it */
			if (r->effective < r->claimed && ev < e->t3)
				a->ncapped++;
		}
		if (kw > 0 && r->effective < e->keyword_floor)
			r->effective = e->keyword_floor;

		for (ro = 0; ro < ROLE__N; ro++) {
			r->required[ro] = m->dims[d].req[ro].level;
			r->gap[ro] = r->required[ro] > r->effective ?
			    r->required[ro] - r->effective : 0;
			r->match[ro] = r->required[ro] == 0 ? 1.0 :
			    (double)(r->effective < r->required[ro] ?
			    r->effective : r->required[ro]) / r->required[ro];
		}
		evidence_text(r, p, d, s);
	}
}

/* ---------------------------------------------------------------- fits */

static double
weight_sum(const struct market *m, enum role r)
{
	double	 w = 0;
	int	 d;

	for (d = 0; d < m->ndims; d++)
		w += m->dims[d].req[r].weight;
	return w;
}

/* The experience value for given production years and signal amount. */
static double
experience_value(const struct experience_rule *x, double years,
    double signal)
{
	return (1 - x->signal_share) * ratio(years, x->years_target) +
	    x->signal_share * ratio(signal, x->signal_target);
}

/* Mean agreement of role r's answered statements (1..5); 0 if none. */
static double
mean_agreement(const struct profile *p, const struct market *m,
    enum role r, int *answered)
{
	double	 sum = 0;
	int	 i, s, n = 0;

	for (i = 0; i < p->nagreements; i++) {
		s = p->agreements[i].statement;
		if (s < 0 || s >= m->nstatements || m->statements[s].role != r)
			continue;
		sum += p->agreements[i].value;
		n++;
	}
	*answered = n;
	return n ? sum / n : 0;
}

/* The points are rounded here, once; the fit is the sum of the
 * rounded points, so the parts shown always add up to the whole. */
static void
component(struct component *c, double value, double weight)
{
	c->value = value;
	c->weight = weight;
	c->points = score_round1(value * weight);
}

static void
fits(struct assessment *a, const double amount[SIG__N])
{
	const struct profile	*p = a->profile;
	const struct market	*m = a->market;
	const struct experience_rule *x;
	struct fit		*f;
	double			 wsum, v, mean;
	int			 r, d;

	for (r = 0; r < ROLE__N; r++) {
		f = &a->fit[r];

		wsum = weight_sum(m, r);
		for (d = 0, v = 0; d < m->ndims; d++)
			v += m->dims[d].req[r].weight * a->dims[d].match[r];
		component(&f->skills, wsum > 0 ? v / wsum : 0, m->w_skills);

		x = &m->experience[r];
		f->signal_value = amount[x->signal];
		component(&f->experience, experience_value(x,
		    p->production_years, f->signal_value), m->w_experience);

		mean = mean_agreement(p, m, r, &f->answered);
		component(&f->preference, f->answered ? (mean - 1) / 4 :
		    m->neutral_preference, m->w_preference);

		f->score = score_round1(f->skills.points +
		    f->experience.points + f->preference.points);
	}
}

/* ----------------------------------------------------------- recommend */

/* The role with the higher fit; FDE on a tie. */
static enum role
higher_fit(const struct assessment *a)
{
	return a->fit[ROLE_MLOPS].score > a->fit[ROLE_FDE].score ?
	    ROLE_MLOPS : ROLE_FDE;
}

static void
add_reason(struct assessment *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_reason(struct assessment *a, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;

	if (a->nreasons >= 4)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	text(a->reasons[a->nreasons++], sizeof(a->reasons[0]), "%s", buf);
}

/*
 * The strongest match for role r: among the skills that meet what the
 * role needs, the heaviest; when none does, the one earning the most
 * (weight x match).  Ties go to the first.  -1 when nothing counts.
 */
static int
strongest(const struct assessment *a, enum role r)
{
	const struct market	*m = a->market;
	double			 best = 0, v;
	int			 d, bd = -1, full;

	for (full = 1; full >= 0 && bd < 0; full--)
		for (d = 0; d < m->ndims; d++) {
			if (a->dims[d].required[r] == 0 ||
			    a->dims[d].effective == 0 ||
			    (full && a->dims[d].gap[r] > 0))
				continue;
			v = m->dims[d].req[r].weight * a->dims[d].match[r];
			if (v > best) {
				best = v;
				bd = d;
			}
		}
	return bd;
}

/* The gap costing role r the most (weight x gap), or -1 when none. */
static int
biggest_gap(const struct assessment *a, enum role r)
{
	const struct market	*m = a->market;
	double			 best = 0, v;
	int			 d, bd = -1;

	for (d = 0; d < m->ndims; d++) {
		v = m->dims[d].req[r].weight * a->dims[d].gap[r];
		if (a->dims[d].gap[r] > 0 && v > best) {
			best = v;
			bd = d;
		}
	}
	return bd;
}

static void
reason_match(struct assessment *a, enum role r)
{
	const struct market	*m = a->market;
	const char		*sn = m->roles[r].short_name;
	int			 d, e, q;

	if ((d = strongest(a, r)) < 0)
		return;
	e = a->dims[d].effective;
	q = a->dims[d].required[r];
	if (e <= q)
		add_reason(a, "Strongest %s match: %s at level %d of %d "
		    "needed.", sn, m->dims[d].name, e, q);
	else
		add_reason(a, "Strongest %s match: %s at level %d, above "
		    "the %d needed.", sn, m->dims[d].name, e, q);
}

static void
reason_gap(struct assessment *a, enum role r)
{
	const struct market	*m = a->market;
	const char		*sn = m->roles[r].short_name;
	int			 d, g;

	if ((d = biggest_gap(a, r)) < 0) {
		add_reason(a, "No %s skill gaps: every skill is at the level "
		    "the role needs.", sn);
		return;
	}
	g = a->dims[d].gap[r];
	add_reason(a, "Biggest %s gap: %s, %d %s below what the role needs.",
	    sn, m->dims[d].name, g, noun_for(g, "level", "levels"));
}

static void
reason_preference(struct assessment *a)
{
	const struct market	*m = a->market;
	const char		*fde = m->roles[ROLE_FDE].short_name;
	const char		*mlops = m->roles[ROLE_MLOPS].short_name;
	double			 af, am;
	int			 nf, nm;

	af = mean_agreement(a->profile, m, ROLE_FDE, &nf);
	am = mean_agreement(a->profile, m, ROLE_MLOPS, &nm);
	if (nf == 0 && nm == 0)
		add_reason(a, "No preference statements answered, so "
		    "preference counts as neutral for both roles.");
	else if (nf == 0 || nm == 0)
		add_reason(a, "Only the %s statements were answered "
		    "(agreement %.1f/5); the other role's preference counts "
		    "as neutral.", nf ? fde : mlops, nf ? af : am);
	else if (fabs(af - am) < 0.05)
		add_reason(a, "Your answers lean neither way (agreement "
		    "%.1f/5 for both).", af);
	else
		add_reason(a, "Your answers lean %s (agreement %.1f/5 vs "
		    "%.1f/5).", af > am ? fde : mlops, af > am ? af : am,
		    af > am ? am : af);
}

/* "Build first: ..." from the top plan item (the plan is made first). */
static void
reason_first(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct plan_item	*it;
	const char		*name;

	if (a->nplan == 0)
		return;
	it = &a->plan[0];
	name = it->dim >= 0 ? m->dims[it->dim].name :
	    m->areas[it->area].name;
	if (it->nactions > 0)
		add_reason(a, "Build first: %s. A first milestone: %s.",
		    name, it->actions[0]->milestone);
	else
		add_reason(a, "Build first: %s.", name);
}

/* Whether the profile shows no skill at all: nothing claimed, nothing
 * read from the evidence. */
static int
nothing_shown(const struct assessment *a)
{
	int	 d;

	for (d = 0; d < a->market->ndims; d++)
		if (a->dims[d].effective > 0 || a->dims[d].claimed > 0)
			return 0;
	return 1;
}

/*
 * In order: too little evidence to judge (most claims held back by the
 * cap, or nothing shown), then not yet for too few production years,
 * then not yet for low fits, then the roles.  The fits compared are the
 * rounded ones, the figures the reader sees.
 */
static void
recommend(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	double			 sf = a->fit[ROLE_FDE].score;
	double			 sm = a->fit[ROLE_MLOPS].score;
	double			 best = sf > sm ? sf : sm;

	a->why = REASON_NONE;
	if (a->ncapped > m->insufficient_share * m->ndims ||
	    nothing_shown(a))
		a->rec = REC_INSUFFICIENT;
	else if (p->production_years < m->min_production_years) {
		a->rec = REC_NOT_YET;
		a->why = REASON_PRODUCTION_YEARS;
	} else if (best < m->min_fit) {
		a->rec = REC_NOT_YET;
		a->why = REASON_LOW_FIT;
	} else if (fabs(sf - sm) < m->close_margin)
		a->rec = REC_EITHER;
	else
		a->rec = sf > sm ? REC_FDE : REC_MLOPS;
}

/* What to add to the profile when the evidence is too thin to judge. */
static void
reasons_insufficient(struct assessment *a)
{
	const struct market	*m = a->market;
	char			 names[160], cnt[64];
	size_t			 len = 0;
	int			 d, n = 0, rated;

	names[0] = '\0';
	for (d = 0; d < m->ndims; d++) {
		if (a->dims[d].source != LEVEL_CAPPED ||
		    a->dims[d].evidence_points >= m->evidence.t3)
			continue;
		if (n < 3 && len < sizeof(names))
			len += snprintf(names + len, sizeof(names) - len,
			    "%s%s", n ? ", " : "", m->dims[d].short_name);
		n++;
	}
	if (n > 3 && len < sizeof(names))
		snprintf(names + len, sizeof(names) - len, " and %d more",
		    n - 3);
	for (d = rated = 0; d < m->ndims; d++)
		rated += a->dims[d].rated;
	if (a->ncapped > 0)
		add_reason(a, "%s of the %d you rated %s held back because "
		    "your profile does not show %s: %s.", count_noun(cnt,
		    sizeof(cnt), a->ncapped, "skill", "skills"), rated,
		    a->ncapped == 1 ? "is" : "are", a->ncapped == 1 ? "it" :
		    "them", names);
	else
		add_reason(a, "Your profile shows no skill yet: no "
		    "self-ratings, and no keywords or positions that point "
		    "to one.");
	add_reason(a, "For each skill, add the years you have used it, the "
	    "projects that show it and any certifications.");
	add_reason(a, "List your positions with what they involved: "
	    "customer-facing work, on-call duty, and the pipelines, "
	    "deployments and workshops you owned.");
	add_reason(a, "Add keywords for the tools you use (for example "
	    "Kubernetes, Terraform, MLflow), then score the profile again.");
}

static void
reasons(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	const char		*fde = m->roles[ROLE_FDE].short_name;
	const char		*mlops = m->roles[ROLE_MLOPS].short_name;
	double			 sf = a->fit[ROLE_FDE].score;
	double			 sm = a->fit[ROLE_MLOPS].score;
	enum role		 hi = higher_fit(a);
	char			 y[32], mn[32];

	switch (a->rec) {
	case REC_INSUFFICIENT:
		reasons_insufficient(a);
		return;
	case REC_NOT_YET:
		if (p->production_years < m->min_production_years)
			add_reason(a, "%s %s of production experience; "
			    "both roles expect at least %s.",
			    num(y, sizeof(y), p->production_years),
			    p->production_years == 1 ? "year" : "years",
			    num(mn, sizeof(mn), m->min_production_years));
		if (a->fit[hi].score < m->min_fit)
			add_reason(a, "The better fit, %s at %.1f, is below "
			    "the %.1f a recommendation needs.",
			    m->roles[hi].short_name, a->fit[hi].score,
			    m->min_fit);
		reason_first(a);
		add_reason(a, "%s fit %.1f, %s fit %.1f.", fde, sf, mlops, sm);
		break;
	case REC_EITHER:
		add_reason(a, "%s fit %.1f and %s fit %.1f are within %.1f "
		    "points of each other: either role suits you.",
		    fde, sf, mlops, sm, m->close_margin);
		reason_match(a, a->plan_role);
		reason_gap(a, a->plan_role);
		reason_preference(a);
		break;
	default:
		add_reason(a, "%s fit %.1f against %s %.1f: a %.1f-point "
		    "lead.", m->roles[hi].short_name, a->fit[hi].score,
		    m->roles[!hi].short_name, a->fit[!hi].score,
		    score_round1(fabs(sf - sm)));
		reason_match(a, hi);
		reason_gap(a, hi);
		reason_preference(a);
		break;
	}
	if (a->rec == REC_NOT_YET)
		reason_preference(a);
}

/* ----------------------------------------------------------------- pay */

/* See score.h.  Pay is compared only like for like: same currency and the
 * same stated basis.  An open-ended band ("$300K+") has no top, so pay at
 * or above its floor is never "above" it. */
void
score_compare_pay(const struct profile *p, const struct band *b,
    struct pay_change *c)
{
	memset(c, 0, sizeof(*c));
	c->cmp = CMP_NOT_COMPARABLE;
	if (!p->has_comp || b == NULL || b->currency != p->comp_currency)
		return;
	c->valid = 1;
	c->same_basis = b->basis != BASIS_UNSTATED &&
	    p->comp_basis == b->basis;
	c->low = b->min - p->comp_amount;
	c->high = b->max > 0 ? b->max - p->comp_amount : 0;
	c->open_ended = b->open_ended || b->max == 0;
	if (!c->same_basis)
		c->cmp = CMP_DIFFERENT_BASIS;
	else if (p->comp_amount < b->min)
		c->cmp = CMP_BELOW;
	else if (c->open_ended)
		c->cmp = CMP_AT_OR_ABOVE_FLOOR;
	else if (p->comp_amount <= b->max)
		c->cmp = CMP_WITHIN;
	else
		c->cmp = CMP_ABOVE;
}

static void
pay(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	const struct band	*b;
	int			 s, i, r;

	a->seniority = SEN_JUNIOR;
	for (s = 0; s < SEN__N; s++)
		if (p->production_years >= m->seniority_min_years[s])
			a->seniority = s;

	for (r = 0; r < ROLE__N; r++) {
		a->bands[r] = NULL;
		for (i = 0; i < m->nbands; i++) {
			b = &m->bands[i];
			if (b->market == p->market && b->role == (enum role)r &&
			    b->seniority == a->seniority) {
				a->bands[r] = b;
				break;
			}
		}
		score_compare_pay(p, a->bands[r], &a->pay[r]);
	}
}

/* ---------------------------------------------------------------- plan */

int
score_trigger_holds(const struct profile *p, const struct market *m,
    enum trigger t)
{
	int	 i;

	switch (t) {
	case TRIG_NO_CUSTOMER_FACING:
		for (i = 0; i < p->npositions; i++)
			if (p->positions[i].customer_facing)
				return 0;
		return 1;
	case TRIG_NO_END_TO_END:
		for (i = 0; i < p->npositions; i++)
			if (p->positions[i].end_to_end)
				return 0;
		return 1;
	case TRIG_LOW_PRODUCTION_YEARS:
		return p->production_years < m->min_production_years;
	}
	return 0;
}

/* Impact first; on a tie dimensions before areas, then market order. */
static int
item_cmp(const void *va, const void *vb)
{
	const struct plan_item	*a = va, *b = vb;
	int			 ka, kb;

	if (a->impact != b->impact)
		return a->impact > b->impact ? -1 : 1;
	if ((a->dim >= 0) != (b->dim >= 0))
		return a->dim >= 0 ? -1 : 1;
	ka = a->dim >= 0 ? a->dim : a->area;
	kb = b->dim >= 0 ? b->dim : b->area;
	return (ka > kb) - (ka < kb);
}

static enum role
plan_role(const struct assessment *a)
{
	switch (a->profile->target) {
	case TARGET_FDE:
		return ROLE_FDE;
	case TARGET_MLOPS:
		return ROLE_MLOPS;
	default:
		break;
	}
	if (a->rec == REC_FDE)
		return ROLE_FDE;
	if (a->rec == REC_MLOPS)
		return ROLE_MLOPS;
	return higher_fit(a);
}

static void
add_actions(struct plan_item *it, const struct action_list *l, int n)
{
	int	 i;

	for (i = 0; i < n && i < l->nactions && i < MAX_ACTIONS; i++) {
		it->actions[it->nactions++] = &l->actions[i];
		it->hours += l->actions[i].hours;
	}
}

/* Whole weeks for hours at hpw hours a week. */
static int
phase_weeks(double hours, double hpw)
{
	return (int)ceil(hours / hpw - 1e-9);
}

/* Split the sorted items into the market's phases by where each item's
 * middle hour falls; drop empty phases. */
static void
phases(struct assessment *a)
{
	const struct market	*m = a->market;
	struct plan_phase	*ph;
	double			 total = a->plan_hours, before = 0, h;
	int			 i, k, n = m->nphases, week = 1;

	a->nphases = 0;
	if (n <= 0)
		return;
	for (i = 0; i < a->nplan; i++) {
		h = a->plan[i].hours;
		k = total > 0 ? (int)floor(n * (before + h / 2) / total) : 0;
		if (k > n - 1)
			k = n - 1;
		before += h;
		if (a->nphases == 0 || a->phases[a->nphases - 1].info != k) {
			ph = &a->phases[a->nphases++];
			ph->info = k;
			ph->first_item = i;
		}
		ph = &a->phases[a->nphases - 1];
		ph->nitems++;
		ph->hours += h;
		a->plan[i].phase = a->nphases - 1;
	}
	for (i = 0; i < a->nphases; i++) {
		ph = &a->phases[i];
		ph->weeks = phase_weeks(ph->hours, a->hours_per_week);
		ph->start_week = week;
		week += ph->weeks;
		a->plan_weeks += ph->weeks;
	}
}

/*
 * A plan longer than the market's plan-max-weeks is not stated as
 * hundreds of weeks: find the whole hours a week (at least the default)
 * that bring it within the limit, for the text to suggest.
 */
static void
alternative(struct assessment *a)
{
	const struct market	*m = a->market;
	double			 h;
	int			 i, w;

	if (m->plan_max_weeks <= 0 || a->plan_weeks <= m->plan_max_weeks)
		return;
	h = ceil(a->plan_hours / m->plan_max_weeks);
	if (h < m->default_hours_per_week)
		h = ceil(m->default_hours_per_week);
	if (h <= a->hours_per_week)
		h = floor(a->hours_per_week) + 1;
	for (;; h++) {
		for (i = w = 0; i < a->nphases; i++)
			w += phase_weeks(a->phases[i].hours, h);
		if (w <= m->plan_max_weeks || h >= a->plan_hours)
			break;
	}
	a->alt_hours_per_week = h;
	a->alt_weeks = w;
}

static void
plan(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	struct plan_item	 items[MAX_DIMS + MAX_AREAS], *it;
	enum role		 r;
	int			 d, i, n = 0, max;

	r = a->plan_role = plan_role(a);
	a->hours_per_week = p->hours_per_week > 0 ? p->hours_per_week :
	    m->default_hours_per_week;
	if (a->hours_per_week < m->min_hours_per_week) {
		a->hours_per_week = m->min_hours_per_week;
		a->hours_raised = p->hours_per_week > 0;
	}
	if (a->hours_per_week <= 0)
		a->hours_per_week = 1;
	for (i = 0; i < m->nareas && i < MAX_AREAS; i++)
		a->area_open[i] = score_trigger_holds(p, m,
		    m->areas[i].trigger);

	memset(items, 0, sizeof(items));
	for (d = 0; d < m->ndims; d++) {
		if (a->dims[d].gap[r] <= 0)
			continue;
		it = &items[n++];
		it->dim = d;
		it->area = -1;
		it->gap = a->dims[d].gap[r];
		it->impact = m->dims[d].req[r].weight * it->gap;
		add_actions(it, &m->dim_actions[d], it->gap);
	}
	for (i = 0; i < m->nareas && i < MAX_AREAS; i++) {
		if (m->areas[i].role != r || !a->area_open[i])
			continue;
		it = &items[n++];
		it->dim = -1;
		it->area = i;
		it->impact = m->areas[i].impact;
		add_actions(it, &m->areas[i].list, MAX_ACTIONS);
	}
	qsort(items, n, sizeof(items[0]), item_cmp);

	max = m->plan_max_items;
	if (max <= 0 || max > MAX_DIMS + MAX_AREAS)
		max = MAX_DIMS + MAX_AREAS;
	a->nplan = n < max ? n : max;
	for (i = 0; i < a->nplan; i++) {
		a->plan[i] = items[i];
		a->plan_hours += items[i].hours;
	}
	phases(a);
	alternative(a);
}

/* ---------------------------------------------------------- highlights */

/*
 * The plan role's top strengths and gaps for page 1.  A strength meets
 * what the role needs and is at least the market's strength-min-level
 * (level 1 of 5 meeting a need of 1 is no strength); ranked by level,
 * then weight.  A gap is ranked by weight x gap.  Ties keep the market's
 * order.
 */
static int
rank(const struct assessment *a, int *out, int gaps)
{
	const struct market	*m = a->market;
	double			 key[MAX_DIMS], k;
	int			 idx[MAX_DIMS], cnt = 0, i, j, t;
	enum role		 r = a->plan_role;

	for (i = 0; i < m->ndims; i++) {
		if (gaps) {
			if (a->dims[i].gap[r] <= 0)
				continue;
			k = a->dims[i].gap[r] * m->dims[i].req[r].weight;
		} else {
			if (a->dims[i].effective <= 0 ||
			    a->dims[i].effective < m->strength_min_level ||
			    a->dims[i].gap[r] > 0)
				continue;
			k = a->dims[i].effective * 1000.0 +
			    m->dims[i].req[r].weight;
		}
		key[cnt] = k;
		idx[cnt++] = i;
	}
	for (i = 1; i < cnt; i++)
		for (j = i; j > 0 && key[j] > key[j - 1]; j--) {
			k = key[j]; key[j] = key[j - 1]; key[j - 1] = k;
			t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t;
		}
	for (i = 0; i < cnt && i < 3; i++)
		out[i] = idx[i];
	return i;
}

static void
highlights(struct assessment *a)
{
	a->nstrengths = rank(a, a->strengths, 0);
	a->ntop_gaps = rank(a, a->top_gaps, 1);
}

/* -------------------------------------------------------------- raises */

static void
raise_consider(struct raise best[2], int *n, const struct raise *c)
{
	/* Strictly greater: on a tie the earlier candidate stays ahead. */
	if (*n < 2) {
		best[(*n)++] = *c;
	} else if (c->delta > best[1].delta)
		best[1] = *c;
	else
		return;
	if (*n == 2 && best[1].delta > best[0].delta) {
		struct raise t = best[0];

		best[0] = best[1];
		best[1] = t;
	}
}

static void
raises(struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	const struct experience_rule *x;
	struct raise		 c;
	double			 wsum, py, amt;
	char			 now[32], then[32];
	int			 r, d, e, q;

	for (r = 0; r < ROLE__N; r++) {
		a->nraises[r] = 0;
		wsum = weight_sum(m, r);
		for (d = 0; d < m->ndims && wsum > 0; d++) {
			e = a->dims[d].effective;
			q = a->dims[d].required[r];
			if (e >= q)
				continue;
			memset(&c, 0, sizeof(c));
			c.dim = d;
			c.to_level = e + 1;
			c.delta = score_round1(m->w_skills *
			    m->dims[d].req[r].weight / q / wsum);
			text(c.what, sizeof(c.what), "Reach level %d in %s "
			    "(now %d): +%.1f points", e + 1, m->dims[d].name,
			    e, c.delta);
			raise_consider(a->raises[r], &a->nraises[r], &c);
		}

		x = &m->experience[r];
		py = p->production_years;
		amt = a->fit[r].signal_value;
		if (py < x->years_target) {
			memset(&c, 0, sizeof(c));
			c.dim = -1;
			c.to_level = 0;
			c.delta = score_round1(m->w_experience *
			    (experience_value(x, py + 1, amt) -
			    experience_value(x, py, amt)));
			text(c.what, sizeof(c.what), "One more year of "
			    "production experience (%s to %s): +%.1f points",
			    num(now, sizeof(now), py),
			    num(then, sizeof(then), py + 1), c.delta);
			raise_consider(a->raises[r], &a->nraises[r], &c);
		}
		if (amt < x->signal_target) {
			memset(&c, 0, sizeof(c));
			c.dim = -1;
			c.to_level = 0;
			c.delta = score_round1(m->w_experience *
			    (experience_value(x, py, amt + 1) -
			    experience_value(x, py, amt)));
			text(c.what, sizeof(c.what), "More %s (%s to %s): "
			    "+%.1f points", x->signal_label,
			    num(now, sizeof(now), amt),
			    num(then, sizeof(then), amt + 1), c.delta);
			raise_consider(a->raises[r], &a->nraises[r], &c);
		}
	}
}

/* ---------------------------------------------------------------- main */

void
score_assess(const struct profile *p, const struct market *m,
    struct ym today, struct assessment *a)
{
	double	 amount[SIG__N];

	memset(a, 0, sizeof(*a));
	a->profile = p;
	a->market = m;
	a->today = today;

	signals(p, today, amount);
	memcpy(a->signal, amount, sizeof(a->signal));
	dimensions(a, amount);
	fits(a, amount);
	recommend(a);
	pay(a);
	plan(a);
	highlights(a);
	reasons(a);
	raises(a);
}
