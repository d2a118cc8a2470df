/*
 * words.c: counted nouns (see words.h).  Pure, no allocation.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "words.h"

/* The amount as count_noun_d prints it, into buf: "2", "2.5", "-1". */
static const char *
amount(char *buf, size_t size, double n)
{
	size_t	 len;

	snprintf(buf, size, "%.1f", round(n * 10) / 10);
	len = strlen(buf);
	if (len > 2 && strcmp(buf + len - 2, ".0") == 0)
		buf[len - 2] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
	return buf;
}

const char *
noun_for(double n, const char *one, const char *many)
{
	char	 a[64];

	return strcmp(amount(a, sizeof(a), n), "1") == 0 ? one : many;
}

const char *
count_noun(char *buf, size_t size, long n, const char *one,
    const char *many)
{
	/* the length is not needed: a cut pair is still terminated */
	if (size > 0 && snprintf(buf, size, "%ld %s", n, n == 1 ? one :
	    many) < 0)
		buf[0] = '\0';
	return buf;
}

const char *
count_noun_d(char *buf, size_t size, double n, const char *one,
    const char *many)
{
	char	 a[64];

	amount(a, sizeof(a), n);
	if (size > 0 && snprintf(buf, size, "%s %s", a, strcmp(a, "1") == 0 ?
	    one : many) < 0)
		buf[0] = '\0';
	return buf;
}

/* --------------------------------------------------------- sentences */

