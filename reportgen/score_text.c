/*
 * score_text.c: an assessment in plain words, for a coach at a terminal
 * (`reportgen score --format text`).  Reads the assessment only; the
 * numbers are the ones the JSON carries, to one decimal.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paytext.h"
#include "score.h"
#include "words.h"

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

/* Pay as the report says it (paytext.c): the report's figures ($K,
 * lakh and crore), estimates and scopes named, and each comparison in
 * the sentence written for its case, with its id. */
static void
print_pay(FILE *f, const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct profile	*p = a->profile;
	char			 s[1000], now[48];
	int			 r;

	fprintf(f, "\nPay, %s market, %s band\n", market_id(p->market),
	    m->seniority_name[a->seniority] ? m->seniority_name[a->seniority] :
	    seniority_id(a->seniority));
	if (a->bands[ROLE_FDE] == NULL && a->bands[ROLE_MLOPS] == NULL) {
		pay_levels_sentence(s, sizeof(s), a);
		fprintf(f, "  %s\n", s);
	} else
		for (r = 0; r < ROLE__N; r++) {
			pay_level_sentence(s, sizeof(s), a, (enum role)r);
			fprintf(f, "  %s\n", s);
		}
	if (!p->has_comp) {
		fputs("  current pay not given\n", f);
		return;
	}
	fmt_money(now, sizeof(now), p->comp_currency, p->comp_amount);
	fprintf(f, "  now: %s (%s)\n", now, pay_basis_words(p->comp_basis));
	for (r = 0; r < ROLE__N; r++) {
		pay_compare_sentence(s, sizeof(s), a, (enum role)r);
		fprintf(f, "  %s [%s]: %s\n", m->roles[r].short_name,
		    comparison_id(a->pay[r].cmp), s);
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
