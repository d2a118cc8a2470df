/*
 * sect_roles.c: the two roles side by side (what the work is, how success
 * is measured, the work cycle), then the "choose this role if" statements
 * with the candidate's own answers on a five-point scale.
 */
#include <stdio.h>
#include <string.h>

#include "sections.h"
#include "theme.h"

#define PAD	14.0f

/* Height of one role card's text, or draws it when draw is set. */
static float
role_card(struct rctx *c, enum role r, float x, float y, float w, float h,
    int draw)
{
	const struct role_info	*ri = &c->m->roles[r];
	struct rgb		 col = role_color(r), wash = role_wash(r);
	const char		*lab[3] = { "WHAT THE WORK IS",
				    "HOW SUCCESS IS MEASURED", "THE WORK CYCLE" };
	const char		*txt[3];
	float			 tw = w - 2 * PAD, yy, bh;
	int			 i;

	txt[0] = ri->does;
	txt[1] = ri->success;
	txt[2] = ri->cycle;
	if (draw) {
		pdf_round_rect(c->pdf, x, y, w, h, 8, &wash);
		pdf_rect(c->pdf, x + PAD, y + PAD, 24, 3, &col, NULL, 0);
		pdf_tag_begin(c->pdf, TAG_H2);
		pdf_text_box(c->pdf, x + PAD, y + PAD + 8, tw, FONT_BOLD,
		    SZ_H2 + 1, 15, col, 2, ri->name);
		pdf_tag_end(c->pdf);
	}
	yy = y + PAD + 8 + 15 * (rc_lines(c, FONT_BOLD, SZ_H2 + 1, tw,
	    ri->name) > 1 ? 2 : 1) + 8;
	for (i = 0; i < 3; i++) {
		if (txt[i] == NULL || *txt[i] == '\0')
			continue;
		bh = rc_height(c, FONT_REGULAR, SZ_BODY, tw, LEAD_BODY, txt[i]);
		if (draw) {
			pdf_tag_begin(c->pdf, TAG_H3);
			rc_text(c, x + PAD, yy + SZ_TINY, tw, FONT_BOLD,
			    SZ_TINY, C_MUTED, ALIGN_LEFT, lab[i]);
			pdf_tag_end(c->pdf);
			pdf_text_box(c->pdf, x + PAD, yy + 11, tw,
			    FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, 60,
			    txt[i]);
		}
		yy += 11 + bh + 10;
	}
	return yy - y + PAD - 10;
}

static void
cards(struct rctx *c)
{
	float	 w = (c->w - 14) / 2, h, h2, y;

	h = role_card(c, ROLE_FDE, 0, 0, w, 0, 0);
	h2 = role_card(c, ROLE_MLOPS, 0, 0, w, 0, 0);
	if (h2 > h)
		h = h2;
	pdf_need(c->pdf, h);
	y = pdf_y(c->pdf);
	role_card(c, ROLE_FDE, c->x0, y, w, h, 1);
	role_card(c, ROLE_MLOPS, c->x0 + w + 14, y, w, h, 1);
	pdf_advance(c->pdf, h + GAP_L);
}

static int
answer(const struct profile *p, int statement)
{
	int	 i;

	for (i = 0; i < p->nagreements; i++)
		if (p->agreements[i].statement == statement)
			return p->agreements[i].value;
	return 0;
}

#define DOTS_W	70.0f

static void
group(struct rctx *c, enum role r)
{
	const struct market	*m = c->m;
	struct pdf		*pdf = c->pdf;
	struct rgb		 col = role_color(r);
	char			 s[160], alt[96];
	float			 y, h, tw = c->w - DOTS_W - 24, dx;
	int			 i, v, k;

	snprintf(s, sizeof(s), "Choose %s if", m->roles[r].name);
	rc_heading(c, s, 40);
	y = pdf_y(pdf);
	dx = c->x1 - DOTS_W;
	rc_text(c, dx, y, 30, FONT_REGULAR, 6, C_FAINT, ALIGN_LEFT,
	    "disagree");
	rc_text(c, c->x1, y, 30, FONT_REGULAR, 6, C_FAINT, ALIGN_RIGHT,
	    "agree");
	pdf_advance(pdf, 6);
	for (i = 0; i < m->nstatements; i++) {
		if (m->statements[i].role != r)
			continue;
		h = rc_height(c, FONT_REGULAR, SZ_BODY, tw, LEAD_BODY,
		    m->statements[i].text);
		if (h < LEAD_BODY)
			h = LEAD_BODY;
		pdf_need(pdf, h + 8);
		y = pdf_y(pdf);
		pdf_rect(pdf, c->x0, y + 2, 2.5f, h - 2, &col, NULL, 0);
		pdf_text_box(pdf, c->x0 + 12, y, tw, FONT_REGULAR, SZ_BODY,
		    LEAD_BODY, C_TEXT, 60, m->statements[i].text);
		v = answer(c->p, i);
		if (v == 0)
			rc_text(c, c->x1, y + 9, DOTS_W, FONT_ITALIC, SZ_SMALL,
			    C_FAINT, ALIGN_RIGHT, "not answered");
		else {
			snprintf(alt, sizeof(alt), "Your answer: %d on the "
			    "scale from 1 (disagree) to 5 (agree)", v);
			pdf_figure_begin(pdf, alt);
			for (k = 1; k <= 5; k++) {
				float cx = dx + 4 + (k - 1) * (DOTS_W - 8) / 4;

				if (k == v)
					pdf_circle(pdf, cx, y + 6, 4.2f, &col,
					    NULL, 0);
				else
					pdf_circle(pdf, cx, y + 6, 3, &C_PAPER,
					    &C_FAINT, 0.7f);
			}
			pdf_tag_end(pdf);
		}
		pdf_advance(pdf, h + 8);
	}
	pdf_advance(pdf, GAP_S);
}

void
sect_roles(struct rctx *c)
{
	const char	*t;
	char		 s[256];

	rc_title(c, "The two roles", "Both roles take AI into production, "
	    "from different sides: one inside the customer's world, one "
	    "inside the company's own platform.");
	cards(c);
	switch (c->p->target) {
	case TARGET_FDE:
		t = c->m->roles[ROLE_FDE].name;
		break;
	case TARGET_MLOPS:
		t = c->m->roles[ROLE_MLOPS].name;
		break;
	default:
		t = "undecided";
		break;
	}
	snprintf(s, sizeof(s), "Each statement was rated from 1 (disagree) "
	    "to 5 (agree); the filled dot is your answer. Your stated "
	    "target: %s.", t);
	rc_heading(c, "Which suits you: your own answers", 60);
	rc_para(c, FONT_REGULAR, SZ_BODY, LEAD_BODY, C_MUTED, s);
	pdf_advance(c->pdf, GAP_S);
	group(c, ROLE_MLOPS);
	group(c, ROLE_FDE);
}
