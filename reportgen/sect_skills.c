/*
 * sect_skills.c: the skills profile.  A radar chart of every dimension
 * (each role's requirement as a translucent polygon, the candidate on top)
 * with a legend and the level scale beside it, then a table: dimension,
 * the candidate's level, what each role needs, the gap for the plan role
 * and the evidence behind the level.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "sections.h"
#include "theme.h"

#define CHART_H		250.0f
#define RADIUS		88.0f

/* Vertex i of n at level v on the chart centred at (cx, cy). */
static void
vertex(int i, int n, double v, float cx, float cy, float *x, float *y)
{
	double	 t = 2 * M_PI * i / n;

	*x = cx + (float)(RADIUS * v / LEVEL_MAX * sin(t));
	*y = cy - (float)(RADIUS * v / LEVEL_MAX * cos(t));
}

static void
radar(struct rctx *c, float x, float y, float w)
{
	const struct market	*m = c->m;
	float			 xs[MAX_DIMS], ys[MAX_DIMS], cx, cy, lx, ly;
	float			 room;
	double			 t, s, k;
	int			 n = m->ndims, i, l, r;
	enum align		 al;
	struct rgb		 col;
	char			 num[16], alt[2048];
	size_t			 o;

	o = (size_t)snprintf(alt, sizeof(alt), "Radar chart of the %d skill "
	    "dimensions on the level scale 0 to 5: your level after evidence "
	    "against what each role requires.", n);
	for (i = 0; i < n && o < sizeof(alt); i++)
		o += (size_t)snprintf(alt + o, sizeof(alt) - o, " %s: you %d, "
		    "%s %d, %s %d.", rc_dim_name(c, i, 0),
		    c->a->dims[i].effective, m->roles[ROLE_FDE].short_name,
		    m->dims[i].req[ROLE_FDE].level,
		    m->roles[ROLE_MLOPS].short_name,
		    m->dims[i].req[ROLE_MLOPS].level);
	pdf_figure_begin(c->pdf, alt);
	cx = x + w / 2;
	cy = y + CHART_H / 2;
	/* rings 1..5 and spokes */
	for (l = 1; l <= LEVEL_MAX; l++) {
		for (i = 0; i < n; i++)
			vertex(i, n, l, cx, cy, &xs[i], &ys[i]);
		pdf_polygon(c->pdf, xs, ys, n, NULL, 1, &C_RULE,
		    l == LEVEL_MAX ? 0.9f : 0.5f);
	}
	for (i = 0; i < n; i++) {
		vertex(i, n, LEVEL_MAX, cx, cy, &lx, &ly);
		pdf_line(c->pdf, cx, cy, lx, ly, C_RULE, 0.5f);
	}
	/* the roles, MLOps first so FDE's outline reads on top */
	for (r = ROLE__N - 1; r >= 0; r--) {
		col = role_color((enum role)r);
		for (i = 0; i < n; i++)
			vertex(i, n, m->dims[i].req[r].level, cx, cy, &xs[i],
			    &ys[i]);
		pdf_polygon(c->pdf, xs, ys, n, &col, 0.13f, &col, 1.3f);
	}
	/* the candidate */
	for (i = 0; i < n; i++)
		vertex(i, n, c->a->dims[i].effective, cx, cy, &xs[i], &ys[i]);
	pdf_polygon(c->pdf, xs, ys, n, &C_YOU, 0.18f, &C_YOU, 2);
	for (i = 0; i < n; i++)
		pdf_circle(c->pdf, xs[i], ys[i], 2.6f, &C_YOU, &C_PAPER, 0.8f);
	/* ring numbers along the first spoke's right */
	for (l = 1; l <= LEVEL_MAX; l++) {
		snprintf(num, sizeof(num), "%d", l);
		pdf_text(c->pdf, cx + 3, cy - RADIUS * l / LEVEL_MAX + 7,
		    FONT_REGULAR, 5.5f, C_FAINT, ALIGN_LEFT, num);
	}
	/* labels outside the outer ring, aligned away from the chart */
	for (i = 0; i < n; i++) {
		t = 2 * M_PI * i / n;
		s = sin(t);
		k = cos(t);
		lx = cx + (float)((RADIUS + 9) * s);
		ly = cy - (float)((RADIUS + 9) * k);
		if (s > 0.25) {
			al = ALIGN_LEFT;
			room = x + w - lx;
		} else if (s < -0.25) {
			al = ALIGN_RIGHT;
			room = lx - x;
		} else {
			al = ALIGN_CENTER;
			room = 110;
		}
		if (k < -0.25)
			ly += SZ_SMALL;
		else if (k <= 0.25)
			ly += SZ_SMALL / 3;
		rc_text(c, lx, ly, room, FONT_BOLD, SZ_SMALL, C_TEXT, al,
		    rc_dim_name(c, i, 1));
	}
	pdf_tag_end(c->pdf);
}

