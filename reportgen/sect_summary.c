/*
 * sect_summary.c: page 1.  A dark cover band with the candidate, the
 * recommendation in one sentence, both fit scores as gauges with their
 * components, the top strengths and gaps, and one line each on seniority,
 * pay and the plan.
 */
#include <stdio.h>
#include <string.h>

#include "brand.h"
#include "fmt.h"
#include "paytext.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

#define CARD_H		150.0f
#define GAUGE_R		40.0f

#define LOGO_BOX	46.0f	/* the white tile the logo sits on */

/* The brand's contact line ("email · phone · url"), or "" when none. */
static const char *
contact(const struct rctx *c, char *buf, size_t bufsz)
{
	const struct brand	*b = c->brand;
	const char		*part[3];
	size_t			 i, n = 0;

	buf[0] = '\0';
	if (b == NULL)
		return buf;
	part[0] = b->email;
	part[1] = b->phone;
	part[2] = b->url;
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL)
			continue;
		n += (size_t)snprintf(buf + n, n < bufsz ? bufsz - n : 0,
		    "%s%s", n > 0 ? "  \xc2\xb7  " : "", part[i]);
		if (n >= bufsz)
			break;
	}
	return buf;
}

/* The brand's logo, top right of the cover band, on a white tile (a
 * flattened logo has a white background).  Returns the width it took. */
static float
cover_logo(struct rctx *c, float right, float y)
{
	const struct brand	*b = c->brand;
	float			 w, h, inner = LOGO_BOX - 10;

	if (b == NULL || b->logo_path == NULL || b->logo.width == 0 ||
	    b->logo.height == 0)
		return 0;
	/* fit the box, keeping the aspect ratio; wide logos get a wider
	 * tile up to three boxes */
	h = inner;
	w = inner * b->logo.width / b->logo.height;
	if (w > 3 * inner) {
		w = 3 * inner;
		h = w * b->logo.height / b->logo.width;
	}
	pdf_round_rect(c->pdf, right - w - 10, y, w + 10, LOGO_BOX, 6,
	    &C_PAPER);
	pdf_image(c->pdf, &b->logo, right - w - 5, y + (LOGO_BOX - h) / 2, w,
	    h);
	return w + 10;
}

/* The cover band: label, name (shrunk to fit two lines), title, facts. */
static void
cover(struct rctx *c)
{
	struct pdf	*pdf = c->pdf;
	char		 meta[512], yrs[32], by[320], con[600];
	float		 y, h, pad = 22, tw, nsize, nh, th, mh, ch;
	float		 half;

	tw = c->w - 2 * pad;
	if (c->brand != NULL && c->brand->logo_path != NULL)
		tw -= LOGO_BOX + 12;
	nsize = SZ_COVER;
	while (nsize > 14 && rc_lines(c, FONT_BOLD, nsize, tw,
	    c->p->name) > 2)
		nsize -= 2;
	nh = (rc_lines(c, FONT_BOLD, nsize, tw, c->p->name) > 1 ? 2 : 1) *
	    nsize * 1.15f;
	th = (rc_lines(c, FONT_REGULAR, SZ_LEAD, tw, c->p->current_title) > 1
	    ? 2 : 1) * 14;
	fmt_years(yrs, sizeof(yrs), c->p->production_years);
	rc_prepared_by(c, by, sizeof(by));
	snprintf(meta, sizeof(meta), "%s in production  \xc2\xb7  %s market"
	    "  \xc2\xb7  %s  \xc2\xb7  Prepared by %s", yrs,
	    c->p->market == MKT_US ? "United States" : "India", c->date, by);
	mh = (rc_lines(c, FONT_REGULAR, SZ_SMALL, tw, meta) > 1 ? 2 : 1) *
	    LEAD_SMALL;
	contact(c, con, sizeof(con));
	ch = con[0] != '\0' ? LEAD_SMALL + 2 : 0;
	h = pad + 10 + 14 + nh + 4 + th + 10 + mh + ch + pad;

	pdf_need(pdf, h);
	y = pdf_y(pdf);
	pdf_round_rect(pdf, c->x0, y, c->w, h, 10, &C_NIGHT);
	/* the two roles' colours as a stripe along the bottom edge */
	half = (c->w - 20) / 2;
	pdf_rect(pdf, c->x0 + 10, y + h - 4, half, 4, &C_FDE, NULL, 0);
	pdf_rect(pdf, c->x0 + 10 + half, y + h - 4, half, 4, &C_MLOPS, NULL,
	    0);
	(void)cover_logo(c, c->x1 - pad + 6, y + pad - 6);

	y += pad + 8;
	rc_text(c, c->x0 + pad, y, tw, FONT_BOLD, SZ_TINY, C_NIGHT_LABEL,
	    ALIGN_LEFT, "CAREER REPORT  \xc2\xb7  FORWARD DEPLOYED ENGINEER "
	    "AND MLOPS ENGINEER");
	y += 12;
	pdf_tag_begin(pdf, TAG_H1);
	pdf_tag_lang(pdf, c->p->name_lang);
	y += pdf_text_box(pdf, c->x0 + pad, y, tw, FONT_BOLD, nsize,
	    nsize * 1.15f, C_PAPER, 2, c->p->name);
	pdf_tag_end(pdf);
	y += 4;
	y += pdf_text_box(pdf, c->x0 + pad, y, tw, FONT_REGULAR, SZ_LEAD, 14,
	    C_NIGHT_TEXT, 2, c->p->current_title);
	y += 10;
	y += pdf_text_box(pdf, c->x0 + pad, y, tw, FONT_REGULAR, SZ_SMALL,
	    LEAD_SMALL, C_NIGHT_MUTED, 2, meta);
	if (con[0] != '\0')
		rc_text(c, c->x0 + pad, y + 2 + SZ_SMALL, tw, FONT_REGULAR,
		    SZ_SMALL, C_NIGHT_LABEL, ALIGN_LEFT, con);
	pdf_set_y(pdf, pdf_y(pdf) + h + GAP_L);
}

