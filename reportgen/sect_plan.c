/*
 * sect_plan.c: the transition plan toward the plan role.  The phases as
 * a timeline in weeks, then each phase's items in order (the gap, its
 * size and effort, the actions with their milestones), the changes that
 * would raise each fit most, and the coach's notes when there are any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

#define LBL_W	130.0f
#define ROW_H	26.0f

static void
timeline(struct rctx *c)
{
	const struct assessment	*a = c->a;
	struct pdf		*pdf = c->pdf;
	struct rgb		 col = role_color(a->plan_role);
	struct rgb		 tint = role_tint(a->plan_role);
	float			 ax = c->x0 + LBL_W, aw = c->w - LBL_W, y, x0, x1;
	float			 h;
	int			 total = a->plan_weeks, i, wk, step;
	const struct plan_phase	*ph;
	char			 s[160], alt[2048];
	size_t			 o;

	if (a->nphases == 0)
		return;
	for (i = 0; i < a->nphases; i++)
		if (a->phases[i].start_week - 1 + a->phases[i].weeks > total)
			total = a->phases[i].start_week - 1 +
			    a->phases[i].weeks;
	if (total < 1)
		total = 1;
	step = total <= 12 ? 1 : total <= 26 ? 2 : total <= 60 ? 4 :
	    total <= 130 ? 8 : 26;
	h = 18 + a->nphases * ROW_H;
	rc_heading(c, "Timeline", h);
	/* the chart in words: each phase, its weeks and its load */
	o = (size_t)snprintf(alt, sizeof(alt), "Timeline of the plan over "
	    "%d weeks, %d phase%s.", total, a->nphases, a->nphases == 1 ?
	    "" : "s");
	for (i = 0; i < a->nphases && o < sizeof(alt); i++) {
		ph = &a->phases[i];
		words_phase(s, sizeof(s), ph->nitems, ph->hours);
		o += (size_t)snprintf(alt + o, sizeof(alt) - o, " %s: week%s "
		    "%d%s%.0d, %s.", ph->info >= 0 && ph->info <
		    c->m->nphases ? c->m->phases[ph->info].name : "Phase",
		    ph->weeks <= 1 ? "" : "s", ph->start_week, ph->weeks <= 1 ?
		    "" : " to ", ph->weeks <= 1 ? 0 : ph->start_week +
		    ph->weeks - 1, s);
	}
	y = pdf_y(pdf);
	pdf_figure_begin(pdf, alt);
	/* week axis */
	for (wk = 0; wk <= total; wk += step) {
		x0 = ax + aw * wk / total;
		pdf_line(pdf, x0, y + 10, x0, y + h, C_RULE, 0.5f);
		snprintf(s, sizeof(s), "%d", wk);
		if (x0 + 8 < c->x1 || wk == 0)
			pdf_text(pdf, x0, y + 7, FONT_REGULAR, SZ_TINY,
			    C_FAINT, ALIGN_CENTER, s);
	}
	rc_text(c, c->x0, y + 7, LBL_W - 10, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "WEEK");
	y += 18;
	for (i = 0; i < a->nphases; i++, y += ROW_H) {
		ph = &a->phases[i];
		rc_text(c, c->x0, y + 10, LBL_W - 10, FONT_BOLD, SZ_BODY,
		    C_INK, ALIGN_LEFT, ph->info >= 0 && ph->info <
		    c->m->nphases ? c->m->phases[ph->info].name : "Phase");
		words_phase(s, sizeof(s), ph->nitems, ph->hours);
		rc_text(c, c->x0, y + 20, LBL_W - 10, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_LEFT, s);
		/* start_week counts from 1 */
		x0 = ax + aw * (ph->start_week - 1) / total;
		x1 = ax + aw * (ph->start_week - 1 + ph->weeks) / total;
		if (x1 - x0 < 4)
			x1 = x0 + 4;
		pdf_round_rect(pdf, x0, y + 4, x1 - x0, 16, 4,
		    i % 2 ? &tint : &col);
		if (ph->weeks <= 1)
			snprintf(s, sizeof(s), "week %d", ph->start_week);
		else
			snprintf(s, sizeof(s), "weeks %d\xe2\x80\x93%d",
			    ph->start_week, ph->start_week + ph->weeks - 1);
		if (pdf_measure(pdf, FONT_BOLD, SZ_TINY, s) + 10 < x1 - x0)
			pdf_text(pdf, x0 + 5, y + 14.5f, FONT_BOLD, SZ_TINY,
			    i % 2 ? col : C_PAPER, ALIGN_LEFT, s);
		else if (x0 > ax + aw / 2)
			rc_text(c, x0 - 4, y + 14.5f, x0 - ax, FONT_BOLD,
			    SZ_TINY, col, ALIGN_RIGHT, s);
		else
			rc_text(c, x1 + 4, y + 14.5f, c->x1 - x1 - 4,
			    FONT_BOLD, SZ_TINY, col, ALIGN_LEFT, s);
	}
	pdf_tag_end(pdf);
	pdf_set_y(pdf, y + GAP_M);
}

