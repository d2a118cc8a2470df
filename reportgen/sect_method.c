/*
 * sect_method.c: how the scores were made.  Each component with its
 * weight and the points each role got, the method in words, the evidence
 * behind every dimension, the positions considered, the sources with the
 * data's date, and a short disclaimer.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

static void
components(struct rctx *c)
{
	struct pdf		*pdf = c->pdf;
	const struct assessment	*a = c->a;
	const char		*names[4] = { "Skills", "Experience",
				    "Preference", "Fit score" };
	const struct component	*k[ROLE__N];
	char			 s[32];
	float			 y, cx[3];
	int			 i, r;

	cx[0] = c->x0 + 200;
	cx[1] = c->x0 + 290;
	cx[2] = c->x0 + 380;
	pdf_need(pdf, 16 + 4 * 18 + GAP_M);
	y = pdf_y(pdf);
	pdf_tag_begin(pdf, TAG_TABLE);
	pdf_tag_begin(pdf, TAG_TR_HEAD);
	rc_text(c, c->x0, y + 8, 180, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "COMPONENT");
	pdf_text(pdf, cx[0], y + 8, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_RIGHT, "POINTS AVAILABLE");
	for (r = 0; r < ROLE__N; r++)
		rc_text(c, cx[r + 1], y + 8, 80, FONT_BOLD, SZ_TINY,
		    role_color((enum role)r), ALIGN_RIGHT,
		    c->m->roles[r].short_name);
	pdf_tag_end(pdf);
	y += 13;
	pdf_line(pdf, c->x0, y, c->x0 + 400, y, C_RULE, 0.8f);
	for (i = 0; i < 4; i++) {
		for (r = 0; r < ROLE__N; r++)
			k[r] = i == 0 ? &a->fit[r].skills : i == 1 ?
			    &a->fit[r].experience : &a->fit[r].preference;
		pdf_tag_begin(pdf, TAG_TR);
		pdf_tag_begin(pdf, TAG_TH_ROW);
		rc_text(c, c->x0, y + 12, 180, i == 3 ? FONT_BOLD :
		    FONT_REGULAR, SZ_BODY, C_INK, ALIGN_LEFT, names[i]);
		pdf_tag_end(pdf);
		if (i < 3)
			fmt_num(s, sizeof(s), k[0]->weight);
		else
			snprintf(s, sizeof(s), "100");
		pdf_text(pdf, cx[0], y + 12, FONT_REGULAR, SZ_BODY, C_TEXT,
		    ALIGN_RIGHT, s);
		for (r = 0; r < ROLE__N; r++) {
			if (i < 3)
				fmt_num(s, sizeof(s), k[r]->points);
			else	/* the carried 0.1 figure, as everywhere */
				fmt_num(s, sizeof(s), a->fit[r].score);
			pdf_text(pdf, cx[r + 1], y + 12, FONT_BOLD, SZ_BODY,
			    role_color((enum role)r), ALIGN_RIGHT, s);
		}
		pdf_tag_end(pdf);
		y += 18;
		pdf_line(pdf, c->x0, y, c->x0 + 400, y, C_RULE,
		    i == 2 ? 0.8f : 0.4f);
	}
	pdf_tag_end(pdf);
	pdf_set_y(pdf, y + GAP_M);
}