static float
swatch(struct rctx *c, float x, float y, float w, struct rgb col,
    float alpha, const char *label)
{
	float	 xs[4] = { x, x + 14, x + 14, x };
	float	 ys[4] = { y - 7, y - 7, y + 1, y + 1 };

	pdf_polygon(c->pdf, xs, ys, 4, &col, alpha, &col, 1.2f);
	rc_text(c, x + 20, y, w - 20, FONT_REGULAR, SZ_SMALL, C_TEXT,
	    ALIGN_LEFT, label);
	return 15;
}

/* The legend and the level scale; returns the height, draws when
 * draw is set (the first call only measures). */
static float
legend(struct rctx *c, float x, float y0, float w, int draw)
{
	const struct market	*m = c->m;
	char			 s[160];
	int			 l, n;
	float			 y = y0 + 26;

	if (draw) {
		rc_text(c, x, y, w, FONT_BOLD, SZ_TINY, C_MUTED, ALIGN_LEFT,
		    "LEGEND");
		swatch(c, x, y + 14, w, C_YOU, 0.18f, "You, after evidence");
		snprintf(s, sizeof(s), "%s requires",
		    m->roles[ROLE_FDE].name);
		swatch(c, x, y + 29, w, C_FDE, 0.13f, s);
		snprintf(s, sizeof(s), "%s requires",
		    m->roles[ROLE_MLOPS].name);
		swatch(c, x, y + 44, w, C_MLOPS, 0.13f, s);
		rc_text(c, x, y + 73, w, FONT_BOLD, SZ_TINY, C_MUTED,
		    ALIGN_LEFT, "THE LEVEL SCALE");
	}
	y += 86;
	for (l = 0; l <= LEVEL_MAX; l++) {
		n = rc_lines(c, FONT_REGULAR, SZ_TINY, w - 12,
		    m->scale[l].meaning);
		if (n > 2)
			n = 2;
		if (draw) {
			/* a level, its name and meaning: one paragraph */
			pdf_tag_begin(c->pdf, TAG_P);
			snprintf(s, sizeof(s), "%d", l);
			pdf_text(c->pdf, x, y, FONT_BOLD, SZ_SMALL, C_INK,
			    ALIGN_LEFT, s);
			rc_text(c, x + 12, y, w - 12, FONT_BOLD, SZ_SMALL,
			    C_TEXT, ALIGN_LEFT, m->scale[l].label);
			pdf_text_box(c->pdf, x + 12, y + 3, w - 12,
			    FONT_REGULAR, SZ_TINY, LEAD_TINY, C_MUTED, 2,
			    m->scale[l].meaning);
			pdf_tag_end(c->pdf);
		}
		y += 10 + n * LEAD_TINY + 4;
	}
	return y - y0;
}

/* Column x offsets of the table, from the content's left edge. */
#define COL_YOU		150.0f
#define COL_FDE		208.0f
#define COL_ML		238.0f
#define COL_GAP		270.0f
#define COL_EV		312.0f

/* The table's header row: tagged the first time, an artifact when
 * repeated after a page break. */
static void
table_head(struct rctx *c, int repeat)
{
	struct pdf	*pdf = c->pdf;
	float		 y = pdf_y(pdf) + 10, x = c->x0;
	char		 s[64];

	if (repeat)
		pdf_artifact_begin(pdf);
	else
		pdf_tag_begin(pdf, TAG_TR_HEAD);

	rc_text(c, x, y, COL_YOU - 6, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "DIMENSION");
	rc_text(c, x + COL_YOU, y, COL_FDE - COL_YOU, FONT_BOLD, SZ_TINY,
	    C_MUTED, ALIGN_LEFT, "YOU");
	rc_text(c, x + COL_FDE + 12, y, 40, FONT_BOLD, SZ_TINY, C_FDE,
	    ALIGN_CENTER, c->m->roles[ROLE_FDE].short_name);
	rc_text(c, x + COL_ML + 14, y, 40, FONT_BOLD, SZ_TINY, C_MLOPS,
	    ALIGN_CENTER, c->m->roles[ROLE_MLOPS].short_name);
	snprintf(s, sizeof(s), "GAP");
	rc_text(c, x + COL_GAP + 18, y, COL_EV - COL_GAP, FONT_BOLD, SZ_TINY,
	    C_MUTED, ALIGN_CENTER, s);
	rc_text(c, x + COL_EV, y, c->w - COL_EV, FONT_BOLD, SZ_TINY,
	    C_MUTED, ALIGN_LEFT, "EVIDENCE");
	pdf_line(pdf, c->x0, y + 5, c->x1, y + 5, C_RULE, 0.8f);
	pdf_advance(pdf, 18);
	if (repeat)
		pdf_artifact_end(pdf);
	else
		pdf_tag_end(pdf);
}