/* One plan item: name, gap and effort, then its actions. */
static void
plan_item(struct rctx *c, int n, const struct plan_item *it)
{
	struct pdf	*pdf = c->pdf;
	struct rgb	 col = role_color(c->a->plan_role);
	const char	*name;
	char		 s[200], hrs[32], num[16];
	float		 y;
	int		 k;

	name = it->dim >= 0 ? rc_dim_name(c, it->dim, 0) :
	    it->area >= 0 && it->area < c->m->nareas ?
	    c->m->areas[it->area].name : "Item";
	words_item(s, sizeof(s), it->dim >= 0 ? it->gap : 0, it->hours);
	pdf_need(pdf, 22 + 2 * LEAD_SMALL + 12);
	y = pdf_y(pdf);
	pdf_tag_begin(pdf, TAG_LI);
	pdf_circle(pdf, c->x0 + 9, y + 8, 9, &col, NULL, 0);
	snprintf(num, sizeof(num), "%d", n);
	pdf_tag_begin(pdf, TAG_LBL);
	pdf_text(pdf, c->x0 + 9, y + 11, FONT_BOLD, SZ_SMALL, C_PAPER,
	    ALIGN_CENTER, num);
	pdf_tag_end(pdf);
	/* in reading order: the name, then its gap and effort (the
	 * LBody's own text, no P of their own: a reader joins them) */
	pdf_tag_begin(pdf, TAG_LBODY);
	rc_text(c, c->x0 + 26, y + 11.5f, c->w - 26 - 10 - pdf_measure(pdf,
	    FONT_REGULAR, SZ_SMALL, s), FONT_BOLD, SZ_LEAD, C_INK,
	    ALIGN_LEFT, name);
	rc_text(c, c->x1, y + 11, 150, FONT_REGULAR, SZ_SMALL, C_MUTED,
	    ALIGN_RIGHT, s);
	pdf_advance(pdf, 22);
	pdf_tag_begin(pdf, TAG_L);
	for (k = 0; k < it->nactions; k++) {
		const struct action *ac = it->actions[k];

		if (ac == NULL)
			continue;
		pdf_need(pdf, LEAD_SMALL * 2);
		y = pdf_y(pdf);
		pdf_tag_begin(pdf, TAG_LI);
		pdf_circle(pdf, c->x0 + 30, y + 5.5f, 1.6f, &C_MUTED, NULL, 0);
		/* the action and its milestone: the LBody's own text */
		pdf_tag_begin(pdf, TAG_LBODY);
		pdf_paragraph(pdf, c->x0 + 38, c->w - 38, FONT_REGULAR,
		    SZ_SMALL, LEAD_SMALL, C_TEXT, ac->text);
		fmt_num(hrs, sizeof(hrs), ac->hours);
		snprintf(s, sizeof(s), "Milestone: %s (%s h)",
		    ac->milestone != NULL ? ac->milestone : "", hrs);
		pdf_paragraph(pdf, c->x0 + 38, c->w - 38, FONT_ITALIC,
		    SZ_SMALL, LEAD_SMALL, col, s);
		pdf_tag_end(pdf);
		pdf_tag_end(pdf);
		pdf_advance(pdf, 3);
	}
	pdf_tag_end(pdf);	/* L of actions */
	pdf_tag_end(pdf);	/* LBody */
	pdf_tag_end(pdf);	/* LI */
	pdf_advance(pdf, GAP_S);
}