static void
method_words(struct rctx *c)
{
	const struct market	*m = c->m;
	char			 s[2000], yt[2][16], st[2][16], pct[16];
	int			 r;

	fmt_percent(pct, sizeof(pct), m->insufficient_share);
	for (r = 0; r < ROLE__N; r++) {
		fmt_num(yt[r], sizeof(yt[r]), m->experience[r].years_target);
		fmt_num(st[r], sizeof(st[r]), m->experience[r].signal_target);
	}
	snprintf(s, sizeof(s), "Skills: for every dimension, your level "
	    "after evidence is set against the level the role needs; a "
	    "level at or above the need counts in full, one below counts "
	    "in proportion. Each dimension weighs what it weighs for that "
	    "role. Experience: years in production against a target of %s "
	    "(%s) and %s (%s), with part of the score from the role's own "
	    "signal: %s (target %s) for %s and %s (target %s) for %s. "
	    "Preference: your answers to each role's statements; a statement "
	    "left unanswered counts as neutral. A skill you did not rate "
	    "takes the level its evidence shows on its own. No role is "
	    "recommended when more than %s of the skills are rated above "
	    "what the evidence holds (too little evidence). Otherwise the "
	    "recommendation names the higher fit unless production "
	    "experience is under %g years or both fits are under %g (not "
	    "yet), or the two are within %g points (either role). Fits and "
	    "points are rounded once, to 0.1. The full method, with every "
	    "formula, is in docs/scoring.md.",
	    yt[ROLE_FDE], m->roles[ROLE_FDE].short_name, yt[ROLE_MLOPS],
	    m->roles[ROLE_MLOPS].short_name,
	    m->experience[ROLE_FDE].signal_label, st[ROLE_FDE],
	    m->roles[ROLE_FDE].short_name,
	    m->experience[ROLE_MLOPS].signal_label, st[ROLE_MLOPS],
	    m->roles[ROLE_MLOPS].short_name, pct,
	    m->min_production_years, m->min_fit, m->close_margin);
	rc_heading(c, "The method in words", 3 * LEAD_BODY);
	rc_para(c, FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, s);
	pdf_advance(c->pdf, GAP_S);
}

static void
evidence(struct rctx *c)
{
	struct pdf		*pdf = c->pdf;
	const struct dim_result	*d;
	char			 s[128];
	float			 y, h, ex = c->x0 + 200;
	int			 i;

	rc_heading(c, "Evidence used, by dimension", 40);
	/* a table of two columns: the dimension with its points (the row's
	 * header), the evidence */
	pdf_tag_begin(pdf, TAG_TABLE);
	for (i = 0; i < c->m->ndims; i++) {
		d = &c->a->dims[i];
		h = rc_height(c, FONT_REGULAR, SZ_SMALL, c->x1 - ex,
		    LEAD_SMALL, d->evidence);
		if (h < 2 * LEAD_SMALL)
			h = 2 * LEAD_SMALL;
		pdf_need(pdf, h + 6);
		y = pdf_y(pdf);
		pdf_tag_begin(pdf, TAG_TR);
		pdf_tag_begin(pdf, TAG_TH_ROW);
		rc_text(c, c->x0, y + 8, 190, FONT_BOLD, SZ_SMALL, C_INK,
		    ALIGN_LEFT, rc_dim_name(c, i, 0));
		words_dim_points(s, sizeof(s), d);
		rc_text(c, c->x0, y + 8 + LEAD_SMALL, 190, FONT_REGULAR,
		    SZ_TINY, C_MUTED, ALIGN_LEFT, s);
		pdf_tag_end(pdf);
		pdf_text_box(pdf, ex, y + 1, c->x1 - ex, FONT_REGULAR,
		    SZ_SMALL, LEAD_SMALL, C_TEXT, 20, d->evidence[0] != '\0' ?
		    d->evidence : "none");
		pdf_tag_end(pdf);
		pdf_line(pdf, c->x0, y + h + 3, c->x1, y + h + 3, C_RULE,
		    0.4f);
		pdf_advance(pdf, h + 6);
	}
	pdf_tag_end(pdf);
	pdf_advance(pdf, GAP_M);
}