/* The recommendation in one sentence (with the real reason when it is
 * "not yet" or too little evidence), then the scorer's reasons. */
static void
recommendation(struct rctx *c)
{
	const struct assessment	*a = c->a;
	char			 s[600], bullet[256];
	int			 i;

	words_headline(s, sizeof(s), a);
	pdf_need(c->pdf, 70);
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, c->x0, pdf_y(c->pdf) + SZ_TINY, c->w, FONT_BOLD, SZ_TINY,
	    c->accent, ALIGN_LEFT, "RECOMMENDATION");
	pdf_tag_end(c->pdf);
	pdf_advance(c->pdf, SZ_TINY + 6);
	pdf_paragraph(c->pdf, c->x0, c->w, FONT_BOLD, 13, 17, C_INK, s);
	pdf_advance(c->pdf, 4);
	if (words_plan_note(s, sizeof(s), a)[0] != '\0') {
		pdf_need(c->pdf, LEAD_BODY);
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_BODY,
		    LEAD_BODY, C_INK, s);
		pdf_advance(c->pdf, 4);
	}
	pdf_tag_begin(c->pdf, TAG_L);
	for (i = 0; i < a->nreasons && i < 4; i++) {
		if (a->reasons[i][0] == '\0')
			continue;
		snprintf(bullet, sizeof(bullet), "%s", a->reasons[i]);
		pdf_need(c->pdf, LEAD_BODY);
		pdf_tag_begin(c->pdf, TAG_LI);
		pdf_circle(c->pdf, c->x0 + 3, pdf_y(c->pdf) + 5.5f, 1.6f,
		    &C_MUTED, NULL, 0);
		pdf_tag_begin(c->pdf, TAG_LBODY);
		pdf_paragraph(c->pdf, c->x0 + 12, c->w - 12, FONT_REGULAR,
		    SZ_BODY, LEAD_BODY, C_TEXT, bullet);
		pdf_tag_end(c->pdf);
		pdf_tag_end(c->pdf);
	}
	pdf_tag_end(c->pdf);
	pdf_advance(c->pdf, GAP_L - 6);
}

/* One component row in a score card: label, value, thin bar. */
static void
component(struct rctx *c, float x, float y, float w, const char *label,
    const struct component *k, enum role r)
{
	char		 v[64], a[16], b[16];
	struct rgb	 col = role_color(r);
	float		 f;

	fmt_num(a, sizeof(a), k->points);
	fmt_num(b, sizeof(b), k->weight);
	snprintf(v, sizeof(v), "%s / %s", a, b);
	rc_text(c, x, y, w * 0.6f, FONT_REGULAR, SZ_SMALL, C_TEXT,
	    ALIGN_LEFT, label);
	rc_text(c, x + w, y, w * 0.4f, FONT_BOLD, SZ_SMALL, C_INK,
	    ALIGN_RIGHT, v);
	pdf_round_rect(c->pdf, x, y + 4, w, 4, 2, &C_PAPER);
	f = k->weight > 0 ? (float)(k->points / k->weight) : 0;
	if (f > 1)
		f = 1;
	if (f > 0.01f)
		pdf_round_rect(c->pdf, x, y + 4, w * f, 4, 2, &col);
}

