/*
 * score_text.c: an assessment in plain words, for a coach at a terminal
 * (`reportgen score --format text`).  Reads the assessment only; the
 * numbers are the ones the JSON carries, to one decimal.
 */
#include <stdio.h>
#include <string.h>

#include "score.h"
#include "words.h"

/* "$160,000" style grouping, sign first. */
static const char *
money(char *buf, size_t size, long v, enum currency c)
{
	char		 digits[32], out[48];
	unsigned long	 u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	size_t		 n, i, o = 0;

	snprintf(digits, sizeof(digits), "%lu", u);
	n = strlen(digits);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s %s", currency_id(c), out);
	return buf;
}

static void
print_fits(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct fit	*x = &a->fit[ROLE_FDE], *y = &a->fit[ROLE_MLOPS];

	fprintf(f, "\nFit (points)        %8s %8s   out of\n",
	    m->roles[ROLE_FDE].short_name, m->roles[ROLE_MLOPS].short_name);
	fprintf(f, "  skills            %8.1f %8.1f   %.0f\n",
	    x->skills.points, y->skills.points, m->w_skills);
	fprintf(f, "  experience        %8.1f %8.1f   %.0f\n",
	    x->experience.points, y->experience.points, m->w_experience);
	fprintf(f, "  preference        %8.1f %8.1f   %.0f\n",
	    x->preference.points, y->preference.points, m->w_preference);
	fprintf(f, "  total             %8.1f %8.1f   %.0f\n",
	    x->score, y->score,
	    m->w_skills + m->w_experience + m->w_preference);
}

static void
print_dims(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct dim_result	*r;
	char			 claim[16];
	int			 d;

	fprintf(f, "\nSkills (levels 0-%d)  claimed counted  %s needs  "
	    "%s needs\n", LEVEL_MAX, m->roles[ROLE_FDE].short_name,
	    m->roles[ROLE_MLOPS].short_name);
	for (d = 0; d < m->ndims; d++) {
		r = &a->dims[d];
		snprintf(claim, sizeof(claim), "%d", r->claimed);
		fprintf(f, "  %-20s %7s %7d %9d %10d\n",
		    m->dims[d].short_name, r->rated ? claim : "-",
		    r->effective, r->required[ROLE_FDE],
		    r->required[ROLE_MLOPS]);
		fprintf(f, "      %s\n", r->evidence);
	}
}

static void
print_pay(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	const struct band	*b;
	const struct pay_change	*c;
	char			 x[64], y[64];
	int			 r;

	fprintf(f, "\nPay, %s market, %s band\n", market_id(p->market),
	    m->seniority_name[a->seniority] ? m->seniority_name[a->seniority] :
	    seniority_id(a->seniority));
	for (r = 0; r < ROLE__N; r++) {
		b = a->bands[r];
		if (b == NULL) {
			fprintf(f, "  %-6s no published figure for this "
			    "level\n", m->roles[r].short_name);
			continue;
		}
		if (b->max > 0)
			fprintf(f, "  %-6s %s to %s%s (%s)\n",
			    m->roles[r].short_name,
			    money(x, sizeof(x), b->min, b->currency),
			    money(y, sizeof(y), b->max, b->currency),
			    b->open_ended ? "+" : "", basis_id(b->basis));
		else
			fprintf(f, "  %-6s %s and up (%s)\n",
			    m->roles[r].short_name,
			    money(x, sizeof(x), b->min, b->currency),
			    basis_id(b->basis));
	}
	if (!p->has_comp) {
		fputs("  current pay not given\n", f);
		return;
	}
	fprintf(f, "  now    %s (%s)\n", money(x, sizeof(x), p->comp_amount,
	    p->comp_currency), basis_id(p->comp_basis));
	for (r = 0; r < ROLE__N; r++) {
		c = &a->pay[r];
		if (!c->valid) {
			fprintf(f, "  change to %s: not comparable (no band "
			    "or another currency)\n", m->roles[r].short_name);
			continue;
		}
		fprintf(f, "  change to %s: %s", m->roles[r].short_name,
		    money(x, sizeof(x), c->low, p->comp_currency));
		if (a->bands[r]->max > 0)
			fprintf(f, " to %s%s\n", money(y, sizeof(y), c->high,
			    p->comp_currency), c->open_ended ? "+" : "");
		else
			fputs(" and up\n", f);
		if (!c->same_basis)
			fprintf(f, "    (the band is %s pay, yours is %s: "
			    "not like for like)\n",
			    basis_id(a->bands[r]->basis),
			    basis_id(p->comp_basis));
	}
}

static void
print_plan(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct plan_phase	*ph;
	const struct plan_item	*it;
	const char		*name;
	char			 s[600], n[64];
	int			 i, j, k;

	fprintf(f, "\nPlan\n  %s\n", words_plan(s, sizeof(s), a));
	if (words_plan_note(s, sizeof(s), a)[0] != '\0')
		fprintf(f, "  %s\n", s);
	for (i = 0; i < a->nphases; i++) {
		ph = &a->phases[i];
		if (ph->weeks <= 1)
			fprintf(f, "  %s, week %d (%s): %s\n",
			    m->phases[ph->info].name, ph->start_week,
			    count_noun_d(n, sizeof(n), ph->hours, "hour",
			    "hours"), m->phases[ph->info].goal);
		else
			fprintf(f, "  %s, weeks %d-%d (%s): %s\n",
			    m->phases[ph->info].name, ph->start_week,
			    ph->start_week + ph->weeks - 1, count_noun_d(n,
			    sizeof(n), ph->hours, "hour", "hours"),
			    m->phases[ph->info].goal);
		for (j = ph->first_item; j < ph->first_item + ph->nitems; j++) {
			it = &a->plan[j];
			name = it->dim >= 0 ? m->dims[it->dim].name :
			    m->areas[it->area].name;
			if (it->gap > 0)
				fprintf(f, "    * %s (%s to close)\n", name,
				    count_noun(n, sizeof(n), it->gap, "level",
				    "levels"));
			else
				fprintf(f, "    * %s\n", name);
			for (k = 0; k < it->nactions; k++)
				fprintf(f, "      - %s (%.0f h) Done when: "
				    "%s.\n", it->actions[k]->text,
				    it->actions[k]->hours,
				    it->actions[k]->milestone);
		}
	}
}

void
score_print_text(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	char			 s[600], y[64];
	int			 i, r;

	fprintf(f, "%s (%s), %s market, scored %04d-%02d\n", p->name, p->id,
	    market_id(p->market), a->today.year, a->today.month);
	fprintf(f, "%s in production: %s\n", count_noun_d(y, sizeof(y),
	    p->production_years, "year", "years"),
	    m->seniority_name[a->seniority] ? m->seniority_name[a->seniority] :
	    seniority_id(a->seniority));

	fprintf(f, "\nRecommendation: %s\n  %s\n", words_rec(m, a->rec),
	    words_headline(s, sizeof(s), a));
	for (i = 0; i < a->nreasons; i++)
		fprintf(f, "  - %s\n", a->reasons[i]);

	print_fits(f, a);
	print_dims(f, a);
	print_pay(f, a);
	print_plan(f, a);

	fputs("\nWhat would raise each fit most\n", f);
	for (r = 0; r < ROLE__N; r++) {
		if (a->nraises[r] == 0)
			fprintf(f, "  %s: nothing left to raise\n",
			    m->roles[r].short_name);
		for (i = 0; i < a->nraises[r]; i++)
			fprintf(f, "  %s: %s\n", m->roles[r].short_name,
			    a->raises[r][i].what);
	}
}
