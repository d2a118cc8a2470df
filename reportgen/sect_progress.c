/*
 * sect_progress.c: "Progress since your last report".  Drawn only when
 * the render options carry the previous assessment for the same id
 * (a batch with --incremental re-rendering a changed profile; see
 * manifest.c): each fit then and now as paired bars, the recommendation
 * when it changed, the skills whose effective level rose (old -> new),
 * and the steps of the previous plan that are done now.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fmt.h"
#include "score.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

#define ARROW	"\xe2\x86\x92"		/* → */
#define BAR_H	12.0f
#define ROW_H	46.0f

int
sect_progress_wanted(const struct rctx *c)
{
	return c->opts->previous != NULL;
}

/* "2026-03-01" as the report prints dates ("1 March 2026"). */
static void
prev_date(const char *s, char *buf, size_t bufsz)
{
	struct tm	 tm;
	int		 y, m, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(buf, bufsz, "an earlier date");
		return;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	fmt_date(buf, bufsz, timegm(&tm));
}

/* Whether a playbook area's condition still holds: the assessment
 * says, as it did when it made the plan. */
static int
area_open(const struct rctx *c, int area)
{
	return area >= 0 && area < MAX_AREAS && c->a->area_open[area];
}

static int
in_plan(const struct assessment *a, int dim, int area)
{
	int	 i;

	for (i = 0; i < a->nplan; i++)
		if (dim >= 0 ? a->plan[i].dim == dim : a->plan[i].area == area)
			return 1;
	return 0;
}

/* A step of the previous plan is done when it left the plan because its
 * reason is gone: the skill reaches what the role now planned for needs
 * (or rose since), the area's condition no longer holds. */
static int
step_done(const struct rctx *c, const struct prev_assessment *pv, int i)
{
	const struct assessment	*a = c->a;
	int			 d = pv->plan_dim[i], ar = pv->plan_area[i];

	if (in_plan(a, d, ar))
		return 0;
	if (d >= 0)
		return a->dims[d].gap[a->plan_role] == 0 ||
		    (pv->has_levels && pv->level[d] >= 0 &&
		    a->dims[d].effective > pv->level[d]);
	return ar >= 0 && !area_open(c, ar);
}

/* One role: its name, then a bar for the last report and one for now,
 * each with its score, and the change in points. */
static void
fit_row(struct rctx *c, enum role r, const struct prev_assessment *pv)
{
	struct rgb	 col = role_color(r), tint = role_tint(r);
	char		 s[64], then[64], num[32], alt[256];
	double		 now = c->a->fit[r].score, was = pv->fit[r], dlt;
	float		 y, lx, bx, bw;

	pdf_need(c->pdf, ROW_H + GAP_M);
	y = pdf_y(c->pdf);
	lx = c->x0;
	bx = c->x0 + 175;
	bw = c->w - 175 - 60;
	dlt = score_round1(now - was);
	words_points_change(s, sizeof(s), dlt);
	fmt_num(num, sizeof(num), was);
	fmt_num(then, sizeof(then), now);
	snprintf(alt, sizeof(alt), "Bars: %s fit %s out of 100 then, %s now "
	    "(%s).", c->m->roles[r].name, num, then, s);
	pdf_figure_begin(c->pdf, alt);
	rc_text(c, lx, y + 12, 170, FONT_BOLD, SZ_BODY, C_INK, ALIGN_LEFT,
	    c->m->roles[r].name);
	rc_text(c, lx, y + 26, 170, FONT_REGULAR, SZ_SMALL,
	    dlt >= 0.05 ? C_GOOD : dlt <= -0.05 ? C_GAP : C_MUTED,
	    ALIGN_LEFT, s);

	/* then */
	pdf_round_rect(c->pdf, bx, y + 2, bw, BAR_H, 3, &C_PANEL);
	if (was > 0.5)
		pdf_round_rect(c->pdf, bx, y + 2, bw * (float)(was > 100 ?
		    100 : was) / 100, BAR_H, 3, &tint);
	fmt_num(num, sizeof(num), was);
	snprintf(then, sizeof(then), "%s then", num);
	rc_text(c, bx + bw + 8, y + 11, 52, FONT_REGULAR, SZ_SMALL, C_MUTED,
	    ALIGN_LEFT, then);
	/* now */
	pdf_round_rect(c->pdf, bx, y + 4 + BAR_H + 4, bw, BAR_H, 3,
	    &C_PANEL);
	if (now > 0.5)
		pdf_round_rect(c->pdf, bx, y + 4 + BAR_H + 4, bw *
		    (float)(now > 100 ? 100 : now) / 100, BAR_H, 3, &col);
	fmt_num(num, sizeof(num), now);
	snprintf(s, sizeof(s), "%s now", num);
	rc_text(c, bx + bw + 8, y + 13 + BAR_H + 4, 52, FONT_BOLD, SZ_SMALL,
	    col, ALIGN_LEFT, s);
	pdf_tag_end(c->pdf);
	pdf_advance(c->pdf, ROW_H);
}