/* A score card: gauge with the big number, role name, components. */
static void
card(struct rctx *c, float x, float y, float w, enum role r, int best)
{
	const struct fit	*f = &c->a->fit[r];
	struct rgb		 col = role_color(r), wash = role_wash(r);
	struct rgb		 tint = role_tint(r);
	char			 num[16], alt[512], p[3][16], w3[3][16];
	float			 cx, cy, tx, tw, pillw, sc;
	const struct component	*k[3];
	int			 i;

	/* the card as one Figure: the gauge and the components in words */
	k[0] = &f->skills;
	k[1] = &f->experience;
	k[2] = &f->preference;
	for (i = 0; i < 3; i++) {
		fmt_num(p[i], sizeof(p[i]), k[i]->points);
		fmt_num(w3[i], sizeof(w3[i]), k[i]->weight);
	}
	fmt_num(num, sizeof(num), f->score);
	snprintf(alt, sizeof(alt), "Gauge: %s fit %s out of 100%s. Points "
	    "by component: skills %s of %s, experience %s of %s, preference "
	    "%s of %s.", c->m->roles[r].name, num, best ? ", the recommended "
	    "role" : "", p[0], w3[0], p[1], w3[1], p[2], w3[2]);
	pdf_figure_begin(c->pdf, alt);
	pdf_round_rect(c->pdf, x, y, w, CARD_H, 8, &wash);
	rc_text(c, x + 16, y + 24, w - 32, FONT_BOLD, SZ_H2, C_INK,
	    ALIGN_LEFT, c->m->roles[r].name);
	cx = x + 16 + GAUGE_R;
	cy = y + 46 + GAUGE_R;
	sc = (float)f->score;
	if (sc < 0)
		sc = 0;
	if (sc > 100)
		sc = 100;
	pdf_arc(c->pdf, cx, cy, GAUGE_R, -120, 120, tint, 9);
	if (sc > 0.5f)
		pdf_arc(c->pdf, cx, cy, GAUGE_R, -120, -120 + 240 * sc / 100,
		    col, 9);
	fmt_num(num, sizeof(num), f->score);	/* the carried 0.1 value */
	pdf_text(c->pdf, cx, cy + 10, FONT_BOLD, SZ_BIG, col, ALIGN_CENTER,
	    num);
	pdf_text(c->pdf, cx, cy + 24, FONT_REGULAR, SZ_TINY, C_MUTED,
	    ALIGN_CENTER, "out of 100");
	if (best) {
		/* the recommended role: a pill under its gauge */
		pillw = pdf_measure(c->pdf, FONT_BOLD, SZ_TINY,
		    "RECOMMENDED") + 14;
		pdf_round_rect(c->pdf, cx - pillw / 2, y + CARD_H - 23, pillw,
		    14, 7, &col);
		pdf_text(c->pdf, cx, y + CARD_H - 13.5f, FONT_BOLD, SZ_TINY,
		    C_PAPER, ALIGN_CENTER, "RECOMMENDED");
	}

	tx = cx + GAUGE_R + 20;
	tw = x + w - 16 - tx;
	rc_text(c, tx, y + 50, tw, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "POINTS BY COMPONENT");
	component(c, tx, y + 72, tw, "Skills", &f->skills, r);
	component(c, tx, y + 97, tw, "Experience", &f->experience, r);
	component(c, tx, y + 122, tw, "Preference", &f->preference, r);
	pdf_tag_end(c->pdf);
}

static void
cards(struct rctx *c)
{
	float	 y, w;

	w = (c->w - 14) / 2;
	pdf_need(c->pdf, CARD_H + GAP_L);
	y = pdf_y(c->pdf);
	card(c, c->x0, y, w, ROLE_FDE, c->a->rec == REC_FDE);
	card(c, c->x0 + w + 14, y, w, ROLE_MLOPS, c->a->rec == REC_MLOPS);
	pdf_advance(c->pdf, CARD_H + GAP_L);
}

/* One strength or gap: a coloured marker, the name, a detail line. */
static float
item(struct rctx *c, float x, float y, float w, struct rgb mark,
    const char *name, const char *detail)
{
	pdf_tag_begin(c->pdf, TAG_LI);
	pdf_round_rect(c->pdf, x, y + 1, 3, 22, 1.5f, &mark);
	pdf_tag_begin(c->pdf, TAG_LBODY);
	rc_text(c, x + 10, y + 9, w - 10, FONT_BOLD, SZ_BODY, C_INK,
	    ALIGN_LEFT, name);
	rc_text(c, x + 10, y + 21, w - 10, FONT_REGULAR, SZ_SMALL, C_MUTED,
	    ALIGN_LEFT, detail);
	pdf_tag_end(c->pdf);
	pdf_tag_end(c->pdf);
	return 32;
}