static void
table(struct rctx *c)
{
	const struct assessment	*a = c->a;
	struct pdf		*pdf = c->pdf;
	char			 ev[400], s[32];
	const struct dim_result	*d;
	float			 y, x = c->x0, rh, evw = c->w - COL_EV;
	int			 i, g;
	enum role		 pr = a->plan_role;

	rc_heading(c, "Level by level", 80);
	pdf_tag_begin(pdf, TAG_TABLE);
	table_head(c, 0);
	for (i = 0; i < c->m->ndims; i++) {
		d = &a->dims[i];
		if (d->source == LEVEL_INFERRED)	/* says so itself */
			snprintf(ev, sizeof(ev), "%s", d->evidence);
		else if (d->claimed > d->effective)
			snprintf(ev, sizeof(ev), "Claimed %d, evidence holds %d. "
			    "%s", d->claimed, d->effective, d->evidence);
		else
			snprintf(ev, sizeof(ev), "%s", d->evidence[0] != '\0' ?
			    d->evidence : "No evidence given.");
		rh = 8 + 2 * LEAD_TINY + 4;
		if (pdf_need(pdf, rh))
			table_head(c, 1);
		y = pdf_y(pdf);
		pdf_tag_begin(pdf, TAG_TR);
		pdf_tag_begin(pdf, TAG_TH_ROW);
		pdf_text_box(pdf, x, y + 2, COL_YOU - 8, FONT_BOLD, SZ_SMALL,
		    LEAD_SMALL, C_INK, 2, rc_dim_name(c, i, 0));
		pdf_tag_end(pdf);
		pdf_tag_begin(pdf, TAG_TD);
		rc_pips(c, x + COL_YOU, y + 8, d->effective, LEVEL_MAX, C_YOU,
		    2.8f);
		pdf_tag_end(pdf);
		snprintf(s, sizeof(s), "%d", d->required[ROLE_FDE]);
		pdf_text(pdf, x + COL_FDE + 12, y + 11, FONT_BOLD, SZ_BODY, C_FDE,
		    ALIGN_CENTER, s);
		snprintf(s, sizeof(s), "%d", d->required[ROLE_MLOPS]);
		pdf_text(pdf, x + COL_ML + 14, y + 11, FONT_BOLD, SZ_BODY,
		    C_MLOPS, ALIGN_CENTER, s);
		g = d->gap[pr];
		if (g > 0) {
			snprintf(s, sizeof(s), "%d", g);
			pdf_round_rect(pdf, x + COL_GAP + 9, y + 2, 18, 12, 6,
			    &C_MLOPS_TINT);
			pdf_text(pdf, x + COL_GAP + 18, y + 11, FONT_BOLD,
			    SZ_SMALL, C_GAP, ALIGN_CENTER, s);
		} else
			pdf_text(pdf, x + COL_GAP + 18, y + 11, FONT_REGULAR,
			    SZ_SMALL, C_GOOD, ALIGN_CENTER, "met");
		pdf_text_box(pdf, x + COL_EV, y + 3, evw, FONT_REGULAR,
		    SZ_TINY, LEAD_TINY, C_MUTED, 2, ev);
		pdf_tag_end(pdf);
		pdf_line(pdf, c->x0, y + rh - 2, c->x1, y + rh - 2, C_RULE,
		    0.4f);
		pdf_advance(pdf, rh);
	}
	pdf_tag_end(pdf);
	pdf_advance(pdf, GAP_S);
	pdf_need(pdf, 2 * LEAD_TINY);
	snprintf(ev, sizeof(ev), "Your level is what the evidence "
	    "supports: a self-rating counts in full only when years, "
	    "projects, certifications, keywords or what your positions show "
	    "back it up; a skill you did not rate takes the level that "
	    "evidence shows on its own. Gap: the levels %s needs beyond yours (the role "
	    "your plan works toward).", c->m->roles[pr].name);
	pdf_paragraph(pdf, c->x0, c->w, FONT_ITALIC, SZ_TINY, LEAD_TINY,
	    C_MUTED, ev);
}

void
sect_skills(struct rctx *c)
{
	float	 y, cw, h;

	rc_title(c, "Skills profile", "Where you stand on each skill "
	    "dimension, against what each role asks for.");
	cw = c->w * 0.62f;
	h = legend(c, 0, 0, c->w - cw - 12, 0);
	if (h < CHART_H)
		h = CHART_H;
	pdf_need(c->pdf, h + GAP_M);
	y = pdf_y(c->pdf);
	radar(c, c->x0, y, cw);
	legend(c, c->x0 + cw + 12, y, c->w - cw - 12, 1);
	pdf_advance(c->pdf, h + GAP_M);
	table(c);
}
