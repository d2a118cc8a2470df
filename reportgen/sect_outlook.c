/*
 * sect_outlook.c: the market outlook as big-number tiles, three to a
 * row: the figure, what it measures, the period, a sentence and its
 * source.  A figure for one role takes that role's colour.  Below them
 * the comparisons the article makes in words (market facts), each with
 * its source, and the data's date.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paytext.h"
#include "sections.h"
#include "theme.h"

#define PER_ROW	3
#define GUT	12.0f
#define PAD	12.0f
#define MAXL	7

/* Height of tile g at width w, or draws it at (x, y) with height h. */
static float
tile(struct rctx *c, const struct growth *g, float x, float y, float w,
    float h, int draw)
{
	struct rgb	 col;
	char		 num[48], src[200];
	float		 tw = w - 2 * PAD, yy = y + PAD;
	int		 n;

	col = g->role == ROLE_FDE || g->role == ROLE_MLOPS ?
	    role_color((enum role)g->role) : C_YOU;
	fmt_growth(num, sizeof(num), g->value,
	    g->unit != NULL && strcmp(g->unit, "percent-growth") == 0,
	    g->at_least);
	snprintf(src, sizeof(src), "Source: %s", rc_source(c, g->source));
	if (draw) {
		pdf_round_rect(c->pdf, x, y, w, h, 8, &C_PANEL);
		pdf_rect(c->pdf, x, y + PAD, 3, 30, &col, NULL, 0);
		/* the tile's texts one paragraph, read in a row */
		pdf_tag_begin(c->pdf, TAG_P);
		rc_text(c, x + PAD, yy + 26, tw, FONT_BOLD, 28, col,
		    ALIGN_LEFT, num);
	}
	yy += 36;
	n = rc_lines(c, FONT_BOLD, SZ_BODY, tw, g->label);
	n = n > 3 ? 3 : n;
	if (draw)
		pdf_text_box(c->pdf, x + PAD, yy, tw, FONT_BOLD, SZ_BODY,
		    12, C_INK, 3, g->label);
	yy += n * 12;
	if (g->period != NULL) {
		if (draw)
			rc_text(c, x + PAD, yy + 8, tw, FONT_REGULAR,
			    SZ_SMALL, C_MUTED, ALIGN_LEFT, g->period);
		yy += 12;
	}
	yy += 4;
	n = rc_lines(c, FONT_REGULAR, SZ_SMALL, tw, g->text);
	n = n > MAXL ? MAXL : n;
	if (draw)
		pdf_text_box(c->pdf, x + PAD, yy, tw, FONT_REGULAR, SZ_SMALL,
		    LEAD_SMALL, C_TEXT, MAXL, g->text);
	yy += n * LEAD_SMALL + 6;
	if (draw) {
		pdf_text_box(c->pdf, x + PAD, yy, tw, FONT_ITALIC, SZ_TINY,
		    LEAD_TINY, C_MUTED, 2, src);
		pdf_tag_end(c->pdf);
	}
	n = rc_lines(c, FONT_ITALIC, SZ_TINY, tw, src);
	yy += (n > 2 ? 2 : n) * LEAD_TINY;
	return yy + PAD - y;
}

/* The article's comparisons in words, one line each with its source. */
static void
facts(struct rctx *c)
{
	const struct market	*m = c->m;
	const struct fact	*f;
	char			 s[800];
	int			 i;

	if (m->nfacts == 0)
		return;
	rc_heading(c, "What the article says without a figure", 40);
	for (i = 0; i < m->nfacts; i++) {
		f = &m->facts[i];
		snprintf(s, sizeof(s), "%s (source: %s)", f->text,
		    rc_source(c, f->source));
		pdf_need(c->pdf, LEAD_BODY);
		pdf_rect(c->pdf, c->x0, pdf_y(c->pdf) + 3.5f, 6, 6,
		    (const struct rgb []){ f->role == ROLE_FDE ||
		    f->role == ROLE_MLOPS ? role_color((enum role)f->role) :
		    C_YOU }, NULL, 0);
		pdf_paragraph(c->pdf, c->x0 + 12, c->w - 12, FONT_REGULAR,
		    SZ_BODY, LEAD_BODY, C_TEXT, s);
		pdf_advance(c->pdf, 3);
	}
	pdf_advance(c->pdf, GAP_S);
}

void
sect_outlook(struct rctx *c)
{
	const struct market	*m = c->m;
	float			 w, h, t, y;
	int			 i, j, n;
	char			 s[256];

	rc_title(c, "Market outlook", "How demand for each role is moving, "
	    "in the published figures.");
	w = (c->w - GUT * (PER_ROW - 1)) / PER_ROW;
	for (i = 0; i < m->ngrowth; i += PER_ROW) {
		n = m->ngrowth - i < PER_ROW ? m->ngrowth - i : PER_ROW;
		for (h = 0, j = 0; j < n; j++)
			if ((t = tile(c, &m->growth[i + j], 0, 0, w, 0, 0)) > h)
				h = t;
		pdf_need(c->pdf, h + GUT);
		y = pdf_y(c->pdf);
		for (j = 0; j < n; j++)
			tile(c, &m->growth[i + j], c->x0 + j * (w + GUT), y, w,
			    h, 1);
		pdf_advance(c->pdf, h + GUT);
	}
	pdf_advance(c->pdf, GAP_S);
	pdf_need(c->pdf, 2 * LEAD_TINY);
	pdf_paragraph(c->pdf, c->x0, c->w, FONT_ITALIC, SZ_TINY, LEAD_TINY,
	    C_MUTED, "Growth rates start from very different bases: a role "
	    "that is new grows fastest in percent while an established one "
	    "may still have more open positions.");
	pdf_advance(c->pdf, GAP_M);
	facts(c);
	pay_as_of_sentence(s, sizeof(s), m, c->a->today);
	pdf_need(c->pdf, LEAD_TINY);
	pdf_paragraph(c->pdf, c->x0, c->w, FONT_ITALIC, SZ_TINY, LEAD_TINY,
	    C_MUTED, s);
}