static void
strengths_and_gaps(struct rctx *c)
{
	const struct assessment	*a = c->a;
	const struct market	*m = c->m;
	const int		*s = a->strengths, *g = a->top_gaps;
	int			 ns = a->nstrengths, ng = a->ntop_gaps, i, rows;
	float			 y, colw, x2;
	char			 det[256];
	enum role		 r = a->plan_role;

	rows = ns > ng ? ns : ng;
	if (rows == 0)
		rows = 1;
	colw = (c->w - 24) / 2;
	x2 = c->x0 + colw + 24;
	pdf_need(c->pdf, 20 + rows * 32 + GAP_M);
	y = pdf_y(c->pdf);
	/* drawn in reading order: each heading, then its list */
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, c->x0, y + SZ_H2, colw, FONT_BOLD, SZ_H2, C_INK,
	    ALIGN_LEFT, "Top strengths");
	pdf_tag_end(c->pdf);
	y += 22;
	pdf_tag_begin(c->pdf, TAG_L);
	for (i = 0; i < ns; i++) {
		snprintf(det, sizeof(det), "Level %d (%s)  \xc2\xb7  "
		    "%s needs %d, %s %d", a->dims[s[i]].effective,
		    m->scale[a->dims[s[i]].effective].label,
		    m->roles[ROLE_FDE].short_name,
		    a->dims[s[i]].required[ROLE_FDE],
		    m->roles[ROLE_MLOPS].short_name,
		    a->dims[s[i]].required[ROLE_MLOPS]);
		item(c, c->x0, y + i * 32, colw, C_GOOD,
		    rc_dim_name(c, s[i], 0), det);
	}
	pdf_tag_end(c->pdf);
	if (ns == 0) {
		snprintf(det, sizeof(det), "No skill at level %d+ meets "
		    "%s's needs yet.", m->strength_min_level,
		    m->roles[r].short_name);
		rc_text(c, c->x0, y + 9, colw, FONT_ITALIC, SZ_BODY, C_MUTED,
		    ALIGN_LEFT, det);
	}
	snprintf(det, sizeof(det), "Gaps to close for %s",
	    m->roles[r].short_name);
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, x2, y - 22 + SZ_H2, colw, FONT_BOLD, SZ_H2, C_INK,
	    ALIGN_LEFT, det);
	pdf_tag_end(c->pdf);
	pdf_tag_begin(c->pdf, TAG_L);
	for (i = 0; i < ng; i++) {
		words_to_go(det, sizeof(det), a->dims[g[i]].effective,
		    m->roles[r].short_name, a->dims[g[i]].required[r],
		    a->dims[g[i]].gap[r]);
		item(c, x2, y + i * 32, colw, C_GAP, rc_dim_name(c, g[i], 0),
		    det);
	}
	pdf_tag_end(c->pdf);
	if (ng == 0)
		rc_text(c, x2, y + 9, colw, FONT_ITALIC, SZ_BODY, C_MUTED,
		    ALIGN_LEFT, "No skill gap against this role's needs.");
	pdf_set_y(c->pdf, y + rows * 32 + GAP_M);
}

/* Seniority, pay in the candidate's market and the plan in a few lines. */
static void
outlook(struct rctx *c)
{
	const struct assessment	*a = c->a;
	const struct market	*m = c->m;
	char			 s[1400], yrs[32], pay[700];
	float			 h, y;

	fmt_years(yrs, sizeof(yrs), c->p->production_years);
	/* pay in words from paytext.c: no placeholder in a template, no
	 * estimate called published, no unstated basis called base */
	pay_levels_sentence(pay, sizeof(pay), a);
	snprintf(s, sizeof(s), "With %s in production you count as %s. %s ",
	    yrs, m->seniority_name[a->seniority], pay);
	words_plan(s + strlen(s), sizeof(s) - strlen(s), a);
	h = rc_height(c, FONT_REGULAR, SZ_BODY, c->w - 28, LEAD_BODY, s);
	pdf_need(c->pdf, h + 40);
	y = pdf_y(c->pdf);
	pdf_round_rect(c->pdf, c->x0, y, c->w, h + 36, 8, &C_PANEL);
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, c->x0 + 14, y + 18, c->w - 28, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "SENIORITY, PAY AND PLAN");
	pdf_tag_end(c->pdf);
	pdf_text_box(c->pdf, c->x0 + 14, y + 26, c->w - 28, FONT_REGULAR,
	    SZ_BODY, LEAD_BODY, C_TEXT, 12, s);
	pdf_set_y(c->pdf, y + h + 36 + GAP_M);
}

void
sect_summary(struct rctx *c)
{
	cover(c);
	recommendation(c);
	cards(c);
	strengths_and_gaps(c);
	outlook(c);
}