/* buf += printf(...), never past size. */
static void __attribute__((format(printf, 3, 4)))
append(char *buf, size_t size, const char *fmt, ...)
{
	size_t	 len = strlen(buf);
	va_list	 ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

const char *
words_rec(const struct market *m, enum recommendation r)
{
	switch (r) {
	case REC_FDE:
		return m->roles[ROLE_FDE].name;
	case REC_MLOPS:
		return m->roles[ROLE_MLOPS].name;
	case REC_EITHER:
		return "either role";
	case REC_INSUFFICIENT:
		return "too little evidence to judge";
	default:
		return "not yet";
	}
}

const char *
words_rec_short(enum recommendation r)
{
	switch (r) {
	case REC_FDE:
		return "FDE";
	case REC_MLOPS:
		return "MLOps";
	case REC_EITHER:
		return "Either role";
	case REC_INSUFFICIENT:
		return "Too little evidence";
	default:
		return "Not yet";
	}
}

/* A fit as every output prints it: the carried value, "72.4", "72". */
static const char *
fit_num(char *buf, size_t size, double v)
{
	return amount(buf, size, v);
}

const char *
words_headline(char *buf, size_t size, const struct assessment *a)
{
	const struct market	*m = a->market;
	const char		*fde = m->roles[ROLE_FDE].short_name;
	const char		*ml = m->roles[ROLE_MLOPS].short_name;
	char			 x[64], y[64], n[64];
	enum role		 best, other;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	fit_num(x, sizeof(x), a->fit[ROLE_FDE].score);
	fit_num(y, sizeof(y), a->fit[ROLE_MLOPS].score);
	switch (a->rec) {
	case REC_FDE:
	case REC_MLOPS:
		best = a->rec == REC_FDE ? ROLE_FDE : ROLE_MLOPS;
		other = best == ROLE_FDE ? ROLE_MLOPS : ROLE_FDE;
		append(buf, size, "Aim for %s roles: your fit is %s out of "
		    "100, against %s for %s.", m->roles[best].name,
		    best == ROLE_FDE ? x : y, best == ROLE_FDE ? y : x,
		    m->roles[other].short_name);
		break;
	case REC_EITHER:
		append(buf, size, "Both roles fit you about equally (%s %s, "
		    "%s %s): let your preference decide.", fde, x, ml, y);
		break;
	case REC_INSUFFICIENT:
		if (a->ncapped > 0)
			append(buf, size, "Too little evidence to recommend a "
			    "role yet: %s rated higher than your profile "
			    "shows.", count_noun(n, sizeof(n), a->ncapped,
			    "skill is", "skills are"));
		else
			append(buf, size, "Too little in your profile to "
			    "recommend a role yet.");
		break;
	default:
		if (a->why == REASON_PRODUCTION_YEARS) {
			count_noun_d(y, sizeof(y), m->min_production_years,
			    "year", "years");
			if (a->profile->production_years <= 0)
				append(buf, size, "Not yet: you have no "
				    "production experience yet, and both "
				    "roles expect at least %s", y);
			else
				append(buf, size, "Not yet: you have %s in "
				    "production, and both roles expect at "
				    "least %s", count_noun_d(x, sizeof(x),
				    a->profile->production_years, "year",
				    "years"), y);
			if (a->fit[ROLE_FDE].score < m->min_fit &&
			    a->fit[ROLE_MLOPS].score < m->min_fit)
				append(buf, size, " (both fits are also under "
				    "%s)", fit_num(n, sizeof(n), m->min_fit));
		} else {
			fit_num(n, sizeof(n), m->min_fit);
			append(buf, size, "Not yet: both fits are under %s "
			    "(%s %s, %s %s)", n, fde, x, ml, y);
		}
		append(buf, size, "; the plan in this report works toward "
		    "%s.", m->roles[a->plan_role].name);
		break;
	}
	return buf;
}

const char *
words_plan(char *buf, size_t size, const struct assessment *a)
{
	const struct market	*m = a->market;
	const char		*role = m->roles[a->plan_role].name;
	char			 st[64], h[64], hpw[64], wk[64], yr[64];

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (a->nplan == 0) {
		append(buf, size, "Your skills already meet what %s needs: "
		    "the plan is about keeping your evidence current.", role);
		return buf;
	}
	append(buf, size, "The plan toward %s has %s, about %s", role,
	    count_noun(st, sizeof(st), a->nplan, "step", "steps"),
	    count_noun_d(h, sizeof(h), a->plan_hours, "hour", "hours"));
	count_noun_d(hpw, sizeof(hpw), a->hours_per_week, "hour", "hours");
	if (a->alt_hours_per_week > 0) {
		append(buf, size, ": more than %s at %s a week",
		    count_noun_d(yr, sizeof(yr), m->plan_max_weeks / 52.0,
		    "year", "years"), hpw);
	} else
		append(buf, size, ": roughly %s at %s a week",
		    count_noun(wk, sizeof(wk), a->plan_weeks, "week",
		    "weeks"), hpw);
	if (a->hours_raised)
		append(buf, size, " (the least a plan here assumes; your "
		    "profile says %s)", count_noun_d(h, sizeof(h),
		    a->profile->hours_per_week, "hour", "hours"));
	append(buf, size, ".");
	if (a->alt_hours_per_week > 0)
		append(buf, size, " Consider giving it more time: at %s a "
		    "week it takes about %s.", count_noun_d(h, sizeof(h),
		    a->alt_hours_per_week, "hour", "hours"),
		    count_noun(wk, sizeof(wk), a->alt_weeks, "week", "weeks"));
	return buf;
}

const char *
words_plan_note(char *buf, size_t size, const struct assessment *a)
{
	const struct market	*m = a->market;
	const char		*plan = m->roles[a->plan_role].name;
	int			 stated = a->profile->target != TARGET_UNDECIDED;
	enum role		 rec, target;
	char			 x[64], y[64];

	if (size == 0)
		return buf;
	buf[0] = '\0';
	switch (a->rec) {
	case REC_NOT_YET:
		/* a plan is not a sign to apply (the headline names its
		 * role already) */
		append(buf, size, stated ? "The plan follows your stated "
		    "target and is what to build before applying." : "The "
		    "plan follows the higher of your two fits today: it is "
		    "what to build before applying, not a sign to apply yet.");
		return buf;
	case REC_INSUFFICIENT:
		/* nor is it a recommendation made on claims alone */
		append(buf, size, stated ? "The plan works toward your stated "
		    "target, %s, from the levels your profile shows; add the "
		    "evidence first, as it may change the plan." : "The plan "
		    "works toward %s only because it is the higher fit on what "
		    "your profile shows now; once the profile shows your "
		    "evidence, the plan may change.", plan);
		return buf;
	case REC_EITHER:
		if (!stated)
			append(buf, size, "Both roles fit about equally, so the "
			    "plan follows %s, the higher fit by a little; state "
			    "a target in your profile to plan for the other.",
			    plan);
		return buf;
	default:
		break;
	}
	if (!stated)
		return buf;
	target = a->profile->target == TARGET_FDE ? ROLE_FDE : ROLE_MLOPS;
	rec = a->rec == REC_FDE ? ROLE_FDE : ROLE_MLOPS;
	if (target == rec || a->plan_role != target)
		return buf;
	append(buf, size, "The plan follows your stated target, %s, although "
	    "%s fits you better today (%s against %s).", m->roles[target].name,
	    m->roles[rec].name, fit_num(x, sizeof(x), a->fit[rec].score),
	    fit_num(y, sizeof(y), a->fit[target].score));
	return buf;
}

const char *
words_phase(char *buf, size_t size, int nitems, double hours)
{
	char	 n[64], h[64];

	snprintf(buf, size, "%s, %s h", count_noun(n, sizeof(n), nitems,
	    "item", "items"), amount(h, sizeof(h), hours));
	return buf;
}

const char *
words_item(char *buf, size_t size, int gap, double hours)
{
	char	 n[64], h[64];

	amount(h, sizeof(h), hours);
	if (gap > 0)
		snprintf(buf, size, "gap %s  \xc2\xb7  %s h", count_noun(n,
		    sizeof(n), gap, "level", "levels"), h);
	else
		snprintf(buf, size, "experience area  \xc2\xb7  %s h", h);
	return buf;
}

const char *
words_to_go(char *buf, size_t size, int level, const char *role, int need,
    int gap)
{
	char	 n[64];

	snprintf(buf, size, "Level %d, %s needs %d: %s to go", level, role,
	    need, count_noun(n, sizeof(n), gap, "level", "levels"));
	return buf;
}

const char *
words_owned(char *buf, size_t size, int pipelines, int deployments,
    int workshops)
{
	const int	 v[3] = { pipelines, deployments, workshops };
	const char	*one[3] = { "pipeline", "deployment", "workshop" };
	const char	*many[3] = { "pipelines", "deployments", "workshops" };
	char		 n[64];
	int		 i, k = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < 3; i++)
		if (v[i] > 0)
			append(buf, size, "%s%s", k++ ? ", " : "",
			    count_noun(n, sizeof(n), v[i], one[i], many[i]));
	return buf;
}

const char *
words_points_change(char *buf, size_t size, double delta)
{
	char	 n[64];

	amount(n, sizeof(n), delta);
	if (strcmp(n, "0") == 0)
		snprintf(buf, size, "no change");
	else
		snprintf(buf, size, "%s%s %s", delta > 0 ? "+" : "", n,
		    noun_for(delta < 0 ? -delta : delta, "point", "points"));
	return buf;
}

const char *
words_dim_points(char *buf, size_t size, const struct dim_result *d)
{
	char	 n[64];

	count_noun_d(n, sizeof(n), d->evidence_points, "point", "points");
	if (d->source == LEVEL_INFERRED)
		snprintf(buf, size, "not rated, inferred %d, %s",
		    d->effective, n);
	else
		snprintf(buf, size, "claimed %d, counted %d (cap %d), %s",
		    d->claimed, d->effective, d->ceiling, n);
	return buf;
}