void
sect_progress(struct rctx *c)
{
	const struct prev_assessment	*pv = c->opts->previous;
	const struct assessment		*a = c->a;
	char				 s[512], when[32], det[128];
	int				 i, d, n;
	float				 y;

	if (pv == NULL)
		return;
	prev_date(pv->date[0] != '\0' ? pv->date : NULL, when, sizeof(when));
	snprintf(s, sizeof(s), "Your last report was made on %s; this one "
	    "on %s. What changed in between, from your updated profile:",
	    when, c->date);
	rc_title(c, "Progress since your last report", s);

	rc_heading(c, "Your fits, then and now", ROW_H * 2);
	fit_row(c, ROLE_FDE, pv);
	fit_row(c, ROLE_MLOPS, pv);
	if (pv->rec >= 0 && pv->rec != (int)a->rec) {
		snprintf(s, sizeof(s), "The recommendation changed: it was "
		    "%s, it is now %s.", words_rec(c->m,
		    (enum recommendation)pv->rec), words_rec(c->m, a->rec));
		rc_para(c, FONT_BOLD, SZ_BODY, LEAD_BODY, C_INK, s);
	} else {
		snprintf(s, sizeof(s), "The recommendation is the same: %s.",
		    words_rec(c->m, a->rec));
		rc_para(c, FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, s);
	}
	pdf_advance(c->pdf, GAP_S);

	/* skills whose effective level rose */
	rc_heading(c, "Skills that improved", 30);
	n = 0;
	for (d = 0; pv->has_levels && d < c->m->ndims; d++) {
		if (pv->level[d] < 0 || a->dims[d].effective <= pv->level[d])
			continue;
		pdf_need(c->pdf, 30);
		y = pdf_y(c->pdf);
		pdf_tag_begin(c->pdf, TAG_P);
		pdf_round_rect(c->pdf, c->x0, y + 1, 3, 22, 1.5f, &C_GOOD);
		rc_text(c, c->x0 + 10, y + 9, 160, FONT_BOLD, SZ_BODY,
		    C_INK, ALIGN_LEFT, rc_dim_name(c, d, 0));
		snprintf(det, sizeof(det), "level %d " ARROW " %d (%s)",
		    pv->level[d], a->dims[d].effective,
		    c->m->scale[a->dims[d].effective].label);
		rc_text(c, c->x0 + 10, y + 21, 160, FONT_REGULAR,
		    SZ_SMALL, C_MUTED, ALIGN_LEFT, det);
		rc_text(c, c->x0 + 175, y + 10, 30, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_LEFT, "then");
		rc_pips(c, c->x0 + 200, y + 7.5f, pv->level[d], LEVEL_MAX,
		    C_MUTED, 3.2f);
		rc_text(c, c->x0 + 175, y + 21, 30, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_LEFT, "now");
		rc_pips(c, c->x0 + 200, y + 18.5f, a->dims[d].effective,
		    LEVEL_MAX, C_GOOD, 3.2f);
		pdf_tag_end(c->pdf);
		pdf_advance(c->pdf, 30);
		n++;
	}
	if (n == 0)
		rc_para(c, FONT_ITALIC, SZ_BODY, LEAD_BODY, C_MUTED,
		    pv->has_levels ? "No skill level rose since the last "
		    "report." : "The last report did not record skill "
		    "levels.");
	pdf_advance(c->pdf, GAP_S);

	/* steps of the last plan that are done */
	rc_heading(c, "Steps of your last plan now done", 30);
	n = 0;
	pdf_tag_begin(c->pdf, TAG_L);
	for (i = 0; pv->has_plan && i < pv->nplan; i++) {
		if (!step_done(c, pv, i))
			continue;
		pdf_need(c->pdf, LEAD_BODY + 4);
		y = pdf_y(c->pdf);
		pdf_tag_begin(c->pdf, TAG_LI);
		pdf_circle(c->pdf, c->x0 + 4, y + 5.5f, 3, &C_GOOD, NULL, 0);
		rc_text(c, c->x0 + 14, y + 9, c->w - 14, FONT_REGULAR, SZ_BODY,
		    C_TEXT, ALIGN_LEFT, pv->plan_dim[i] >= 0 ?
		    rc_dim_name(c, pv->plan_dim[i], 0) :
		    c->m->areas[pv->plan_area[i]].name);
		pdf_tag_end(c->pdf);
		pdf_advance(c->pdf, LEAD_BODY + 4);
		n++;
	}
	pdf_tag_end(c->pdf);
	if (n == 0)
		rc_para(c, FONT_ITALIC, SZ_BODY, LEAD_BODY, C_MUTED,
		    pv->has_plan ? "None of the last plan's steps is done "
		    "yet; the plan in this report picks up from here." :
		    "The last report did not record its plan.");
	pdf_advance(c->pdf, GAP_M);
}