static void
positions(struct rctx *c)
{
	const struct profile	*p = c->p;
	const struct position	*ps;
	struct pdf		*pdf = c->pdf;
	char			 s[400], when[64], flags[200], own[160];
	float			 y;
	int			 i, nl;

	if (p->npositions == 0)
		return;
	rc_heading(c, "Positions considered", 30);
	rc_para(c, FONT_ITALIC, SZ_TINY, LEAD_TINY, C_MUTED, "What each "
	    "position showed to the scorer; summaries are shortened to two "
	    "lines.");
	for (i = 0; i < p->npositions; i++) {
		ps = &p->positions[i];
		if (ps->current)
			snprintf(when, sizeof(when), "%04d-%02d to now",
			    ps->start.year, ps->start.month);
		else
			snprintf(when, sizeof(when), "%04d-%02d to %04d-%02d",
			    ps->start.year, ps->start.month, ps->end.year,
			    ps->end.month);
		snprintf(flags, sizeof(flags), "%s%s%s%s", ps->customer_facing ?
		    "  \xc2\xb7  customer-facing" : "", ps->end_to_end ?
		    "  \xc2\xb7  end-to-end" : "", ps->on_call ?
		    "  \xc2\xb7  on call" : "", "");
		if (words_owned(own, sizeof(own), ps->pipelines,
		    ps->deployments, ps->workshops)[0] != '\0')
			snprintf(flags + strlen(flags), sizeof(flags) -
			    strlen(flags), "  \xc2\xb7  %s", own);
		nl = ps->summary != NULL && ps->summary[0] != '\0' ?
		    rc_lines(c, FONT_REGULAR, SZ_TINY, c->w, ps->summary) : 0;
		if (nl > 2)
			nl = 2;
		pdf_need(pdf, LEAD_SMALL + LEAD_TINY * (1 + nl) + 2);
		y = pdf_y(pdf);
		snprintf(s, sizeof(s), "%s, %s", ps->title, ps->organisation);
		/* a position, its dates, what it showed: one paragraph */
		pdf_tag_begin(pdf, TAG_P);
		rc_text(c, c->x0, y + 8, c->w - 110, FONT_BOLD, SZ_SMALL,
		    C_INK, ALIGN_LEFT, s);
		rc_text(c, c->x1, y + 8, 100, FONT_REGULAR, SZ_TINY, C_MUTED,
		    ALIGN_RIGHT, when);
		y += LEAD_SMALL;
		if (flags[0] != '\0') {
			rc_text(c, c->x0, y + 6.5f, c->w, FONT_REGULAR,
			    SZ_TINY, C_MUTED, ALIGN_LEFT, flags + 6);
			y += LEAD_TINY;
		}
		if (nl > 0)
			y += pdf_text_box(pdf, c->x0, y, c->w, FONT_REGULAR,
			    SZ_TINY, LEAD_TINY, C_TEXT, 2, ps->summary);
		pdf_tag_end(pdf);
		pdf_set_y(pdf, y);
		pdf_advance(pdf, 5);
	}
	pdf_advance(pdf, GAP_M);
}

static void
sources(struct rctx *c)
{
	const struct market	*m = c->m;
	char			 s[900];
	int			 i;

	rc_heading(c, "Sources", 30);
	snprintf(s, sizeof(s), "Market data as of %s. Figures are carried "
	    "over with their sources; where a figure is a judgement rather "
	    "than a published number, the data file says so.", m->as_of);
	rc_para(c, FONT_REGULAR, SZ_SMALL, LEAD_SMALL, C_TEXT, s);
	for (i = 0; i < m->nsources; i++) {
		snprintf(s, sizeof(s), "%d. %s. %s%s%s.", i + 1,
		    m->sources[i].title, m->sources[i].publisher,
		    m->sources[i].date != NULL ? ", " : "",
		    m->sources[i].date != NULL ? m->sources[i].date : "");
		pdf_need(c->pdf, LEAD_SMALL);
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_SMALL,
		    LEAD_SMALL, C_MUTED, s);
	}
	pdf_advance(c->pdf, GAP_M);
}

void
sect_method(struct rctx *c)
{
	float	 h, y;
	const char *disc = "This report is guidance for a conversation "
	    "about your career, not a hiring decision and not an offer. "
	    "It rests on what your profile says and on published market "
	    "figures, which change; a hiring team will judge on its own "
	    "criteria.";

	rc_title(c, "How this was scored", "Three components add up to "
	    "each fit score out of 100. The weights come from the market "
	    "data, the same for every candidate.");
	components(c);
	method_words(c);
	evidence(c);
	positions(c);
	sources(c);
	h = rc_height(c, FONT_ITALIC, SZ_SMALL, c->w - 28, LEAD_SMALL, disc);
	pdf_need(c->pdf, h + 24);
	y = pdf_y(c->pdf);
	pdf_round_rect(c->pdf, c->x0, y, c->w, h + 22, 8, &C_PANEL);
	pdf_text_box(c->pdf, c->x0 + 14, y + 11, c->w - 28, FONT_ITALIC,
	    SZ_SMALL, LEAD_SMALL, C_TEXT, 10, disc);
	pdf_advance(c->pdf, h + 22);
}