static void
items(struct rctx *c)
{
	const struct assessment	*a = c->a;
	const struct plan_phase	*ph;
	char			 s[200];
	int			 i, j, n = 0;

	if (a->nplan == 0) {
		rc_para(c, FONT_ITALIC, SZ_BODY, LEAD_BODY, C_MUTED,
		    "No gaps to close for this role: keep your evidence "
		    "current and aim for the role.");
		return;
	}
	if (a->nphases == 0) {
		pdf_tag_begin(c->pdf, TAG_L);
		for (i = 0; i < a->nplan; i++)
			plan_item(c, ++n, &a->plan[i]);
		pdf_tag_end(c->pdf);
		return;
	}
	for (j = 0; j < a->nphases; j++) {
		ph = &a->phases[j];
		snprintf(s, sizeof(s), "Phase %d: %s", j + 1, ph->info >= 0 &&
		    ph->info < c->m->nphases ? c->m->phases[ph->info].name :
		    "");
		rc_heading(c, s, 80);
		if (ph->info >= 0 && ph->info < c->m->nphases)
			rc_para(c, FONT_REGULAR, SZ_SMALL, LEAD_SMALL, C_MUTED,
			    c->m->phases[ph->info].goal);
		pdf_tag_begin(c->pdf, TAG_L);
		for (i = ph->first_item; i < ph->first_item + ph->nitems &&
		    i < a->nplan; i++)
			plan_item(c, ++n, &a->plan[i]);
		pdf_tag_end(c->pdf);
	}
}

static void
raises(struct rctx *c)
{
	const struct assessment	*a = c->a;
	struct pdf		*pdf = c->pdf;
	char			 s[64];
	int			 r, i, any = 0;
	float			 y, h;

	for (r = 0; r < ROLE__N; r++)
		any += a->nraises[r];
	if (any == 0)
		return;
	rc_heading(c, "What would raise your score most", 50);
	for (r = 0; r < ROLE__N; r++)
		for (i = 0; i < a->nraises[r] && i < 2; i++) {
			const struct raise *rs = &a->raises[r][i];

			h = rc_height(c, FONT_REGULAR, SZ_BODY, c->w - 110,
			    LEAD_BODY, rs->what);
			if (h < 20)
				h = 20;
			pdf_need(pdf, h + 6);
			y = pdf_y(pdf);
			snprintf(s, sizeof(s), "+%.1f", rs->delta);
			pdf_tag_begin(pdf, TAG_P);
			pdf_round_rect(pdf, c->x0, y, 44, 18, 9,
			    (const struct rgb []){ role_tint((enum role)r) });
			pdf_text(pdf, c->x0 + 22, y + 12.5f, FONT_BOLD,
			    SZ_BODY, role_color((enum role)r), ALIGN_CENTER,
			    s);
			rc_text(c, c->x0 + 50, y + 12.5f, 50, FONT_BOLD,
			    SZ_SMALL, role_color((enum role)r), ALIGN_LEFT,
			    c->m->roles[r].short_name);
			pdf_text_box(pdf, c->x0 + 100, y + 2, c->w - 100,
			    FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, 8,
			    rs->what);
			pdf_tag_end(pdf);
			pdf_advance(pdf, h + 6);
		}
	pdf_advance(pdf, GAP_S);
}

/* The coach's notes, flowing across pages.  Lines are joined into
 * paragraphs; a blank line starts a new one (XML text is often wrapped
 * and indented by hand). */
static void
notes(struct rctx *c)
{
	char	*buf, *out, *line, *next, *q;
	size_t	 o = 0;

	if (c->p->notes == NULL || c->p->notes[0] == '\0')
		return;
	if ((buf = strdup(c->p->notes)) == NULL)
		return;
	if ((out = malloc(strlen(buf) + 2)) == NULL) {
		free(buf);
		return;
	}
	rc_heading(c, "Coach's notes", 3 * LEAD_BODY);
	for (line = buf; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		for (q = line + strlen(line); q > line && (q[-1] == ' ' ||
		    q[-1] == '\t' || q[-1] == '\r'); q--)
			q[-1] = '\0';
		if (*line != '\0') {
			if (o > 0)
				out[o++] = ' ';
			memcpy(out + o, line, strlen(line));
			o += strlen(line);
		}
		if ((*line == '\0' || next == NULL) && o > 0) {
			out[o] = '\0';
			pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR,
			    SZ_BODY, LEAD_BODY, C_TEXT, out);
			pdf_advance(c->pdf, 5);
			o = 0;
		}
	}
	free(out);
	free(buf);
	pdf_advance(c->pdf, GAP_M);
}

void
sect_plan(struct rctx *c)
{
	const struct assessment	*a = c->a;
	char			 s[1000], note[400];

	words_plan(s, sizeof(s), a);
	if (a->nplan > 1)
		snprintf(s + strlen(s), sizeof(s) - strlen(s), " Steps are in "
		    "the order that gains the most first.");
	if (words_plan_note(note, sizeof(note), a)[0] != '\0')
		snprintf(s + strlen(s), sizeof(s) - strlen(s), " %s", note);
	rc_title(c, "Transition plan", s);
	timeline(c);
	items(c);
	raises(c);
	notes(c);
}
